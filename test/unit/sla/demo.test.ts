// Demo data carries SLA rows consistent with the live clock: replaying each ticket's events gives
// exactly the stored columns and breaches, and a started core finds nothing left to record.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type RunningCore } from '../../../electron/core/app';
import { calendarFor, defaultRuleSet } from '../../../electron/core/rules';
import { slaColumnsOf, targetsOf } from '../../../electron/core/sla/record';
import { computeClock, type SlaEvent } from '../../../electron/core/sla/timeline';

const NOW = Date.parse('2026-11-25T10:30:00.000Z');
let dir: string;
let running: RunningCore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sla-demo-'));
  // The app's own first start: demo data, then the scheduler's first pass.
  running = await startCore({ dbFile: join(dir, 'demo.sqlite'), demo: true, now: () => NOW });
});
afterAll(async () => {
  await running.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo data and the SLA clock', () => {
  it('stores on every ticket exactly what replaying its events gives', async () => {
    const db = running.core.db;
    const tickets = await db.selectFrom('tickets').selectAll().orderBy('id').execute();
    const events = await db.selectFrom('sla_events').selectAll().orderBy('at').orderBy('id').execute();
    const byTicket = new Map<number, SlaEvent[]>();
    for (const e of events) {
      const list = byTicket.get(e.ticket_id) ?? [];
      list.push({ at: e.at, kind: e.kind, staffId: e.staff_id });
      byTicket.set(e.ticket_id, list);
    }
    const breaches = await db.selectFrom('sla_breaches').selectAll().execute();
    const breachKeys = new Set(breaches.map((b) => `${b.ticket_id}/${b.phase}/${b.due_at}`));
    let expectedBreaches = 0;
    for (const t of tickets) {
      const list = byTicket.get(t.id) ?? [];
      expect(list[0]?.kind, `ticket ${t.id}`).toBe('arrival');
      expect(t.sla_rule_version).toBe(1);
      const view = computeClock(calendarFor(defaultRuleSet, t.channel), targetsOf(t), list, NOW);
      const stored = slaColumnsOf(view);
      for (const key of Object.keys(stored) as (keyof typeof stored)[]) {
        expect(t[key], `ticket ${t.id} ${key}`).toBe(stored[key]);
      }
      for (const b of view.breaches) expect(breachKeys.has(`${t.id}/${b.phase}/${b.dueAt}`)).toBe(true);
      expectedBreaches += view.breaches.length;
      if (t.intake_outcome === 'refuse') expect(t.first_response_target_minutes).toBeNull();
    }
    expect(breaches).toHaveLength(expectedBreaches);
    for (const b of breaches) expect(b.breached_at).toBe(b.due_at);
  });

  it('gives a review with realistic figures', async () => {
    const lead = await running.core.db
      .selectFrom('staff')
      .select('id')
      .where('role', '=', 'lead')
      .executeTakeFirstOrThrow();
    const result = await running.dispatcher.invoke({ staffId: lead.id }, 'session.signIn', {
      staffId: lead.id,
    });
    expect(result.ok).toBe(true);
    const review = await running.dispatcher.invoke({ staffId: lead.id }, 'sla.review', {
      from: NOW - 30 * 86_400_000,
      to: NOW,
    });
    if (!review.ok) throw new Error(review.error.message);
    const { totals, byChannel } = review.value;
    expect(totals.tickets).toBeGreaterThan(1000);
    expect(totals.withinTarget).toBeGreaterThan(0.7);
    expect(totals.withinTarget).toBeLessThan(0.97);
    expect(totals.breaches).toBeGreaterThan(0);
    expect(byChannel.map((c) => c.key)).toEqual(['topic', 'email', 'chat', 'phone', 'blog_comment']);
  });
});
