// Phone calls (issue 4) through the dispatcher on a real database: requests, slots, booking and its
// refusals, rescheduling, cancelling, outcomes, calendars, settings, and a plan change that takes
// phone support away.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract';
import type { Session } from '../../../electron/core/api/context';
import { createTestCore, type TestCore } from '../helpers/core';
import { DAY, expectRefusal, MINUTE, nov, phoneRules, reopenWithRules, requestCall } from './helpers';

let core: TestCore;
let agent: Session;
let lead: Session;
let manager: Session;

beforeEach(async () => {
  core = await createTestCore(); // Wednesday 25 Nov 2026, 10:00 UTC
  agent = await core.signedIn(core.ids.agent);
  lead = await core.signedIn(core.ids.lead);
  manager = await core.signedIn(core.ids.manager);
});
afterEach(() => core.dispose());

async function book(callId: number, startsAt: number, agentId = core.ids.agent, durationMinutes?: number) {
  return core.call(agent, 'calls.schedule', {
    callId,
    agentId,
    startsAt,
    ...(durationMinutes ? { durationMinutes } : {}),
  });
}

async function auditActions(entity: string, entityId: number) {
  return (await core.call(lead, 'audit.list', { entity, entityId })).map((e) => e.action);
}

describe('call requests', () => {
  it('records the questions, contact e-mail, tool and zone, and lists the request', async () => {
    const callId = await requestCall(core, agent, {
      questions: ['  How do reports group?  ', '', 'Can I export?'],
      contactEmail: ' sue.phone@customer.test ',
      tool: 'google_meet',
    });
    const [listed] = await core.call(agent, 'calls.list', { statuses: ['requested'] });
    expect(listed).toMatchObject({
      id: callId,
      status: 'requested',
      customerName: 'Sue Express',
      planName: 'Standard Express',
      entitled: true,
      questions: ['How do reports group?', 'Can I export?'],
      contactEmail: 'sue.phone@customer.test',
      tool: 'google_meet',
      toolName: 'Google Meet',
      customerZone: 'America/New_York',
      agentId: null,
      startsAt: null,
      flaggedForReview: false,
    });
    const queue = await core.call(agent, 'queue.list', { filter: { channels: ['phone'] } });
    expect(queue.rows.map((r) => r.id)).toEqual([listed?.ticketId]);
  });

  it.each([
    ['a plan without phone support', 'standard', ['Q'], 'a@b.test', 'channel.not_on_plan'],
    ['a Free customer', 'free', ['Q'], 'a@b.test', 'channel.not_on_plan'],
    ['no questions', 'standardExpress', [], 'a@b.test', 'call.questions_required'],
    ['blank questions only', 'standardExpress', ['  ', ''], 'a@b.test', 'call.questions_required'],
    ['no e-mail', 'standardExpress', ['Q'], '', 'call.contact_email_invalid'],
    ['an invalid e-mail', 'standardExpress', ['Q'], 'not-an-address', 'call.contact_email_invalid'],
  ] as const)(
    'refuses a request from %s, keeping it with the reason',
    async (_n, who, questions, email, code) => {
      const { ticket, decision } = await core.call(agent, 'tickets.create', {
        customerId: core.ids[who],
        channel: 'phone',
        subject: 'Call me',
        body: 'Please',
        callRequest: { questions: [...questions], contactEmail: email, tool: 'skype' },
      });
      expect(decision.outcome).toBe('refuse');
      expect(decision.reason.code).toBe(code);
      expect(decision.alternatives.length).toBeGreaterThan(0);
      expect(ticket.ticket).toMatchObject({ intakeOutcome: 'refuse', intakeReason: decision.reason.text });
      expect(await core.call(agent, 'calls.list', {})).toEqual([]);
    },
  );
});

