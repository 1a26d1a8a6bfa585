// Demo data on real SQLite files, and on real PostgreSQL databases in the PostgreSQL pass (the team
// e2e run and a new team server start from it): what it must contain, that it follows the rules it
// was decided by, and that a seed and a "now" always give the same database.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelIds, decision as decisionSchema } from '../../../shared/domain';
import { DEMO_DEFAULTS, isEmpty, seedDemo, type SeedSummary } from '../../../electron/core/demo';
import { materialize } from '../../../electron/core/demo/decisions';
import { buildDemo } from '../../../electron/core/demo/generate';
import { defaultRuleSet } from '../../../electron/core/rules';
import { openStore, type Store } from '../../../electron/core/store';
import type { Database } from '../../../electron/core/store/schema';
import { createTestDatabase, type TestDatabase } from '../../support/store';

const NOW = Date.parse('2025-03-14T10:30:00.000Z');
const OPTIONS = { ...DEMO_DEFAULTS, now: NOW };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TABLES = [
  'staff',
  'customers',
  'plan_changes',
  'manager_assignments',
  'tickets',
  'messages',
  'calls',
  'outbox',
  'audit_log',
  'sla_events',
  'sla_breaches',
] as const;

const databases: TestDatabase[] = [];
let store: Store;
let db: Kysely<Database>;
let summary: SeedSummary;

async function freshStore(name: string): Promise<Store> {
  const database = await createTestDatabase(name);
  databases.push(database);
  return openStore({ file: database.location });
}

async function dump(target: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = await target.selectFrom(table).selectAll().orderBy('id').execute();
  return out;
}

beforeAll(async () => {
  store = await freshStore('a.db');
  db = store.db;
  expect(await isEmpty(db)).toBe(true);
  summary = await seedDemo(db, defaultRuleSet, OPTIONS);
  // Seeding takes a second alone; a shared, loaded machine must not fail the suite on the hook's 10 s.
}, 120_000);

afterAll(async () => {
  await store.close();
  for (const database of databases) await database.dispose();
});

