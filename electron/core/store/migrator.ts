import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect';
import { migrations as allMigrations, type Migration, type SchemaDialect } from './migrations';
import type { Database } from './schema';

export class MigrationMismatchError extends Error {
  override name = 'MigrationMismatchError';
}

/** A database (or file) that Support Console did not create: never migrated, never filled. */
export class ForeignDatabaseError extends Error {
  override name = 'ForeignDatabaseError';
}

/** What a database holds, read without writing anything. */
export interface SchemaState {
  /** Every table and view, sorted. */
  tables: string[];
  /** The migrations recorded in schema_migrations, in order; null when that table is missing. */
  recorded: string[] | null;
}

export async function readSchemaState(db: Kysely<Database>): Promise<SchemaState> {
  const tables = (await tableNames(db)).sort();
  if (!tables.includes('schema_migrations')) return { tables, recorded: null };
  const rows = await db.selectFrom('schema_migrations').select('name').orderBy('position').execute();
  return { tables, recorded: rows.map((r) => r.name) };
}

/**
 * Every table and view. On SQLite only their names are read from sqlite_master (Kysely's
 * introspection also reads every table's columns, one query per table, which a start need not pay
 * for); the same tables as the introspection lists (neither SQLite's own nor Kysely's).
 */
async function tableNames(db: Kysely<Database>): Promise<string[]> {
  if (dialectOf(db) === 'postgres') return (await db.introspection.getTables()).map((t) => t.name);
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master
    where type in ('table', 'view') and name not like 'sqlite_%'
      and name not in ('kysely_migration', 'kysely_migration_lock')`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * Tables the first migration creates: a database holding them is ours, whatever else it lost.
 * Used only to word the refusal.
 */
const OUR_TABLES = ['customers', 'staff', 'tickets'];

/**
 * Refuses, before anything is written, a database this version must not touch: one that holds
 * tables but no record of our migrations (another application's file, or ours with its record
 * dropped: which steps ran cannot be known), or whose record does not match the code.
 */
export function checkSchemaState(state: SchemaState, known: readonly string[]): void {
  const others = state.tables.filter((t) => t !== 'schema_migrations');
  if ((state.recorded === null || state.recorded.length === 0) && others.length > 0) {
    if (OUR_TABLES.every((t) => others.includes(t))) {
      throw new MigrationMismatchError(
        'This database has Support Console tables but no record of the migrations that made them ' +
          '(its schema_migrations table is missing or empty), so which version wrote it cannot be known. ' +
          'It was left unchanged: restore it from a backup, or use another database file.',
      );
    }
    const shown =
      others.slice(0, 5).join(', ') + (others.length > 5 ? `, and ${others.length - 5} more` : '');
    throw new ForeignDatabaseError(
      `This is not a Support Console database: it already holds other tables (${shown}). ` +
        'It was left unchanged. Choose a new file name for a new database, or the file of an existing Support Console database.',
    );
  }
  checkRecordedMigrations(state.recorded ?? [], known);
}

/**
 * Brings the database up to date, or refuses it. A database whose recorded migrations are not a
 * prefix of the code's list (renamed, reordered, or applied by a newer version of the app) is never
 * changed: guessing would risk the user's data.
 */
export async function migrate(
  db: Kysely<Database>,
  dialect: SchemaDialect,
  now: () => number = Date.now,
  migrations: readonly Migration[] = allMigrations,
): Promise<{ applied: string[] }> {
  // Looked at first: a database we refuse must not even gain an empty schema_migrations table.
  checkSchemaState(
    await readSchemaState(db),
    migrations.map((m) => m.name),
  );
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('position', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('applied_at', 'bigint', (c) => c.notNull())
    .execute();

  const recorded = await db.selectFrom('schema_migrations').select('position').execute();

  const applied: string[] = [];
  for (let position = recorded.length; position < migrations.length; position++) {
    const migration = migrations[position];
    if (!migration) break;
    // SQLite ignores this pragma inside a transaction: it is switched before the step begins, and
    // the step checks every foreign key itself before it commits.
    const foreignKeysOff = migration.foreignKeysOff === true && dialectOf(db) === 'sqlite';
    if (foreignKeysOff) await sql`pragma foreign_keys = off`.execute(db);
    try {
      // Each step and its record commit together: a crash leaves the database at a known step.
      await db.transaction().execute(async (trx) => {
        const handle = trx as unknown as Kysely<unknown>;
        await migration.up(dialect.forMigration ? dialect.forMigration(handle) : handle, dialect);
        if (foreignKeysOff) {
          const broken = await sql<{ table: string; parent: string }>`pragma foreign_key_check`.execute(trx);
          if (broken.rows.length > 0) {
            const first = broken.rows[0];
            throw new Error(
              `Migration ${migration.name} would leave ${broken.rows.length} rows referring to missing rows ` +
                `(first: ${first?.table} → ${first?.parent}); nothing was changed.`,
            );
          }
        }
        await trx
          .insertInto('schema_migrations')
          .values({ position: position + 1, name: migration.name, applied_at: now() })
          .execute();
      });
    } finally {
      if (foreignKeysOff) await sql`pragma foreign_keys = on`.execute(db);
    }
    applied.push(migration.name);
  }
  return { applied };
}

export function checkRecordedMigrations(recorded: readonly string[], known: readonly string[]): void {
  for (let i = 0; i < recorded.length; i++) {
    const name = recorded[i];
    if (i >= known.length) {
      throw new MigrationMismatchError(
        `This database was created by a newer version of Support Console: it has migration "${name}" ` +
          `(step ${i + 1}), which this version does not know. Open it with a newer version, or use another database file.`,
      );
    }
    if (name !== known[i]) {
      throw new MigrationMismatchError(
        `This database's migrations do not match this version of Support Console: step ${i + 1} is ` +
          `"${name}" in the database but "${known[i]}" in the app. The database was left unchanged.`,
      );
    }
  }
}
