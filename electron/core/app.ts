// The composition root of the core: one database, one rule set, one dispatcher, one event bus.
// Both transports (Electron IPC and serve mode) start the core through this function, so they run
// exactly the same code on the same file.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createDispatcher, type Dispatcher } from './api/dispatch';
import type { Core } from './api/context';
import { EventBus } from './api/events';
import { DEMO_DEFAULTS, isEmpty, seedDemo } from './demo';
import { defaultRuleSet, parseRuleSet, type RuleSet } from './rules';
import { openStore } from './store';
import { applyDuePlanChanges } from './handlers/plans';

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
}

export interface RunningCore {
  core: Core;
  dispatcher: Dispatcher;
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
  const rules = options.rulesFile ? loadRuleSetFile(options.rulesFile) : defaultRuleSet;
  const now = options.now ?? Date.now;
  if (options.dbFile !== ':memory:') mkdirSync(dirname(options.dbFile), { recursive: true });
  const store = await openStore({ file: options.dbFile, nativeBinding: options.nativeBinding, now });
  try {
    if (options.demo && (await isEmpty(store.db))) {
      await seedDemo(store.db, rules, { ...DEMO_DEFAULTS, now: now() });
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  const core: Core = { db: store.db, rules, now, events: new EventBus(), search: store.search };
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
  return {
    core,
    dispatcher,
    close: async () => {
      clearInterval(timer);
      await store.close();
    },
  };
}
