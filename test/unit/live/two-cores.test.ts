// Two cores on one database (what two server processes on one database are to each other): changes
// reach the other's clients, the other's rules follow an edit at once, and one core runs the timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sharedDatabase, type LiveCore, type SharedDatabase } from './cores';

const MINUTE = 60_000;
let db: SharedDatabase;
let a: LiveCore;
let b: LiveCore;

beforeEach(async () => {
  db = await sharedDatabase();
  a = await db.start();
  b = await db.start();
});
afterEach(async () => {
  await db.dispose();
});

async function createTopic(core: LiveCore, customerId: number, subject = 'Reports') {
  const agent = await core.signedIn(db.ids.agent);
  return core.call(agent, 'tickets.create', { customerId, channel: 'topic', subject, body: 'How?' });
}

describe('two processes on one database', () => {
  it("pushes one process's committed change to the other's clients within a second, once", async () => {
    const created = await createTopic(a, db.ids.standard);
    const id = created.ticket.ticket.id;
    const heard = await b.hear('data.changed', (c) => c.ticketIds.includes(id));
    expect(heard.topics).toContain('tickets');
    // The writer's own clients heard it from the bus, not a second time from the feed.
    await a.core.live.sync();
    expect(a.heard.filter((h) => JSON.stringify(h.payload).includes(`[${id}]`))).toHaveLength(1);
    expect(b.heard.filter((h) => JSON.stringify(h.payload).includes(`[${id}]`))).toHaveLength(1);
  });

  it('never pushes a write that rolled back', async () => {
    const lead = await a.signedIn(db.ids.lead);
    const refused = await a.dispatcher.invoke(lead, 'rules.updateSla', {
      baseVersion: 1,
      targets: [],
      note: 'Broken',
    });
    expect(refused.ok).toBe(false);
    // A committed change after it: the other process hears that one and nothing before it.
    await a.call(lead, 'settings.update', { preBreachMinutes: 20 });
    await b.hear('data.changed', (c) => c.topics.includes('settings'));
    const topics = b.heard.flatMap((h) =>
      h.event === 'data.changed' ? (h.payload as { topics: string[] }).topics : [],
    );
    expect(topics).not.toContain('rules');
    const feed = await b.core.db.selectFrom('live_events').select('payload').execute();
    expect(feed.some((r) => r.payload.includes('rules'))).toBe(false);
  });

  it('puts an SLA target saved through one process in force in the other for its very next call', async () => {
    const lead = await a.signedIn(db.ids.lead);
    const current = await a.call(lead, 'rules.sla', {});
    await a.call(lead, 'rules.updateSla', {
      baseVersion: current.version,
      targets: current.targets.map((t) =>
        t.id === 'sla.topic.paid' ? { ...t, firstResponseMinutes: 60 } : t,
      ),
      note: 'Faster topics',
    });
    // No waiting: the call itself catches up with what was committed before it.
    const created = await createTopic(b, db.ids.standard);
    expect(created.ticket.ticket.ruleSetVersion).toBe('quintadb@2');
    const row = await b.core.db
      .selectFrom('tickets')
      .select(['sla_rule_version', 'due_at'])
      .where('id', '=', created.ticket.ticket.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ sla_rule_version: 2, due_at: db.clock.now + 60 * MINUTE });
    expect(b.core.sla.versions.activeVersion).toBe(2);
    // And the other's clients are told to reload the rules.
    await b.hear('data.changed', (c) => c.topics.includes('rules'));
    // An edit in the second process builds on the version the first one saved.
    const leadB = await b.signedIn(db.ids.lead);
    const seen = await b.call(leadB, 'rules.sla', {});
    expect(seen).toMatchObject({ version: 2, active: true });
  });

  it('refuses a picked staff member at their next call in one process once the other deactivated them, and follows a role change', async () => {
    const agent = await b.signedIn(db.ids.agent);
    // Warm: the pick is now answered without reading the staff row.
    await b.call(agent, 'queue.list', {});
    await b.call(agent, 'queue.list', {});
    const lead = await a.signedIn(db.ids.lead);
    await a.call(lead, 'staff.setRole', { staffId: db.ids.agent, role: 'lead' });
    expect(await b.call(agent, 'session.current', {})).toMatchObject({ role: 'lead' });
    await a.call(lead, 'staff.setRole', { staffId: db.ids.agent, role: 'agent' });
    await a.call(lead, 'staff.setActive', { staffId: db.ids.agent, active: false });
    expect(await b.dispatcher.invoke(agent, 'queue.list', {})).toMatchObject({
      ok: false,
      error: { code: 'deactivated' },
    });
  });

  it('follows a newer version even without a call, from the feed', async () => {
    const lead = await a.signedIn(db.ids.lead);
    const current = await a.call(lead, 'rules.sla', {});
    await a.call(lead, 'rules.updateSla', { baseVersion: 1, targets: current.targets, note: 'Same' });
    await b.hear('data.changed', (c) => c.topics.includes('rules'));
    expect(b.core.sla.versions.activeVersion).toBe(2);
    expect(b.core.rules).toBe(await b.core.sla.versions.load(b.core.db, 2));
  });

  it('elects exactly one leader, and only the leader wakes up its breach scheduler', async () => {
    expect([a.leadership.isLeader, b.leadership.isLeader]).toEqual([true, false]);
    const leaderTick = vi.spyOn(a.sla, 'tick');
    const followerTick = vi.spyOn(b.sla, 'tick');
    // A write in the follower: the leader hears it through the feed and looks at the deadlines.
    await createTopic(b, db.ids.standard);
    await vi.waitFor(() => expect(leaderTick).toHaveBeenCalled(), { timeout: 2000, interval: 20 });
    expect(followerTick).not.toHaveBeenCalled();
  });

  it("sends the leader's breach and warning events to the follower's clients", async () => {
    const created = await createTopic(b, db.ids.standard);
    const id = created.ticket.ticket.id;
    const due = (
      await a.core.db.selectFrom('tickets').select('due_at').where('id', '=', id).executeTakeFirstOrThrow()
    ).due_at;
    if (due === null) throw new Error('the ticket has no deadline');
    db.clock.now = due - 10 * MINUTE;
    await a.sla.tick();
    const warning = await b.hear('sla.warning', (w) => w.tickets.some((t) => t.ticketId === id));
    expect(warning.tickets[0]).toMatchObject({ ticketId: id, dueAt: due });
    db.clock.now = due + 1;
    await a.sla.tick();
    const breached = await b.hear('sla.breached', (e) => e.breaches.some((x) => x.ticketId === id));
    expect(breached.breaches).toEqual([{ ticketId: id, assigneeId: null, phase: 'first', breachedAt: due }]);
    // Each client heard each once: the leader's from its bus, the follower's from the feed.
    expect(a.heard.filter((h) => h.event === 'sla.breached')).toHaveLength(1);
    expect(b.heard.filter((h) => h.event === 'sla.breached')).toHaveLength(1);
  });

  it('hands the timers over when the leader closes, and the new leader catches up on what fell due', async () => {
    const lead = await a.signedIn(db.ids.lead);
    const effectiveAt = db.clock.now + 2 * 86_400_000;
    await a.call(lead, 'customers.changePlan', {
      customerId: db.ids.enterpriseExpress,
      planId: 'enterprise',
      effectiveAt,
      reason: 'Renewal',
    });
    db.clock.now = effectiveAt + 1;
    // A third process started now is a follower: it leaves the due change to the leader.
    const c = await db.start();
    expect(c.leadership.isLeader).toBe(false);
    const plan = () =>
      c.core.db
        .selectFrom('customers')
        .select('plan_id')
        .where('id', '=', db.ids.enterpriseExpress)
        .executeTakeFirstOrThrow();
    expect((await plan()).plan_id).toBe('enterprise_express');
    await a.close();
    await vi.waitFor(() => expect(b.leadership.isLeader || c.leadership.isLeader).toBe(true), {
      timeout: 3000,
      interval: 20,
    });
    expect(b.leadership.isLeader && c.leadership.isLeader).toBe(false);
    await vi.waitFor(async () => expect((await plan()).plan_id).toBe('enterprise'), {
      timeout: 3000,
      interval: 20,
    });
    const applied = await c.core.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'plans.applyScheduled')
      .execute();
    expect(applied).toHaveLength(1);
    // The clients of both remaining processes hear the plan change.
    for (const core of [b, c]) {
      await core.hear('data.changed', (x) => x.customerIds.includes(db.ids.enterpriseExpress));
    }
  });
});
