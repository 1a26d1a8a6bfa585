// Moving a desktop (SQLite) database into an empty team (PostgreSQL) database: every table copied in
// one PostgreSQL transaction with its ids, the identity sequences moved past them, then checked by
// per-table counts and a sample of rows compared column by column before the commit. Any failure
// rolls the whole copy back and leaves the team database empty; the desktop file is only read.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import { migrate } from './migrator';
import {
  advanceIdentitySequences,
  isPostgresUrl,
  openPostgres,
  postgresSchemaDialect,
  redactUrl,
} from './postgres';
import type { Database } from './schema';
import { openSqlite, sqliteSchemaDialect } from './sqlite';

export class ImportError extends Error {
  override name = 'ImportError';
}

export interface ImportReport {
  /** Rows copied per table, in copy order. */
  tables: { table: string; rows: number }[];
  /** Rows compared column by column after the copy. */
  sampled: number;
}

/** Tables that are bookkeeping of one database, not data: each side keeps its own. */
const NOT_COPIED = new Set([
  'schema_migrations',
  'write_lock',
  // The change feed and the timers' lease: how the processes on one database talk (live/).
  'live_events',
  'live_lease',
  // The website's signing secrets are sealed under this machine's key (safeStorage or a key file),
  // which the team server does not have: the lead creates a new secret there (Channels → Website).
  'website_channel',
  // Requests the website's endpoint refused: a log for the lead of this console, not data.
  'website_rejections',
]);
/**
 * Columns the database maintains itself: the counters' triggers rebuild them as the messages and
 * tickets are copied in.
 */
const MAINTAINED: Record<string, readonly string[]> = { customers: ['quota_spent', 'open_tickets'] };
/** Rows per INSERT: well under PostgreSQL's 65,535 bound parameters for the widest table. */
const ROWS_PER_INSERT = 1000;
const SAMPLE_PER_TABLE = 25;

export interface ImportOptions {
  from: string;
  database: string;
  now?: () => number;
  /** Progress lines (one per table); silent when absent. */
  log?: (line: string) => void;
}

