// The store's side of the queue on the benchmark data set (1,000,000 tickets, 200,000 customers),
// each call through the real dispatcher as the renderer makes it. queue_page_ms (p95) covers every
// page an agent asks for: the first page of every built-in view, the next pages by cursor, and
// views filtered and sorted otherwise (as a saved view or the filter bar makes them); each kind has
// its own p95 too (queue_first_page_ms, queue_cursor_page_ms, queue_custom_view_ms). Also search_ms
// and views_list_ms (p95, ms). BENCH_VERBOSE=1 prints each view's and each query's p95 to stderr.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Session } from '../../electron/core/api/context';
import { startCore, type RunningCore } from '../../electron/core/app';
import { seedDemo } from '../../electron/core/demo';
import { defaultRuleSet } from '../../electron/core/rules';
import { openStore } from '../../electron/core/store';
import { migrations } from '../../electron/core/store/migrations';
import { builtinViews } from '../../electron/core/views/builtin';

/** BENCH_CUSTOMERS and BENCH_TICKETS make a smaller set for trying a bench out; figures are on this one. */
export const BENCH_SIZE = {
  customers: Number(process.env.BENCH_CUSTOMERS ?? 200_000),
  tickets: Number(process.env.BENCH_TICKETS ?? 1_000_000),
  seed: 1,
} as const;
/** Wednesday 2026-11-25 10:00 UTC: every channel open, so every view has work in it. */
export const BENCH_NOW = Date.UTC(2026, 10, 25, 10, 0);
const PAGE_ROUNDS = 10;
/** Pages read after the first one by following nextCursor, as scrolling down does. */
const CURSOR_PAGES = 4;
const SEARCH_ROUNDS = 10;
const VIEWS_LIST_ROUNDS = 20;
const LATER_ROUNDS = 5;

/** Where seeded databases are kept between runs; BENCH_CACHE_DIR puts them elsewhere (a worktree whose node_modules is shared). */
const CACHE_DIR = resolve(process.env.BENCH_CACHE_DIR ?? 'node_modules/.cache/support-console-bench');

/** Searches an agent types: subjects, message words, prefixes mid-word, people, an e-mail domain. */
const QUERIES = [
  'invoice',
  'csv import',
  'webhook',
  'export pdf',
  'api key',
  'password reset',
  'charged twice',
  'two-factor',
  '401 unauthorized',
  'Chloé',
  'imp',
  'inv',
  'he',
  'hello',
  'thanks for',
  'report',
];

