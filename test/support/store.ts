// Which store a test runs on: a SQLite file by default, a database cloned from the migrated template
// on the throwaway cluster when TEST_STORE=postgres (see vitest-postgres.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloneDatabase } from './postgres';

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