export async function importSqliteIntoPostgres(options: ImportOptions): Promise<ImportReport> {
  const { from, database } = options;
  const log = options.log ?? (() => undefined);
  if (!isPostgresUrl(database)) {
    throw new ImportError(`--database must be a postgres:// URL, not "${database}".`);
  }
  if (!existsSync(from)) throw new ImportError(`No SQLite database at ${from}.`);

  // The desktop file is never written: a copy is brought up to this version's schema and read.
  const scratch = mkdtempSync(join(tmpdir(), 'sc-import-'));
  const copy = join(scratch, 'source.sqlite');
  try {
    await snapshotSqlite(from, copy);
    const source = openSqlite({ file: copy });
    try {
      await migrate(source.db, sqliteSchemaDialect, options.now).catch((error: unknown) => {
        throw new ImportError(`${from} cannot be imported: ${(error as Error).message}`);
      });
      const target = await openPostgres({ url: database, poolSize: 2 });
      try {
        await refuseNonEmpty(target.db, database);
        await migrate(target.db, postgresSchemaDialect, options.now);
        return await target.db.transaction().execute(async (trx) => {
          await refuseRows(trx, database);
          const tables = copyOrder(source.raw);
          const report: ImportReport = { tables: [], sampled: 0 };
          for (const table of tables) {
            const rows = await copyTable(source.raw, trx, table);
            report.tables.push({ table, rows });
            log(`${table}: ${rows} rows`);
          }
          await advanceIdentitySequences(trx);
          report.sampled = await verify(source.raw, trx, tables);
          log(`verified: counts of ${tables.length} tables, ${report.sampled} sampled rows`);
          return report;
        });
      } finally {
        await target.db.destroy();
      }
    } finally {
      await source.db.destroy();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A consistent copy of a live file (WAL included), through SQLite's online backup. */
async function snapshotSqlite(from: string, to: string): Promise<void> {
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(from, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new ImportError(`Cannot open ${from} as a SQLite database: ${(error as Error).message}`);
  }
  try {
    raw.pragma('schema_version');
    await raw.backup(to);
  } catch (error) {
    // Not a database at all: better-sqlite3 says "file is not a database".
    throw new ImportError(`Cannot read ${from} as a SQLite database: ${(error as Error).message}`);
  } finally {
    raw.close();
  }
}

/** Before migrating: a database holding anything (ours or another application's) is not touched. */
async function refuseNonEmpty(db: Kysely<Database>, url: string): Promise<void> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  const names = tables.rows.map((r) => r.table_name);
  if (names.length > 0 && !names.includes('schema_migrations')) {
    throw new ImportError(
      `${redactUrl(url)} is not empty: it has tables (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}) ` +
        'that Support Console did not create. Import into a new, empty database.',
    );
  }
  if (names.length > 0) await refuseRows(db, url);
}

async function refuseRows(db: Kysely<Database>, url: string): Promise<void> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const filled: string[] = [];
  for (const { table_name: table } of tables.rows) {
    if (NOT_COPIED.has(table)) continue;
    const row = await sql<{ one: number }>`select 1 as one from ${sql.table(table)} limit 1`.execute(db);
    if (row.rows.length > 0) filled.push(table);
  }
  if (filled.length > 0) {
    throw new ImportError(
      `${redactUrl(url)} already holds data (${filled.join(', ')}): an import only fills an empty database, ` +
        'so nothing was copied.',
    );
  }
}

/** Every data table of the source, each after the tables its foreign keys point to. */
function copyOrder(raw: BetterSqlite3.Database): string[] {
  const tables = (
    raw
      .prepare(
        `select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
         and sql not like 'CREATE VIRTUAL TABLE%' order by name`,
      )
      .all() as { name: string }[]
  )
    .map((r) => r.name)
    // FTS5's shadow tables (search_*_data, …) are the desktop's search index, rebuilt by PostgreSQL's.
    .filter((name) => !NOT_COPIED.has(name) && !/^search_.*_(data|idx|docsize|config|content)$/.test(name));
  const known = new Set(tables);
  const dependsOn = new Map(
    tables.map((t) => [
      t,
      (raw.prepare(`select "table" as target from pragma_foreign_key_list(?)`).all(t) as { target: string }[])
        .map((r) => r.target)
        .filter((target) => target !== t && known.has(target)),
    ]),
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  const place = (table: string, path: string[]) => {
    if (placed.has(table)) return;
    if (path.includes(table))
      throw new ImportError(`Foreign keys form a cycle: ${[...path, table].join(' → ')}.`);
    for (const target of dependsOn.get(table) ?? []) place(target, [...path, table]);
    placed.add(table);
    ordered.push(table);
  };
  for (const table of tables) place(table, []);
  return ordered;
}

async function targetColumns(trx: Transaction<Database>, table: string): Promise<string[]> {
  const rows = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(trx);
  return rows.rows.map((r) => r.column_name);
}

/** The columns both sides have, minus those the target maintains itself. */
async function copiedColumns(
  raw: BetterSqlite3.Database,
  trx: Transaction<Database>,
  table: string,
): Promise<string[]> {
  const target = await targetColumns(trx, table);
  if (target.length === 0) {
    throw new ImportError(`The team database has no table ${table}, which the desktop database has.`);
  }
  const source = new Set(
    (raw.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  const maintained = new Set(MAINTAINED[table] ?? []);
  return target.filter((c) => source.has(c) && !maintained.has(c));
}

type Value = string | number | bigint | Buffer | null;

async function copyTable(
  raw: BetterSqlite3.Database,
  trx: Transaction<Database>,
  table: string,
): Promise<number> {
  const columns = await copiedColumns(raw, trx, table);
  const list = columns.map((c) => `"${c}"`).join(', ');
  const read = raw.prepare(
    `select rowid as _rowid, ${list} from "${table}" where rowid > ? order by rowid limit ?`,
  );
  let after = Number.MIN_SAFE_INTEGER;
  let copied = 0;
  for (;;) {
    const rows = read.all(after, ROWS_PER_INSERT) as Record<string, Value>[];
    if (rows.length === 0) return copied;
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      values ${sql.join(rows.map((row) => sql`(${sql.join(columns.map((c) => row[c] ?? null))})`))}`.execute(
      trx,
    );
    copied += rows.length;
    after = Number(rows[rows.length - 1]?._rowid);
  }
}

/**
 * Counts of every table, then a sample of rows (the first, the last and evenly spaced ones) read back
 * from PostgreSQL and compared value by value, and each customer's maintained quota count.
 */
async function verify(
  raw: BetterSqlite3.Database,
  trx: Transaction<Database>,
  tables: string[],
): Promise<number> {
  let sampled = 0;
  for (const table of tables) {
    const expected = Number((raw.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n);
    const actual = Number(
      (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(trx)).rows[0]?.n,
    );
    if (expected !== actual) {
      throw new ImportError(
        `Verification failed: ${table} has ${expected} rows in the file but ${actual} after the copy.`,
      );
    }
    const columns = await copiedColumns(raw, trx, table);
    const key = columns.includes('id') ? ['id'] : (primaryKey(raw, table) ?? columns);
    const step = Math.max(1, Math.floor(expected / SAMPLE_PER_TABLE));
    const list = columns.map((c) => `"${c}"`).join(', ');
    const sample = raw
      .prepare(
        `select ${list} from (select *, row_number() over (order by rowid) as n from "${table}")
         where (n - 1) % ? = 0 or n = ?`,
      )
      .all(step, expected) as Record<string, Value>[];
    for (const row of sample) {
      const where = sql.join(
        key.map((k) => (row[k] === null ? sql`${sql.ref(k)} is null` : sql`${sql.ref(k)} = ${row[k]}`)),
        sql` and `,
      );
      const copied = (
        await sql<Record<string, unknown>>`select ${sql.join(columns.map((c) => sql.ref(c)))}
          from ${sql.table(table)} where ${where}`.execute(trx)
      ).rows;
      const found = copied[0];
      const differs = columns.find((c) => !sameValue(row[c] ?? null, found?.[c]));
      if (copied.length !== 1 || differs !== undefined) {
        throw new ImportError(
          `Verification failed: ${table} row ${key.map((k) => `${k}=${String(row[k])}`).join(', ')} ` +
            (copied.length !== 1 ? 'was not copied.' : `differs in ${differs}.`),
        );
      }
      sampled++;
    }
  }
  if (tables.includes('customers')) {
    const expected = new Map(
      (
        raw.prepare(`select id, quota_spent from customers`).all() as { id: number; quota_spent: number }[]
      ).map((r) => [r.id, r.quota_spent]),
    );
    const copied = await trx.selectFrom('customers').select(['id', 'quota_spent']).execute();
    const wrong = copied.find((c) => expected.get(c.id) !== c.quota_spent);
    if (wrong) {
      throw new ImportError(
        `Verification failed: customer ${wrong.id} has ${expected.get(wrong.id)} quota messages spent in the file ` +
          `but ${wrong.quota_spent} after the copy.`,
      );
    }
  }
  return sampled;
}

function primaryKey(raw: BetterSqlite3.Database, table: string): string[] | null {
  const columns = (
    raw.prepare(`select name, pk from pragma_table_info(?)`).all(table) as { name: string; pk: number }[]
  )
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  return columns.length > 0 ? columns : null;
}

function sameValue(a: Value, b: unknown): boolean {
  if (a === null || b === null || b === undefined) return a === null && (b === null || b === undefined);
  if (typeof a === 'number' || typeof a === 'bigint') return Number(a) === Number(b);
  if (Buffer.isBuffer(a)) return Buffer.isBuffer(b) && a.equals(b);
  return a === b;
}
