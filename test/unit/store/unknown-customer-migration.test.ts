// Migration 0016 on a database written by the version before it: a real SQLite file (tables rebuilt
// with foreign keys off) or, with TEST_STORE=postgres, a real PostgreSQL database (altered in place).
// Every row, id, index, trigger and reference survives; the mails held for an unknown sender become
// tickets marked unknown customer.
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/core/store/migrations';
import { migrate } from '../../../electron/core/store/migrator';
import { openPostgres, postgresSchemaDialect } from '../../../electron/core/store/postgres';
import type { Database } from '../../../electron/core/store/schema';
import { openSqlite, sqliteSchemaDialect } from '../../../electron/core/store/sqlite';
import { emptyDatabase, onPostgres, postgresServer, createTestDatabase } from '../../support/store';

const BEFORE = migrations.findIndex((m) => m.name === '0016_unknown_customer');
const T0 = Date.UTC(2026, 2, 2, 9, 0);

interface Opened {
  db: Kysely<Database>;
  migrateTo(count?: number): Promise<void>;
  close(): Promise<void>;
}

let opened: Opened;
let cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  cleanups = [];
  if (onPostgres) {
    const server = await postgresServer();
    const database = await emptyDatabase(server.url);
    const { db } = await openPostgres({ url: database.url });
    cleanups.push(
      () => server.stop(),
      () => database.drop(),
    );
    opened = {
      db,
      migrateTo: async (count) => {
        await migrate(db, postgresSchemaDialect, () => T0, migrations.slice(0, count));
      },
      close: () => db.destroy(),
    };
  } else {
    const scratch = await createTestDatabase('before-0015.sqlite', 'sqlite');
    cleanups.push(() => scratch.dispose());
    const { db } = openSqlite({ file: scratch.location });
    opened = {
      db,
      migrateTo: async (count) => {
        await migrate(db, sqliteSchemaDialect, () => T0, migrations.slice(0, count));
      },
      close: () => db.destroy(),
    };
    cleanups.push(() => {
      // The file itself, read by another connection: nothing broken, every reference whole.
      const raw = new BetterSqlite3(scratch.location, { readonly: true });
      try {
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(raw.pragma('foreign_key_check')).toEqual([]);
      } finally {
        raw.close();
      }
    });
  }
});

afterEach(async () => {
  await opened.close();
  for (const c of cleanups.reverse()) await c();
});

async function fillBefore(db: Kysely<Database>) {
  await sql`insert into customers (name, company, account_email, zone, plan_id, plan_since, created_at, updated_at)
    values ('Ada Byron', null, 'ada@example.com', 'Europe/London', 'free', ${T0}, ${T0}, ${T0})`.execute(db);
  const customer = await db.selectFrom('customers').select('id').executeTakeFirstOrThrow();
  await sql`insert into rule_set_versions (version, rule_set_id, label, json, created_at, created_by, note)
    values (3, 'quintadb', 'quintadb@7', '{}', ${T0}, null, 'test')`.execute(db);
  const ticketIds: number[] = [];
  for (const subject of ['Import fails', 'Zebra export']) {
    const row = await sql<{
      id: number;
    }>`insert into tickets (customer_id, channel, subject, status, priority,
        created_at, updated_at, clock_starts_at, intake_outcome, intake_reason_code, intake_reason,
        intake_decision, rule_set_version, flagged_not_entitled)
      values (${customer.id}, 'topic', ${subject}, 'new', 'normal', ${T0}, ${T0}, ${T0}, 'accept', 'ok',
        'ok', '{}', 'quintadb@7', 0) returning id`.execute(db);
    ticketIds.push(row.rows[0]!.id);
  }
  for (const ticketId of ticketIds) {
    await sql`insert into messages (ticket_id, customer_id, author_kind, kind, body, accepted,
        counts_toward_quota, created_at)
      values (${ticketId}, ${customer.id}, 'customer', 'question', 'the quarterly spreadsheet', 1, 1, ${T0})`.execute(
      db,
    );
  }
  await sql`insert into outbox (created_at, customer_id, ticket_id, to_email, kind, subject, body, status)
    values (${T0}, ${customer.id}, ${ticketIds[0]}, 'ada@example.com', 'answer_notification', 's', 'b', 'pending')`.execute(
    db,
  );
  // A deleted ticket leaves a gap: ids must go on after it, never reuse it.
  await sql`insert into tickets (customer_id, channel, subject, status, priority, created_at, updated_at,
      clock_starts_at, intake_outcome, intake_reason_code, intake_reason, intake_decision,
      rule_set_version, flagged_not_entitled)
    values (${customer.id}, 'topic', 'gone', 'new', 'normal', ${T0}, ${T0}, ${T0}, 'accept', 'ok', 'ok',
      '{}', 'quintadb@7', 0)`.execute(db);
  await sql`delete from tickets where subject = 'gone'`.execute(db);

  const held = async (uid: number, from: string, name: string | null, subject: string, body: string) => {
    const row = await sql<{ id: number }>`insert into mail_inbound (mailbox, uid_validity, uid, sha256,
        rfc_message_id, from_address, from_name, subject, size, received_at, outcome, note, auto_submitted, body)
      values ('INBOX', 7, ${uid}, ${'sha' + uid}, ${`<m${uid}@example.net>`}, ${from}, ${name}, ${subject}, 100,
        ${T0 + uid * 60_000}, 'unknown_sender', null, 0, ${body}) returning id`.execute(db);
    return row.rows[0]!.id;
  };
  const first = await held(
    1,
    'stranger@example.net',
    'Sam Stranger',
    'Who answers here?',
    'Hello, is this support?',
  );
  await held(2, 'other@example.org', null, '', 'No subject at all');
  await sql`insert into mail_attachments (inbound_id, filename, content_type, size, content)
    values (${first}, 'log.txt', 'text/plain', 3, ${Buffer.from('abc')})`.execute(db);
  // A mail that became a ticket stays as it was.
  await sql`insert into mail_inbound (mailbox, uid_validity, uid, sha256, from_address, subject, size,
      received_at, outcome, auto_submitted, ticket_id)
    values ('INBOX', 7, 3, 'sha3', 'ada@example.com', 'Import fails', 10, ${T0}, 'ticket', 0, ${ticketIds[0]})`.execute(
    db,
  );
  return { customerId: customer.id, ticketIds };
}

