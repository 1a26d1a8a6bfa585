// The store's side of the queue on the benchmark's large data set (1,000,000 tickets, 200,000
// customers; scale-data.ts seeds and caches it), each call through the real dispatcher as the
// renderer makes it. The same measure runs on PostgreSQL (queue-pg.bench.ts); `--only scale` runs both.
// queue_page_ms (p95) covers every page an agent asks for: the first page of every built-in view,
// the next pages by cursor, and views filtered and sorted otherwise (as a saved view or the filter bar
// makes them); each kind has its own p95 too (queue_first_page_ms, queue_cursor_page_ms,
// queue_custom_view_ms). search_ms is the p95 of first searches (each text once, right after the core
// opened the database, before any page is read); search_repeat_ms the same texts again; views_list_ms.
// BENCH_VERBOSE=1 prints each view's and each query's p95 to stderr.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from '../../electron/core/api/context';
import { startCore, type RunningCore } from '../../electron/core/app';
import { builtinViews } from '../../shared/builtin-views';
import { BENCH_NOW, scaleSqlite } from './scale-data';

export { BENCH_NOW, BENCH_SIZE } from './scale-data';
/** The seeded SQLite data set (other benches measure it too); copy it before starting a core on it. */
export const benchDatabase = scaleSqlite;

const PAGE_ROUNDS = 10;
/** Pages read after the first one by following nextCursor, as scrolling down does. */
const CURSOR_PAGES = 4;
const SEARCH_ROUNDS = 10;
const VIEWS_LIST_ROUNDS = 20;

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
 * The texts searched for: QUERIES, and people (the last names of the customers given and the first
 * one's e-mail, from the data itself).
 */
async function searchTexts(running: RunningCore, peopleIds: number[]): Promise<string[]> {
  const people = await running.core.db
    .selectFrom('customers')
    .select(['name', 'account_email'])
    .orderBy('id')
    .where('id', 'in', peopleIds)
    .execute();
  return [
    ...QUERIES,
    ...people.map((p) => p.name.split(' ').at(-1) ?? p.name),
    ...people.slice(0, 1).map((p) => p.account_email),
  ];
}

/** Each text searched SEARCH_ROUNDS more times, after the first searches. */
async function measureRepeatedSearches(m: Measurer, texts: string[]): Promise<number[]> {
  const repeated: number[] = [];
  const byQuery = new Samples();
  for (let round = 0; round < SEARCH_ROUNDS; round++) {
    for (const text of texts) {
      const ms = await m.call('search.query', { text });
      repeated.push(ms);
      byQuery.add(text, ms);
    }
  }
  byQuery.print((text) => `"${text}"`);
  return repeated;
}

/** Filters and sorts the built-in views do not use, as a saved view or the filter bar asks. */
async function customViews(running: RunningCore): Promise<{ id: string; input: Record<string, unknown> }[]> {
  // The busiest customer, as an agent opening a customer's tickets would pick one that has many.
  const someCustomer = await running.core.db
    .selectFrom('tickets')
    .select('customer_id')
    .groupBy('customer_id')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('customer_id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return [
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
}

export interface QueueFigures {
  /** p95 over every page: first pages, cursor pages and custom views. */
  pages: number;
  firstPages: number;
  cursorPages: number;
  customViews: number;
  /** p95 of the first search of each text, right after opening. */
  firstSearches: number;
  repeatedSearches: number;
  lists: number;
}

/**
 * The queue figures on a freshly started core, the same on both stores: first searches before
 * anything else reads the database, then the pages (one warm-up pass, then PAGE_ROUNDS rounds of
 * every built-in view and custom view, each first page followed by CURSOR_PAGES pages through the
 * cursor), views.list and the searches again. p95 of each, in ms.
 */
export async function measureQueue(running: RunningCore, peopleIds: number[]): Promise<QueueFigures> {
  const m = await measurer(running);
  const texts = await searchTexts(running, peopleIds);
  const firstSearches: number[] = [];
  const byText = new Samples();
  for (const text of texts) {
    const ms = await m.call('search.query', { text });
    firstSearches.push(ms);
    byText.add(`first "${text}"`, ms);
  }
  byText.print((key) => key);

  const custom = await customViews(running);
  // One warm-up pass: the first statements compile and the pages come into the cache.
  for (const view of builtinViews) await m.scroll(builtinInput(view), CURSOR_PAGES);
  for (const view of custom) await m.scroll(view.input, CURSOR_PAGES);
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
    for (const view of custom) {
      const { first, next } = await m.scroll(view.input, CURSOR_PAGES);
      customPages.push(first, ...next);
      byView.add(`custom:${view.id}`, first, ...next);
    }
  }
  byView.print((id) => id);

  const lists = await measureViewsList(m);
  const repeated = await measureRepeatedSearches(m, texts);
  return {
    pages: p95([...firstPages, ...cursorPages, ...customPages]),
    firstPages: p95(firstPages),
    cursorPages: p95(cursorPages),
    customViews: p95(customPages),
    firstSearches: p95(firstSearches),
    repeatedSearches: p95(repeated),
    lists: p95(lists),
  };
}

/** Customers whose names and e-mail the searches look for. */
const SEARCHED_PEOPLE = [17, 1234, 4321];

export async function benchQueue(): Promise<Record<string, number>> {
  const cached = await scaleSqlite();
  // A copy per run: starting the core may write (due plan changes, schedulers), and the cache must
  // stay as seeded for the next run to measure the same thing.
  const dir = join(tmpdir(), `support-console-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'queue.sqlite');
  copyFileSync(cached, file);
  const running = await startCore({ dbFile: file, demo: false, now: () => BENCH_NOW });
  try {
    const m = await measureQueue(running, SEARCHED_PEOPLE);
    return {
      queue_page_ms: m.pages,
      queue_first_page_ms: m.firstPages,
      queue_cursor_page_ms: m.cursorPages,
      queue_custom_view_ms: m.customViews,
      search_ms: m.firstSearches,
      search_repeat_ms: m.repeatedSearches,
      views_list_ms: m.lists,
    };
  } finally {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
