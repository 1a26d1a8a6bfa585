// Writing the demo's rows in bulk: the benchmark data set is a million tickets with several million
// messages, SLA events and e-mails, and at that size the per-statement work matters as much as the
// engine's. Everything here is plain Kysely except the one dialect hook for SQLite's bulk settings.
import {
  CompiledQuery,
  PostgresAdapter,
  SqliteAdapter,
  sql,
  type Insertable,
  type Kysely,
  type Transaction,
} from 'kysely';
import type { Database } from '../store/schema';

/**
 * Bound parameters per statement, under both engines' limits: SQLite's 32,766 and PostgreSQL's
 * 65,535 (its wire protocol counts parameters in 16 bits).
 */
export const MAX_PARAMS = 32766;

type Row<T extends keyof Database> = Insertable<Database[T]>;

/**
 * Multi-row INSERTs whose SQL Kysely compiles once per table and row count: every later chunk of that
 * size reuses the text with its own parameters, so building and compiling the query tree (a third of
 * the writing time for the messages) is not repeated for every few thousand rows. The rows of one
 * table are built by one function, so they have the same columns in the same order; the first
 * statement of each shape checks that its parameters are exactly the row values in that order.
 */
export class BulkInserter {
  private readonly compiled = new Map<string, string>();

  constructor(private readonly trx: Transaction<Database>) {}

  /** How many rows of `columns` values fit in one statement. */
  static rowsPerStatement(columns: number): number {
    return Math.max(1, Math.floor(MAX_PARAMS / columns) - 1);
  }

  async insert<T extends keyof Database & string>(table: T, rows: readonly Row<T>[]): Promise<void> {
    const first = rows[0];
    if (first === undefined) return;
    const columns = Object.keys(first);
    const parameters: unknown[] = [];
    for (const row of rows) {
      const values = row as Record<string, unknown>;
      const keys = Object.keys(values);
      if (keys.length !== columns.length) throw new Error(`${table}: rows with different columns`);
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i] as string;
        const value = values[column];
        if (keys[i] !== column || value === undefined)
          throw new Error(`${table}: rows with different columns or an undefined value`);
        parameters.push(value);
      }
    }
    // Only full statements are kept: a streamed load ends every batch with a shorter one, and keeping
    // each of those sizes would hold hundreds of large SQL texts that are never used again.
    const keep = rows.length === BulkInserter.rowsPerStatement(columns.length);
    const key = `${table}\n${columns.join(',')}\n${rows.length}`;
    const text = keep ? this.compiled.get(key) : undefined;
    if (text !== undefined) {
      await this.trx.executeQuery(CompiledQuery.raw(text, parameters));
      return;
    }
    // Kysely's types cannot follow a table chosen at run time; the rows are that table's insertables.
    const query = this.trx
      .insertInto(table)
      .values(rows as never)
      .compile();
    if (
      query.parameters.length !== parameters.length ||
      query.parameters.some((value, i) => value !== parameters[i])
    )
      throw new Error(`${table}: the compiled insert does not take the row values in order`);
    if (keep) this.compiled.set(key, query.sql);
    await this.trx.executeQuery(query);
  }
}

/**
 * Engine settings for one large load inside `trx`, undone by the function it returns (in the same
 * transaction, before commit). On SQLite: a page cache large enough for the tables' indexes (the
 * default 2 MB makes every index insert of a million-row table read its page back), and the full-text
 * indexes built once from their tables at the end instead of row by row through their triggers; the
 * triggers are dropped and created again from their own stored SQL, all inside the transaction, so no
 * other connection ever sees the schema without them. FTS5's integrity check and the seed's tests
 * show the index built this way is the one the triggers build. Nothing changes on other engines.
 */
export async function prepareBulkLoad(trx: Kysely<Database>): Promise<() => Promise<void>> {
  const adapter = trx.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return preparePostgresBulkLoad(trx);
  if (!(adapter instanceof SqliteAdapter)) return () => Promise.resolve();
  const cache = await sql<{ cache_size: number }>`pragma cache_size`.execute(trx);
  const previousCache = cache.rows[0]?.cache_size ?? -2000;
  await sql`pragma cache_size = ${sql.lit(-BULK_CACHE_KIB)}`.execute(trx);
  const triggers = await sql<{ name: string; sql: string; tbl_name: string }>`
    select name, sql, tbl_name from sqlite_master
    where type = 'trigger' and name like 'search\\_%\\_insert' escape '\\'
    order by name`.execute(trx);
  for (const t of triggers.rows) await sql`drop trigger ${sql.id(t.name)}`.execute(trx);
  return async () => {
    for (const t of triggers.rows) {
      const fts = t.name.slice(0, -'_insert'.length);
      await sql`insert into ${sql.id(fts)}(${sql.id(fts)}) values ('rebuild')`.execute(trx);
      await sql.raw(t.sql).execute(trx);
    }
    await sql`pragma cache_size = ${sql.lit(previousCache)}`.execute(trx);
  };
}

/** The page cache while loading, in KiB: a fixed bound, whatever the data set's size. */
const BULK_CACHE_KIB = 256 * 1024;

/** The tables the demo fills by the hundred thousand, whose secondary indexes are built after the load. */
const BULK_TABLES = [
  'tickets',
  'messages',
  'sla_events',
  'sla_breaches',
  'outbox',
  'customers',
  'plan_changes',
];

/**
 * On PostgreSQL: the loaded tables' secondary indexes (the full-text GIN indexes above all, which
 * otherwise run the text search parser on every message as it is inserted) are dropped and created
 * again from their own definitions once the rows are in, in the same transaction, with more memory
 * for building them. Indexes that back a constraint (primary keys, unique and exclusion constraints)
 * stay, so every row is still checked as it is written. DDL is transactional here: no other session
 * ever sees the tables without them, and a failed load leaves them as they were.
 */
async function preparePostgresBulkLoad(trx: Kysely<Database>): Promise<() => Promise<void>> {
  const indexes = await sql<{ name: string; definition: string }>`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    where t.relnamespace = current_schema()::regnamespace
      and t.relname in (${sql.join(BULK_TABLES)})
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
    order by i.relname`.execute(trx);
  for (const index of indexes.rows) await sql`drop index ${sql.id(index.name)}`.execute(trx);
  return async () => {
    await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
    for (const index of indexes.rows) await sql.raw(index.definition).execute(trx);
  };
}