describe('migration 0016: unknown customers', () => {
  it('keeps every row, id, index and trigger, and turns each held mail into an unknown customer ticket', async () => {
    const { db } = opened;
    await opened.migrateTo(BEFORE);
    const { customerId, ticketIds } = await fillBefore(db);
    const indexesBefore = await indexNames(db);

    // 0016 alone: later migrations add indexes of their own.
    await opened.migrateTo(BEFORE + 1);

    expect(await indexNames(db)).toEqual(indexesBefore);
    const kept = await db
      .selectFrom('tickets')
      .select(['id', 'customer_id', 'subject', 'intake_outcome'])
      .where('customer_id', 'is not', null)
      .orderBy('id')
      .execute();
    expect(kept).toEqual(
      ticketIds.map((id, i) => ({
        id,
        customer_id: customerId,
        subject: ['Import fails', 'Zebra export'][i],
        intake_outcome: 'accept',
      })),
    );
    const unknown = await db
      .selectFrom('tickets')
      .selectAll()
      .where('customer_id', 'is', null)
      .orderBy('id')
      .execute();
    expect(unknown.map((t) => [t.subject, t.sender_email, t.sender_name, t.intake_outcome])).toEqual([
      ['Who answers here?', 'stranger@example.net', 'Sam Stranger', 'undecided'],
      ['(no subject)', 'other@example.org', null, 'undecided'],
    ]);
    // Ids go on after the deleted one (AUTOINCREMENT / the identity sequence kept its place).
    expect(unknown[0]!.id).toBe(Math.max(...ticketIds) + 2);
    expect(unknown[0]).toMatchObject({
      channel: 'email',
      status: 'new',
      created_at: T0 + 60_000,
      due_at: null,
      intake_reason_code: 'unknown_customer',
      rule_set_version: 'quintadb@7',
      sla_rule_version: 3,
      first_response_target_minutes: null,
    });
    expect(JSON.parse(unknown[0]!.intake_decision)).toMatchObject({
      outcome: 'undecided',
      reason: { code: 'unknown_customer', params: { address: 'stranger@example.net' } },
    });
    const mails = await db
      .selectFrom('mail_inbound')
      .select(['uid', 'outcome', 'ticket_id', 'message_id', 'body'])
      .orderBy('uid')
      .execute();
    const messages = await db
      .selectFrom('messages')
      .select(['id', 'ticket_id', 'customer_id', 'body', 'counts_toward_quota'])
      .where('ticket_id', 'in', [unknown[0]!.id, unknown[1]!.id])
      .orderBy('id')
      .execute();
    expect(messages).toEqual([
      expect.objectContaining({
        ticket_id: unknown[0]!.id,
        customer_id: null,
        body: 'Hello, is this support?',
      }),
      expect.objectContaining({ ticket_id: unknown[1]!.id, customer_id: null, body: 'No subject at all' }),
    ]);
    expect(mails).toEqual([
      {
        uid: 1,
        outcome: 'unknown_sender',
        ticket_id: unknown[0]!.id,
        message_id: messages[0]!.id,
        body: null,
      },
      {
        uid: 2,
        outcome: 'unknown_sender',
        ticket_id: unknown[1]!.id,
        message_id: messages[1]!.id,
        body: null,
      },
      { uid: 3, outcome: 'ticket', ticket_id: ticketIds[0], message_id: null, body: null },
    ]);
    expect(await db.selectFrom('mail_attachments').select('filename').execute()).toEqual([
      { filename: 'log.txt' },
    ]);
    const arrivals = await db
      .selectFrom('sla_events')
      .select(['ticket_id', 'kind', 'at'])
      .where('ticket_id', 'in', [unknown[0]!.id, unknown[1]!.id])
      .orderBy('ticket_id')
      .execute();
    expect(arrivals).toEqual([
      { ticket_id: unknown[0]!.id, kind: 'arrival', at: T0 + 60_000 },
      { ticket_id: unknown[1]!.id, kind: 'arrival', at: T0 + 120_000 },
    ]);

    // The quota counter's triggers came back with the messages table: 2 counted messages, then 1.
    const spent = () =>
      db.selectFrom('customers').select('quota_spent').where('id', '=', customerId).executeTakeFirstOrThrow();
    expect(await spent()).toEqual({ quota_spent: 2 });
    await db.deleteFrom('messages').where('ticket_id', '=', ticketIds[1]!).execute();
    expect(await spent()).toEqual({ quota_spent: 1 });
    // The search index came back too: a new subject is found, the held mail's text is found.
    await db
      .updateTable('tickets')
      .set({ subject: 'Quokka import' })
      .where('id', '=', ticketIds[0]!)
      .execute();
    expect(await searchTickets(db, 'quokka')).toEqual([ticketIds[0]]);
    expect(await searchMessages(db, 'support')).toEqual([messages[0]!.id]);
    // References still hold: a message on a ticket that does not exist is refused.
    await expect(
      sql`insert into messages (ticket_id, customer_id, author_kind, kind, body, accepted, counts_toward_quota, created_at)
        values (999999, null, 'customer', 'question', 'x', 1, 0, ${T0})`.execute(db),
    ).rejects.toThrow(/foreign key/i);
    // The new outcome is allowed, anything else still is not.
    await expect(
      sql`update tickets set intake_outcome = 'maybe' where id = ${ticketIds[0]}`.execute(db),
    ).rejects.toThrow(/check/i);
  });

  it('does nothing to a database without held mail but the columns', async () => {
    const { db } = opened;
    await opened.migrateTo(BEFORE);
    await opened.migrateTo();
    expect(await db.selectFrom('tickets').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('customer_addresses').select('id').execute()).toEqual([]);
  });
});

async function indexNames(db: Kysely<Database>): Promise<string[]> {
  const rows = onPostgres
    ? await sql<{ name: string }>`select indexname as name from pg_indexes
        where schemaname = current_schema() and tablename in ('tickets', 'messages', 'outbox')`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master
        where tbl_name in ('tickets', 'messages', 'outbox') and type in ('index', 'trigger')`.execute(db);
  return rows.rows.map((r) => r.name).sort();
}

async function searchTickets(db: Kysely<Database>, word: string): Promise<number[]> {
  const rows = onPostgres
    ? await sql<{ id: number }>`select id from tickets
        where support_search_vector(subject) @@ to_tsquery('simple', ${word})`.execute(db)
    : await sql<{
        id: number;
      }>`select rowid as id from search_tickets where search_tickets match ${word}`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}

async function searchMessages(db: Kysely<Database>, word: string): Promise<number[]> {
  const rows = onPostgres
    ? await sql<{ id: number }>`select id from messages
        where support_search_vector(body) @@ to_tsquery('simple', ${word})`.execute(db)
    : await sql<{
        id: number;
      }>`select rowid as id from search_messages where search_messages match ${word}`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}