describe('seedDemo with the defaults', () => {
  it('fills the expected amounts, and the summary matches the tables', async () => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    expect(counts).toEqual(summary.rows);
    expect(counts.staff).toBe(9);
    expect(counts.customers).toBe(200);
    expect(counts.tickets).toBe(2000);
    expect(counts.audit_log).toBe(1);
    expect(await isEmpty(db)).toBe(false);
    const roles = await db.selectFrom('staff').select('role').execute();
    expect(roles.filter((r) => r.role === 'agent')).toHaveLength(6);
    expect(roles.filter((r) => r.role === 'account_manager')).toHaveLength(2);
    expect(roles.filter((r) => r.role === 'lead')).toHaveLength(1);
  });

  it('covers every plan and every channel, with refusals and out-of-hours arrivals', async () => {
    const plans = await db.selectFrom('customers').select('plan_id').distinct().execute();
    expect(plans.map((p) => p.plan_id).sort()).toEqual(defaultRuleSet.plans.map((p) => p.id).sort());
    const channels = await db.selectFrom('tickets').select('channel').distinct().execute();
    expect(channels.map((c) => c.channel).sort()).toEqual([...channelIds].sort());
    const refused = await db
      .selectFrom('tickets')
      .select('intake_reason_code')
      .where('intake_outcome', '=', 'refuse')
      .execute();
    expect(refused.length).toBe(summary.refused);
    const codes = new Set(refused.map((r) => r.intake_reason_code));
    for (const code of [
      'channel.not_on_plan',
      'quota.exhausted',
      'call.questions_required',
      'call.contact_email_invalid',
    ]) {
      expect(codes, code).toContain(code);
    }
    const outside = await db
      .selectFrom('tickets')
      .select('id')
      .where('intake_outcome', '=', 'accept')
      .whereRef('clock_starts_at', '>', 'created_at')
      .execute();
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.length).toBe(summary.outsideHours);
    const statuses = await db.selectFrom('tickets').select('status').distinct().execute();
    expect(statuses.map((s) => s.status).sort()).toEqual([
      'closed',
      'new',
      'open',
      'solved',
      'waiting_customer',
    ]);
  });

  it('puts Free customers at every quota level and none over the limit', async () => {
    const rows = await db
      .selectFrom('customers as c')
      .leftJoin('messages as m', (join) =>
        join.onRef('m.customer_id', '=', 'c.id').on('m.counts_toward_quota', '=', 1),
      )
      .select(['c.id', (eb) => eb.fn.count<number>('m.id').as('used')])
      .where('c.plan_id', '=', 'free')
      .groupBy('c.id')
      .execute();
    const levels = new Set(rows.map((r) => Number(r.used)));
    for (let level = 0; level <= 5; level++) expect(levels, `level ${level}`).toContain(level);
    expect(Math.max(...rows.map((r) => Number(r.used)))).toBeLessThanOrEqual(5);
    // Nobody anywhere passes the limit, whatever plan they are on now.
    const top = await db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('counts_toward_quota', '=', 1)
      .groupBy('customer_id')
      .orderBy('n', 'desc')
      .executeTakeFirst();
    expect(Number(top?.n ?? 0)).toBeLessThanOrEqual(5);
    const histogram = Object.values(summary.freeQuotaLevels).reduce((a, b) => a + b, 0);
    expect(histogram).toBe(rows.length);
  });

  it('keeps every stored decision in the live format, and quota counts only on accepted items', async () => {
    const messages = await db.selectFrom('messages').selectAll().execute();
    for (const m of messages) {
      if (m.kind === 'internal_note') {
        expect(m.decision).toBeNull();
        expect(m.counts_toward_quota).toBe(0);
        continue;
      }
      const d = decisionSchema.parse(JSON.parse(m.decision ?? 'null'));
      expect(m.accepted).toBe(d.outcome === 'accept' ? 1 : 0);
      expect(m.counts_toward_quota).toBe(d.outcome === 'accept' && d.quota?.counts ? 1 : 0);
    }
    const tickets = await db.selectFrom('tickets').selectAll().execute();
    for (const t of tickets) {
      const d = decisionSchema.parse(JSON.parse(t.intake_decision));
      expect(t.intake_outcome).toBe(d.outcome);
      expect(t.intake_reason).toBe(d.reason.text);
      expect(t.intake_reason_code).toBe(d.reason.code);
      expect(t.rule_set_version).toBe('quintadb@1');
      if (t.intake_outcome === 'refuse') {
        expect(t.first_response_due_at).toBeNull();
        expect(t.clock_starts_at).toBe(t.created_at);
      }
      if (t.status === 'waiting_customer' || t.status === 'solved' || t.status === 'closed')
        expect(t.due_at).toBeNull();
      if (t.first_response_at !== null) expect(t.first_response_at).toBeGreaterThanOrEqual(t.created_at);
      expect(t.updated_at).toBeLessThanOrEqual(NOW);
    }
  });

  it('sends a notice for every refused ticket and for topic answers', async () => {
    const missing = await db
      .selectFrom('tickets as t')
      .select('t.id')
      .where('t.intake_outcome', '=', 'refuse')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('outbox as o')
              .select('o.id')
              .whereRef('o.ticket_id', '=', 't.id')
              .where('o.kind', '=', 'intake_refused'),
          ),
        ),
      )
      .execute();
    expect(missing).toEqual([]);
    const topicAnswers = await db
      .selectFrom('messages as m')
      .innerJoin('tickets as t', 't.id', 'm.ticket_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('m.kind', '=', 'answer')
      .where('t.channel', 'in', ['topic', 'email'])
      .executeTakeFirstOrThrow();
    const notices = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'answer_notification')
      .executeTakeFirstOrThrow();
    expect(Number(notices.n)).toBe(Number(topicAnswers.n));
  });

  it('schedules calls inside phone hours, never two at once for one agent', async () => {
    const calls = await db.selectFrom('calls').selectAll().execute();
    const scheduled = calls.filter((c) => c.status === 'scheduled');
    expect(scheduled.length).toBeGreaterThan(0);
    expect(calls.some((c) => c.status === 'requested')).toBe(true);
    expect(calls.some((c) => c.status === 'done')).toBe(true);
    const booked = calls.filter((c) => c.starts_at !== null);
    for (const c of booked) {
      const start = new Date(c.starts_at ?? 0);
      const end = new Date(c.ends_at ?? 0);
      expect(c.agent_id).not.toBeNull();
      expect((c.ends_at ?? 0) - (c.starts_at ?? 0)).toBe(30 * 60_000);
      expect([1, 2, 3, 4, 5]).toContain(start.getUTCDay());
      expect(start.getUTCHours()).toBeGreaterThanOrEqual(6);
      expect(end.getUTCHours() * 60 + end.getUTCMinutes()).toBeLessThanOrEqual(15 * 60);
      expect(end.getUTCDate()).toBe(start.getUTCDate());
    }
    for (const c of scheduled) expect(c.starts_at ?? 0).toBeGreaterThan(NOW);
    const byAgent = new Map<number, [number, number][]>();
    for (const c of booked) {
      const list = byAgent.get(c.agent_id ?? 0) ?? [];
      list.push([c.starts_at ?? 0, c.ends_at ?? 0]);
      byAgent.set(c.agent_id ?? 0, list);
    }
    for (const list of byAgent.values()) {
      list.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < list.length; i++)
        expect(list[i]?.[0] ?? 0).toBeGreaterThanOrEqual(list[i - 1]?.[1] ?? 0);
    }
    // Only accepted phone tickets get a call row.
    const orphan = await db
      .selectFrom('calls as c')
      .innerJoin('tickets as t', 't.id', 'c.ticket_id')
      .select('c.id')
      .where((eb) => eb.or([eb('t.intake_outcome', '=', 'refuse'), eb('t.channel', '!=', 'phone')]))
      .execute();
    expect(orphan).toEqual([]);
  });

  it('gives most Enterprise Express customers one active manager, and leaves one or two without', async () => {
    const ee = await db
      .selectFrom('customers')
      .select('id')
      .where('plan_id', '=', 'enterprise_express')
      .execute();
    const active = await db
      .selectFrom('manager_assignments')
      .selectAll()
      .where('ended_at', 'is', null)
      .execute();
    const managed = new Set(active.map((a) => a.customer_id));
    expect(managed.size).toBe(active.length);
    const without = ee.filter((c) => !managed.has(c.id)).length;
    expect(without).toBeGreaterThanOrEqual(1);
    expect(without).toBeLessThanOrEqual(2);
    for (const a of active) expect(ee.map((c) => c.id)).toContain(a.customer_id);
    const ended = await db
      .selectFrom('manager_assignments')
      .select('id')
      .where('ended_at', 'is not', null)
      .execute();
    expect(ended.length).toBeGreaterThanOrEqual(2);
    const initial = await db
      .selectFrom('plan_changes')
      .select('customer_id')
      .where('from_plan_id', 'is', null)
      .execute();
    expect(initial).toHaveLength(200);
  });

  it('keeps the queue lived in: a recent backlog, a few overdue by hours, older work done', async () => {
    const tickets = await db.selectFrom('tickets').selectAll().execute();
    const working = tickets.filter(
      (t) => t.status === 'new' || t.status === 'open' || t.status === 'waiting_customer',
    );
    expect(working.length).toBeGreaterThan(0);
    const recent = working.filter((t) => t.created_at >= NOW - 4 * DAY);
    expect(recent.length / working.length).toBeGreaterThanOrEqual(0.8);
    const fresh = tickets.filter((t) => t.status === 'new');
    expect(fresh.filter((t) => t.created_at >= NOW - DAY).length / fresh.length).toBeGreaterThan(0.5);
    // Overdue work exists, but by hours or a day or two, never weeks, and only a handful of it.
    const overdue = working.filter((t) => t.due_at !== null && t.due_at < NOW);
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(overdue.length / working.length).toBeLessThanOrEqual(0.1);
    for (const t of overdue) expect(NOW - (t.due_at ?? 0), `ticket ${t.id}`).toBeLessThanOrEqual(3 * DAY);
    expect(working.some((t) => t.due_at !== null && t.due_at >= NOW && t.due_at < NOW + 4 * HOUR)).toBe(true);
    // Older tickets are done.
    const old = tickets.filter((t) => t.created_at < NOW - 7 * DAY);
    const done = old.filter((t) => t.status === 'solved' || t.status === 'closed');
    expect(done.length / old.length).toBeGreaterThanOrEqual(0.95);
  });

  it('answers most finished tickets inside their first-response target, and breaches a minority', async () => {
    const finished = await db
      .selectFrom('tickets')
      .select(['first_response_at', 'first_response_due_at'])
      .where('status', 'in', ['solved', 'closed'])
      .where('intake_outcome', '=', 'accept')
      .where('first_response_at', 'is not', null)
      .where('first_response_due_at', 'is not', null)
      .execute();
    expect(finished.length).toBeGreaterThan(100);
    const within = finished.filter((t) => (t.first_response_at ?? 0) <= (t.first_response_due_at ?? 0));
    const share = within.length / finished.length;
    expect(share).toBeGreaterThanOrEqual(0.75);
    expect(share).toBeLessThanOrEqual(0.97);
  });

  it('leaves waiting tickets with the clock paused and a staff answer as the last word', async () => {
    const waiting = await db
      .selectFrom('tickets')
      .selectAll()
      .where('status', '=', 'waiting_customer')
      .execute();
    expect(waiting.length).toBeGreaterThan(0);
    const messages = await db
      .selectFrom('messages')
      .select(['ticket_id', 'author_kind', 'kind'])
      .where(
        'ticket_id',
        'in',
        waiting.map((t) => t.id),
      )
      .where('accepted', '=', 1)
      .where('kind', '!=', 'internal_note')
      .orderBy('id')
      .execute();
    const last = new Map<number, { author_kind: string; kind: string }>();
    for (const m of messages) last.set(m.ticket_id, m);
    for (const t of waiting) {
      expect(t.due_at, `ticket ${t.id}`).toBeNull();
      expect(last.get(t.id), `ticket ${t.id}`).toMatchObject({ author_kind: 'staff', kind: 'answer' });
      expect(t.last_staff_message_at ?? 0).toBeGreaterThanOrEqual(t.last_customer_message_at ?? 0);
    }
  });

  it('writes one audit row for the batch', async () => {
    const audit = await db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe('demo.seed');
    expect(audit[0]?.entity).toBe('database');
    expect(JSON.parse(audit[0]?.after ?? '{}')).toEqual(summary);
  });

  it('refuses a database that is not empty', async () => {
    await expect(seedDemo(db, defaultRuleSet, OPTIONS)).rejects.toThrow(/empty database/);
  });
});

