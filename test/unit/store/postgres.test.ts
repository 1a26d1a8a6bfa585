// What only PostgreSQL does, always on a real PostgreSQL server (the suite's cluster, or one started
// here on the SQLite run): refusing a foreign schema, numbers as numbers, search kept by the
// database, the calls exclusion constraint under a real concurrent transaction, and runWrite's retry
// after a real deadlock. The counterparts of the SQLite-file tests in migrations/search/race.
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { runWrite } from '../../../electron/core/api/write';
import { startCore, type RunningCore } from '../../../electron/core/app';
import { MigrationMismatchError, openStore } from '../../../electron/core/store';
import { migrations } from '../../../electron/core/store/migrations';
import { migrate } from '../../../electron/core/store/migrator';
import {
  openPostgres,
  postgresSchemaDialect,
  postgresSearch,
  warmConnections,
} from '../../../electron/core/store/postgres';
import type { Database } from '../../../electron/core/store/schema';
import { parseSearchText } from '../../../electron/core/store/search/query';
import { emptyDatabase, postgresServer } from '../../support/store';
import { insertCustomer } from '../helpers/rows';

const AT = Date.UTC(2026, 10, 25, 10);

let server: { url: string; stop(): void };
let database: { url: string; drop(): Promise<void> };
beforeAll(async () => {
  server = await postgresServer();
});
afterAll(() => server.stop());
beforeEach(async () => {
  database = await emptyDatabase(server.url);
});
afterEach(async () => {
  await database.drop();
});

function customer(db: Kysely<Database>, name: string, email: string, company: string | null) {
  return insertCustomer(db, { name, email, company, planId: 'standard', at: AT });
}

