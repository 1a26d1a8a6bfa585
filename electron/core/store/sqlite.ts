// The one place that knows the store runs on SQLite: opening the file, its pragmas and the
// dialect-specific schema details. Everything else talks to Kysely's dialect-neutral builder, so a
// PostgreSQL dialect for team mode can be added beside this file without touching queries.
import BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import {
  Kysely,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import { isNoSpaceLeft, StorageFullError } from './errors';
import { CALL_OVERLAP_GUARD, OPEN_WORK_SQL, type ColumnRelaxation, type SchemaDialect } from './migrations';
import type { Database } from './schema';
import { createSqliteSearchIndex, sqliteSearchIndex, widenSqliteSearchPrefixes } from './search/sqlite-fts';
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

/**
 * SQLite has no exclusion constraints, so two BEFORE triggers refuse the row instead. The update
 * trigger watches only the columns that can create an overlap, so touching `updated_at` (or a flag)
 * on a scheduled call never re-runs the check.
 */
async function createSqliteCallOverlapGuard(db: Kysely<unknown>): Promise<void> {
  const guard = (excludeSelf: string) => `
    select raise(abort, 'scheduled call without an agent or with an empty time range')
    where new.agent_id is null or new.starts_at is null or new.ends_at is null
      or new.ends_at <= new.starts_at;
    select raise(abort, '${CALL_OVERLAP_GUARD}: the agent already has a call at that time')
    where exists (
      select 1 from calls c
      where c.agent_id = new.agent_id and c.status = 'scheduled'
        and c.starts_at < new.ends_at and new.starts_at < c.ends_at${excludeSelf}
    );`;
  await sql
    .raw(
      `create trigger ${CALL_OVERLAP_GUARD}_insert before insert on calls
       when new.status = 'scheduled'
       begin ${guard('')} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${CALL_OVERLAP_GUARD}_update
       before update of status, agent_id, starts_at, ends_at on calls
       when new.status = 'scheduled'
       begin ${guard(' and c.id <> new.id')} end`,
    )
    .execute(db);
}

/**
 * Each trigger moves the count by one, so a bulk insert costs one small update per counted message;
 * the WHEN clauses keep the many messages that never count (answers on paid plans, notes) free.
 */
async function createSqliteQuotaCounter(db: Kysely<unknown>): Promise<void> {
  const add = (row: 'new' | 'old', delta: '+ 1' | '- 1') =>
    `update customers set quota_spent = quota_spent ${delta} where id = ${row}.customer_id;`;
  const statements = [
    `create trigger quota_spent_insert after insert on messages
     when new.counts_toward_quota = 1 begin ${add('new', '+ 1')} end`,
    `create trigger quota_spent_delete after delete on messages
     when old.counts_toward_quota = 1 begin ${add('old', '- 1')} end`,
    `create trigger quota_spent_update_old after update of counts_toward_quota, customer_id on messages
     when old.counts_toward_quota = 1 begin ${add('old', '- 1')} end`,
    `create trigger quota_spent_update_new after update of counts_toward_quota, customer_id on messages
     when new.counts_toward_quota = 1 begin ${add('new', '+ 1')} end`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/**
 * Three triggers moving customers.open_tickets by one. The update's pair fires only when the customer
 * or the ticket's being open work changes, so a status change within open work writes nothing.
 */
async function createSqliteOpenTicketCounter(db: Kysely<unknown>): Promise<void> {
  const open = (row: 'old' | 'new') => `${row}.status in (${OPEN_WORK_SQL})`;
  const add = (row: 'new' | 'old', delta: '+ 1' | '- 1') =>
    `update customers set open_tickets = open_tickets ${delta}
     where id = ${row}.customer_id and ${open(row)};`;
  const changed = `(old.customer_id is not new.customer_id or (${open('old')}) <> (${open('new')}))`;
  const statements = [
    `create trigger open_tickets_insert after insert on tickets
     when new.customer_id is not null and ${open('new')} begin ${add('new', '+ 1')} end`,
    `create trigger open_tickets_delete after delete on tickets
     when old.customer_id is not null and ${open('old')} begin ${add('old', '- 1')} end`,
    `create trigger open_tickets_update after update of status, customer_id on tickets
     when ${changed} begin
       ${add('old', '- 1')}
       ${add('new', '+ 1')}
     end`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** One edit of a CREATE TABLE statement that must match exactly once, or the rebuild stops. */
function editOnce(statement: string, pattern: RegExp, replacement: string, what: string): string {
  const found = statement.match(new RegExp(pattern.source, 'gi'));
  if (found?.length !== 1) {
    throw new Error(`Cannot rebuild the table: ${what} found ${found?.length ?? 0} times in ${statement}`);
  }
  return statement.replace(new RegExp(pattern.source, 'i'), replacement);
}

/**
 * SQLite's twelve-step table change (https://sqlite.org/lang_altertable.html#otheralter), run
 * inside the migration's transaction with foreign keys off (Migration.foreignKeysOff): the table's
 * own statement, edited, makes a new table; every row moves with its id; the old table goes (its
 * indexes and triggers with it) and the new one takes its name, which the other tables' REFERENCES
 * and the FTS5 content tables already use; the indexes and triggers are made again from their own
 * statements, and AUTOINCREMENT goes on from where it was.
 */
async function relaxSqliteColumns(
  db: Kysely<unknown>,
  table: string,
  changes: readonly ColumnRelaxation[],
): Promise<void> {
  const own = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  let statement = own.rows[0]?.sql;
  if (!statement) throw new Error(`Cannot rebuild the table ${table}: it does not exist`);
  for (const change of changes) {
    const column = `"${change.column}"`;
    if (change.dropNotNull) {
      statement = editOnce(
        statement,
        new RegExp(`(${column} \\w+) not null`),
        '$1',
        `${change.column} not null`,
      );
    }
    if (change.allow) {
      const list = change.allow.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
      statement = editOnce(
        statement,
        new RegExp(`check \\(${column} in \\([^)]*\\)\\)`),
        `check (${column} in (${list}))`,
        `${change.column}'s check`,
      );
    }
  }
  const rebuilt = `${table}__rebuilt`;
  statement = editOnce(
    statement,
    new RegExp(`^create table ("${table}"|${table})`),
    `CREATE TABLE ${quoted(rebuilt)}`,
    'the table name',
  );
  const columns = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  const list = columns.rows.map((c) => quoted(c.name)).join(', ');
  const dependents = await sql<{ sql: string }>`
    select sql from sqlite_master
    where tbl_name = ${table} and type in ('index', 'trigger') and sql is not null
    order by type, name`.execute(db);
  const sequence = await sql<{ seq: number }>`
    select seq from sqlite_sequence where name = ${table}`.execute(db);
  await sql.raw(statement).execute(db);
  await sql.raw(`insert into ${quoted(rebuilt)} (${list}) select ${list} from ${quoted(table)}`).execute(db);
  await sql.raw(`drop table ${quoted(table)}`).execute(db);
  await sql.raw(`alter table ${quoted(rebuilt)} rename to ${quoted(table)}`).execute(db);
  for (const d of dependents.rows) await sql.raw(d.sql).execute(db);
  const seq = sequence.rows[0]?.seq;
  if (seq !== undefined) {
    await sql`update sqlite_sequence set seq = max(seq, ${seq}) where name = ${table}`.execute(db);
  }
}

export const sqliteSchemaDialect: SchemaDialect = {
  autoId: (column) => column.primaryKey().autoIncrement(),
  createSearchIndex: createSqliteSearchIndex,
  // FTS5's tables hold every row's words already: bm25 and snippet() read them from there.
  storeSearchVectors: () => Promise.resolve(),
  indexSearchPrefixes: widenSqliteSearchPrefixes,
  // FTS5 walks a word's matches newest first (ORDER BY rowid DESC) and stops when it has enough.
  indexSearchBuckets: () => Promise.resolve(),
  createCallOverlapGuard: createSqliteCallOverlapGuard,
  createQuotaCounter: createSqliteQuotaCounter,
  createOpenTicketCounter: createSqliteOpenTicketCounter,
  relaxColumns: relaxSqliteColumns,
};

/** FTS5 lives in its own module beside this file (search/sqlite-fts.ts); this is its entry point. */
export const sqliteSearch: SearchIndex = sqliteSearchIndex;

/**
 * Kysely's SQLite driver, with two changes for when a write fails. The error says what happened:
 * a full disk becomes a StorageFullError. And when SQLite has already rolled the transaction back
 * by itself (it does on SQLITE_FULL and on I/O errors), no second ROLLBACK is sent: it would fail
 * with "cannot rollback - no transaction is active" and that message would replace the real one.
 */
class StoreSqliteDriver extends SqliteDriver {
  constructor(private readonly raw: BetterSqlite3.Database) {
    super({ database: raw });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    return {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        try {
          return await connection.executeQuery<R>(query);
        } catch (error) {
          throw isNoSpaceLeft(error) ? new StorageFullError({ cause: error }) : error;
        }
      },
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) =>
        connection.streamQuery<R>(query, chunkSize),
    };
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.raw.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

class StoreSqliteDialect extends SqliteDialect {
  constructor(private readonly raw: BetterSqlite3.Database) {
    super({ database: raw });
  }

  override createDriver(): Driver {
    return new StoreSqliteDriver(this.raw);
  }
}

export function openSqlite(options: SqliteOptions): { db: Kysely<Database>; raw: BetterSqlite3.Database } {
  const raw = new BetterSqlite3(options.file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  });
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new StoreSqliteDialect(raw) });
  return { db, raw };
}

/**
 * An existing file opened only to look at it: read-only, no pragma set, so that a file we end up
 * refusing is left exactly as it was (turning WAL on alone would rewrite its header).
 */
export function probeSqlite(options: Pick<SqliteOptions, 'file' | 'nativeBinding'>): Kysely<Database> {
  const raw = new BetterSqlite3(options.file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    readonly: true,
    fileMustExist: true,
  });
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
}