function p95(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

/**
 * The seeded benchmark database, for this bench and any other that measures the same data set:
 * built once per seed, size and schema (the migrations), so a schema change builds a fresh one.
 * Written under a temporary name and renamed, so an interrupted build never leaves a half-seeded
 * cache behind.
 */
export async function benchDatabase(): Promise<string> {
  // Names and bodies: a migration edited before release (same name) must not reuse an old database.
  const schema = createHash('sha256')
    .update(migrations.map((m) => `${m.name}\n${m.up.toString()}`).join('\n'))
    .digest('hex')
    .slice(0, 8);
  const key = `s${BENCH_SIZE.seed}-c${BENCH_SIZE.customers}-t${BENCH_SIZE.tickets}-m${migrations.length}-${schema}`;
  const file = join(CACHE_DIR, `${key}.sqlite`);
  if (existsSync(file)) return file;
  mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  const started = performance.now();
  const store = await openStore({ file: partial, now: () => BENCH_NOW });
  try {
    await seedDemo(store.db, defaultRuleSet, { ...BENCH_SIZE, now: BENCH_NOW });
  } finally {
    await store.close();
  }
  renameSync(partial, file);
  console.error(`queue bench: seeded ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

/** One measured session on a running core: the calls an agent's window makes, each timed. */
interface Measurer {
  /** A contract call through the dispatcher, in ms; a refusal fails the bench. */
  call(method: string, input: unknown): Promise<number>;
  /** The first page of a view, then up to `more` pages through the cursor each page gives. */
  scroll(input: Record<string, unknown>, more: number): Promise<{ first: number; next: number[] }>;
}

/** Signs the first agent in and returns the timers every queue figure is taken with. */
async function measurer(running: RunningCore): Promise<Measurer> {
  const session: Session = { staffId: null };
  const timed = async <T>(method: string, input: unknown): Promise<{ ms: number; value: T }> => {
    const started = performance.now();
    const result = await running.dispatcher.call(session, method, input);
    const ms = performance.now() - started;
    if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
    return { ms, value: result.value as T };
  };
  const agent = await running.core.db
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'agent')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await timed('session.signIn', { staffId: agent.id });
  return {
    call: async (method, input) => (await timed(method, input)).ms,
    async scroll(input, more) {
      const page = (cursor: string | null) =>
        timed<{ nextCursor: string | null }>('queue.list', { ...input, cursor, limit: 50 });
      let last = await page(null);
      const first = last.ms;
      const next: number[] = [];
      for (let i = 0; i < more && last.value.nextCursor !== null; i++) {
        last = await page(last.value.nextCursor);
        next.push(last.ms);
      }
      return { first, next };
    },
  };
}

const builtinInput = (view: (typeof builtinViews)[number]) => ({ filter: view.filter, sort: view.sort });

/** Samples per key, printed as each key's p95 with BENCH_VERBOSE=1. */
class Samples {
  private readonly byKey = new Map<string, number[]>();
  add(key: string, ...samples: number[]): void {
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), ...samples]);
  }
  print(label: (key: string) => string): void {
    if (!process.env.BENCH_VERBOSE) return;
    for (const [key, samples] of this.byKey)
      console.error(`  ${label(key)}: p95 ${p95(samples).toFixed(2)} ms`);
  }
}

/** views.list, once as a warm-up, then VIEWS_LIST_ROUNDS times. */
async function measureViewsList(m: Measurer): Promise<number[]> {
  await m.call('views.list', {});
  const lists: number[] = [];
  for (let round = 0; round < VIEWS_LIST_ROUNDS; round++) lists.push(await m.call('views.list', {}));
  return lists;
}

/**
 * The searches: QUERIES, and people searched for too (the last names of the customers given and
 * the first one's e-mail, from the data itself). Each text once (the first search of it), then
 * SEARCH_ROUNDS rounds.
 */
async function measureSearches(
  running: RunningCore,
  m: Measurer,
  peopleIds: number[],
): Promise<{ first: number[]; repeated: number[] }> {
  const people = await running.core.db
    .selectFrom('customers')
    .select(['name', 'account_email'])
    .orderBy('id')
    .where('id', 'in', peopleIds)
    .execute();
  const queries = [
    ...QUERIES,
    ...people.map((p) => p.name.split(' ').at(-1) ?? p.name),
    ...people.slice(0, 1).map((p) => p.account_email),
  ];
  const first: number[] = [];
  for (const text of queries) first.push(await m.call('search.query', { text }));
  const repeated: number[] = [];
  const byQuery = new Samples();
  for (let round = 0; round < SEARCH_ROUNDS; round++) {
    for (const text of queries) {
      const ms = await m.call('search.query', { text });
      repeated.push(ms);
      byQuery.add(text, ms);
    }
  }
  byQuery.print((text) => `"${text}"`);
  return { first, repeated };
}

/** Customers whose names and e-mail the searches look for. */
const SEARCHED_PEOPLE = [17, 1234, 4321];

export async function benchQueue(): Promise<Record<string, number>> {
  const cached = await benchDatabase();
  // A copy per run: starting the core may write (due plan changes, schedulers), and the cache must
  // stay as seeded for the next run to measure the same thing.
  const dir = join(tmpdir(), `support-console-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'queue.sqlite');
  copyFileSync(cached, file);
  const running = await startCore({ dbFile: file, demo: false, now: () => BENCH_NOW });
  try {
    const m = await measurer(running);
    const someCustomer = await running.core.db
      .selectFrom('tickets')
      .select('customer_id')
      .groupBy('customer_id')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    /** Filters and sorts the built-in views do not use, as a saved view or the filter bar asks. */
    const customViews: { id: string; input: Record<string, unknown> }[] = [
      {
        id: 'free_newest',
        input: { filter: { planIds: ['free'] }, sort: { field: 'created_at', direction: 'desc' } },
      },
      {
        id: 'email_chat_open_by_priority',
        input: {
          filter: { channels: ['email', 'chat'], statuses: ['new', 'open'] },
          sort: { field: 'priority', direction: 'desc' },
        },
      },
      {
        id: 'unassigned_recently_updated',
        input: { filter: { assignee: { kind: 'none' } }, sort: { field: 'updated_at', direction: 'desc' } },
      },
      {
        id: 'due_within_60',
        input: { filter: { dueWithinMinutes: 60 }, sort: { field: 'due_at', direction: 'asc' } },
      },
      {
        id: 'refused_oldest',
        input: { filter: { intakeOutcome: 'refuse' }, sort: { field: 'created_at', direction: 'asc' } },
      },
      {
        id: 'one_customer',
        input: {
          filter: { customerId: someCustomer.customer_id },
          sort: { field: 'updated_at', direction: 'desc' },
        },
      },
      {
        id: 'mine_waiting',
        input: {
          filter: { assignee: { kind: 'me' }, statuses: ['waiting_customer'] },
          sort: { field: 'updated_at', direction: 'asc' },
        },
      },
    ];

    // One warm-up pass: the first statements compile and the pages come into the cache.
    for (const view of builtinViews) await m.scroll(builtinInput(view), CURSOR_PAGES);
    for (const view of customViews) await m.scroll(view.input, CURSOR_PAGES);
    const firstPages: number[] = [];
    const cursorPages: number[] = [];
    const customPages: number[] = [];
    const byView = new Samples();
    for (let round = 0; round < PAGE_ROUNDS; round++) {
      for (const view of builtinViews) {
        const { first, next } = await m.scroll(builtinInput(view), CURSOR_PAGES);
        firstPages.push(first);
        cursorPages.push(...next);
        byView.add(view.id, first, ...next);
      }
      for (const view of customViews) {
        const { first, next } = await m.scroll(view.input, CURSOR_PAGES);
        customPages.push(first, ...next);
        byView.add(`custom:${view.id}`, first, ...next);
      }
    }
    byView.print((id) => id);

    const lists = await measureViewsList(m);
    const searches = await measureSearches(running, m, SEARCHED_PEOPLE);
    return {
      queue_page_ms: p95([...firstPages, ...cursorPages, ...customPages]),
      queue_first_page_ms: p95(firstPages),
      queue_cursor_page_ms: p95(cursorPages),
      queue_custom_view_ms: p95(customPages),
      search_ms: p95(searches.repeated),
      views_list_ms: p95(lists),
    };
  } finally {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The queue figures on a running core, the same on both stores: the first page of every built-in
 * view (then, when `laterPages`, the two pages after it through the cursor), views.list, and the
 * searches (each query once as a warm-up, then measured). p95 of each, in ms.
 */
export async function measureQueue(
  running: RunningCore,
  peopleIds: number[],
  options: { laterPages?: boolean } = {},
): Promise<{ pages: number; laterPages: number; searches: number; firstSearches: number; lists: number }> {
  const m = await measurer(running);
  // One warm-up pass: the first statements compile and the pages come into the cache.
  for (const view of builtinViews) await m.scroll(builtinInput(view), 0);
  const pages: number[] = [];
  const byView = new Samples();
  for (let round = 0; round < PAGE_ROUNDS; round++) {
    for (const view of builtinViews) {
      const { first } = await m.scroll(builtinInput(view), 0);
      pages.push(first);
      byView.add(view.id, first);
    }
  }
  byView.print((id) => id);
  // Scrolling: the second and third pages of each view, read through the cursor the previous gave.
  const later: number[] = [];
  if (options.laterPages) {
    for (let round = 0; round < LATER_ROUNDS; round++) {
      for (const view of builtinViews) later.push(...(await m.scroll(builtinInput(view), 2)).next);
    }
  }
  const lists = await measureViewsList(m);
  const searches = await measureSearches(running, m, peopleIds);
  return {
    pages: p95(pages),
    laterPages: p95(later),
    searches: p95(searches.repeated),
    firstSearches: p95(searches.first),
    lists: p95(lists),
  };
}
