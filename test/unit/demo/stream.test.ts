// seedDemo streams: finished tickets are written a batch at a time while the month is simulated,
// so memory holds the tickets still in progress, not the whole data set (the benchmark's million
// tickets). On both stores: a run in many small batches writes what a run in one batch writes (SLA
// events and breaches are numbered in the order they are written, so they are compared without their
// ids), the counts match the summary, and the tickets held unwritten stay a small share of the month.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type SeedProgress, type SeedSummary } from '../../../electron/core/demo';
import { defaultRuleSet } from '../../../electron/core/rules';
import { openStore, type Store } from '../../../electron/core/store';
import type { Database } from '../../../electron/core/store/schema';
import { createTestDatabase, type TestDatabase } from '../../support/store';

const OPTIONS = { customers: 80, tickets: 1200, seed: 4, now: Date.parse('2026-11-25T10:00:00.000Z') };
const BATCH = 40;
const SAME_IDS = ['customers', 'plan_changes', 'tickets', 'messages', 'calls', 'outbox'] as const;

const databases: TestDatabase[] = [];
const stores: Store[] = [];
let streamed: Kysely<Database>;
let whole: Kysely<Database>;
let summary: SeedSummary;
let wholeSummary: SeedSummary;
const progress: SeedProgress[] = [];

async function freshStore(): Promise<Kysely<Database>> {
  const database = await createTestDatabase();
  databases.push(database);
  const store = await openStore({ file: database.location, now: () => OPTIONS.now });
  stores.push(store);
  return store.db;
}

/** SLA rows by ticket, in their order within the ticket, without the id they were numbered with. */
async function slaRows(db: Kysely<Database>, table: 'sla_events' | 'sla_breaches'): Promise<unknown[]> {
  const rows = await db.selectFrom(table).selectAll().orderBy('ticket_id').orderBy('id').execute();
  return rows.map((row) => {
    const rest: Partial<typeof row> = { ...row };
    delete rest.id;
    return rest;
  });
}

beforeAll(async () => {
  streamed = await freshStore();
  summary = await seedDemo(streamed, defaultRuleSet, {
    ...OPTIONS,
    batchTickets: BATCH,
    progress: (p) => progress.push(p),
  });
  whole = await freshStore();
  wholeSummary = await seedDemo(whole, defaultRuleSet, { ...OPTIONS, batchTickets: OPTIONS.tickets * 10 });
}, 120_000);

afterAll(async () => {
  for (const store of stores) await store.close();
  for (const database of databases) await database.dispose();
});

describe('seedDemo in batches', () => {
  it('writes a batch at a time and holds only the tickets in progress', () => {
    expect(progress.length).toBeGreaterThan(OPTIONS.tickets / BATCH / 2);
    expect(progress.at(-1)).toEqual({ written: summary.rows.tickets, held: 0 });
    const written = progress.map((p) => p.written);
    expect(written).toEqual([...written].sort((a, b) => a - b));
    // A month of tickets, most settled within days: far fewer than the month are ever held at once.
    const mostHeld = Math.max(...progress.map((p) => p.held));
    expect(mostHeld).toBeLessThan(OPTIONS.tickets / 3);
  });

  it('writes the same rows as one batch does', async () => {
    expect(summary.rows).toEqual(wholeSummary.rows);
    expect(summary).toEqual(wholeSummary);
    for (const table of SAME_IDS) {
      const a = await streamed.selectFrom(table).selectAll().orderBy('id').execute();
      const b = await whole.selectFrom(table).selectAll().orderBy('id').execute();
      expect(a, table).toEqual(b);
    }
    for (const table of ['sla_events', 'sla_breaches'] as const)
      expect(await slaRows(streamed, table), table).toEqual(await slaRows(whole, table));
  });

  it('writes as many rows as the summary counts, every one hanging off a written ticket', async () => {
    for (const [table, count] of Object.entries(summary.rows)) {
      const row = await streamed
        .selectFrom(table as keyof Database & keyof SeedSummary['rows'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(row.n), table).toBe(count);
    }
    const orphans = await streamed
      .selectFrom('messages')
      .leftJoin('tickets', 'tickets.id', 'messages.ticket_id')
      .where('tickets.id', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(orphans.n)).toBe(0);
    const ids = await streamed
      .selectFrom('sla_events')
      .select([(eb) => eb.fn.min('id').as('first'), (eb) => eb.fn.max('id').as('last')])
      .executeTakeFirstOrThrow();
    expect([Number(ids.first), Number(ids.last)]).toEqual([1, summary.rows.sla_events]);
  });
});