describe('finding slots', () => {
  it('offers 30-minute slots from now plus the lead time to 14:30 GMT, for every active agent', async () => {
    const callId = await requestCall(core, agent);
    const result = await core.call(agent, 'calls.slots', { callId, from: nov(25, 0), days: 1 });
    expect(result).toMatchObject({
      durationMinutes: 30,
      bufferMinutes: 10,
      leadMinutes: 60,
      stepMinutes: 15,
      from: nov(25, 11),
      zones: { phone: 'UTC', agent: 'Europe/Paris', customer: 'America/New_York' },
    });
    const starts = result.slots.map((s) => s.startsAt);
    expect(starts[0]).toBe(nov(25, 11));
    expect(starts.at(-1)).toBe(nov(25, 14, 30));
    expect(starts).toHaveLength(15); // 11:00 … 14:30 every quarter hour
    expect(result.slots[0]?.agents.map((a) => a.name)).toEqual(['Alice Agent', 'Bob Agent']);
    for (const slot of result.slots) expect(slot.endsAt - slot.startsAt).toBe(30 * MINUTE);
  });

  it('skips weekends and keeps other calls and their buffer free, per agent', async () => {
    const first = await requestCall(core, agent);
    await book(first, nov(26, 11));
    const callId = await requestCall(core, agent);
    const alice = await core.call(agent, 'calls.slots', {
      callId,
      agentId: core.ids.agent,
      from: nov(26, 0),
      days: 5,
      durationMinutes: 60,
    });
    const starts = alice.slots.map((s) => s.startsAt);
    // 11:00–11:30 taken: a 60-minute call must end by 10:50 or start at 11:40 (11:45 on the grid).
    expect(starts).toContain(nov(26, 9, 45));
    expect(starts).not.toContain(nov(26, 10));
    expect(starts).not.toContain(nov(26, 11, 30));
    expect(starts).toContain(nov(26, 11, 45));
    expect(starts.at(-1)).toBe(nov(30, 14)); // Saturday and Sunday have no slots; Monday ends at 14:00
    expect(starts.some((t) => t >= nov(28, 0) && t < nov(30, 0))).toBe(false);
    expect(alice.zones.agent).toBe('Europe/Paris');

    const anyone = await core.call(agent, 'calls.slots', { callId, from: nov(26, 0), days: 1 });
    const at11 = anyone.slots.find((s) => s.startsAt === nov(26, 11));
    expect(at11?.agents.map((a) => a.name)).toEqual(['Bob Agent']);
  });

  it('refuses to look for slots when the call cannot be booked', async () => {
    const callId = await requestCall(core, agent);
    await expectRefusal(core, agent, 'calls.slots', { callId: 9999 }, 'not_found');
    await expectRefusal(
      core,
      agent,
      'calls.slots',
      { callId, agentId: core.ids.inactive },
      'invalid_input',
      /Ivan Inactive is not active/,
    );
    await expectRefusal(core, agent, 'calls.slots', { callId, durationMinutes: 2 }, 'invalid_input');
    await core.call(agent, 'calls.cancel', { callId, reason: 'Solved by e-mail' });
    await expectRefusal(core, agent, 'calls.slots', { callId }, 'conflict', /cancelled/);
  });
});