describe('determinism', () => {
  it('gives identical tables for the same seed and now', async () => {
    const other = await freshStore('b.db');
    try {
      await seedDemo(other.db, defaultRuleSet, OPTIONS);
      expect(await dump(other.db)).toEqual(await dump(db));
    } finally {
      await other.close();
    }
  });

  it('gives every customer a name of their own, for the defaults and for large demos', async () => {
    const names = (await db.selectFrom('customers').select('name').execute()).map((c) => c.name);
    expect(names).toHaveLength(200);
    expect(new Set(names).size).toBe(names.length);
    // 5,000 customers: twice as many as plain first-and-last-name pairs exist.
    const large = buildDemo(defaultRuleSet, { customers: 5_000, tickets: 10, seed: 11, now: NOW });
    const largeNames = large.customers.map((c) => c.name);
    expect(new Set(largeNames).size).toBe(largeNames.length);
    for (const name of largeNames) expect(name).toMatch(/^\p{L}+ (\p{Lu}\. )?\p{L}+(-\p{L}+)?( \d+)?$/u);
  });

  it('differs for another seed', () => {
    const a = buildDemo(defaultRuleSet, { customers: 30, tickets: 200, seed: 1, now: NOW });
    const b = buildDemo(defaultRuleSet, { customers: 30, tickets: 200, seed: 2, now: NOW });
    expect(b.customers.map((c) => c.email)).not.toEqual(a.customers.map((c) => c.email));
  });

  it('stores exactly what the engine decides, whether or not decisions are reused', () => {
    const options = { customers: 120, tickets: 1500, seed: 7, now: NOW + 5 * HOUR };
    const reused = buildDemo(defaultRuleSet, options);
    const fresh = buildDemo(defaultRuleSet, options, { reuseDecisions: false });
    const stored = (demo: typeof reused) =>
      demo.messages.map((m) => (m.decision ? materialize(m.decision) : null));
    expect(stored(reused)).toEqual(stored(fresh));
    expect(reused.tickets.map((t) => materialize(t.decision))).toEqual(
      fresh.tickets.map((t) => materialize(t.decision)),
    );
  });
});
