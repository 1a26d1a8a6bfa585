// The change feed of processes sharing one SQLite file. SQLite has no notifications between
// processes, so each write appends its events to `live_events` in its own transaction and every
// process polls the table. SQLite runs one writer at a time, so ids grow in commit order and
// "every row after the last id seen" misses nothing.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema';
import { sharedLook } from './catch-up';
import { parseLiveEvent } from './events';
import type { ChangeFeed, FeedListener, LiveEvent } from './types';

export interface SqliteFeedOptions {
  /** How often the table is looked at: the delay before another process's clients hear a change. */
  pollMs?: number;
  /** How long rows are kept: a process that could not look for longer resynchronises. */
  retentionMs?: number;
}

const MAX_ROWS_PER_POLL = 1000;

export class SqliteFeed implements ChangeFeed {
  private readonly pollMs: number;
  private readonly retentionMs: number;
  private listener: FeedListener | null = null;
  private lastId = 0;
  /** Wall-clock time of the last poll that read the table. */
  private lastReadAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly look = sharedLook(() => this.poll());
  private polling: Promise<void> = Promise.resolve();
  private closed = false;
  private failing = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly origin: string,
    options: SqliteFeedOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 250;
    this.retentionMs = options.retentionMs ?? 60_000;
  }

  async publish(trx: Transaction<Database>, events: readonly LiveEvent[]): Promise<void> {
    if (events.length === 0) return;
    const at = Date.now();
    await trx
      .insertInto('live_events')
      .values(
        events.map((e) => ({
          origin: this.origin,
          event: e.event,
          payload: JSON.stringify(e.payload),
          created_at: at,
        })),
      )
      .execute();
  }

  async start(listener: FeedListener): Promise<void> {
    // Only what is committed from now on: clients fetch the present when they connect.
    const row = await this.db
      .selectFrom('live_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    this.lastId = Number(row?.id ?? 0);
    this.lastReadAt = Date.now();
    this.listener = listener;
    this.schedule();
  }

  /** A poll now, shared with concurrent callers (see sharedLook). */
  catchUp(): Promise<void> {
    if (this.closed || !this.listener) return Promise.resolve();
    return this.look();
  }

  async prune(): Promise<void> {
    await this.db
      .deleteFrom('live_events')
      .where('created_at', '<', Date.now() - this.retentionMs)
      .execute();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.polling = this.catchUp().catch(() => undefined);
      void this.polling.finally(() => this.schedule());
    }, this.pollMs);
    // The feed never keeps a process alive on its own.
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    const listener = this.listener;
    if (!listener) return;
    const startedAt = Date.now();
    let rows;
    try {
      rows = await this.db
        .selectFrom('live_events')
        .select(['id', 'origin', 'event', 'payload'])
        .where('id', '>', this.lastId)
        .orderBy('id')
        .limit(MAX_ROWS_PER_POLL)
        .execute();
    } catch (error) {
      if (!this.failing) console.error('[live] cannot read the change feed; retrying', error);
      this.failing = true;
      throw error;
    }
    this.failing = false;
    // Rows older than the retention may have been pruned unseen: trust nothing cached.
    const missedSome = startedAt - this.lastReadAt > this.retentionMs / 2;
    this.lastReadAt = startedAt;
    const last = rows[rows.length - 1];
    if (last) this.lastId = last.id;
    if (missedSome) {
      await listener.resync();
      return;
    }
    const events = rows
      .filter((r) => r.origin !== this.origin)
      .map((r) => parseLiveEvent(r.event, r.payload))
      .filter((e): e is LiveEvent => e !== null);
    if (events.length > 0) await listener.deliver(events);
    if (rows.length === MAX_ROWS_PER_POLL) await this.poll();
  }
}