describe('scheduling', () => {
  it('books the call, queues the invitation, audits both and tells every window', async () => {
    const callId = await requestCall(core, agent);
    const events: EventPayload<'data.changed'>[] = [];
    core.core.events.on('data.changed', (e) => events.push(e));
    const booked = await book(callId, nov(25, 11));
    expect(booked).toMatchObject({
      status: 'scheduled',
      agentName: 'Alice Agent',
      agentZone: 'Europe/Paris',
      startsAt: nov(25, 11),
      endsAt: nov(25, 11, 30),
      durationMinutes: 30,
      icalSequence: 0,
    });
    expect(booked.link).toMatch(/^https:\/\/join\.skype\.com\/[a-z]{12}$/);
    expect(booked.mails).toEqual([
      expect.objectContaining({
        kind: 'call_invitation',
        toEmail: 'sue.phone@customer.test',
        status: 'pending',
        sequence: 0,
        subject: 'Support call over Skype: Wed 25 Nov 2026, 11:00–11:30 GMT',
      }),
    ]);
    expect(await auditActions('call', callId)).toEqual(['calls.schedule', 'tickets.create']);
    expect(await auditActions('outbox', booked.mails[0]?.id ?? 0)).toEqual(['calls.schedule']);
    expect(events).toEqual([
      expect.objectContaining({
        topics: expect.arrayContaining(['calls']),
        customerIds: [booked.customerId],
      }),
    ]);
    const customer = await core.call(agent, 'customers.get', { id: booked.customerId });
    expect(customer.upcomingCalls).toEqual([
      expect.objectContaining({
        id: callId,
        status: 'scheduled',
        startsAt: nov(25, 11),
        agentName: 'Alice Agent',
      }),
    ]);
  });

  it('takes the agent’s own link and length, and lets managers and leads book too', async () => {
    const callId = await requestCall(core, agent, { tool: 'google_meet' });
    const booked = await core.call(manager, 'calls.schedule', {
      callId,
      agentId: core.ids.manager,
      startsAt: nov(26, 6),
      durationMinutes: 45,
      link: 'https://meet.google.com/abc-defg-hij',
    });
    expect(booked).toMatchObject({ link: 'https://meet.google.com/abc-defg-hij', endsAt: nov(26, 6, 45) });
    const other = await requestCall(core, agent);
    await core.call(lead, 'calls.schedule', { callId: other, agentId: core.ids.lead, startsAt: nov(26, 6) });
    await expectRefusal(core, { staffId: null }, 'calls.list', {}, 'not_signed_in');
  });

  it('books touching calls when the buffer allows it, and the buffer is a team setting', async () => {
    const first = await requestCall(core, agent);
    await book(first, nov(26, 10));
    const second = await requestCall(core, agent);
    await expectRefusal(
      core,
      agent,
      'calls.schedule',
      { callId: second, agentId: core.ids.agent, startsAt: nov(26, 10, 35) },
      'conflict',
      /^Alice Agent already has a call from 10:00 to 10:30 GMT on Thu 26 Nov 2026 \(call \d+\); calls need 10 minutes between them\.$/,
    );
    await book(second, nov(26, 10, 40));
    await expectRefusal(core, agent, 'settings.update', { callBufferMinutes: 0 }, 'forbidden');
    await expectRefusal(core, lead, 'settings.update', { callBufferMinutes: -1 }, 'invalid_input');
    expect(
      await core.call(lead, 'settings.update', { callBufferMinutes: 0, callLeadMinutes: 0 }),
    ).toMatchObject({
      callBufferMinutes: 0,
      callLeadMinutes: 0,
    });
    const third = await requestCall(core, agent);
    await book(third, nov(26, 10, 30), core.ids.agent, 10);
    const fourth = await requestCall(core, agent);
    await book(fourth, nov(25, 10, 15)); // no lead time any more: a quarter of an hour from now
  });

  it.each([
    ['at the closing', nov(25, 15), 'rule_refused', /phone support is open Mon–Fri 06:00–15:00 GMT/],
    [
      'so that it ends after the closing',
      nov(25, 14, 45),
      'rule_refused',
      /14:45–15:15 runs past the 15:00 closing; a 30-minute call can start at 14:30 at the latest/,
    ],
    ['before the opening', nov(26, 5, 30), 'rule_refused', /Next opening: Thu 26 Nov 2026, 06:00 GMT/],
    ['on a Saturday', nov(28, 10), 'rule_refused', /cannot start at Sat 28 Nov 2026, 10:00 GMT/],
    ['inside the lead time', nov(25, 10, 30), 'invalid_input', /at least 60 minutes ahead/],
    ['in the past', nov(24, 10), 'invalid_input', /is in the past/],
    ['off the minute', nov(25, 11) + 30_000, 'invalid_input', /whole minute/],
  ] as const)('refuses a call %s, changing nothing', async (_n, startsAt, code, text) => {
    const callId = await requestCall(core, agent);
    await expectRefusal(
      core,
      agent,
      'calls.schedule',
      { callId, agentId: core.ids.agent, startsAt },
      code,
      text,
    );
  });

  it('refuses an overlapping call, an unknown or inactive agent and a second booking', async () => {
    const first = await requestCall(core, agent);
    await book(first, nov(26, 11));
    const callId = await requestCall(core, agent);
    const input = { callId, agentId: core.ids.agent, startsAt: nov(26, 11, 15) };
    await expectRefusal(
      core,
      agent,
      'calls.schedule',
      input,
      'conflict',
      /^Alice Agent already has a call from 11:00 to 11:30 GMT on Thu 26 Nov 2026 \(call \d+\)\.$/,
    );
    await expectRefusal(core, agent, 'calls.schedule', { ...input, agentId: 424242 }, 'not_found');
    await expectRefusal(
      core,
      agent,
      'calls.schedule',
      { ...input, agentId: core.ids.inactive },
      'invalid_input',
      /not active/,
    );
    await expectRefusal(
      core,
      agent,
      'calls.schedule',
      { ...input, link: 'http://example.test/x' },
      'invalid_input',
      /https/,
    );
    await expectRefusal(
      core,
      agent,
      'calls.schedule',
      { callId: first, agentId: core.ids.agent, startsAt: nov(27, 11) },
      'conflict',
      /already booked from 11:00 to 11:30 GMT on Thu 26 Nov 2026; reschedule it instead/,
    );
    // Bob is free then.
    await book(callId, nov(26, 11, 15), core.ids.otherAgent);
  });

  it('refuses a day the phone calendar marks as a holiday', async () => {
    const callId = await requestCall(core, agent);
    const running = await reopenWithRules(core, phoneRules('UTC', ['2026-11-26']));
    try {
      const session = { staffId: core.ids.agent };
      const target = { dispatcher: running.dispatcher, core: running.core, sla: running.sla };
      await expectRefusal(
        target,
        session,
        'calls.schedule',
        { callId, agentId: core.ids.agent, startsAt: nov(26, 10) },
        'rule_refused',
        /Thu 26 Nov 2026 is a holiday in the phone calendar: no calls that day\. Next opening: Fri 27 Nov 2026, 06:00 GMT/,
      );
      const slots = await running.dispatcher.invoke(session, 'calls.slots', {
        callId,
        from: nov(26, 0),
        days: 2,
      });
      if (!slots.ok) throw new Error(slots.error.message);
      expect(slots.value.slots[0]?.startsAt).toBe(nov(27, 6));
      const booked = await running.dispatcher.invoke(session, 'calls.schedule', {
        callId,
        agentId: core.ids.agent,
        startsAt: nov(27, 6),
      });
      expect(booked.ok).toBe(true);
    } finally {
      await running.dispose();
    }
  });
});

