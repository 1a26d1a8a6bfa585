// SLA hours end to end on a real database: the clock stored on tickets, its explanation, breaches
// recorded by the scheduler (also across a restart), pre-breach warnings and rule set versions.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract';
import type { Session } from '../../../electron/core/api/context';
import { startCore } from '../../../electron/core/app';
import { createTestCore, REFUSAL_AUDIT_ACTIONS, type TestCore } from '../helpers/core';

const MINUTE = 60_000;
const utc = (d: number, h: number, m = 0) => Date.UTC(2026, 10, d, h, m); // November 2026
const WED = (h: number, m = 0) => utc(25, h, m);
const DEC1 = (h: number, m = 0) => Date.UTC(2026, 11, 1, h, m);

let core: TestCore;
let agent: Session;
let lead: Session;
beforeEach(async () => {
  core = await createTestCore(WED(10));
  agent = await core.signedIn(core.ids.agent);
  lead = await core.signedIn(core.ids.lead);
});
afterEach(() => core.dispose());

async function create(customerId: number, channel: 'topic' | 'email' | 'chat', at: number): Promise<number> {
  core.clock.now = at;
  const { ticket } = await core.call(agent, 'tickets.create', {
    customerId,
    channel,
    subject: 'S',
    body: 'B',
  });
  return ticket.ticket.id;
}

async function answer(ticketId: number, at: number, as: Session = agent): Promise<void> {
  core.clock.now = at;
  await core.call(as, 'messages.add', { ticketId, kind: 'answer', body: 'Here is how.' });
}

