// Moving a desktop database into a team database: a real SQLite file with demo data copied into a
// real PostgreSQL database, ids kept, sequences moved on, and every refusal leaving both untouched.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCore } from '../../../electron/core/app';
import { seedDemo } from '../../../electron/core/demo';
import { openStore } from '../../../electron/core/store';
import { ImportError, importSqliteIntoPostgres } from '../../../electron/core/store/import';
import { receiveWebsitePost } from '../../../electron/core/channels/website/intake';
import { signWebsitePost } from '../../../electron/core/channels/website/signature';
import { admin } from '../../support/postgres';
import { emptyDatabase, postgresServer } from '../../support/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { snapshot } from '../helpers/core';

const NOW = Date.UTC(2026, 10, 25, 10);

let server: { url: string; stop(): void };
let dir: string;
let file: string;
let target: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  server = await postgresServer();
});
afterAll(() => server.stop());

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sc-import-test-'));
  file = join(dir, 'desktop.sqlite');
  const desktop = await startCore({ dbFile: file, demo: false, now: () => NOW });
  try {
    await seedDemo(desktop.core.db, desktop.core.rules, { customers: 30, tickets: 120, seed: 7, now: NOW });
  } finally {
    await desktop.close();
  }
  target = await emptyDatabase(server.url);
});
afterEach(async () => {
  await target.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('import --from file.sqlite', () => {
  it('copies every table with its ids, then the team database works on from there', async () => {
    const report = await importSqliteIntoPostgres({ from: file, database: target.url, now: () => NOW });
    const source = await openStore({ file });
    const copied = await openStore({ file: target.url });
    try {
      const before = await snapshot(source.db);
      const after = await snapshot(copied.db);
      for (const { table, rows } of report.tables) {
        expect(rows, table).toBe(before[table]?.length);
        // Row for row, value for value: the whole table, not only the sample the import checked.
        expect(after[table], table).toEqual(before[table]);
      }
      expect(report.tables.map((t) => t.table)).toEqual(
        expect.arrayContaining([
          'customers',
          'tickets',
          'messages',
          'sla_events',
          'audit_log',
          'rule_set_versions',
        ]),
      );
      expect(report.sampled).toBeGreaterThan(100);

      // The sequences moved past the copied ids, and search indexed the copied text.
      const maxTicket = Math.max(...(before.tickets as { id: number }[]).map((t) => t.id));
      const running = await startCore({ dbFile: target.url, demo: false, now: () => NOW });
      try {
        const lead = await running.core.db
          .selectFrom('staff')
          .select('id')
          .where('role', '=', 'lead')
          .executeTakeFirstOrThrow();
        const customer = await running.core.db.selectFrom('customers').select('id').executeTakeFirstOrThrow();
        const session = { staffId: null as number | null };
        expect((await running.dispatcher.invoke(session, 'session.signIn', { staffId: lead.id })).ok).toBe(
          true,
        );
        const created = await running.dispatcher.invoke(session, 'tickets.create', {
          customerId: customer.id,
          channel: 'topic',
          subject: 'Après l’import',
          body: 'First ticket on the team database.',
        });
        expect(created.ok && created.value.ticket.ticket.id).toBe(maxTicket + 1);
        const subject = (before.tickets as { subject: string }[])[0]?.subject ?? '';
        const word = subject.split(/\s+/).find((w) => /^\p{L}{4,}$/u.test(w)) ?? '';
        const found = await running.dispatcher.invoke(session, 'search.query', { text: word, limit: 5 });
        expect(found.ok && found.value.tickets.length).toBeGreaterThan(0);
      } finally {
        await running.close();
      }
    } finally {
      await source.close();
      await copied.close();
    }
  });

  it('copies the website’s posts, and leaves behind its secret (sealed under this machine’s key) and its refusal log', async () => {
    const desktop = await startCore({ dbFile: file, demo: false, now: () => NOW });
    try {
      const lead = await desktop.core.db
        .selectFrom('staff')
        .select('id')
        .where('role', '=', 'lead')
        .executeTakeFirstOrThrow();
      const customer = await desktop.core.db
        .selectFrom('customers')
        .select('account_email')
        .executeTakeFirstOrThrow();
      const session = { staffId: null as number | null };
      await desktop.dispatcher.invoke(session, 'session.signIn', { staffId: lead.id });
      const rotated = await desktop.dispatcher.invoke(session, 'channels.website.rotateSecret', {});
      if (!rotated.ok) throw new Error(rotated.error.message);
      await desktop.dispatcher.invoke(session, 'channels.website.update', { enabled: true });
      const send = (body: string, secret: string) => {
        const ts = String(Math.floor(NOW / 1000));
        return receiveWebsitePost(desktop.core, {
          headers: {
            'content-type': 'application/json',
            'x-support-timestamp': ts,
            'x-support-signature': signWebsitePost(secret, ts, body),
            'idempotency-key': 'import-test-0001',
          },
          body: Buffer.from(body),
        });
      };
      const body = JSON.stringify({
        kind: 'topic_question',
        language: 'en',
        customer: { accountEmail: customer.account_email },
        subject: 'Before the import',
        body: 'Posted on the desktop.',
      });
      expect((await send(body, rotated.value.secret)).status).toBe(200);
      expect((await send(body, 'wrong')).status).toBe(401);
    } finally {
      await desktop.close();
    }
    await importSqliteIntoPostgres({ from: file, database: target.url, now: () => NOW });
    const source = await openStore({ file });
    const copied = await openStore({ file: target.url });
    try {
      const before = await snapshot(source.db);
      const after = await snapshot(copied.db);
      expect(before.website_posts).toHaveLength(1);
      expect(after.website_posts).toEqual(before.website_posts);
      expect(before.website_channel).toHaveLength(1);
      expect(after.website_channel).toEqual([]);
      expect(after.website_rejections).toEqual([]);
    } finally {
      await source.close();
      await copied.close();
    }
  });

  it('refuses a database that already holds data, and copies nothing', async () => {
    await importSqliteIntoPostgres({ from: file, database: target.url, now: () => NOW });
    const store = await openStore({ file: target.url });
    const before = await snapshot(store.db);
    await expect(importSqliteIntoPostgres({ from: file, database: target.url })).rejects.toThrow(
      /already holds data \(.*customers.*\): an import only fills an empty database/,
    );
    expect(await snapshot(store.db)).toEqual(before);
    await store.close();
  });

  it('refuses a database another application uses', async () => {
    await admin(target.url, ['create table invoices (id int primary key)']);
    await expect(importSqliteIntoPostgres({ from: file, database: target.url })).rejects.toThrow(
      /is not empty: it has tables \(invoices\) that Support Console did not create/,
    );
    const tables = await listTables(target.url);
    expect(tables).toEqual(['invoices']);
  });

  it('says clearly what is wrong with the source or the target', async () => {
    await expect(
      importSqliteIntoPostgres({ from: join(dir, 'missing.sqlite'), database: target.url }),
    ).rejects.toThrow(/No SQLite database at .*missing\.sqlite/);
    const junk = join(dir, 'notes.txt');
    writeFileSync(junk, 'not a database at all, just some text that is long enough to be read');
    await expect(importSqliteIntoPostgres({ from: junk, database: target.url })).rejects.toThrow(ImportError);
    await expect(
      importSqliteIntoPostgres({ from: file, database: join(dir, 'other.sqlite') }),
    ).rejects.toThrow(/--database must be a postgres:\/\/ URL/);
    expect(await listTables(target.url)).toEqual([]);
  });

  it('rolls the whole copy back when a row cannot be written', async () => {
    // A row PostgreSQL refuses (a staff role outside the CHECK list), slipped into the file behind
    // SQLite's own check: the import fails on it and leaves the team database without any row.
    const desktop = await openStore({ file });
    await sql`pragma ignore_check_constraints = on`.execute(desktop.db);
    await sql`update staff set role = 'intruder' where id = (select max(id) from staff)`.execute(desktop.db);
    await desktop.close();
    await expect(importSqliteIntoPostgres({ from: file, database: target.url })).rejects.toThrow(
      /staff_role_check|check constraint/,
    );
    const store = await openStore({ file: target.url });
    for (const table of ['customers', 'staff', 'tickets', 'messages']) {
      const n = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
      expect(n.rows[0]?.n, table).toBe(0);
    }
    await store.close();
  });
});

async function listTables(url: string): Promise<string[]> {
  const store = { url };
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: store.url });
  await client.connect();
  try {
    const result = await client.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    return result.rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}
