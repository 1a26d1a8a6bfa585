import type { Kysely, Transaction } from 'kysely';
import type { EventName, EventPayload } from '../../../shared/contract';
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
}

/** One signed-in window or browser. Transports keep one per connection; the core trusts only it. */
export interface Session {
  staffId: number | null;
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
  write<T>(work: (scope: WriteScope) => Promise<T>, options?: { actorStaffId?: number }): Promise<T>;
}
