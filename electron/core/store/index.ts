import type { Kysely } from 'kysely';
import { dialectOf, type StoreDialect } from './dialect';
import { migrate } from './migrator';
import {
  advanceIdentitySequences,
  isPostgresUrl,
  openPostgres,
  postgresSchemaDialect,
  postgresSearch,
  redactUrl,
} from './postgres';
import type { Database } from './schema';
import type { SearchIndex } from './search/types';
import { openSqlite, sqliteSchemaDialect, sqliteSearch, type SqliteOptions } from './sqlite';

export { dialectOf, type StoreDialect } from './dialect';

export interface Store {
  db: Kysely<Database>;
  /** Which engine holds the data: the write path serialises differently on each. */
  dialect: StoreDialect;
  /** Full-text search, implemented by the dialect in use. */
  search: SearchIndex;
  close(): Promise<void>;
}

export interface StoreOptions extends SqliteOptions {
  /** A SQLite file (or ':memory:'), or a postgres:// / postgresql:// URL for a shared team database. */
  file: string;
  now?: () => number;
}

/** Opens (creating if needed) and migrates the store. Refuses a database from another schema. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (isPostgresUrl(options.file)) {
    const { db } = openPostgres({ url: options.file });
    try {
      await migrate(db, postgresSchemaDialect, options.now);
    } catch (error) {
      await db.destroy();
      throw describeConnectionError(error, options.file);
    }
    return { db, dialect: 'postgres', search: postgresSearch, close: () => db.destroy() };
  }
  const { db } = openSqlite(options);
  try {
    await migrate(db, sqliteSchemaDialect, options.now);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect: 'sqlite', search: sqliteSearch, close: () => db.destroy() };
}

export class StoreConnectionError extends Error {
  override name = 'StoreConnectionError';
}

/** A server that cannot be reached or refuses us gets a message naming the database, not a stack. */
function describeConnectionError(error: unknown, url: string): unknown {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'nothing is listening there',
    ENOTFOUND: 'the host name is unknown',
    ETIMEDOUT: 'the server did not answer',
    '3D000': 'the database does not exist',
    '28P01': 'the password was refused',
    '28000': 'the server refused this user',
  };
  const reason = reasons[code];
  if (!reason) return error;
  return new StoreConnectionError(
    `Cannot open the PostgreSQL database ${redactUrl(url)}: ${reason} (${(error as Error).message}).`,
  );
}

/**
 * After rows were written with explicit ids (demo seeding, an import): the next generated id follows
 * the largest one. SQLite's rowids already do; PostgreSQL's identity sequences must be moved.
 */
export async function syncIdSequences(db: Kysely<Database>): Promise<void> {
  if (dialectOf(db) === 'postgres') await advanceIdentitySequences(db);
}

export type { Database } from './schema';
export { MigrationMismatchError } from './migrator';
export type { SearchIndex } from './search/types';
export { isPostgresUrl } from './postgres';