describe('rescheduling, cancelling, outcomes', () => {
  it('moves a call with an update of the same invitation, to another agent if asked', async () => {
    const callId = await requestCall(core, agent);
    const booked = await book(callId, nov(26, 11));
    // Moving by a quarter of an hour overlaps the call's own old time: that is not a clash.
    const moved = await core.call(agent, 'calls.reschedule', { callId, startsAt: nov(26, 11, 15) });
    expect(moved).toMatchObject({
      startsAt: nov(26, 11, 15),
      endsAt: nov(26, 11, 45),
      agentName: 'Alice Agent',
      link: booked.link,
      icalUid: booked.icalUid,
      icalSequence: 1,
    });
    const longer = await core.call(agent, 'calls.reschedule', {
      callId,
      startsAt: nov(27, 9),
      durationMinutes: 60,
      agentId: core.ids.otherAgent,
    });
    expect(longer).toMatchObject({ agentName: 'Bob Agent', endsAt: nov(27, 10), icalSequence: 2 });
    expect(longer.mails.map((m) => [m.kind, m.sequence])).toEqual([
      ['call_invitation', 0],
      ['call_update', 1],
      ['call_update', 2],
    ]);
    expect(longer.mails[2]?.subject).toBe(
      'Updated: Support call over Skype: Fri 27 Nov 2026, 09:00–10:00 GMT',
    );
    expect(await auditActions('call', callId)).toEqual([
      'calls.reschedule',
      'calls.reschedule',
      'calls.schedule',
      'tickets.create',
    ]);
    // Only the new time blocks Alice now.
    const other = await requestCall(core, agent);
    await book(other, nov(26, 11));
  });

  it('refuses to reschedule what is not booked, or to nothing new', async () => {
    const callId = await requestCall(core, agent);
    await expectRefusal(
      core,
      agent,
      'calls.reschedule',
      { callId, startsAt: nov(26, 11) },
      'conflict',
      /not booked yet; schedule it first/,
    );
    await book(callId, nov(26, 11));
    await expectRefusal(
      core,
      agent,
      'calls.reschedule',
      { callId, startsAt: nov(26, 11) },
      'conflict',
      /nothing changed/,
    );
    await expectRefusal(core, agent, 'calls.reschedule', { callId, startsAt: nov(26, 16) }, 'rule_refused');
  });

  it('cancels a booked call with a cancellation and frees its time; a request closes quietly', async () => {
    const callId = await requestCall(core, agent);
    await book(callId, nov(26, 11));
    const cancelled = await core.call(agent, 'calls.cancel', { callId, reason: 'The customer solved it' });
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      statusNote: 'The customer solved it',
      icalSequence: 1,
    });
    expect(cancelled.mails.map((m) => m.kind)).toEqual(['call_invitation', 'call_cancelled']);
    expect(cancelled.mails[1]?.subject).toBe(
      'Cancelled: Support call over Skype: Thu 26 Nov 2026, 11:00–11:30 GMT',
    );
    await expectRefusal(core, agent, 'calls.cancel', { callId, reason: 'again' }, 'conflict', /is cancelled/);
    await expectRefusal(core, agent, 'calls.cancel', { callId, reason: '  ' }, 'invalid_input');
    await expectRefusal(core, agent, 'calls.reschedule', { callId, startsAt: nov(27, 11) }, 'conflict');

    const other = await requestCall(core, agent);
    await book(other, nov(26, 11));
    const request = await requestCall(core, agent);
    const closed = await core.call(agent, 'calls.cancel', { callId: request, reason: 'Duplicate' });
    expect(closed).toMatchObject({ status: 'cancelled', icalSequence: 0, mails: [] });
    expect(await auditActions('call', request)).toEqual(['calls.cancel', 'tickets.create']);
  });

  it('records done or no-show once the call has started, with a note', async () => {
    const callId = await requestCall(core, agent);
    await book(callId, nov(26, 11));
    await expectRefusal(
      core,
      agent,
      'calls.complete',
      { callId, outcome: 'done' },
      'conflict',
      /can be marked done or no-show once it has started/,
    );
    core.clock.now = nov(26, 11, 20);
    const done = await core.call(agent, 'calls.complete', {
      callId,
      outcome: 'done',
      note: 'Showed grouping',
    });
    expect(done).toMatchObject({
      status: 'done',
      statusNote: 'Showed grouping',
      mails: [{ kind: 'call_invitation' }],
    });
    await expectRefusal(
      core,
      agent,
      'calls.complete',
      { callId, outcome: 'no_show' },
      'conflict',
      /took place/,
    );

    const other = await requestCall(core, agent);
    await book(other, nov(27, 9));
    core.clock.now = nov(27, 9, 15);
    expect(await core.call(agent, 'calls.complete', { callId: other, outcome: 'no_show' })).toMatchObject({
      status: 'no_show',
      statusNote: null,
    });
    const request = await requestCall(core, agent);
    await expectRefusal(core, agent, 'calls.complete', { callId: request, outcome: 'done' }, 'conflict');
    expect(await auditActions('call', callId)).toEqual([
      'calls.complete',
      'calls.schedule',
      'tickets.create',
    ]);
  });
});

