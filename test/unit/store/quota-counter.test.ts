// customers.quota_spent, kept by the database: equal to the customer's counted messages after the
// migration's backfill, after bulk demo seeding, and after every insert, update and delete.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../electron/core/demo';
import { defaultRuleSet } from '../../../electron/core/rules';
import { openStore } from '../../../electron/core/store';
import { migrations } from '../../../electron/core/store/migrations';
import { migrate } from '../../../electron/core/store/migrator';
import type { Database } from '../../../electron/core/store/schema';
import { openSqlite, sqliteSchemaDialect } from '../../../electron/core/store/sqlite';
import { createTestDatabase } from '../../support/store';
import { insertCustomer as insertRow } from '../helpers/rows';

const AT = Date.UTC(2026, 10, 25, 10);

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sc-quota-'));
  file = join(dir, 'store.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Customers whose kept count differs from a fresh count of their messages. */
async function mismatches(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('customers as c')
    .select((eb) => [
      'c.id',
      'c.quota_spent',
      eb
        .selectFrom('messages as m')
        .select((q) => q.fn.countAll<number>().as('n'))
        .whereRef('m.customer_id', '=', 'c.id')
        .where('m.counts_toward_quota', '=', 1)
        .as('counted'),
    ])
    .execute();
  return rows.filter((r) => Number(r.counted) !== r.quota_spent);
}

function insertCustomer(db: Kysely<Database>, name: string): Promise<number> {
  return insertRow(db, { name, email: `${name}@example.test`, at: AT });
}

describe('quota_spent', () => {
  it('is backfilled from the messages already there', async () => {
    const at = migrations.findIndex((m) => m.name === '0008_quota_counter');
    expect(at).toBeGreaterThan(0);
    const { db } = openSqlite({ file });
    await migrate(db, sqliteSchemaDialect, () => AT, migrations.slice(0, at));
    await seedDemo(db, defaultRuleSet, { customers: 40, tickets: 400, seed: 3, now: AT });
    await db.destroy();
    const store = await openStore({ file, now: () => AT });
    try {
      expect(await mismatches(store.db)).toEqual([]);
      const spent = await store.db
        .selectFrom('customers')
        .select('id')
        .where('quota_spent', '>', 0)
        .execute();
      expect(spent.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  // On the store under test: a SQLite file, or PostgreSQL's trigger function with TEST_STORE=postgres.
  it('follows bulk seeding and every later write to messages', async () => {
    const database = await createTestDatabase('store.sqlite');
    const store = await openStore({ file: database.location, now: () => AT });
    const db = store.db;
    try {
      await seedDemo(db, defaultRuleSet, { customers: 40, tickets: 400, seed: 5, now: AT });
      expect(await mismatches(db)).toEqual([]);

      const a = await insertCustomer(db, 'a');
      const b = await insertCustomer(db, 'b');
      const ticket = await db.selectFrom('tickets').select('id').limit(1).executeTakeFirstOrThrow();
      const message = (customerId: number, counts: 0 | 1) =>
        db
          .insertInto('messages')
          .values({
            ticket_id: ticket.id,
            customer_id: customerId,
            author_kind: 'customer',
            author_staff_id: null,
            kind: 'question',
            body: 'x',
            accepted: 1,
            counts_toward_quota: counts,
            decision: null,
            created_at: AT,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
      const first = await message(a, 1);
      await message(a, 1);
      const free = await message(a, 0);
      expect(await mismatches(db)).toEqual([]);
      await db.updateTable('messages').set({ counts_toward_quota: 1 }).where('id', '=', free.id).execute();
      await db.updateTable('messages').set({ customer_id: b }).where('id', '=', first.id).execute();
      await db.updateTable('messages').set({ body: 'edited' }).where('id', '=', first.id).execute();
      expect(await mismatches(db)).toEqual([]);
      await db.deleteFrom('messages').where('id', '=', free.id).execute();
      expect(await mismatches(db)).toEqual([]);
      const kept = await db
        .selectFrom('customers')
        .select(['id', 'quota_spent'])
        .where('id', 'in', [a, b])
        .orderBy('id')
        .execute();
      expect(kept).toEqual([
        { id: a, quota_spent: 1 },
        { id: b, quota_spent: 1 },
      ]);
    } finally {
      await store.close();
      await database.dispose();
    }
  });
});
