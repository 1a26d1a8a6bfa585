// Several real cores on one real database (a SQLite file, or with TEST_STORE=postgres a PostgreSQL
// database), as separate server processes would share it: each core has its own connections, its
// own event bus and its own clients.
import type { EventName, EventPayload, MethodName, MethodOutput } from '../../../shared/contract';
import type { Session } from '../../../electron/core/api/context';
import { startCore, type RunningCore } from '../../../electron/core/app';
import type { LiveOptions } from '../../../electron/core/live';
import { insertFixtures, WEDNESDAY_10_UTC, type Fixtures } from '../helpers/core';
import { createTestDatabase } from '../../support/store';

/** Short enough for tests, long enough for a loaded machine. */
export const FAST: LiveOptions = { pollMs: 50, leaderIntervalMs: 100, leaseTtlMs: 1000 };

export interface SharedDatabase {
  /** The SQLite file or the postgres:// URL. */
  file: string;
  clock: { now: number };
  ids: Fixtures;
  cores: LiveCore[];
  start(options?: LiveOptions): Promise<LiveCore>;
  dispose(): Promise<void>;
}

export interface LiveCore extends RunningCore {
  signedIn(staffId: number): Promise<Session>;
  call<M extends MethodName>(session: Session, method: M, input: unknown): Promise<MethodOutput<M>>;
  /** Every event this core's clients heard, in order. */
  heard: { event: EventName; payload: unknown }[];
  /** Resolves with the first event (already heard or to come) matching, or fails after `timeoutMs`. */
  hear<E extends EventName>(
    event: E,
    matches?: (payload: EventPayload<E>) => boolean,
    timeoutMs?: number,
  ): Promise<EventPayload<E>>;
  closed: boolean;
}

const EVENT_NAMES: EventName[] = ['data.changed', 'sla.warning', 'sla.breached'];

export async function sharedDatabase(start = WEDNESDAY_10_UTC): Promise<SharedDatabase> {
  const database = await createTestDatabase('shared.sqlite');
  const file = database.location;
  const clock = { now: start };
  const cores: LiveCore[] = [];
  let ids: Fixtures | null = null;
  const shared: SharedDatabase = {
    file,
    clock,
    get ids() {
      if (!ids) throw new Error('start a core first');
      return ids;
    },
    cores,
    async start(options = FAST) {
      const running = await startCore({
        dbFile: file,
        demo: false,
        now: () => clock.now,
        checkOutputs: true,
        live: options,
      });
      ids ??= await insertFixtures(running.core.db, start);
      const core = liveCore(running);
      cores.push(core);
      return core;
    },
    async dispose() {
      for (const core of cores) if (!core.closed) await core.close();
      await database.dispose();
    },
  };
  return shared;
}

function liveCore(running: RunningCore): LiveCore {
  const heard: LiveCore['heard'] = [];
  const waiters = new Set<() => void>();
  for (const event of EVENT_NAMES) {
    running.core.events.on(event, (payload) => {
      heard.push({ event, payload });
      for (const wake of waiters) wake();
    });
  }
  const core: LiveCore = {
    ...running,
    heard,
    closed: false,
    async close() {
      core.closed = true;
      await running.close();
    },
    async signedIn(staffId) {
      const session: Session = { staffId: null };
      const result = await running.dispatcher.invoke(session, 'session.signIn', { staffId });
      if (!result.ok) throw new Error(result.error.message);
      return session;
    },
    async call(session, method, input) {
      const result = await running.dispatcher.invoke(session, method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
    hear(event, matches = () => true, timeoutMs = 1000) {
      return new Promise((resolve, reject) => {
        const look = (): boolean => {
          const found = heard.find((h) => h.event === event && matches(h.payload as never));
          if (!found) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found.payload as never);
          return true;
        };
        const wake = () => void look();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no ${event} event within ${timeoutMs} ms; heard ${JSON.stringify(heard)}`));
        }, timeoutMs);
        waiters.add(wake);
        look();
      });
    },
  };
  return core;
}
