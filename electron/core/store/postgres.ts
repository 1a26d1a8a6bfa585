// The one place that knows the store runs on PostgreSQL (team mode): the connection pool and its
// type parsers, and the schema details SQLite does differently (identity ids, bigint timestamps, an
// exclusion constraint for calls, a trigger function for the quota counter; search in search/).
import {
  Kysely,
  OperationNodeTransformer,
  PostgresDialect,
  sql,
  type DataTypeNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type pg from 'pg';
import { CALL_OVERLAP_GUARD, OPEN_WORK_SQL, type ColumnRelaxation, type SchemaDialect } from './migrations';
import type { Database } from './schema';
import {
  createPostgresSearchIndex,
  indexPostgresSearchBuckets,
  postgresSearchIndex,
  storePostgresSearchVectors,
} from './search/postgres-fts';
import type { SearchIndex } from './search/types';

// pg (and its protocol, types and pool) is loaded only when a postgres:// database is opened: a
// console on a SQLite file never needs it, and every start would pay for loading it.
let pgModule: Promise<typeof pg> | null = null;
export function loadPg(): Promise<typeof pg> {
  pgModule ??= import('pg').then((loaded) => loaded.default);
  return pgModule;
}

/** Whether a store location names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * bigint (timestamps, ids, counts) and numeric (sums, averages) arrive as JS numbers, as they do from
 * SQLite. Every value the store keeps is an epoch millisecond, an id or a count, far below 2^53. Set on
 * this pool only, so another user of `pg` in the same process keeps its own parsing.
 */
function typesOf(driver: typeof pg): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if ((oid === INT8_OID || oid === NUMERIC_OID) && format !== 'binary') {
        return (value: string) => Number(value);
      }
      return format === 'binary'
        ? driver.types.getTypeParser(oid, 'binary')
        : driver.types.getTypeParser(oid, 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

export interface PostgresOptions {
  url: string;
  /** Connections kept by this process; the server's max_connections is shared by every process. */
  poolSize?: number;
}

/**
 * A bitmap heap scan (search reads its matches so) asks the OS for this many pages ahead instead of
 * PostgreSQL's default of one, unless the server's configuration says otherwise: a first search
 * after a start reads its matches' pages from disk, and the 1M set's cold "api key" took 750–1,100 ms
 * with one page ahead, 290–520 with 128. Servers without posix_fadvise refuse any value but 0; the
 * setting is then left alone.
 */
const PREFETCH = `select set_config('effective_io_concurrency', '128', false)
  from pg_settings where name = 'effective_io_concurrency' and source = 'default'`;

export async function openPostgres(
  options: PostgresOptions,
): Promise<{ db: Kysely<Database>; pool: pg.Pool }> {
  const driver = await loadPg();
  const pool = new driver.Pool({
    connectionString: options.url,
    types: typesOf(driver),
    max: options.poolSize ?? 10,
    // A restarted server leaves broken connections in the pool: they are dropped and replaced on
    // the next query instead of crashing the process.
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (error) => console.error('[store] idle PostgreSQL connection failed', error.message));
  // pg-pool listens for errors only on idle connections: a connection the server drops while it is
  // checked out (a restart mid-query) would emit an unheard 'error' and crash the process. The query
  // itself already fails with that error, and the pool discards the connection on release.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    // Queued before any query of the pool's: pg runs a client's queries in order.
    client.query(PREFETCH).catch(() => undefined);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}

/** Connections a search uses at once (tickets, messages and customers side by side) and one more. */
const WARM_CONNECTIONS = 4;

/**
 * Opens the pool's first connections, each with the searched tables' definitions read, before the
 * store is handed out. A new connection is a new server process, which reads the catalog entries of
 * every table and index a statement names on first use: the first search after a start paid for
 * three of them at once, on top of its own work (about 5–15 ms of the first one on the 1M set). Only
 * a help: a server short of free connections is not refused for it.
 */
export async function warmConnections(pool: pg.Pool, count = WARM_CONNECTIONS): Promise<void> {
  // Never more than the pool holds: connecting past it would wait for a release that never comes.
  const n = Math.min(count, pool.options.max ?? count);
  const opened = await Promise.allSettled(Array.from({ length: n }, () => pool.connect()));
  const clients = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  try {
    await Promise.allSettled(
      clients.map((client) =>
        client.query(
          'select 1 from tickets t, messages m, customers c where t.id = m.ticket_id and c.id = t.customer_id and false',
        ),
      ),
    );
  } finally {
    for (const client of clients) client.release();
  }
}

/**
 * Released migrations declare `integer` for ids and for a few epoch-millisecond columns; on SQLite an
 * integer holds 64 bits, on PostgreSQL 32. So while migrating on PostgreSQL every integer column is
 * created as bigint, and the released migrations stay as they were written.
 */
class IntegerAsBigint extends OperationNodeTransformer {
  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    return node.dataType === 'integer' ? { ...node, dataType: 'bigint' } : node;
  }
}

const integerAsBigint: KyselyPlugin = {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return new IntegerAsBigint().transformNode(args.node);
  },
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  },
};

/**
 * An exclusion constraint: no two scheduled calls of one agent over intersecting [starts_at, ends_at)
 * ranges, checked by the database under concurrent transactions (no trigger can see another
 * transaction's uncommitted row). A trigger refuses a scheduled call without an agent or a time range.
 */
