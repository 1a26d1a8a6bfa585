// The one place that knows the store runs on SQLite: opening the file, its pragmas and the
// dialect-specific schema details. Everything else talks to Kysely's dialect-neutral builder, so a
// PostgreSQL dialect for team mode can be added beside this file without touching queries.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { SchemaDialect } from './migrations';
import type { Database } from './schema';
import { createSqliteSearchIndex, sqliteSearchIndex } from './search/sqlite-fts';
import type { SearchIndex } from './search/types';

export interface SqliteOptions {
  /** A path to the database file, or ':memory:'. */
  file: string;
  /**
   * Path to a better-sqlite3 native addon built for the running runtime. The Electron main process
   * passes its own build (Electron has a different ABI from Node); Node uses the default one.
   */
  nativeBinding?: string;
  readonly?: boolean;
}

export const sqliteSchemaDialect: SchemaDialect = {
  autoId: (column) => column.primaryKey().autoIncrement(),
  createSearchIndex: createSqliteSearchIndex,
};

/** FTS5 lives in its own module beside this file (search/sqlite-fts.ts); this is its entry point. */
export const sqliteSearch: SearchIndex = sqliteSearchIndex;

export function openSqlite(options: SqliteOptions): { db: Kysely<Database>; raw: BetterSqlite3.Database } {
  const raw = new BetterSqlite3(options.file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  });
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  return { db, raw };
}