describe('calendar', () => {
  it('shows a week per agent or for the team, with phone hours, without cancelled calls unless asked', async () => {
    const a = await requestCall(core, agent);
    await book(a, nov(26, 9));
    const b = await requestCall(core, agent);
    await book(b, nov(27, 13), core.ids.otherAgent);
    const c = await requestCall(core, agent);
    await book(c, nov(30, 8));
    await core.call(agent, 'calls.cancel', { callId: c, reason: 'No longer needed' });
    const m = await requestCall(core, agent);
    await book(m, nov(26, 9), core.ids.manager);

    const week = { from: nov(23, 0), to: nov(23, 0) + 7 * DAY };
    const team = await core.call(agent, 'calls.calendar', week);
    expect(team.calls.map((x) => [x.id, x.agentName])).toEqual([
      [a, 'Alice Agent'],
      [m, 'Maria Manager'],
      [b, 'Bob Agent'],
    ]);
    expect(team.agents.map((x) => x.name)).toEqual(['Alice Agent', 'Bob Agent', 'Maria Manager']);
    expect(team.openIntervals).toHaveLength(5);
    expect(team.openIntervals[0]).toEqual({ start: nov(23, 6), end: nov(23, 15) });
    expect(team.phoneZone).toBe('UTC');

    const bob = await core.call(agent, 'calls.calendar', { ...week, agentId: core.ids.otherAgent });
    expect(bob.calls.map((x) => x.id)).toEqual([b]);
    expect(bob.agents).toEqual([{ id: core.ids.otherAgent, name: 'Bob Agent', zone: 'Europe/Paris' }]);

    const day = await core.call(agent, 'calls.calendar', {
      from: nov(30, 0),
      to: nov(30, 0) + DAY,
      includeCancelled: true,
    });
    expect(day.calls.map((x) => [x.id, x.status])).toEqual([[c, 'cancelled']]);

    await expectRefusal(core, agent, 'calls.calendar', { from: nov(30, 0), to: nov(30, 0) }, 'invalid_input');
    await expectRefusal(
      core,
      agent,
      'calls.calendar',
      { from: nov(1, 0), to: nov(1, 0) + 90 * DAY },
      'invalid_input',
      /62 days/,
    );
    await expectRefusal(core, agent, 'calls.calendar', { ...week, agentId: 424242 }, 'not_found');
  });

  it('lists calls by agent, customer, status and time, and gets one', async () => {
    const a = await requestCall(core, agent);
    await book(a, nov(26, 9));
    const b = await requestCall(core, agent, { customerId: core.ids.enterpriseExpress });
    await book(b, nov(26, 10), core.ids.otherAgent);
    const r = await requestCall(core, agent);
    const ids = async (input: object) => (await core.call(agent, 'calls.list', input)).map((x) => x.id);
    expect(await ids({})).toEqual([r, a, b]); // the request arrived at 10:00 today, before either call
    expect(await ids({ agentId: core.ids.otherAgent })).toEqual([b]);
    expect(await ids({ customerId: core.ids.enterpriseExpress })).toEqual([b]);
    expect(await ids({ statuses: ['scheduled'], from: nov(26, 9, 30) })).toEqual([b]);
    expect(await ids({ to: nov(26, 9, 30) })).toEqual([a]);
    expect(await ids({ limit: 1 })).toEqual([r]);
    expect((await core.call(agent, 'calls.get', { id: a })).questions).toHaveLength(2);
    await expectRefusal(core, agent, 'calls.get', { id: 424242 }, 'not_found');
    await expectRefusal(core, agent, 'calls.list', { statuses: ['lost'] }, 'invalid_input');
  });
});

