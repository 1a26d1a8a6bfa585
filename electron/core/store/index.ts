import { existsSync, rmSync, statSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { dialectOf, type StoreDialect } from './dialect';
import { migrations } from './migrations';
import {
  checkSchemaState,
  ForeignDatabaseError,
  migrate,
  MigrationMismatchError,
  readSchemaState,
} from './migrator';
import {
  advanceIdentitySequences,
  isPostgresUrl,
  openPostgres,
  warmConnections,
  postgresSchemaDialect,
  postgresSearch,
  redactUrl,
} from './postgres';
import type { Database } from './schema';
import type { SearchIndex } from './search/types';
import { openSqlite, probeSqlite, sqliteSchemaDialect, sqliteSearch, type SqliteOptions } from './sqlite';

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

/**
 * Opens (creating if needed) and migrates the store. A file that is not ours, or whose migrations do
 * not match, is refused before anything is written to it, and the error names the file.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (isPostgresUrl(options.file)) {
    const { db, pool } = await openPostgres({ url: options.file });
    try {
      await migrate(db, postgresSchemaDialect, options.now);
      await warmConnections(pool);
    } catch (error) {
      await db.destroy();
      throw describeConnectionError(error, options.file);
    }
    return { db, dialect: 'postgres', search: postgresSearch, close: () => db.destroy() };
  }
  try {
    await checkExistingFile(options);
    const { db } = openSqlite(options);
    try {
      await migrate(db, sqliteSchemaDialect, options.now);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return { db, dialect: 'sqlite', search: sqliteSearch, close: () => db.destroy() };
  } catch (error) {
    throw naming(options.file, error);
  }
}

/** An existing, non-empty file is looked at read-only first: opening it for writing changes it. */
async function checkExistingFile(options: SqliteOptions): Promise<void> {
  if (options.file === ':memory:' || !existsSync(options.file) || statSync(options.file).size === 0) return;
  // Reading a WAL-mode file read-only creates its empty -wal and -shm companions.
  const companions = ['-wal', '-shm'].map((suffix) => options.file + suffix).filter((f) => !existsSync(f));
  const probe = probeSqlite(options);
  try {
    checkSchemaState(
      await readSchemaState(probe),
      migrations.map((m) => m.name),
    );
  } catch (error) {
    await probe.destroy();
    // A refused file is left as it was found, without the companions the read created.
    // (The -shm is only an index of the -wal; an empty -wal holds nothing.)
    for (const file of companions) {
      if (existsSync(file) && (file.endsWith('-shm') || statSync(file).size === 0)) rmSync(file);
    }
    if (error instanceof MigrationMismatchError || error instanceof ForeignDatabaseError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new ForeignDatabaseError(
      code === 'SQLITE_NOTADB'
        ? 'This file is not an SQLite database. It was left unchanged.'
        : `This file cannot be read as a database (${(error as Error).message}). It was left unchanged.`,
    );
  }
  await probe.destroy();
}

/** The person chose the file (--db, SUPPORT_CONSOLE_DB): a refusal says which one. */
function naming(file: string, error: unknown): unknown {
  if (error instanceof MigrationMismatchError || error instanceof ForeignDatabaseError) {
    error.message = `${file}: ${error.message}`;
  }
  return error;
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
export { ForeignDatabaseError, MigrationMismatchError } from './migrator';
export { StorageFullError } from './errors';
export type { SearchIndex } from './search/types';
export { isPostgresUrl } from './postgres';