describe('migrations on PostgreSQL', () => {
  it('creates the schema with 64-bit integers and records each step', async () => {
    const store = await openStore({ file: database.url, now: () => AT });
    try {
      const recorded = await store.db
        .selectFrom('schema_migrations')
        .selectAll()
        .orderBy('position')
        .execute();
      expect(recorded).toEqual(migrations.map((m, i) => ({ position: i + 1, name: m.name, applied_at: AT })));
      const narrow = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and data_type = 'integer'
          and table_name <> 'schema_migrations'`.execute(store.db);
      expect(narrow.rows).toEqual([]);
      // An epoch-millisecond value in a column a migration declared `integer` comes back as a number.
      const id = await customer(store.db, 'Big Number', 'big@example.test', null);
      await store.db
        .insertInto('staff')
        .values({
          name: 'S',
          email: 's@x.test',
          role: 'agent',
          zone: 'UTC',
          active: 1,
          capacity: null,
          last_signed_in_at: null,
          created_at: AT,
        })
        .execute();
      const row = await store.db
        .selectFrom('customers')
        .select(['id', 'created_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ id, created_at: AT });
      const count = await store.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(count.n).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('refuses a database whose migrations are not this version’s, and leaves it unchanged', async () => {
    const { db } = await openPostgres({ url: database.url });
    await migrate(db, postgresSchemaDialect, () => AT, migrations.slice(0, 3));
    await db
      .updateTable('schema_migrations')
      .set({ name: '0003_renamed' })
      .where('position', '=', 3)
      .execute();
    await db.destroy();
    const error = await openStore({ file: database.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationMismatchError);
    expect((error as Error).message).toMatch(
      /step 3 is "0003_renamed" in the database but "0003_queue_views"/,
    );
    const check = await openPostgres({ url: database.url });
    const steps = await check.db.selectFrom('schema_migrations').select('name').execute();
    expect(steps).toHaveLength(3);
    await check.db.destroy();
  });

  it('opens with its first connections made and the searched tables already read by each', async () => {
    const store = await openStore({ file: database.url, now: () => AT });
    try {
      const name = new URL(database.url).pathname.slice(1);
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      try {
        const found = await admin.query<{ n: string }>(
          'select count(*) as n from pg_stat_activity where datname = $1',
          [name],
        );
        expect(Number(found.rows[0]?.n)).toBeGreaterThanOrEqual(4);
      } finally {
        await admin.end();
      }
    } finally {
      await store.close();
    }
    // A pool smaller than the warm-up is filled, not waited on forever.
    const small = await openPostgres({ url: database.url, poolSize: 2 });
    try {
      await warmConnections(small.pool);
      expect(small.pool.totalCount).toBe(2);
    } finally {
      await small.db.destroy();
    }
  });

  it('names the database when it cannot be reached', async () => {
    const missing = new URL(database.url);
    missing.pathname = '/no_such_database';
    await expect(openStore({ file: missing.toString() })).rejects.toThrow(
      /Cannot open the PostgreSQL database postgres:\/\/.*no_such_database: the database does not exist/,
    );
  });
});

describe('search on PostgreSQL', () => {
  it('indexes what is written, follows edits of indexed text, folds accents and ignores operators', async () => {
    const store = await openStore({ file: database.url, now: () => AT });
    try {
      const db = store.db;
      const id = await customer(db, 'Chloé Keller', 'chloe@boulangerie.example', 'Boulangerie Dubois');
      const find = (text: string) => postgresSearch.customers(db, parseSearchText(text), 10);
      expect(await find('chloe')).toEqual([id]);
      expect(await find('CHLOÉ kel')).toEqual([id]);
      expect(await find('chloe@boulangerie.example')).toEqual([id]);
      expect(await find('boulangerie & !dubois')).toEqual([id]);
      expect(await find("o'brien")).toEqual([]);
      await db.updateTable('customers').set({ name: 'Chloé Meier' }).where('id', '=', id).execute();
      expect(await find('keller')).toEqual([]);
      expect(await find('meier')).toEqual([id]);
      await db.deleteFrom('customers').where('id', '=', id).execute();
      expect(await find('meier')).toEqual([]);
    } finally {
      await store.close();
    }
  });
  it('asks the index of id ranges for the newest ranges only, with or without the word being typed', async () => {
    const store = await openStore({ file: database.url, now: () => AT });
    try {
      const db = store.db;
      const ranges = async (query: string, lo: number, hi: number) =>
        (
          await sql<{ q: string }>`
            select support_search_bucket_query(${query}::tsquery, ${lo}, ${hi})::text as q`.execute(db)
        ).rows[0]?.q;
      // Words as words, phrases as their words, the word being typed still a prefix, quotes kept.
      expect(await ranges(`('two' <-> 'factor':*) & 'o''brien'`, 3, 4)).toBe(
        `'4:two' & '4:factor':* & '4:o''brien' | '3:two' & '3:factor':* & '3:o''brien'`,
      );
      expect(await ranges(`'chloe'`, 0, 0)).toBe(`'0:chloe'`);
      expect(await ranges(``, 0, 9)).toBe(``);
      const tagged = await sql<{ v: string }>`
        select support_search_buckets(${3 * 16_384 + 5}, to_tsvector('simple', 'b a'))::text as v`.execute(
        db,
      );
      expect(tagged.rows[0]?.v).toBe(`'3:a' '3:b'`);

      // 300 customers 50 ids apart, every one with words starting "fo"; "quill" in three old ones.
      const row = (id: number, name: string, company: string | null) => ({
        id,
        name,
        company,
        account_email: `c${id}@example.test`,
        zone: null,
        plan_id: 'free',
        plan_since: AT,
        created_at: AT,
        updated_at: AT,
      });
      await db
        .insertInto('customers')
        .values([
          ...Array.from({ length: 300 }, (_, k) => row(100_000 + k * 50, `Person ${k}`, 'Forward Forms')),
          row(90_000, 'Quill Fox', null),
          row(90_050, 'Ada Quill', 'Forward Forms'),
          row(90_100, 'Quill Smith', null),
        ])
        .execute();
      const find = async (text: string) =>
        (await postgresSearch.customers(db, parseSearchText(text), 10)).sort((a, b) => a - b);
      expect(await find('forw')).toHaveLength(10);
      // With statistics, "fo…" (in every row) is left out of what the index is asked; the rows "quill"
      // finds are tested against the whole search. The statistics are read after a search of the
      // tickets, which asks for every word meanwhile.
      await sql`analyze customers`.execute(db);
      expect(await postgresSearch.tickets(db, parseSearchText('quill fo'), 10)).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await find('quill fo')).toEqual([90_000, 90_050]);
      expect(await find('quill smi')).toEqual([90_100]);
      expect(await find('quill zz')).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('writes racing on PostgreSQL', () => {
  let first: RunningCore;
  let second: RunningCore;
  let ids: { agent: number; customer: number };
  beforeEach(async () => {
    first = await startCore({ dbFile: database.url, demo: false, now: () => AT });
    second = await startCore({ dbFile: database.url, demo: false, now: () => AT });
    const agent = (
      await first.core.db
        .insertInto('staff')
        .values({
          name: 'Alice Agent',
          email: 'alice@x.test',
          role: 'agent',
          zone: 'UTC',
          active: 1,
          capacity: null,
          last_signed_in_at: null,
          created_at: AT,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ids = { agent, customer: await customer(first.core.db, 'Sue', 'sue@x.test', null) };
  });
  afterEach(async () => {
    await first.close();
    await second.close();
  });

  it('runs a write again when PostgreSQL breaks a deadlock by cancelling it', async () => {
    const other = await customer(first.core.db, 'Ted', 'ted@x.test', null);
    // Each write locks one customer, waits until the other has locked the other one, then wants it.
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothLocked = new Promise<void>((resolve) => (release = resolve));
    const attempts = { a: 0, b: 0 };
    const cross = (core: RunningCore, key: 'a' | 'b', mine: number, theirs: number) =>
      runWrite(core.core, 'test.cross', null, async (w) => {
        attempts[key]++;
        await w.db
          .updateTable('customers')
          .set({ updated_at: AT + 1 })
          .where('id', '=', mine)
          .execute();
        if (attempts[key] === 1) {
          if (++arrived === 2) release();
          await bothLocked;
        }
        await w.db
          .updateTable('customers')
          .set({ updated_at: AT + 2 })
          .where('id', '=', theirs)
          .execute();
        await w.audit({ entity: 'customer', entityId: theirs, before: null, after: null });
        return key;
      });
    const results = await Promise.all([
      cross(first, 'a', ids.customer, other),
      cross(second, 'b', other, ids.customer),
    ]);
    expect(results).toEqual(['a', 'b']);
    // One of the two was chosen as the deadlock victim and ran a second time.
    expect(attempts.a + attempts.b).toBe(3);
    const audits = await first.core.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'test.cross')
      .execute();
    expect(audits).toHaveLength(2);
  });

  it('lets the exclusion constraint refuse a booking another connection committed meanwhile', async () => {
    const session = { staffId: null as number | null };
    const lead = (
      await first.core.db
        .insertInto('staff')
        .values({
          name: 'Leo Lead',
          email: 'leo@x.test',
          role: 'lead',
          zone: 'UTC',
          active: 1,
          capacity: null,
          last_signed_in_at: null,
          created_at: AT,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await first.core.db.updateTable('customers').set({ plan_id: 'standard_express' }).execute();
    expect((await first.dispatcher.invoke(session, 'session.signIn', { staffId: lead })).ok).toBe(true);
    const request = async () => {
      const created = await first.dispatcher.invoke(session, 'tickets.create', {
        customerId: ids.customer,
        channel: 'phone',
        subject: 'Call me',
        body: 'Please.',
        callRequest: { questions: ['Q?'], contactEmail: 'sue@x.test', tool: 'skype' },
      });
      if (!created.ok) throw new Error(created.error.message);
      const call = await first.core.db
        .selectFrom('calls')
        .select('id')
        .where('ticket_id', '=', created.value.ticket.ticket.id)
        .executeTakeFirstOrThrow();
      return call.id;
    };
    const callId = await request();
    const slipped = await request();
    const startsAt = Date.UTC(2026, 10, 26, 11);
    // Another connection books the agent in an open transaction: the core's own check reads only
    // committed rows and finds the slot free, then its write waits on the constraint for that
    // transaction, which commits: the database refuses the core's booking.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(
        `update calls set status = 'scheduled', agent_id = $1, starts_at = $2, ends_at = $3 where id = $4`,
        [ids.agent, startsAt, startsAt + 30 * 60_000, slipped],
      );
      const booking = createDispatcher(second.core, { checkOutputs: true }).call(
        { staffId: lead },
        'calls.schedule',
        {
          callId,
          agentId: ids.agent,
          startsAt,
        },
      );
      await waitUntilBlocked(client);
      await client.query('commit');
      const result = await booking;
      // Refused whichever way the core learns of it: the guard's error once its write waited on the
      // other transaction, or its own check if that transaction committed before the check ran.
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'conflict',
          message: expect.stringMatching(
            /^Alice Agent already has (another call overlapping Thu 26 Nov 2026, 11:00–11:30 GMT|a call from 11:00 to 11:30 GMT on Thu 26 Nov 2026)/,
          ),
        },
      });
      const call = await first.core.db
        .selectFrom('calls')
        .select('status')
        .where('id', '=', callId)
        .executeTakeFirstOrThrow();
      expect(call.status).toBe('requested');
    } finally {
      await client.end();
    }
  });
});

/** Polls the server (no sleeping on a guess) until some backend waits on a lock held by `client`. */
async function waitUntilBlocked(client: pg.Client): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const waiting = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
    );
    if ((waiting.rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the booking never waited on the other transaction');
}
