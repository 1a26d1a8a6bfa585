import type { Kysely } from 'kysely';
import { migrations as allMigrations, type Migration, type SchemaDialect } from './migrations';
import type { Database } from './schema';

export class MigrationMismatchError extends Error {
  override name = 'MigrationMismatchError';
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
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('position', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('applied_at', 'bigint', (c) => c.notNull())
    .execute();

  const recorded = await db
    .selectFrom('schema_migrations')
    .select(['position', 'name'])
    .orderBy('position')
    .execute();
  checkRecordedMigrations(
    recorded.map((r) => r.name),
    migrations.map((m) => m.name),
  );

  const applied: string[] = [];
  for (let position = recorded.length; position < migrations.length; position++) {
    const migration = migrations[position];
    if (!migration) break;
    // Each step and its record commit together: a crash leaves the database at a known step.
    await db.transaction().execute(async (trx) => {
      const handle = trx as unknown as Kysely<unknown>;
      await migration.up(dialect.forMigration ? dialect.forMigration(handle) : handle, dialect);
      await trx
        .insertInto('schema_migrations')
        .values({ position: position + 1, name: migration.name, applied_at: now() })
        .execute();
    });
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
