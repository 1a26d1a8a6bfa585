// Live across processes: what one process commits, the clients of every process sharing the
// database hear, and the caches of every process follow (the rule set in force). The core talks to
// this module only; the database's feed and leadership live beside it (sqlite-*, pg-*).
import type { Kysely, Transaction } from 'kysely';
import { dataTopics } from '../../../shared/contract';
import type { EventBus } from '../api/events';
import type { Database } from '../store/schema';
import { Leader } from './leader';
import { PgFeed } from './pg-feed';
import { PgAdvisoryLock } from './pg-leader';
import { SqliteFeed } from './sqlite-feed';
import { SqliteLease } from './sqlite-lease';
import type { ChangeFeed, Leadership, LiveEvent } from './types';

export class Live {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly feed: ChangeFeed,
    private readonly bus: EventBus,
  ) {}

  /** Inside a write: the events reach other processes if, and only if, the write commits. */
  publish(trx: Transaction<Database>, events: readonly LiveEvent[]): Promise<void> {
    return this.feed.publish(trx, events);
  }

  /** Emits to this process's clients (after the commit that carried the events). */
  emitLocally(events: readonly LiveEvent[]): void {
    for (const e of events) this.bus.emit(e.event, e.payload);
  }

  /** Events that belong to no write (a deadline coming near): sent to every process now. */
  async announce(events: readonly LiveEvent[]): Promise<void> {
    await this.db.transaction().execute((trx) => this.feed.publish(trx, events));
    this.emitLocally(events);
  }

  /** Hears, before resolving, every event committed so far by other processes. */
  sync(): Promise<void> {
    return this.feed.catchUp();
  }
}

/** What clients are told after a gap in the feed: everything may have changed, refetch it. */
export const EVERYTHING_CHANGED: LiveEvent = {
  event: 'data.changed',
  payload: { topics: [...dataTopics], ticketIds: [], customerIds: [] },
};

export type { ChangeFeed, Leadership, LiveEvent } from './types';

export interface LiveOptions {
  /** How often a follower looks at the SQLite feed (ms). */
  pollMs?: number;
  /** How often leadership is renewed or claimed (ms). */
  leaderIntervalMs?: number;
  /** How long the SQLite lease lasts without renewal (ms). */
  leaseTtlMs?: number;
}

export interface LiveBackend {
  feed: ChangeFeed;
  leadership: Leadership;
}

/** The feed and leadership of processes sharing one SQLite file. */
export function sqliteLiveBackend(
  db: Kysely<Database>,
  origin: string,
  options: LiveOptions = {},
): LiveBackend {
  return {
    feed: new SqliteFeed(db, origin, { pollMs: options.pollMs }),
    leadership: new Leader(new SqliteLease(db, origin, { ttlMs: options.leaseTtlMs }), {
      intervalMs: options.leaderIntervalMs,
    }),
  };
}

/** The feed and leadership of processes sharing one PostgreSQL database (the team server). */
export function postgresLiveBackend(
  db: Kysely<Database>,
  url: string,
  origin: string,
  options: LiveOptions = {},
): LiveBackend {
  const lock = new PgAdvisoryLock(url);
  const leadership = new Leader(lock, { intervalMs: options.leaderIntervalMs });
  // A lost lock connection stops this process's timers at once, not at the next renewal.
  lock.onLost = () => leadership.poke();
  return { feed: new PgFeed(db, url, origin), leadership };
}
