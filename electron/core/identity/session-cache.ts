// The sessions a process found good on earlier calls, so a signed-in agent's every call does not
// read its session and holder again (nor a picked staff member's row, for sessions without a token). Only good sessions are kept, and none is trusted past what the
// database would say now:
// - anything that changes a staff member or ends a session announces it: the `staff` topic (sign-in,
//   password change, deactivation, role edits) or `sessions` (sign-out), in this process through
//   the event bus and in the others through the database's feed, which every call hears out before
//   it authenticates (dispatch: `live.sync()`); every entry is dropped then, before the event
//   reaches anyone else;
// - the feed's gaps (a lost connection) arrive as "everything changed", which includes both;
// - both lifetimes are checked against the entry on every call, and an entry that fails any check is
//   looked up again, so a refusal always comes from the database;
// - a change made around the servers (SQL by hand) is seen within MAX_AGE_MS.
import type { EventPayload } from '../../../shared/contract';
import type { EventBus } from '../api/events';
import type { StaffRow } from '../store/schema';

/** What authenticate.ts reads for a token: the session's own columns and its holder. */
export interface SessionRow {
  session: {
    id: number;
    staff_id: number;
    revoked_at: number | null;
    revoked_reason: string | null;
    expires_at: number;
    last_seen_at: number;
  };
  staff: StaffRow;
}

interface Entry {
  row: SessionRow;
  /** performance.now() when read from the database. */
  readAt: number;
}

/** The longest an entry is used without reading the database again, for changes made around the servers. */
const MAX_AGE_MS = 5_000;
/** Far more sessions than a team holds open; the oldest entry makes room past it. */
const MAX_ENTRIES = 5_000;

/** Whether the change may have ended a session or changed its holder: a staff or sessions topic. */
export function endsSessions(payload: EventPayload<'data.changed'>): boolean {
  return payload.topics.includes('staff') || payload.topics.includes('sessions');
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /**
   * Staff members picked without a token (the desktop app, serve mode without passwords), by id:
   * their row is what the pick is judged on, so it follows the same rules as a session's.
   */
  private readonly picks = new Map<number, { staff: StaffRow; readAt: number }>();
  /** Counts the clears, so a lookup that raced with one does not store what it read before it. */
  private generation = 0;

  constructor(
    private readonly maxAgeMs = MAX_AGE_MS,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  /**
   * Drops every entry whenever a staff member or a session changes. Subscribe before anything
   * else listens on the bus: a listener that authenticates on such an event (the server ending a
   * revoked person's streams) must not find the entry the event made stale.
   */
  follow(bus: EventBus): () => void {
    return bus.on('data.changed', (payload) => {
      if (endsSessions(payload)) this.clear();
    });
  }

  get(tokenHash: string): SessionRow | null {
    const entry = this.entries.get(tokenHash);
    if (!entry) return null;
    if (performance.now() - entry.readAt >= this.maxAgeMs) {
      this.entries.delete(tokenHash);
      return null;
    }
    return entry.row;
  }

  /** Where a lookup starts: hand it to `set` with what the lookup found good. */
  mark(): number {
    return this.generation;
  }

  set(tokenHash: string, row: SessionRow, mark: number, readAt = performance.now()): void {
    if (mark !== this.generation) return;
    this.entries.delete(tokenHash);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(tokenHash, { row, readAt });
  }

  /** The session was touched (last_seen_at written): the entry follows without a new read. */
  touched(tokenHash: string, lastSeenAt: number): void {
    const entry = this.entries.get(tokenHash);
    if (entry) entry.row = { ...entry.row, session: { ...entry.row.session, last_seen_at: lastSeenAt } };
  }

  forget(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  getPicked(staffId: number): StaffRow | null {
    const entry = this.picks.get(staffId);
    if (!entry) return null;
    if (performance.now() - entry.readAt >= this.maxAgeMs) {
      this.picks.delete(staffId);
      return null;
    }
    return entry.staff;
  }

  /** A picked staff member found good, read after `mark`. */
  setPicked(staff: StaffRow, mark: number, readAt = performance.now()): void {
    if (mark !== this.generation) return;
    this.picks.delete(staff.id);
    if (this.picks.size >= this.maxEntries) {
      const oldest = this.picks.keys().next().value;
      if (oldest !== undefined) this.picks.delete(oldest);
    }
    this.picks.set(staff.id, { staff, readAt });
  }

  clear(): void {
    this.entries.clear();
    this.picks.clear();
    this.generation++;
  }
}