const ticketRow = (id: number) =>
  core.core.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('the clock stored on tickets', () => {
  it('explains an e-mail that arrived Friday 17:50 and was answered Monday 06:20: 10 + 20 minutes', async () => {
    const id = await create(core.ids.standard, 'email', utc(27, 17, 50));
    await answer(id, utc(30, 6, 20));
    const row = await ticketRow(id);
    expect(row).toMatchObject({
      sla_rule_version: 1,
      sla_plan_id: 'standard',
      first_response_target_minutes: 240,
      first_response_business_ms: 30 * MINUTE,
      first_response_by: core.ids.agent,
      first_response_breached: 0,
      // 240 business minutes from Friday 17:50: 10 on Friday, 230 from Monday 06:00.
      first_response_due_at: utc(30, 9, 50),
      due_at: null,
      sla_phase: null,
      sla_breach_count: 0,
    });

    const x = await core.call(agent, 'sla.explain', { ticketId: id });
    expect(x.ruleVersion).toEqual({ version: 1, label: 'quintadb@1' });
    expect(x.hours).toBe('Mon–Fri 06:00–18:00 GMT');
    expect(x.targets).toEqual({
      firstResponseMinutes: 240,
      nextResponseMinutes: 480,
      ruleId: 'sla.email.paid',
    });
    expect(x.timeline.map((e) => [e.kind, e.from, e.to, e.minutes, e.totalMinutes])).toEqual([
      ['arrival', utc(27, 17, 50), utc(27, 17, 50), 0, 0],
      ['counted', utc(27, 17, 50), utc(27, 18), 10, 10],
      ['closed', utc(27, 18), utc(30, 6), 0, 10],
      ['counted', utc(30, 6), utc(30, 6, 20), 20, 30],
      ['response', utc(30, 6, 20), utc(30, 6, 20), 0, 30],
    ]);
    expect(x.timeline[0]?.text).toBe(
      'Arrived Fri 27 Nov 2026, 17:50 GMT: first response owed within 240 business minutes, due Mon 30 Nov 2026, 09:50 GMT.',
    );
    expect(x.timeline[4]?.text).toContain('after 30 business minutes (target 240): met');
    expect(x.phases).toEqual([
      {
        phase: 'first',
        startedAt: utc(27, 17, 50),
        targetMinutes: 240,
        dueAt: utc(30, 9, 50),
        endedAt: utc(30, 6, 20),
        endedBy: 'response',
        businessMinutes: 30,
        breachedAt: null,
        outcome: 'met',
      },
    ]);
    expect(x.current).toMatchObject({ phase: null, dueAt: null, breached: false });
    expect(x.summary[0]).toContain('Measured against quintadb@1 (version 1)');
  });

  it('pauses while the ticket waits on the customer and resumes where it stopped', async () => {
    const id = await create(core.ids.standard, 'email', WED(10));
    expect((await ticketRow(id)).due_at).toBe(WED(14));
    core.clock.now = WED(11);
    const waiting = await core.call(agent, 'tickets.setStatus', { ticketId: id, status: 'waiting_customer' });
    expect(waiting.dueAt).toBeNull();
    core.clock.now = WED(13);
    const open = await core.call(agent, 'tickets.setStatus', { ticketId: id, status: 'open' });
    // 60 minutes were counted before the pause; the other 180 count from 13:00.
    expect(open.dueAt).toBe(WED(16));
    const x = await core.call(agent, 'sla.explain', { ticketId: id });
    // What happened, then (projected) how the remaining 180 minutes run to the deadline.
    expect(x.timeline.map((e) => [e.kind, e.projected])).toEqual([
      ['arrival', false],
      ['counted', false],
      ['pause', false],
      ['paused', false],
      ['resume', false],
      ['counted', true],
      ['due', true],
    ]);
    expect(x.timeline[3]).toMatchObject({ from: WED(11), to: WED(13), minutes: 0, totalMinutes: 60 });
    expect(x.timeline[5]).toMatchObject({ from: WED(13), to: WED(16), minutes: 180, totalMinutes: 240 });
    expect(x.current).toMatchObject({
      phase: 'first',
      dueAt: WED(16),
      businessMinutes: 60,
      remainingMinutes: 180,
    });
  });

  it('owes a next response from the oldest unanswered customer message', async () => {
    const id = await create(core.ids.standard, 'topic', WED(10));
    await answer(id, WED(10, 30));
    core.clock.now = WED(11);
    await core.call(agent, 'messages.add', { ticketId: id, kind: 'question', body: 'One more thing' });
    // Topic is 24/7: 960 minutes from Wednesday 11:00 is Thursday 03:00.
    expect(await ticketRow(id)).toMatchObject({ sla_phase: 'next', due_at: utc(26, 3) });
    core.clock.now = WED(12);
    await core.call(agent, 'messages.add', { ticketId: id, kind: 'question', body: 'And another' });
    expect((await ticketRow(id)).due_at).toBe(utc(26, 3));
    const events = await core.core.db
      .selectFrom('sla_events')
      .select(['kind', 'at'])
      .where('ticket_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.kind)).toEqual([
      'arrival',
      'response',
      'customer_message',
      'customer_message',
    ]);
  });

  it('owes nothing on a ticket refused at intake, and says why', async () => {
    const id = await create(core.ids.free, 'email', WED(10));
    expect(await ticketRow(id)).toMatchObject({
      due_at: null,
      sla_phase: null,
      first_response_target_minutes: null,
    });
    const x = await core.call(agent, 'sla.explain', { ticketId: id });
    expect(x.notMeasured).toBe('Refused at intake: no response target applies.');
    expect(x.phases).toEqual([]);
  });
});

