// customers.open_tickets, kept by the database (0023): equal to the customer's tickets in open work
// after the migration's backfill, after bulk demo seeding, and after every insert, status change,
// change of customer and delete; a status change within open work does not touch the customer's row.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkStatuses } from '../../../shared/domain';
import { seedDemo } from '../../../electron/core/demo';
import { defaultRuleSet } from '../../../electron/core/rules';
import { openStore } from '../../../electron/core/store';
import { COUNTED_OPEN_STATUSES, migrations } from '../../../electron/core/store/migrations';
import { migrate } from '../../../electron/core/store/migrator';
import type { Database, NewTicket } from '../../../electron/core/store/schema';
import { openSqlite, sqliteSchemaDialect } from '../../../electron/core/store/sqlite';
import { createTestDatabase, onPostgres } from '../../support/store';
import { insertCustomer } from '../helpers/rows';

const AT = Date.UTC(2026, 10, 25, 10);

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sc-open-'));
  file = join(dir, 'store.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Customers whose kept count differs from a fresh count of their open tickets. */
async function mismatches(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('customers as c')
    .select((eb) => [
      'c.id',
      'c.open_tickets',
      eb
        .selectFrom('tickets as t')
        .select((q) => q.fn.countAll<number>().as('n'))
        .whereRef('t.customer_id', '=', 'c.id')
        .where('t.status', 'in', [...openWorkStatuses])
        .as('counted'),
    ])
    .execute();
  return rows.filter((r) => Number(r.counted) !== r.open_tickets);
}

async function openCount(db: Kysely<Database>, customerId: number): Promise<number> {
  const row = await db
    .selectFrom('customers')
    .select('open_tickets')
    .where('id', '=', customerId)
    .executeTakeFirstOrThrow();
  return row.open_tickets;
}

function ticket(customerId: number | null, status: NewTicket['status']): NewTicket {
  return {
    customer_id: customerId,
    channel: 'topic',
    subject: 'Counted',
    status,
    priority: 'normal',
    assignee_id: null,
    created_at: AT,
    updated_at: AT,
    clock_starts_at: AT,
    first_response_at: null,
    first_response_due_at: null,
    due_at: null,
    last_customer_message_at: AT,
    last_staff_message_at: null,
    intake_outcome: 'accept',
    intake_reason_code: 'intake.accepted',
    intake_reason: 'x',
    intake_decision: '{}',
    rule_set_version: 'test',
    flagged_not_entitled: 0,
  };
}

describe('open_tickets', () => {
  it('counts the statuses the product calls open work', () => {
    expect([...COUNTED_OPEN_STATUSES].sort()).toEqual([...openWorkStatuses].sort());
  });

  it('is backfilled from the tickets already there', async () => {
    const at = migrations.findIndex((m) => m.name === '0023_open_work_by_customer');
    expect(at).toBeGreaterThan(0);
    const { db } = openSqlite({ file });
    await migrate(db, sqliteSchemaDialect, () => AT, migrations.slice(0, at));
    await seedDemo(db, defaultRuleSet, { customers: 40, tickets: 400, seed: 3, now: AT });
    await db.destroy();
    const store = await openStore({ file, now: () => AT });
    try {
      expect(await mismatches(store.db)).toEqual([]);
      const busy = await store.db
        .selectFrom('customers')
        .select('id')
        .where('open_tickets', '>', 1)
        .execute();
      expect(busy.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  // On the store under test: SQLite's triggers, or PostgreSQL's trigger function with TEST_STORE=postgres.
  it('follows bulk seeding and every later write to tickets', async () => {
    const database = await createTestDatabase('store.sqlite');
    const store = await openStore({ file: database.location, now: () => AT });
    const db = store.db;
    try {
      await seedDemo(db, defaultRuleSet, { customers: 40, tickets: 400, seed: 5, now: AT });
      expect(await mismatches(db)).toEqual([]);

      const a = await insertCustomer(db, { name: 'a', email: 'a@example.test', at: AT });
      const b = await insertCustomer(db, { name: 'b', email: 'b@example.test', at: AT });
      const insert = async (customerId: number | null, status: NewTicket['status']) =>
        (
          await db
            .insertInto('tickets')
            .values(ticket(customerId, status))
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const setStatus = (id: number, status: NewTicket['status']) =>
        db.updateTable('tickets').set({ status }).where('id', '=', id).execute();
      const first = await insert(a, 'new');
      const second = await insert(a, 'open');
      await insert(a, 'closed');
      const stranger = await insert(null, 'new');
      expect([await openCount(db, a), await openCount(db, b)]).toEqual([2, 0]);

      await setStatus(first, 'waiting_customer');
      expect(await openCount(db, a)).toBe(2);
      await setStatus(first, 'solved');
      expect(await openCount(db, a)).toBe(1);
      await setStatus(first, 'open');
      expect(await openCount(db, a)).toBe(2);
      await db.updateTable('tickets').set({ customer_id: b }).where('id', '=', second).execute();
      expect([await openCount(db, a), await openCount(db, b)]).toEqual([1, 1]);
      // A stranger's ticket linked to a customer, and one unlinked again.
      await db.updateTable('tickets').set({ customer_id: b }).where('id', '=', stranger).execute();
      expect(await openCount(db, b)).toBe(2);
      await db.updateTable('tickets').set({ customer_id: null }).where('id', '=', second).execute();
      expect(await openCount(db, b)).toBe(1);
      // Both at once: another customer and out of open work.
      await db
        .updateTable('tickets')
        .set({ customer_id: a, status: 'closed' })
        .where('id', '=', stranger)
        .execute();
      expect([await openCount(db, a), await openCount(db, b)]).toEqual([1, 0]);
      await db.updateTable('tickets').set({ subject: 'edited' }).where('id', '=', first).execute();
      await db.deleteFrom('tickets').where('id', '=', first).execute();
      expect(await openCount(db, a)).toBe(0);
      expect(await mismatches(db)).toEqual([]);
    } finally {
      await store.close();
      await database.dispose();
    }
  });

  it.runIf(onPostgres)(
    'leaves the customer unlocked when a ticket moves within open work (an answer)',
    async () => {
      const database = await createTestDatabase('store.sqlite');
      const store = await openStore({ file: database.location, now: () => AT });
      const db = store.db;
      try {
        const a = await insertCustomer(db, { name: 'a', email: 'a@example.test', at: AT });
        const row = await db
          .insertInto('tickets')
          .values(ticket(a, 'open'))
          .returning('id')
          .executeTakeFirstOrThrow();
        const lockCustomer = () =>
          db.selectFrom('customers').select('id').where('id', '=', a).forUpdate().noWait().execute();
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('tickets')
            .set({ status: 'waiting_customer' })
            .where('id', '=', row.id)
            .execute();
          // Another connection of the pool: the customer's row is free.
          await expect(lockCustomer()).resolves.toHaveLength(1);
        });
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('tickets').set({ status: 'solved' }).where('id', '=', row.id).execute();
          // Leaving open work writes the count, so the row is locked until this commits.
          await expect(lockCustomer()).rejects.toThrow(/could not obtain lock/);
        });
        expect(await openCount(db, a)).toBe(0);
      } finally {
        await store.close();
        await database.dispose();
      }
    },
  );
});
