// The queue and search on PostgreSQL at team scale (1,000,000 tickets, 200,000 customers by
// default; BENCH_PG_TICKETS / BENCH_PG_CUSTOMERS to change): first pages of every built-in view,
// the pages after them through the cursor, and first searches, through the real dispatcher.
// Figures: queue_page_pg_ms (first and later pages), search_pg_ms (first search of each text).
// The seeded cluster is kept under .data/bench-pg/ (keyed by size and schema), so only the first
// run pays for generating the rows (multi-row INSERTs in one transaction, then ANALYZE).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCore } from '../../electron/core/app';
import { seedDemo } from '../../electron/core/demo';
import { defaultRuleSet } from '../../electron/core/rules';
import { openStore } from '../../electron/core/store';
import { migrations } from '../../electron/core/store/migrations';
import { admin, startCluster } from '../support/postgres';
import { BENCH_NOW, measureQueue } from './queue.bench';

const SIZE = {
  customers: Number(process.env.BENCH_PG_CUSTOMERS ?? 200_000),
  tickets: Number(process.env.BENCH_PG_TICKETS ?? 1_000_000),
  seed: 1,
};

export async function benchQueuePg(): Promise<Record<string, number>> {
  const schema = createHash('sha256')
    .update(migrations.map((m) => `${m.name}\n${m.up.toString()}`).join('\n'))
    .digest('hex')
    .slice(0, 8);
  const dir = resolve(
    '.data/bench-pg',
    `c${SIZE.customers}-t${SIZE.tickets}-m${migrations.length}-${schema}`,
  );
  const seeded = join(dir, 'seeded');
  if (!existsSync(seeded)) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const cluster = await startCluster({ dir });
  try {
    const url = cluster.url('bench');
    if (!existsSync(seeded)) {
      const started = performance.now();
      await admin(cluster.url('postgres'), ['create database bench']);
      const store = await openStore({ file: url, now: () => BENCH_NOW });
      try {
        await seedDemo(store.db, defaultRuleSet, { ...SIZE, now: BENCH_NOW });
      } finally {
        await store.close();
      }
      await admin(url, ['vacuum analyze']);
      writeFileSync(seeded, new Date().toISOString());
      console.error(
        `queue-pg bench: seeded ${SIZE.tickets} tickets in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    const running = await startCore({ dbFile: url, demo: false, now: () => BENCH_NOW });
    try {
      const people = [17, Math.floor(SIZE.customers / 3), Math.floor((SIZE.customers * 4) / 5)];
      const m = await measureQueue(running, people, { laterPages: true });
      return {
        queue_page_pg_ms: Math.max(m.pages, m.laterPages),
        queue_first_page_pg_ms: m.pages,
        queue_later_page_pg_ms: m.laterPages,
        search_pg_ms: m.firstSearches,
        search_repeat_pg_ms: m.searches,
      };
    } finally {
      await running.close();
    }
  } finally {
    cluster.stop();
  }
}
