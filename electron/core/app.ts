// The composition root of the core: one database, one rule set, one dispatcher, one event bus.
// Both transports (Electron IPC and serve mode) start the core through this function, so they run
// exactly the same code on the same file.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ephemeralSecretBox, keyFileSecretBox, type SecretBox } from './channels/secret-box';
import { startChannelWorkers, stopChannelWorkers, type ChannelWorker } from './channels/workers';
import { createDispatcher, type Dispatcher } from './api/dispatch';
import type { Core } from './api/context';
import { EventBus } from './api/events';
import { DEFAULT_IDENTITY, type IdentityPolicy } from './identity/policy';
import { SessionCache } from './identity/session-cache';
import {
  EVERYTHING_CHANGED,
  Live,
  postgresLiveBackend,
  sqliteLiveBackend,
  type Leadership,
  type LiveOptions,
} from './live';
import { defaultRuleSet, parseRuleSet, type RuleSet } from './rules';
import { isPostgresUrl, openStore } from './store';
import { applyDuePlanChanges } from './handlers/plans';
import { adoptUnmeasuredTickets } from './sla/record';
import { SlaScheduler } from './sla/scheduler';
import { bootstrapRuleVersions, RuleVersions, type StoredRuleSet } from './sla/versions';

const SCHEDULER_INTERVAL_MS = 30_000;

export interface CoreOptions {
  /**
   * The database: a SQLite file, created with its folder when missing (':memory:' for throwaway
   * runs), or a postgres:// URL to a team database (migrated on open, never created).
   */
  dbFile: string;
  /** A JSON rule set to use instead of the default. */
  rulesFile?: string | undefined;
  /** Fill an empty database with demo data on first start. */
  demo: boolean;
  now?: () => number;
  /** better-sqlite3 addon built for the running runtime (Electron passes its own). */
  nativeBinding?: string | undefined;
  checkOutputs?: boolean;
  /** Timing of the feed and leadership shared with other processes (tests shorten it). */
  live?: LiveOptions;
  /** How people sign in; one machine's defaults (staff without a password are picked) unless given. */
  identity?: Partial<IdentityPolicy>;
  /**
   * Seals the channels' credentials: the desktop passes safeStorage's; otherwise a key file beside a
   * SQLite file, or a process-long key for ':memory:' and PostgreSQL (the team server passes its key file).
   */
  secrets?: SecretBox;
  /** Run the channel workers (mail delivery…) when this process leads; tests drive them by hand. */
  channelWorkers?: boolean;
}

export interface RunningCore {
  core: Core;
  dispatcher: Dispatcher;
  /** Records SLA breaches as they happen and announces pre-breach warnings (on the leader). */
  sla: SlaScheduler;
  /** Whether this process runs the timers for the database (one process per database does). */
  leadership: Leadership;
  close(): Promise<void>;
}

export class RuleSetFileError extends Error {
  override name = 'RuleSetFileError';
}

export function loadRuleSetFile(file: string): RuleSet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RuleSetFileError(`Cannot read the rule set file ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RuleSetFileError(`The rule set file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseRuleSet(json);
  } catch (error) {
    throw new RuleSetFileError(`The rule set file ${file} was refused. ${(error as Error).message}`);
  }
}

function defaultSecretBox(dbFile: string): SecretBox {
  if (dbFile === ':memory:' || isPostgresUrl(dbFile)) return ephemeralSecretBox();
  return keyFileSecretBox(`${dbFile}.key`);
}