describe('breaches, recorded when they happen', () => {
  it('records a missed deadline with its true time, once, and announces it', async () => {
    const seen: EventPayload<'sla.breached'>[] = [];
    core.core.events.on('sla.breached', (p) => seen.push(p));
    const id = await create(core.ids.standardExpress, 'chat', WED(10));
    core.clock.now = WED(10, 30);
    await core.sla.tick();
    await core.sla.tick();
    const breaches = await core.core.db.selectFrom('sla_breaches').selectAll().execute();
    expect(breaches).toEqual([
      {
        id: expect.any(Number),
        ticket_id: id,
        phase: 'first',
        due_at: WED(10, 5),
        breached_at: WED(10, 5),
        recorded_at: WED(10, 30),
        rule_version: 1,
      },
    ]);
    expect(await ticketRow(id)).toMatchObject({
      sla_phase: 'first',
      sla_phase_breached: 1,
      first_response_breached: 1,
      sla_breach_count: 1,
      due_at: WED(10, 5),
    });
    expect(seen.flatMap((p) => p.breaches)).toEqual([
      { ticketId: id, assigneeId: null, phase: 'first', breachedAt: WED(10, 5) },
    ]);
    const audit = await core.core.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'sla_breach')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe('sla.breach');
  });

  it('records the breach of a late answer even when the scheduler has not looked yet', async () => {
    const id = await create(core.ids.standardExpress, 'chat', WED(10));
    await answer(id, WED(10, 20));
    expect(await ticketRow(id)).toMatchObject({
      first_response_business_ms: 20 * MINUTE,
      first_response_breached: 1,
      sla_breach_count: 1,
      sla_phase: null,
    });
    const breaches = await core.core.db.selectFrom('sla_breaches').select(['breached_at']).execute();
    expect(breaches).toEqual([{ breached_at: WED(10, 5) }]);
  });

  it('does not count a pause against the deadline, nor breach a ticket answered inside its target', async () => {
    const id = await create(core.ids.standardExpress, 'email', WED(10));
    core.clock.now = WED(11);
    await core.call(agent, 'tickets.setStatus', { ticketId: id, status: 'waiting_customer' });
    core.clock.now = WED(15);
    await core.sla.tick();
    await core.call(agent, 'tickets.setStatus', { ticketId: id, status: 'open' });
    await answer(id, WED(15, 59));
    expect(await ticketRow(id)).toMatchObject({
      first_response_business_ms: 119 * MINUTE,
      first_response_breached: 0,
    });
    expect(await core.core.db.selectFrom('sla_breaches').selectAll().execute()).toEqual([]);
  });
});

describe('restart safety', () => {
  it('records on start the breaches missed while the app was closed, at their true time', async () => {
    const id = await create(core.ids.standardExpress, 'email', WED(10));
    await core.close();
    // The app was closed from Wednesday 10:00 to Thursday 09:00; the deadline was Wednesday 12:00.
    const later = await startCore({
      dbFile: core.file,
      demo: false,
      now: () => utc(26, 9),
      checkOutputs: true,
    });
    try {
      const breaches = await later.core.db.selectFrom('sla_breaches').selectAll().execute();
      expect(breaches).toMatchObject([
        { ticket_id: id, phase: 'first', due_at: WED(12), breached_at: WED(12), recorded_at: utc(26, 9) },
      ]);
      // And the lead's edit of the rules survives the restart: the same version is in force.
      const versions = await later.dispatcher.invoke({ staffId: core.ids.lead }, 'rules.versions', {});
      expect(versions.ok && versions.value.map((v) => [v.version, v.active])).toEqual([[1, true]]);
    } finally {
      await later.close();
      // The shared afterEach closes `core` again; give it a fresh one to close.
      core = { ...core, dispose: async () => rmSync(core.dir, { recursive: true, force: true }) };
    }
  });
});

