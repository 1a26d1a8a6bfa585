// Personal managers and plan changes (issue 5), on a real database through the dispatcher.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../shared/contract';
import type { Session } from '../../../electron/core/api/context';
import { applyDuePlanChanges } from '../../../electron/core/handlers/plans';
import { createTestCore, snapshot, WEDNESDAY_10_UTC, type TestCore } from '../helpers/core';

let core: TestCore;
let lead: Session;
let agent: Session;
let manager: Session;
let otherManagerId: number;

beforeEach(async () => {
  core = await createTestCore();
  otherManagerId = (
    await core.core.db
      .insertInto('staff')
      .values({
        name: 'Omar Other',
        email: 'omar@support.test',
        role: 'account_manager',
        zone: 'UTC',
        active: 1,
        capacity: 1,
        last_signed_in_at: null,
        created_at: WEDNESDAY_10_UTC,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  lead = await core.signedIn(core.ids.lead);
  agent = await core.signedIn(core.ids.agent);
  manager = await core.signedIn(core.ids.manager);
});
afterEach(() => core.dispose());

async function expectRefusal(
  session: Session,
  method: string,
  input: unknown,
  code: ErrorCode,
  text?: RegExp,
) {
  const before = await snapshot(core.core.db);
  const result = await core.dispatcher.call({ ...session }, method, input);
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe(code);
    if (text) expect(result.error.message).toMatch(text);
  }
  expect(await snapshot(core.core.db)).toEqual(before);
}

describe('assignment', () => {
  it('suggests the least-loaded manager under capacity and assigns from the suggestion', async () => {
    const suggestion = await core.call(lead, 'managers.suggest', { customerId: core.ids.enterpriseExpress });
    expect(suggestion.suggestion?.name).toBe('Maria Manager');
    const assignment = await core.call(lead, 'managers.assign', {
      customerId: core.ids.enterpriseExpress,
      managerId: suggestion.suggestion?.staffId ?? 0,
      reason: 'New Enterprise Express client',
    });
    expect(assignment).toMatchObject({
      managerName: 'Maria Manager',
      endedAt: null,
      assignedByName: 'Leo Lead',
    });
    const detail = await core.call(agent, 'customers.get', { id: core.ids.enterpriseExpress });
    expect(detail.manager?.name).toBe('Maria Manager');
  });

  it('skips managers at capacity when suggesting', async () => {
    await core.call(lead, 'managers.setCapacity', { staffId: core.ids.manager, capacity: 0 });
    const suggestion = await core.call(lead, 'managers.suggest', { customerId: core.ids.enterpriseExpress });
    expect(suggestion.suggestion?.name).toBe('Omar Other');
    await core.call(lead, 'managers.setCapacity', { staffId: otherManagerId, capacity: 0 });
    const none = await core.call(lead, 'managers.suggest', { customerId: core.ids.enterpriseExpress });
    expect(none.suggestion).toBeNull();
    expect(none.reason).toMatch(/at capacity/);
  });

  it.each([
    [
      'a customer whose plan has no personal manager',
      'standard',
      'manager',
      'rule_refused',
      /personal manager/,
    ],
    [
      'staff who are not account managers',
      'enterpriseExpress',
      'agent',
      'invalid_input',
      /not an account manager/,
    ],
    ['an unknown customer', 'none', 'manager', 'not_found', /customer/],
  ] as const)(
    'refuses an assignment for %s, changing nothing',
    async (_name, customer, staff, code, text) => {
      const customerId = customer === 'none' ? 999_999 : core.ids[customer];
      await expectRefusal(
        lead,
        'managers.assign',
        { customerId, managerId: core.ids[staff], reason: 'try' },
        code,
        text,
      );
    },
  );

  it('lets only leads assign and change capacity', async () => {
    const input = { customerId: core.ids.enterpriseExpress, managerId: core.ids.manager, reason: 'try' };
    await expectRefusal(agent, 'managers.assign', input, 'forbidden');
    await expectRefusal(manager, 'managers.assign', input, 'forbidden');
    await expectRefusal(
      manager,
      'managers.setCapacity',
      { staffId: core.ids.manager, capacity: 99 },
      'forbidden',
    );
    await expectRefusal(
      lead,
      'managers.setCapacity',
      { staffId: core.ids.agent, capacity: 5 },
      'invalid_input',
    );
  });

  it('refuses a manager at capacity and a no-op reassignment', async () => {
    await core.call(lead, 'managers.setCapacity', { staffId: core.ids.manager, capacity: 0 });
    await expectRefusal(
      lead,
      'managers.assign',
      { customerId: core.ids.enterpriseExpress, managerId: core.ids.manager, reason: 'r' },
      'conflict',
      /at capacity/,
    );
    await core.call(lead, 'managers.assign', {
      customerId: core.ids.enterpriseExpress,
      managerId: otherManagerId,
      reason: 'r',
    });
    await expectRefusal(
      lead,
      'managers.assign',
      { customerId: core.ids.enterpriseExpress, managerId: otherManagerId, reason: 'r' },
      'conflict',
    );
  });

  it('keeps the history across reassign, downgrade and upgrade', async () => {
    const ee = core.ids.enterpriseExpress;
    await core.call(lead, 'managers.assign', {
      customerId: ee,
      managerId: core.ids.manager,
      reason: 'first',
    });
    core.clock.now += 3_600_000;
    await core.call(lead, 'managers.assign', {
      customerId: ee,
      managerId: otherManagerId,
      reason: 'holiday cover',
    });
    core.clock.now += 3_600_000;
    await core.call(lead, 'customers.changePlan', {
      customerId: ee,
      planId: 'enterprise',
      reason: 'downgrade',
    });
    core.clock.now += 3_600_000;
    await core.call(lead, 'customers.changePlan', {
      customerId: ee,
      planId: 'enterprise_express',
      reason: 'back',
    });
    await core.call(lead, 'managers.assign', {
      customerId: ee,
      managerId: core.ids.manager,
      reason: 'welcome back',
    });
    const history = await core.call(agent, 'managers.history', { customerId: ee });
    expect(history.map((h) => [h.managerName, h.reason, h.endedReason])).toEqual([
      ['Maria Manager', 'welcome back', null],
      ['Omar Other', 'holiday cover', 'plan changed'],
      ['Maria Manager', 'first', 'Reassigned to Omar Other: holiday cover'],
    ]);
    expect(history.filter((h) => h.endedAt === null)).toHaveLength(1);
  });
});

describe('plan changes', () => {
  it('leaving Enterprise Express ends the manager, flags phone tickets and future calls, and audits it all', async () => {
    const ee = core.ids.enterpriseExpress;
    await core.call(lead, 'managers.assign', { customerId: ee, managerId: core.ids.manager, reason: 'r' });
    const call = await core.call(agent, 'tickets.create', {
      customerId: ee,
      channel: 'phone',
      subject: 'Call',
      body: 'Questions',
      callRequest: { questions: ['Q?'], contactEmail: 'ed@customer.test', tool: 'google_meet' },
    });
    const email = await core.call(agent, 'tickets.create', {
      customerId: ee,
      channel: 'email',
      subject: 'E',
      body: 'B',
    });
    const result = await core.call(lead, 'customers.changePlan', {
      customerId: ee,
      planId: 'standard',
      reason: 'Budget cut',
    });
    expect(result.applied).toBe(true);
    expect(result.managerAssignmentEnded).toMatchObject({
      endedReason: 'plan changed',
      managerName: 'Maria Manager',
    });
    expect(result.ticketsFlagged).toEqual([call.ticket.ticket.id]);
    expect(result.ticketsFlagged).not.toContain(email.ticket.ticket.id);
    expect(result.callsFlagged).toHaveLength(1);
    const row = (await core.call(agent, 'queue.list', { filter: { customerId: ee, channels: ['phone'] } }))
      .rows[0];
    expect(row?.flags.notEntitled).toBe(true);
    const calls = await core.core.db.selectFrom('calls').selectAll().execute();
    expect(calls[0]).toMatchObject({ flagged_for_review: 1, status: 'requested' });
    const audit = await core.call(lead, 'audit.list', {});
    expect(
      audit
        .filter((a) => a.action === 'customers.changePlan')
        .map((a) => a.entity)
        .sort(),
    ).toEqual(['call', 'customer', 'manager_assignment', 'plan_change', 'ticket'].sort());
    const detail = await core.call(agent, 'customers.get', { id: ee });
    expect(detail.planHistory[0]).toMatchObject({
      fromPlanId: 'enterprise_express',
      planId: 'standard',
      reason: 'Budget cut',
    });
  });

  it('moving back to Free counts every quota message spent on Free before', async () => {
    const free = core.ids.free;
    const t = await core.call(agent, 'tickets.create', {
      customerId: free,
      channel: 'topic',
      subject: 'S',
      body: 'Q1',
    });
    await core.call(agent, 'messages.add', { ticketId: t.ticket.ticket.id, kind: 'answer', body: 'A1' });
    await core.call(agent, 'messages.add', { ticketId: t.ticket.ticket.id, kind: 'question', body: 'Q2' });
    const up = await core.call(lead, 'customers.changePlan', {
      customerId: free,
      planId: 'standard',
      reason: 'Upgrade',
    });
    expect(up.quota).toBeNull();
    // Paid: messages no longer count.
    await core.call(agent, 'messages.add', {
      ticketId: t.ticket.ticket.id,
      kind: 'answer',
      body: 'A2 on paid',
    });
    core.clock.now += 60_000;
    const email = await core.call(agent, 'tickets.create', {
      customerId: free,
      channel: 'email',
      subject: 'E',
      body: 'B',
    });
    const down = await core.call(lead, 'customers.changePlan', {
      customerId: free,
      planId: 'free',
      reason: 'Lapsed',
    });
    expect(down.quota).toEqual({ used: 3, reserved: 0, limit: 5, remaining: 2 });
    expect(down.ticketsFlagged).toEqual([email.ticket.ticket.id]);
  });

  it('an upgrade clears the flags it no longer needs', async () => {
    const std = core.ids.standard;
    await core.call(lead, 'customers.changePlan', { customerId: std, planId: 'free', reason: 'down' });
    const email = await core.call(agent, 'tickets.create', {
      customerId: std,
      channel: 'topic',
      subject: 'T',
      body: 'B',
    });
    expect(email.ticket.ticket.flags.notEntitled).toBe(false);
    const source = await core.core.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', email.ticket.ticket.id)
      .executeTakeFirstOrThrow();
    // PostgreSQL computes search_vector from the row's text (0018): a copy cannot write it.
    const { search_vector: _computed, ...copy } = source as typeof source & { search_vector?: unknown };
    const chat = await core.core.db
      .insertInto('tickets')
      .values({
        ...copy,
        id: undefined,
        channel: 'chat',
        flagged_not_entitled: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const up = await core.call(lead, 'customers.changePlan', {
      customerId: std,
      planId: 'standard',
      reason: 'up',
    });
    expect(up.ticketsUnflagged).toEqual([chat.id]);
  });

  it('a change dated in the future waits, then applies on time', async () => {
    const ee = core.ids.enterpriseExpress;
    const effectiveAt = WEDNESDAY_10_UTC + 2 * 86_400_000;
    const scheduled = await core.call(lead, 'customers.changePlan', {
      customerId: ee,
      planId: 'enterprise',
      effectiveAt,
      reason: 'Renewal',
    });
    expect(scheduled.applied).toBe(false);
    expect((await core.call(agent, 'customers.get', { id: ee })).customer.planId).toBe('enterprise_express');
    expect(await applyDuePlanChanges(core.core)).toBe(0);
    core.clock.now = effectiveAt + 1;
    expect(await applyDuePlanChanges(core.core)).toBe(1);
    const after = await core.call(agent, 'customers.get', { id: ee });
    expect(after.customer).toMatchObject({ planId: 'enterprise', planSince: effectiveAt });
  });

  it.each([
    ['the plan it already has', { planId: 'standard' }, 'conflict'],
    ['an unknown plan', { planId: 'platinum' }, 'invalid_input'],
    ['a time before the current plan began', { planId: 'free', effectiveAt: 1000 }, 'invalid_input'],
  ] as const)('refuses a change to %s, changing nothing', async (_name, patch, code) => {
    await expectRefusal(
      lead,
      'customers.changePlan',
      { customerId: core.ids.standard, reason: 'r', ...patch },
      code,
    );
  });

  it('lets account managers change only their own clients’ plans, and agents none', async () => {
    const input = { customerId: core.ids.enterpriseExpress, planId: 'enterprise', reason: 'r' };
    await expectRefusal(agent, 'customers.changePlan', input, 'forbidden');
    await expectRefusal(manager, 'customers.changePlan', input, 'forbidden', /own clients/);
    await core.call(lead, 'managers.assign', {
      customerId: core.ids.enterpriseExpress,
      managerId: core.ids.manager,
      reason: 'r',
    });
    const result = await core.call(manager, 'customers.changePlan', input);
    expect(result.applied).toBe(true);
  });
});

describe('my clients and the lead’s overview', () => {
  it('shows a manager only their clients, with activity since they last looked', async () => {
    const ee = core.ids.enterpriseExpress;
    await core.call(lead, 'managers.assign', { customerId: ee, managerId: core.ids.manager, reason: 'r' });
    let clients = await core.call(manager, 'clients.list', {});
    expect(clients.map((c) => c.customer.name)).toEqual(['Ed Enterprise']);
    expect(clients[0]?.channels.find((c) => c.channel === 'phone')?.allowed).toBe(true);
    await core.call(manager, 'clients.markSeen', { customerId: ee });
    clients = await core.call(manager, 'clients.list', {});
    expect(clients[0]?.activitySinceSeen).toBe(false);
    core.clock.now += 60_000;
    const t = await core.call(agent, 'tickets.create', {
      customerId: ee,
      channel: 'email',
      subject: 'Help',
      body: 'B',
    });
    // Offered to the manager first.
    expect(t.ticket.ticket.assigneeName).toBe('Maria Manager');
    await core.call(manager, 'clients.addNote', { customerId: ee, body: 'Renewal in March' });
    clients = await core.call(manager, 'clients.list', {});
    expect(clients[0]).toMatchObject({ activitySinceSeen: true, openTickets: 1 });
    expect(clients[0]?.notes.map((n) => n.body)).toEqual(['Renewal in March']);

    await expectRefusal(manager, 'clients.list', { managerId: otherManagerId }, 'forbidden');
    await expectRefusal(
      manager,
      'clients.addNote',
      { customerId: core.ids.standard, body: 'x' },
      'forbidden',
    );
    await expectRefusal(agent, 'clients.list', {}, 'forbidden');
    expect((await core.call(lead, 'clients.list', { managerId: otherManagerId })).length).toBe(0);
  });

  it('lets a lead turn off offering new tickets to the manager first', async () => {
    const ee = core.ids.enterpriseExpress;
    await core.call(lead, 'managers.assign', { customerId: ee, managerId: core.ids.manager, reason: 'r' });
    await expectRefusal(agent, 'settings.update', { offerToManagerFirst: false }, 'forbidden');
    expect(await core.call(lead, 'settings.update', { offerToManagerFirst: false })).toMatchObject({
      offerToManagerFirst: false,
    });
    const t = await core.call(agent, 'tickets.create', {
      customerId: ee,
      channel: 'email',
      subject: 'Help',
      body: 'B',
    });
    expect(t.ticket.ticket.assigneeId).toBeNull();
  });

  it('alerts the lead to Enterprise Express customers without a manager until resolved', async () => {
    let overview = await core.call(lead, 'overview.lead', {});
    expect(overview.unmanaged.map((c) => c.name)).toEqual(['Ed Enterprise']);
    expect(overview.managers.map((m) => [m.name, m.load, m.capacity])).toEqual([
      ['Maria Manager', 0, 20],
      ['Omar Other', 0, 1],
    ]);
    await core.call(lead, 'managers.assign', {
      customerId: core.ids.enterpriseExpress,
      managerId: otherManagerId,
      reason: 'r',
    });
    overview = await core.call(lead, 'overview.lead', {});
    expect(overview.unmanaged).toEqual([]);
    expect(overview.managers.find((m) => m.name === 'Omar Other')?.load).toBe(1);
    expect(overview.recentChanges[0]?.reason).toBe('r');
    await expectRefusal(manager, 'overview.lead', {}, 'forbidden');
  });
});