async function createPostgresCallOverlapGuard(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists btree_gist`.execute(db);
  // The same words as SQLite's trigger, so both stores refuse such a row with one message.
  await sql
    .raw(
      `create function calls_scheduled_slot() returns trigger language plpgsql as $$
       begin
         if new.status = 'scheduled' and (new.agent_id is null or new.starts_at is null
             or new.ends_at is null or new.ends_at <= new.starts_at) then
           raise exception 'scheduled call without an agent or with an empty time range'
             using errcode = 'check_violation';
         end if;
         return new;
       end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger calls_scheduled_slot before insert or update of status, agent_id, starts_at, ends_at
       on calls for each row execute function calls_scheduled_slot()`,
    )
    .execute(db);
  await sql
    .raw(
      `alter table calls add constraint ${CALL_OVERLAP_GUARD}
       exclude using gist (agent_id with =, int8range(starts_at, ends_at) with &&)
       where (status = 'scheduled')`,
    )
    .execute(db);
}

/** One row trigger moving customers.quota_spent by one per counted message, like SQLite's four. */
async function createPostgresQuotaCounter(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create function quota_spent_count() returns trigger language plpgsql as $$
       begin
         if tg_op <> 'INSERT' then
           if old.counts_toward_quota = 1 then
             update customers set quota_spent = quota_spent - 1 where id = old.customer_id;
           end if;
         end if;
         if tg_op <> 'DELETE' then
           if new.counts_toward_quota = 1 then
             update customers set quota_spent = quota_spent + 1 where id = new.customer_id;
           end if;
         end if;
         return null;
       end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger quota_spent after insert or delete or update of counts_toward_quota, customer_id
       on messages for each row execute function quota_spent_count()`,
    )
    .execute(db);
}

/**
 * One row trigger moving customers.open_tickets, like SQLite's three. The UPDATE trigger fires only
 * when the customer or the ticket's being open work changes (its WHEN), so the many status changes
 * within open work cost nothing and take no lock on the customer's row.
 */
async function createPostgresOpenTicketCounter(db: Kysely<unknown>): Promise<void> {
  const open = (row: 'old' | 'new') => `${row}.status in (${OPEN_WORK_SQL})`;
  await sql
    .raw(
      `create function open_tickets_count() returns trigger language plpgsql as $$
       begin
         if tg_op <> 'INSERT' and old.customer_id is not null and ${open('old')} then
           update customers set open_tickets = open_tickets - 1 where id = old.customer_id;
         end if;
         if tg_op <> 'DELETE' and new.customer_id is not null and ${open('new')} then
           update customers set open_tickets = open_tickets + 1 where id = new.customer_id;
         end if;
         return null;
       end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger open_tickets_insert_delete after insert or delete on tickets
       for each row execute function open_tickets_count()`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger open_tickets_update after update of status, customer_id on tickets
       for each row
       when (old.customer_id is distinct from new.customer_id or (${open('old')}) <> (${open('new')}))
       execute function open_tickets_count()`,
    )
    .execute(db);
}

/** In place: the column's NOT NULL dropped, its check constraint replaced under the same name. */
async function relaxPostgresColumns(
  db: Kysely<unknown>,
  table: string,
  changes: readonly ColumnRelaxation[],
): Promise<void> {
  for (const change of changes) {
    if (change.dropNotNull) {
      await sql`alter table ${sql.table(table)} alter column ${sql.ref(change.column)} drop not null`.execute(
        db,
      );
    }
    if (change.allow) {
      const checks = await sql<{ name: string }>`
        select c.conname as name from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
        where c.conrelid = ${table}::regclass and c.contype = 'c' and a.attname = ${change.column}
          and cardinality(c.conkey) = 1`.execute(db);
      const name = checks.rows[0]?.name;
      if (checks.rows.length !== 1 || !name) {
        throw new Error(
          `Expected one check constraint on ${table}.${change.column}, found ${checks.rows.length}`,
        );
      }
      const list = sql.join(change.allow.map((v) => sql.lit(v)));
      await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(name)}`.execute(db);
      await sql`alter table ${sql.table(table)} add constraint ${sql.ref(name)}
        check (${sql.ref(change.column)} in (${list}))`.execute(db);
    }
  }
}

export const postgresSchemaDialect: SchemaDialect = {
  relaxColumns: relaxPostgresColumns,
  autoId: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
  createSearchIndex: createPostgresSearchIndex,
  storeSearchVectors: storePostgresSearchVectors,
  // A prefix (`'hel':*`) is a range of GIN's sorted words, whatever its length.
  indexSearchPrefixes: () => Promise.resolve(),
  indexSearchBuckets: indexPostgresSearchBuckets,
  createCallOverlapGuard: createPostgresCallOverlapGuard,
  createQuotaCounter: createPostgresQuotaCounter,
  createOpenTicketCounter: createPostgresOpenTicketCounter,
  forMigration: (db) => db.withPlugin(integerAsBigint),
};

export const postgresSearch: SearchIndex = postgresSearchIndex;

/** SQLSTATEs after which the whole transaction can simply run again. */
export const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(['40001', '40P01']);

export function sqlState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/**
 * Identity columns hand out ids from a sequence that rows written with explicit ids (demo seeding, an
 * import) do not move; each is set past the largest id in its table so the next insert does not
 * collide.
 */
export async function advanceIdentitySequences(db: Kysely<Database>): Promise<void> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = current_schema() and column_name = 'id' and is_identity = 'YES'
    order by table_name`.execute(db);
  for (const { table_name: table } of tables.rows) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'),
      coalesce((select max(id) from ${sql.table(table)}), 1),
      (select max(id) from ${sql.table(table)}) is not null)`.execute(db);
  }
}