describe('pre-breach warnings', () => {
  it('announces a ticket once when it enters the window, and lists it for its agent', async () => {
    const warnings: EventPayload<'sla.warning'>[] = [];
    core.core.events.on('sla.warning', (p) => warnings.push(p));
    const id = await create(core.ids.standardExpress, 'email', WED(10)); // due 12:00
    await core.call(agent, 'tickets.assign', { ticketId: id, assigneeId: core.ids.agent });
    core.clock.now = WED(11, 29);
    await core.sla.tick();
    expect(warnings.flatMap((w) => w.tickets).filter((t) => t.ticketId === id)).toEqual([]);
    const [before] = await core.call(agent, 'sla.status', { ticketIds: [id] });
    expect(before).toMatchObject({ warning: false, businessMinutesLeft: 31, dueAt: WED(12), phase: 'first' });

    core.clock.now = WED(11, 31);
    await core.sla.tick();
    await core.sla.tick();
    expect(warnings.flatMap((w) => w.tickets).filter((t) => t.ticketId === id)).toEqual([
      { ticketId: id, assigneeId: core.ids.agent, dueAt: WED(12), businessMinutesLeft: 29 },
    ]);
    const mine = await core.call(agent, 'sla.warnings', { assigneeId: core.ids.agent });
    expect(mine).toMatchObject({ preBreachMinutes: 30, tickets: [{ ticketId: id, warning: true }] });
    expect((await core.call(agent, 'sla.warnings', { assigneeId: core.ids.otherAgent })).tickets).toEqual([]);

    await core.call(lead, 'settings.update', { preBreachMinutes: 0 });
    expect((await core.call(agent, 'sla.warnings', {})).tickets).toEqual([]);
    expect((await core.call(agent, 'settings.get', {})).preBreachMinutes).toBe(0);
  });

  it('reads the window in business minutes: Friday evening counts Monday morning', async () => {
    const id = await create(core.ids.standardExpress, 'email', utc(27, 17, 30)); // due Monday 07:30
    core.clock.now = utc(27, 17, 50);
    const [status] = await core.call(agent, 'sla.status', { ticketIds: [id] });
    // 10 minutes left on Friday plus 90 on Monday.
    expect(status).toMatchObject({ dueAt: utc(30, 7, 30), businessMinutesLeft: 100, warning: false });
  });
});

