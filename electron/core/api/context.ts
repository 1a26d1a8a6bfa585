import type { SecretBox } from '../channels/secret-box';
import type { Kysely, Transaction } from 'kysely';
import type { EventName, EventPayload } from '../../../shared/contract';
import type { IdentityPolicy } from '../identity/policy';
import type { SessionCache } from '../identity/session-cache';
import type { Live } from '../live';
import type { RuleSet } from '../rules';
import type { Database } from '../store/schema';
import type { SearchIndex } from '../store/search/types';
import type { StoreDialect } from '../store';
import type { SlaRuntime } from '../sla/runtime';
import type { StaffRow } from '../store/schema';
import type { EventBus } from './events';

/** Everything the handlers share: one per running core (one database, one rule set). */
export interface Core {
  db: Kysely<Database>;
  rules: RuleSet;
  now: () => number;
  events: EventBus;
  /** Full-text search over the same database, from the store's dialect. */
  search: SearchIndex;
  /** The store's engine: SQLite serialises writers on a lock row, PostgreSQL on the rows they touch. */
  dialect: StoreDialect;
  /** Stored rule set versions: `rules` is the one in force, swapped whole when a lead edits it. */
  sla: SlaRuntime;
  /** The database's change feed: events reach the clients of every process sharing the database. */
  live: Live;
  /** How people sign in: passwords required (team server) or picked on one machine; lifetimes. */
  identity: IdentityPolicy;
  /** Sessions found good on earlier calls, dropped whenever a staff member or a session changes. */
  sessionCache: SessionCache;
  /** Seals the channels' credentials before they are stored (channels/secret-box.ts). */
  secrets: SecretBox;
  /** This core's own channel workers, for its handlers to wake (each set while its worker runs here). */
  workerBells: WorkerBells;
}

/** How a handler tells this core's running worker to look now; null when none runs in this core. */
export interface WorkerBells {
  mailIn: (() => void) | null;
}

/**
 * One signed-in window or browser. Transports keep one per connection (or, on a team server, build
 * one per request from the session cookie or Bearer token); the core trusts only it. The dispatcher
 * derives the signed-in staff member from `token` (a server-issued session, checked on every call)
 * or, for a staff member without a password picked on one machine, from `staffId`; a client never
 * names who it is.
 */
export interface Session {
  staffId: number | null;
  /** The server-issued session token this session rests on; set by sign-in, cleared by sign-out. */
  token?: string | null;
  /** The client's User-Agent, recorded with a new session. */
  client?: string | null;
}

export type Change = Partial<EventPayload<'data.changed'>>;

export interface AuditEntry {
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
}

/** The handle a write gets: its transaction, its audit trail and what it changed. */
export interface WriteScope {
  db: Transaction<Database>;
  audit(entry: AuditEntry): Promise<void>;
  changed(change: Change): void;
  /** An event besides data.changed, sent like it: to every process, only if the write commits. */
  announce<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export interface HandlerContext extends Core {
  session: Session;
  /** The signed-in staff member; null only inside public methods. */
  actor: StaffRow | null;
  method: string;
  /** Runs `work` in one transaction with its audit entries; rolls everything back if it throws. */
  write<T>(work: (scope: WriteScope) => Promise<T>, options?: WriteOptions): Promise<T>;
}

export interface WriteOptions {
  /** The actor when it is not the signed-in staff member (sign-in, accepting an invitation). */
  actorStaffId?: number | null;
  /** The audit action when it is not the method's name (a refused sign-in, a lock-out). */
  action?: string;
}
