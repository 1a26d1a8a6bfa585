// npm run seed -- --customers N --tickets N --db PATH|postgres://URL [--seed S] [--now ISO|ms] [--days D] [--rules PATH]
// Fills an empty database with deterministic demo data; refuses anything else with one sentence.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadRuleSetFile } from '../electron/core/app';
import { DEMO_DEFAULTS, isEmpty, seedDemo, type SeedSummary } from '../electron/core/demo';
import { defaultRuleSet } from '../electron/core/rules';
import { isPostgresUrl, openStore } from '../electron/core/store';

class UsageError extends Error {}

const USAGE =
  'Usage: npm run seed -- --db PATH|postgres://URL [--customers N] [--tickets N] [--seed S] [--now ISO|ms] [--days D] [--rules PATH]';

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--${name} must be an integer, not "${value}".`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min)
    throw new UsageError(`--${name} must be an integer of at least ${min}.`);
  return n;
}

function instant(value: string | undefined): number {
  if (value === undefined) return Date.now();
  const ms = /^\d+$/.test(value.trim()) ? Number(value) : Date.parse(value);
  if (!Number.isSafeInteger(ms))
    throw new UsageError(`--now must be an ISO date-time or epoch milliseconds, not "${value}".`);
  return ms;
}

function parse(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        customers: { type: 'string' },
        tickets: { type: 'string' },
        seed: { type: 'string' },
        now: { type: 'string' },
        days: { type: 'string' },
        rules: { type: 'string' },
      },
    }));
  } catch (error) {
    // parseArgs already names the flag ("Unknown option '--x'"); keep it to one sentence.
    throw new UsageError(`${(error as Error).message.split('\n')[0] ?? 'Bad arguments'}. ${USAGE}`);
  }
  if (!values.db) throw new UsageError(`--db is required. ${USAGE}`);
  return {
    // A postgres:// URL seeds a team database; anything else is a SQLite file.
    db: isPostgresUrl(values.db) ? values.db : resolve(values.db),
    customers: integer('customers', values.customers, DEMO_DEFAULTS.customers, 1),
    tickets: integer('tickets', values.tickets, DEMO_DEFAULTS.tickets, 0),
    seed: integer('seed', values.seed, DEMO_DEFAULTS.seed, -(2 ** 31)),
    days: integer('days', values.days, 30, 1),
    now: instant(values.now),
    rules: values.rules ? resolve(values.rules) : null,
  };
}

function describe(s: SeedSummary, file: string, ms: number): string {
  const plans = Object.entries(s.customersByPlan)
    .map(([p, n]) => `${p} ${n}`)
    .join(', ');
  const channels = Object.entries(s.ticketsByChannel)
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  const statuses = Object.entries(s.ticketsByStatus)
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  const calls = Object.entries(s.callsByStatus)
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  const levels = Object.entries(s.freeQuotaLevels)
    .map(([l, n]) => `${l}:${n}`)
    .join(' ');
  return (
    `Seeded ${file} (seed ${s.seed}, now ${new Date(s.now).toISOString()}, last ${s.days} days, rules ${s.ruleSetVersion}): ` +
    `${s.rows.staff} staff, ${s.rows.customers} customers (${plans}), ${s.rows.plan_changes} plan changes, ` +
    `${s.rows.manager_assignments} manager assignments, ${s.rows.tickets} tickets (${channels}; ${statuses}), ` +
    `${s.refused} refused at intake, ${s.outsideHours} accepted outside hours, ${s.rows.messages} messages, ` +
    `${s.rows.calls} calls (${calls}), ${s.rows.outbox} outbox e-mails; quota plan customers by messages used ${levels}. ` +
    `Took ${(ms / 1000).toFixed(1)} s.`
  );
}

async function main(): Promise<number> {
  const started = performance.now();
  const args = parse(process.argv.slice(2));
  const rules = args.rules ? loadRuleSetFile(args.rules) : defaultRuleSet;
  if (!isPostgresUrl(args.db)) mkdirSync(dirname(args.db), { recursive: true });
  const store = await openStore({ file: args.db });
  try {
    if (!(await isEmpty(store.db)))
      throw new UsageError(`${args.db} already has data; demo data only goes into an empty database.`);
    let reported = performance.now();
    const summary = await seedDemo(store.db, rules, {
      customers: args.customers,
      tickets: args.tickets,
      seed: args.seed,
      now: args.now,
      days: args.days,
      // Large seeds take minutes: say how far they are, on stderr, at most every few seconds.
      progress: (p) => {
        if (performance.now() - reported < 5000) return;
        reported = performance.now();
        console.error(`… ${p.written} of ${args.tickets} tickets written (${p.held} in progress)`);
      },
    });
    console.log(describe(summary, args.db, performance.now() - started));
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof UsageError ? message : `Seeding failed: ${message}`);
    process.exit(1);
  },
);
