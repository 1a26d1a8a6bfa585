import { existsSync, rmSync, statSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { migrations } from './migrations';
import {
  checkSchemaState,
  ForeignDatabaseError,
  migrate,
  MigrationMismatchError,
  readSchemaState,
} from './migrator';
import type { Database } from './schema';
import type { SearchIndex } from './search/types';
import { openSqlite, probeSqlite, sqliteSchemaDialect, sqliteSearch, type SqliteOptions } from './sqlite';

export interface Store {
  db: Kysely<Database>;
  /** Full-text search, implemented by the dialect in use. */
  search: SearchIndex;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) and migrates the store. A file that is not ours, or whose migrations do
 * not match, is refused before anything is written to it, and the error names the file.
 */
export async function openStore(options: SqliteOptions & { now?: () => number }): Promise<Store> {
  try {
    await checkExistingFile(options);
    const { db } = openSqlite(options);
    try {
      await migrate(db, sqliteSchemaDialect, options.now);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return { db, search: sqliteSearch, close: () => db.destroy() };
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

export type { Database } from './schema';
export { ForeignDatabaseError, MigrationMismatchError } from './migrator';
export { StorageFullError } from './errors';
export type { SearchIndex } from './search/types';
