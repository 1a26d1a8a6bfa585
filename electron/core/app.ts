// The composition root of the core: one database, one rule set, one dispatcher, one event bus.
// Both transports (Electron IPC and serve mode) start the core through this function, so they run
// exactly the same code on the same file.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createDispatcher, type Dispatcher } from './api/dispatch';
import type { Core } from './api/context';
import { EventBus } from './api/events';
import { DEMO_DEFAULTS, isEmpty, seedDemo } from './demo';
import { DEFAULT_IDENTITY, type IdentityPolicy } from './identity/policy';
import { defaultRuleSet, parseRuleSet, type RuleSet } from './rules';
import { openStore } from './store';
import { applyDuePlanChanges } from './handlers/plans';
import { adoptUnmeasuredTickets } from './sla/record';
import { SlaScheduler } from './sla/scheduler';
import { bootstrapRuleVersions, RuleVersions, type StoredRuleSet } from './sla/versions';

const SCHEDULER_INTERVAL_MS = 30_000;

export interface CoreOptions {
  /** The SQLite file; created with its folder when missing. ':memory:' for throwaway runs. */
  dbFile: string;
  /** A JSON rule set to use instead of the default. */
  rulesFile?: string | undefined;
  /** Fill an empty database with demo data on first start. */
  demo: boolean;
  now?: () => number;
  /** better-sqlite3 addon built for the running runtime (Electron passes its own). */
  nativeBinding?: string | undefined;
  checkOutputs?: boolean;
  /** How people sign in; one machine's defaults (staff without a password are picked) unless given. */
  identity?: Partial<IdentityPolicy>;
}

export interface RunningCore {
  core: Core;
  dispatcher: Dispatcher;
  /** Records SLA breaches as they happen and announces pre-breach warnings. */
  sla: SlaScheduler;
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

export async function startCore(options: CoreOptions): Promise<RunningCore> {
  const startupRules = options.rulesFile ? loadRuleSetFile(options.rulesFile) : defaultRuleSet;
  const now = options.now ?? Date.now;
  if (options.dbFile !== ':memory:') mkdirSync(dirname(options.dbFile), { recursive: true });
  const store = await openStore({ file: options.dbFile, nativeBinding: options.nativeBinding, now });
  let stored: StoredRuleSet;
  try {
    // The rules in force are the latest stored version, so a lead's SLA edits survive a restart.
    stored = await bootstrapRuleVersions(store.db, startupRules, {
      now: now(),
      explicitFile: options.rulesFile ?? null,
    });
    if (options.demo && (await isEmpty(store.db))) {
      await seedDemo(store.db, stored.rules, { ...DEMO_DEFAULTS, now: now() });
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
  const core: Core = {
    db: store.db,
    rules: stored.rules,
    now,
    events: new EventBus(),
    search: store.search,
    sla: { versions },
    identity: { ...DEFAULT_IDENTITY, ...options.identity },
  };
  versions.activate(stored.version, stored.rules);
  const dispatcher = createDispatcher(core, { checkOutputs: options.checkOutputs ?? false });
  // Plan changes dated in the future take effect on time, and those that fell due while the app was
  // closed take effect now.
  await applyDuePlanChanges(core);
  const timer = setInterval(() => {
    applyDuePlanChanges(core).catch((error: unknown) =>
      console.error('[core] scheduled plan changes failed', error),
    );
  }, SCHEDULER_INTERVAL_MS);
  timer.unref();
  // Tickets from before SLA hours are measured once; then breaches missed while the app was closed
  // are recorded with their true time before anyone signs in.
  await adoptUnmeasuredTickets(core);
  const sla = new SlaScheduler(core);
  await sla.start();
  return {
    core,
    dispatcher,
    sla,
    close: async () => {
      clearInterval(timer);
      await sla.close();
      await store.close();
    },
  };
}
