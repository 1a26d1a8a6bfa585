// The shapes shared by every database's implementation of the change feed and of leadership.
import type { Transaction } from 'kysely';
import type { EventName, EventPayload } from '../../../shared/contract';
import type { Database } from '../store/schema';

/** One contract event as it travels between processes. */
export type LiveEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export interface FeedListener {
  /** Events other processes committed, in commit order, each batch once. */
  deliver(events: readonly LiveEvent[]): Promise<void>;
  /**
   * The feed may have missed events (the database connection was lost, the process was paused past
   * the feed's retention): everything this process caches or its clients show may be stale.
   */
  resync(): Promise<void>;
}

/**
 * The database's change feed: what one process commits, every other process sharing the database
 * hears. Events a process publishes itself are never delivered back to it (it emits them locally).
 */
export interface ChangeFeed {
  /** Adds the events to the transaction: other processes hear them if, and only if, it commits. */
  publish(trx: Transaction<Database>, events: readonly LiveEvent[]): Promise<void>;
  /** Starts delivering other processes' events; resolves once listening. */
  start(listener: FeedListener): Promise<void>;
  /**
   * Delivers, before resolving, every event committed before this call (a call starting in this
   * process then sees every rule version committed before it). Free where the feed is pushed.
   */
  catchUp(): Promise<void>;
  /** Housekeeping run by the leader: drops what no process needs any more. */
  prune(): Promise<void>;
  close(): Promise<void>;
}

export interface LeaderHandlers {
  /** This process now runs the timers; resolves when they are started. */
  gained(): Promise<void>;
  /** Another process may now run them; resolves when this one's are stopped. */
  lost(): Promise<void>;
}

/**
 * Elects one process per database to run the timers (breach scheduler, scheduled plan changes).
 * A leader that dies or loses its database connection loses leadership, and another process takes
 * over within a few seconds.
 */
export interface Leadership {
  /** Makes the first attempt (and, when it wins, starts the timers) before resolving. */
  start(handlers: LeaderHandlers): Promise<void>;
  readonly isLeader: boolean;
  /** Stops the timers if leading and lets another process take over at once. */
  close(): Promise<void>;
}