export async function startCore(options: CoreOptions): Promise<RunningCore> {
  const startupRules = options.rulesFile ? loadRuleSetFile(options.rulesFile) : defaultRuleSet;
  const now = options.now ?? Date.now;
  if (options.dbFile !== ':memory:' && !isPostgresUrl(options.dbFile))
    mkdirSync(dirname(options.dbFile), { recursive: true });
  const store = await openStore({ file: options.dbFile, nativeBinding: options.nativeBinding, now });
  let stored: StoredRuleSet;
  try {
    // The rules in force are the latest stored version, so a lead's SLA edits survive a restart.
    stored = await bootstrapRuleVersions(store.db, startupRules, {
      now: now(),
      explicitFile: options.rulesFile ?? null,
    });
    if (options.demo) {
      // The demo generator is loaded only when asked for: a start on real data would pay for it.
      const { DEMO_DEFAULTS, isEmpty, seedDemo } = await import('./demo');
      if (await isEmpty(store.db)) await seedDemo(store.db, stored.rules, { ...DEMO_DEFAULTS, now: now() });
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  // A new version replaces the core's rules as a whole; calls already running keep the object they
  // started with (the dispatcher copies `rules` into each call's context).
  const versions = new RuleVersions((next) => {
    core.rules = next;
  });
  const events = new EventBus();
  // First on the bus: whoever hears of a staff or session change after it finds no stale session.
  const sessionCache = new SessionCache();
  sessionCache.follow(events);
  // Several processes may share the database (two servers, the desktop app and serve mode): each
  // hears the others' changes through the database's feed, and one of them runs the timers.
  const origin = randomUUID();
  const backend =
    store.dialect === 'postgres'
      ? postgresLiveBackend(store.db, options.dbFile, origin, options.live)
      : sqliteLiveBackend(store.db, origin, options.live);
  const core: Core = {
    db: store.db,
    rules: stored.rules,
    now,
    events,
    search: store.search,
    dialect: store.dialect,
    sla: { versions },
    live: new Live(store.db, backend.feed, events),
    identity: { ...DEFAULT_IDENTITY, ...options.identity },
    sessionCache,
    secrets: options.secrets ?? defaultSecretBox(options.dbFile),
    workerBells: { mailIn: null },
  };
  versions.activate(stored.version, stored.rules);
  const dispatcher = createDispatcher(core, { checkOutputs: options.checkOutputs ?? false });
  await backend.feed.start({
    async deliver(batch) {
      // A lead saved rules in another process: in force here before this process's clients hear it.
      if (batch.some((e) => e.event === 'data.changed' && e.payload.topics.includes('rules'))) {
        await versions.refresh(core.db);
      }
      core.live.emitLocally(batch);
    },
    async resync() {
      await versions.refresh(core.db);
      core.live.emitLocally([EVERYTHING_CHANGED]);
    },
  });

  const sla = new SlaScheduler(core);
  let timer: ReturnType<typeof setInterval> | null = null;
  let workers: ChannelWorker[] = [];
  const leadership = backend.leadership;
  try {
    await leadership.start({
      async gained() {
        // Plan changes dated in the future take effect on time, and those that fell due while no
        // process was running take effect now.
        await applyDuePlanChanges(core).catch((error: unknown) =>
          console.error('[core] scheduled plan changes failed; retrying on the timer', error),
        );
        timer = setInterval(() => {
          applyDuePlanChanges(core).catch((error: unknown) =>
            console.error('[core] scheduled plan changes failed', error),
          );
          backend.feed
            .prune()
            .catch((error: unknown) => console.error('[core] pruning the feed failed', error));
        }, SCHEDULER_INTERVAL_MS);
        timer.unref();
        // Tickets from before SLA hours are measured once; then breaches missed while no process was
        // running are recorded with their true time before anyone signs in.
        await adoptUnmeasuredTickets(core).catch((error: unknown) =>
          console.error('[core] measuring tickets from before SLA hours failed', error),
        );
        await sla.start();
        if (options.channelWorkers !== false) workers = await startChannelWorkers(core);
      },
      async lost() {
        if (timer) clearInterval(timer);
        timer = null;
        await sla.stop();
        await stopChannelWorkers(workers);
        workers = [];
      },
    });
  } catch (error) {
    await backend.feed.close();
    await store.close();
    throw error;
  }
  return {
    core,
    dispatcher,
    sla,
    leadership,
    close: async () => {
      await leadership.close();
      await stopChannelWorkers(workers);
      await sla.close();
      await backend.feed.close();
      await store.close();
    },
  };
}
