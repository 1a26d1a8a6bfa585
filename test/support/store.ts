// Which store a test runs on: a SQLite file by default, a database cloned from the migrated template
// on the throwaway cluster when TEST_STORE=postgres (see vitest-postgres.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloneDatabase, startCluster } from './postgres';

export const onPostgres = process.env.TEST_STORE === 'postgres';

export interface TestDatabase {
  /** A scratch folder, on both stores (some tests write files beside the database). */
  dir: string;
  /** What startCore/openStore take: the SQLite file or the postgres:// URL. */
  location: string;
  dispose(): Promise<void>;
}

export async function createTestDatabase(name = 'test.sqlite'): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'support-console-test-'));
  if (!onPostgres) {
    return {
      dir,
      location: join(dir, name),
      dispose: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const server = process.env.TEST_PG_URL;
  const template = process.env.TEST_PG_TEMPLATE;
  if (!server || !template) throw new Error('TEST_STORE=postgres without the cluster: run through vitest');
  const database = await cloneDatabase(server, template);
  return {
    dir,
    location: database.url,
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

/**
 * A PostgreSQL server for tests that need one on either run (the import reads a SQLite file into
 * PostgreSQL): the suite's cluster with TEST_STORE=postgres, else one started for the caller. Call
 * `stop` in afterAll.
 */
export async function postgresServer(): Promise<{ url: string; stop(): void }> {
  const shared = process.env.TEST_PG_URL;
  if (shared) return { url: shared, stop: () => undefined };
  const cluster = await startCluster();
  return { url: cluster.url('postgres'), stop: () => cluster.stop() };
}

/** An empty database (no schema at all) on `server`, with a function that drops it. */
export async function emptyDatabase(server: string): Promise<{ url: string; drop(): Promise<void> }> {
  return cloneDatabase(server, 'template0');
}
