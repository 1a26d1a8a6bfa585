import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, MigrationMismatchError } from '../../../electron/core/store';
import { migrations } from '../../../electron/core/store/migrations';
import { migrate } from '../../../electron/core/store/migrator';
import { listQueue } from '../../../electron/core/store/queries/tickets';
import { openSqlite, sqliteSchemaDialect } from '../../../electron/core/store/sqlite';
import { builtinViews } from '../../../shared/builtin-views';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sc-store-'));
  file = join(dir, 'store.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function tablesOf(path: string): string[] {
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    return raw
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .all()
      .map((r) => (r as { name: string }).name);
  } finally {
    raw.close();
  }
}

function dump(path: string): string {
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    const tables = raw
      .prepare("select name, sql from sqlite_master where name not like 'sqlite_%' order by name")
      .all() as { name: string; sql: string | null }[];
    return JSON.stringify(
      tables.map((t) => ({
        ...t,
        rows: t.sql?.startsWith('CREATE TABLE') ? raw.prepare(`select * from "${t.name}"`).all() : null,
      })),
    );
  } finally {
    raw.close();
  }
}

describe('migrations', () => {
  it('creates every table from an empty file and records each migration in order', async () => {
    const store = await openStore({ file, now: () => 1_000 });
    const recorded = await store.db.selectFrom('schema_migrations').selectAll().orderBy('position').execute();
    await store.close();
    expect(recorded).toEqual(
      migrations.map((m, i) => ({ position: i + 1, name: m.name, applied_at: 1_000 })),
    );
    // Each migration's own tests check its tables; this one checks that all of them come up together.
    expect(tablesOf(file)).toEqual(
      expect.arrayContaining([
        'audit_log',
        'calls',
        'customers',
        'manager_assignments',
        'messages',
        'outbox',
        'plan_changes',
        'schema_migrations',
        'staff',
        'tickets',
        'saved_views',
        'search_tickets',
        'search_messages',
        'search_customers',
      ]),
    );
  });

  it('opens an up-to-date database without applying anything again', async () => {
    await (await openStore({ file })).close();
    const { db } = openSqlite({ file });
    const result = await migrate(db, sqliteSchemaDialect);
    await db.destroy();
    expect(result.applied).toEqual([]);
  });

  it('finds tickets never measured against SLA hours through an index, not by reading every ticket', async () => {
    const store = await openStore({ file });
    // The look every start makes (sla/record.ts adoptUnmeasuredTickets).
    const query = store.db
      .selectFrom('tickets as t')
      .innerJoin('customers as c', 'c.id', 't.customer_id')
      .select(['t.id', 't.channel', 't.intake_outcome', 'c.plan_id'])
      .where('t.sla_rule_version', 'is', null)
      .orderBy('t.id')
      .limit(500)
      .compile();
    const { rows } = await store.db.executeQuery<{ detail: string }>({
      ...query,
      sql: `explain query plan ${query.sql}`,
    });
    await store.close();
    const details = rows.map((r) => r.detail).join('\n');
    // The partial index holds only the unmeasured tickets: reading it is reading those alone.
    expect(details).toMatch(/^(SCAN|SEARCH) t USING (COVERING )?INDEX tickets_unmeasured$/m);
  });

  it('reads the unanswered, refused and spent-quota views and the next deadline per channel from their own indexes', async () => {
    await (await openStore({ file })).close();
    const { db, raw } = openSqlite({ file });
    // Every statement the queue and the scheduler run, with its parameters, to be explained as run.
    const ran: { sql: string; params: unknown[] }[] = [];
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((text: string) => {
      const statement = prepare(text);
      const all = statement.all.bind(statement);
      statement.all = ((...params: unknown[]) => {
        ran.push({ sql: text, params });
        return all(...params);
      }) as typeof statement.all;
      return statement;
    }) as typeof raw.prepare;
    const planOf = (text: string) => {
      const found = ran.find((r) => r.sql.includes(text) && r.sql.includes('order by'));
      if (!found) throw new Error(`no statement ran with ${text}`);
      return prepare(`explain query plan ${found.sql}`)
        .all(...found.params)
        .map((r) => (r as { detail: string }).detail)
        .join('\n');
    };
    const scope = {
      actorId: null,
      now: Date.UTC(2026, 10, 25, 10),
      dueBy: null,
      quota: { planIds: ['free'], limit: 5 },
    };
    const view = (id: string) => {
      const found = builtinViews.find((v) => v.id === id);
      if (!found) throw new Error(id);
      // Counted as large: read one status at a time in index order, as a view of the 1M-ticket set is.
      return listQueue(db, {
        filter: found.filter,
        sort: found.sort,
        after: null,
        limit: 50,
        scope,
        total: { n: 1000, atLeast: true },
      });
    };
    await view('refused');
    expect(planOf('intake_outcome" = ?')).toMatch(
      /USING INDEX tickets_unanswered_refused_created \(status=\?\)/,
    );
    ran.length = 0;
    await view('needs_first_response');
    expect(planOf('first_response_at')).toMatch(
      /USING INDEX tickets_unanswered_accepted_due \(status=\? AND due_at>\?\)/,
    );
    ran.length = 0;
    await view('free_quota_used_up');
    // From the spent customers who have open work (0023) to their open tickets, both partial indexes.
    const spent = planOf('quota_spent');
    expect(spent).toMatch(
      /SEARCH qc USING (COVERING )?INDEX customers_quota_open_work \(plan_id=\? AND quota_spent>\?\)/,
    );
    expect(spent).toMatch(/SEARCH t USING (COVERING )?INDEX tickets_open_work_customer \(customer_id=\?/);
    const nextDeadline = await db
      .selectFrom('tickets')
      .select((eb) => eb.fn.min('due_at').as('at'))
      .where('sla_phase_breached', '=', 0)
      .where('channel', '=', 'chat')
      .where('due_at', '>', 0)
      .compile();
    const plan = prepare(`explain query plan ${nextDeadline.sql}`)
      .all(...nextDeadline.parameters)
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
    expect(plan).toMatch(/USING COVERING INDEX tickets_sla_channel_due/);
    await db.destroy();
  });

  it('turns on WAL, foreign keys and a busy timeout', async () => {
    const { db, raw } = openSqlite({ file });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw.pragma('busy_timeout', { simple: true })).toBe(5000);
    await db.destroy();
  });

  it('refuses a database with a migration this version does not know, and leaves it unchanged', async () => {
    const store = await openStore({ file });
    await store.db
      .insertInto('schema_migrations')
      .values({ position: 99, name: '0099_future', applied_at: 1 })
      .execute();
    await store.close();
    const before = dump(file);
    await expect(openStore({ file })).rejects.toThrow(/newer version of Support Console.*0099_future/);
    expect(dump(file)).toBe(before);
  });

  it('refuses a database whose recorded migrations differ from the code', async () => {
    const store = await openStore({ file });
    await store.db
      .updateTable('schema_migrations')
      .set({ name: '0001_something_else' })
      .where('position', '=', 1)
      .execute();
    await store.close();
    const before = dump(file);
    const error = await openStore({ file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationMismatchError);
    expect((error as Error).message).toMatch(
      /step 1 is "0001_something_else" in the database but "0001_initial"/,
    );
    expect(dump(file)).toBe(before);
  });

  it('rolls a failing migration back completely: no table, no record', async () => {
    const { db } = openSqlite({ file });
    const broken = [
      ...migrations,
      {
        name: '0002_broken',
        async up(trx: Parameters<(typeof migrations)[number]['up']>[0]) {
          await trx.schema.createTable('half_done').addColumn('id', 'integer').execute();
          await sql`this is not sql`.execute(trx);
        },
      },
    ];
    await expect(migrate(db, sqliteSchemaDialect, Date.now, broken)).rejects.toThrow();
    const names = (await db.selectFrom('schema_migrations').select('name').orderBy('position').execute()).map(
      (r) => r.name,
    );
    await db.destroy();
    expect(names).toEqual(migrations.map((m) => m.name));
    expect(tablesOf(file)).not.toContain('half_done');
  });

  it('keeps timestamps as integer epoch milliseconds', async () => {
    const store = await openStore({ file });
    await store.db
      .insertInto('staff')
      .values({
        name: 'T',
        email: 't@x.test',
        role: 'agent',
        zone: 'UTC',
        active: 1,
        capacity: null,
        last_signed_in_at: null,
        created_at: 1_764_000_000_123,
      })
      .execute();
    const row = await store.db.selectFrom('staff').select('created_at').executeTakeFirstOrThrow();
    await store.close();
    expect(row.created_at).toBe(1_764_000_000_123);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });
});