describe('rule set versions', () => {
  it('starts with the default rule set as version 1', async () => {
    expect(await core.call(agent, 'rules.versions', {})).toEqual([
      {
        version: 1,
        label: 'quintadb@1',
        createdAt: WED(10),
        createdByName: null,
        note: 'Default rule set',
        active: true,
      },
    ]);
    const sla = await core.call(agent, 'rules.sla', {});
    expect(sla).toMatchObject({ version: 1, label: 'quintadb@1', active: true });
    expect(sla.targets).toHaveLength(11);
    expect(sla.holidays).toEqual({ topic: [], email: [], chat: [], phone: [], blog_comment: [] });
  });

  it('lets a lead edit targets and holidays: validated, versioned, audited, for new tickets only', async () => {
    const old = await create(core.ids.standard, 'topic', WED(10)); // 480 minutes: due 18:00
    const current = await core.call(lead, 'rules.sla', {});
    const targets = current.targets.map((t) =>
      t.id === 'sla.topic.paid' ? { ...t, firstResponseMinutes: 60 } : t,
    );
    core.clock.now = WED(10, 5);
    const saved = await core.call(lead, 'rules.updateSla', {
      baseVersion: 1,
      targets,
      holidays: { email: ['2026-11-30'] },
      note: 'Faster topics; Monday 30 November off',
    });
    expect(saved).toMatchObject({ version: 2, label: 'quintadb@2', active: true });
    expect(saved.holidays.email).toEqual(['2026-11-30']);
    expect((await core.call(agent, 'rules.summary', {})).version).toBe('quintadb@2');
    const versions = await core.call(agent, 'rules.versions', {});
    expect(versions.map((v) => [v.version, v.active, v.createdByName, v.note])).toEqual([
      [2, true, 'Leo Lead', 'Faster topics; Monday 30 November off'],
      [1, false, null, 'Default rule set'],
    ]);
    const audit = await core.call(lead, 'audit.list', { entity: 'rule_set_version' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: 'Leo Lead', action: 'rules.updateSla', entityId: 2 });

    // New tickets are measured by version 2 ...
    const fresh = await create(core.ids.standard, 'topic', WED(10, 10));
    expect(await ticketRow(fresh)).toMatchObject({ sla_rule_version: 2, due_at: WED(11, 10) });
    expect((await core.call(agent, 'tickets.get', { id: fresh })).ticket.ruleSetVersion).toBe('quintadb@2');
    // ... the old one keeps version 1: answered after 120 minutes, inside its 480, not a breach.
    expect(await ticketRow(old)).toMatchObject({ sla_rule_version: 1, due_at: WED(18) });
    await answer(old, WED(12));
    expect(await ticketRow(old)).toMatchObject({
      first_response_breached: 0,
      first_response_business_ms: 120 * MINUTE,
    });
    const explained = await core.call(agent, 'sla.explain', { ticketId: old });
    expect(explained.ruleVersion).toEqual({ version: 1, label: 'quintadb@1' });
    expect(explained.targets?.firstResponseMinutes).toBe(480);

    // An e-mail on Friday 17:50 now skips the Monday holiday: 10 minutes Friday, 230 on Tuesday.
    const mail = await create(core.ids.standard, 'email', utc(27, 17, 50));
    expect((await ticketRow(mail)).due_at).toBe(DEC1(9, 50));
    const x = await core.call(agent, 'sla.explain', { ticketId: mail });
    // Explained the moment it arrived: why it is due on Tuesday, all of it still ahead.
    expect(x.timeline.map((e) => [e.kind, e.from, e.to, e.date, e.projected])).toEqual([
      ['arrival', utc(27, 17, 50), utc(27, 17, 50), null, false],
      ['counted', utc(27, 17, 50), utc(27, 18), null, true],
      ['closed', utc(27, 18), utc(30, 0), null, true],
      ['holiday', utc(30, 0), DEC1(0), '2026-11-30', true],
      ['closed', DEC1(0), DEC1(6), null, true],
      ['counted', DEC1(6), DEC1(9, 50), null, true],
      ['due', DEC1(9, 50), DEC1(9, 50), null, true],
    ]);
    expect(x.timeline[3]?.text).toBe('Holiday 2026-11-30: not counted.');
  });

  it('refuses an invalid edit with the path of the fault and writes nothing', async () => {
    const current = await core.call(lead, 'rules.sla', {});
    const count = async () => ({
      versions: (await core.core.db.selectFrom('rule_set_versions').select('version').execute()).length,
      // A refused role leaves its own audit entry, and nothing else.
      audit: (
        await core.core.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', 'not in', REFUSAL_AUDIT_ACTIONS)
          .execute()
      ).length,
    });
    const before = await count();
    const refuse = async (input: unknown, code: string, field?: string, as: Session = lead) => {
      const result = await core.dispatcher.call(as, 'rules.updateSla', input);
      expect(result.ok).toBe(false);
      if (result.ok) return '';
      expect(result.error.code).toBe(code);
      if (field !== undefined) expect(result.error.field).toBe(field);
      return result.error.message;
    };
    const base = { baseVersion: 1, targets: current.targets, note: 'Edit' };
    await refuse(
      { ...base, targets: current.targets.map((t, i) => (i === 3 ? { ...t, firstResponseMinutes: 0 } : t)) },
      'invalid_input',
      'targets.3.firstResponseMinutes',
    );
    const missing = await refuse({ ...base, targets: current.targets.slice(1) }, 'invalid_input', 'targets');
    expect(missing).toContain('no SLA target for channel "topic" on plan "standard_express"');
    await refuse({ ...base, holidays: { email: ['2026-02-30'] } }, 'invalid_input', 'holidays.email.0');
    const twice = await refuse(
      { ...base, holidays: { email: ['2026-12-25', '2026-12-26', '2026-12-25'] } },
      'invalid_input',
      'holidays.email.2',
    );
    expect(twice).toContain('2026-12-25 is already listed');
    await refuse(
      {
        ...base,
        targets: current.targets.map((t, i) =>
          i === 1 ? { ...t, plans: [...t.plans, 'standard_express'] } : t,
        ),
      },
      'invalid_input',
      'targets.1.plans.3',
    );
    await refuse({ ...base, baseVersion: 7 }, 'conflict', 'baseVersion');
    await refuse(base, 'forbidden', undefined, agent);
    await refuse({ ...base, note: '  ' }, 'invalid_input', 'note');
    expect(await count()).toEqual(before);
    expect((await core.call(agent, 'rules.summary', {})).version).toBe('quintadb@1');
  });
});
