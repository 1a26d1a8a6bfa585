import type { Kysely } from 'kysely';
import { migrate } from './migrator';
import type { Database } from './schema';
import type { SearchIndex } from './search/types';
import { openSqlite, sqliteSchemaDialect, sqliteSearch, type SqliteOptions } from './sqlite';

export interface Store {
  db: Kysely<Database>;
  /** Full-text search, implemented by the dialect in use. */
  search: SearchIndex;
  close(): Promise<void>;
}

/** Opens (creating if needed) and migrates the store. Refuses a database from another schema. */
export async function openStore(options: SqliteOptions & { now?: () => number }): Promise<Store> {
  const { db } = openSqlite(options);
  try {
    await migrate(db, sqliteSchemaDialect, options.now);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, search: sqliteSearch, close: () => db.destroy() };
}

export type { Database } from './schema';
export { MigrationMismatchError } from './migrator';
export type { SearchIndex } from './search/types';