describe('a plan change that removes phone support', () => {
  it('flags future calls for review and refuses to book or move them until phone support returns', async () => {
    const booked = await requestCall(core, agent);
    await book(booked, nov(26, 11));
    const request = await requestCall(core, agent);
    const change = await core.call(lead, 'customers.changePlan', {
      customerId: core.ids.standardExpress,
      planId: 'standard',
      reason: 'Downgrade',
    });
    expect(change.callsFlagged.sort()).toEqual([booked, request].sort());

    const flagged = await core.call(agent, 'calls.get', { id: booked });
    expect(flagged).toMatchObject({ status: 'scheduled', flaggedForReview: true, entitled: false });
    const refusal = /Sue Express is on the Standard plan now, which has no phone calls: .*Standard Express/;
    await expectRefusal(
      core,
      agent,
      'calls.reschedule',
      { callId: booked, startsAt: nov(27, 11) },
      'rule_refused',
      refusal,
    );
    await expectRefusal(
      core,
      agent,
      'calls.schedule',
      { callId: request, agentId: core.ids.agent, startsAt: nov(27, 11) },
      'rule_refused',
      refusal,
    );
    await expectRefusal(core, agent, 'calls.slots', { callId: request }, 'rule_refused', refusal);
    expect(await core.call(agent, 'calls.list', { flaggedForReview: true })).toHaveLength(2);

    // Nothing was deleted: cancelling is a person's decision, and the customer hears of it.
    await core.call(agent, 'calls.cancel', { callId: request, reason: 'Plan has no phone support' });
    await core.call(lead, 'customers.changePlan', {
      customerId: core.ids.standardExpress,
      planId: 'professional_express',
      reason: 'Upgrade again',
    });
    expect(
      await core.call(agent, 'calls.reschedule', { callId: booked, startsAt: nov(27, 11) }),
    ).toMatchObject({
      flaggedForReview: false,
      entitled: true,
      startsAt: nov(27, 11),
    });
  });
});

describe('settings', () => {
  it('has buffer and lead defaults in code, changeable by a lead', async () => {
    expect(await core.call(agent, 'settings.get', {})).toMatchObject({
      callBufferMinutes: 10,
      callLeadMinutes: 60,
    });
    await core.call(lead, 'settings.update', { callLeadMinutes: 24 * 60 });
    const callId = await requestCall(core, agent);
    const slots = await core.call(agent, 'calls.slots', { callId });
    expect(slots.slots[0]?.startsAt).toBe(nov(26, 10));
    await expectRefusal(
      core,
      agent,
      'calls.schedule',
      { callId, agentId: core.ids.agent, startsAt: nov(26, 9) },
      'invalid_input',
      /at least 1440 minutes ahead; it can start at Thu 26 Nov 2026, 10:00 GMT at the earliest/,
    );
  });
});
