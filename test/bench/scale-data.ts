// The benchmark's large data set (1,000,000 tickets, 200,000 customers by default; BENCH_TICKETS and
// BENCH_CUSTOMERS make a smaller one for trying a bench out), seeded once per store and kept between
// runs under BENCH_CACHE_DIR (default node_modules/.cache/support-console-bench): a SQLite file, and a
// PostgreSQL cluster folder holding a seeded database. Seeding streams (seedDemo writes a batch of
// finished tickets at a time), so memory stays flat whatever the size.
//
// A cache is keyed by the data (size, seed, clock and the generator's source) and records the
// migrations it was seeded under. A run whose migrations only add to those (a new migration) opens
// the cache, which migrates it forward, and records the new list: a migration is then measured on the
// large data set too, the way it meets an existing database. A run whose earlier migrations differ (one
// edited before release) seeds afresh. Seeding is written under a temporary name (SQLite) or marked
// done only at the end (PostgreSQL), so an interrupted run never leaves a half-seeded cache.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seedDemo } from '../../electron/core/demo';
import { defaultRuleSet } from '../../electron/core/rules';
import { openStore } from '../../electron/core/store';
import { migrations } from '../../electron/core/store/migrations';
import { admin, startCluster, type PgCluster } from '../support/postgres';

export const BENCH_SIZE = {
  customers: Number(process.env.BENCH_CUSTOMERS ?? 200_000),
  tickets: Number(process.env.BENCH_TICKETS ?? 1_000_000),
  seed: 1,
} as const;
/** Wednesday 2026-11-25 10:00 UTC: every channel open, so every view has work in it. */
export const BENCH_NOW = Date.UTC(2026, 10, 25, 10, 0);

/** Where seeded data is kept between runs (a worktree whose node_modules is shared can point elsewhere). */
export const CACHE_DIR = resolve(process.env.BENCH_CACHE_DIR ?? 'node_modules/.cache/support-console-bench');

const DEMO_DIR = resolve(import.meta.dirname, '../../electron/core/demo');

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);

/** The data's identity: size, seed, clock and the generator's source. */
function dataKey(): string {
  const sources = readdirSync(DEMO_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => `${f}\n${readFileSync(join(DEMO_DIR, f), 'utf8')}`)
    .join('\n');
  return `s${BENCH_SIZE.seed}-c${BENCH_SIZE.customers}-t${BENCH_SIZE.tickets}-${hash(`${BENCH_NOW}\n${sources}`)}`;
}

/** Each migration's name and body, in order. */
function migrationList(): string[] {
  return migrations.map((m) => `${m.name}:${hash(m.up.toString())}`);
}

/** The recorded migrations are the current ones or the first of them. */
function isPrefix(recorded: unknown): boolean {
  const current = migrationList();
  return (
    Array.isArray(recorded) &&
    recorded.length <= current.length &&
    recorded.every((name, i) => name === current[i])
  );
}

function readRecorded(file: string): unknown {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { migrations?: unknown }).migrations;
  } catch {
    return null;
  }
}

function record(file: string): void {
  writeFileSync(file, JSON.stringify({ migrations: migrationList() }, null, 1));
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function seedInto(location: string, label: string): Promise<void> {
  const started = performance.now();
  const store = await openStore({ file: location, now: () => BENCH_NOW });
  try {
    let reported = performance.now();
    await seedDemo(store.db, defaultRuleSet, {
      ...BENCH_SIZE,
      now: BENCH_NOW,
      progress: (p) => {
        if (performance.now() - reported < 30_000) return;
        reported = performance.now();
        console.error(`${label}: ${p.written} tickets written (${p.held} in progress), ${seconds(started)}`);
      },
    });
  } finally {
    await store.close();
  }
  console.error(`${label}: seeded ${BENCH_SIZE.tickets} tickets in ${seconds(started)}`);
}

/** Opens the cache, which applies the migrations it lacks, and records them. */
async function migrateForward(location: string, recordFile: string, label: string): Promise<boolean> {
  const recorded = readRecorded(recordFile);
  if (Array.isArray(recorded) && recorded.length === migrations.length) return false;
  const started = performance.now();
  const store = await openStore({ file: location, now: () => BENCH_NOW });
  await store.close();
  record(recordFile);
  console.error(`${label}: migrated the cached data forward in ${seconds(started)}`);
  return true;
}

/** The seeded SQLite file (treat it as read-only: copy it before starting a core on it). */
export async function scaleSqlite(): Promise<string> {
  const file = join(CACHE_DIR, `scale-${dataKey()}.sqlite`);
  const recordFile = `${file}.json`;
  if (existsSync(file) && isPrefix(readRecorded(recordFile))) {
    await migrateForward(file, recordFile, 'sqlite scale data');
    return file;
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '.json']) rmSync(file + suffix, { force: true });
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  await seedInto(partial, 'sqlite scale data');
  renameSync(partial, file);
  record(recordFile);
  return file;
}

/**
 * A running cluster whose database `bench` holds the seeded data; stop it when done (the folder
 * stays). Benches may write to it: the figures read the queue and search, which such writes (a
 * session, an audit row) do not move.
 */
export async function scalePostgres(): Promise<{ cluster: PgCluster; url: string }> {
  const dir = join(CACHE_DIR, `pg-${dataKey()}`);
  const recordFile = join(dir, 'seeded.json');
  if (existsSync(dir) && !isPrefix(readRecorded(recordFile))) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const cluster = await startCluster({ dir });
  try {
    const url = cluster.url('bench');
    let changed = true;
    if (existsSync(recordFile)) {
      changed = await migrateForward(url, recordFile, 'postgres scale data');
    } else {
      await admin(cluster.url('postgres'), ['drop database if exists bench', 'create database bench']);
      await seedInto(url, 'postgres scale data');
    }
    // Statistics for the planner and the visibility map, as autovacuum keeps them on a live database.
    if (changed) {
      const started = performance.now();
      await admin(url, ['vacuum analyze']);
      console.error(`postgres scale data: vacuum analyze in ${seconds(started)}`);
    }
    record(recordFile);
    return { cluster, url };
  } catch (error) {
    cluster.stop();
    throw error;
  }
}
