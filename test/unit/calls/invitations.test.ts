// The invitations a call sends, read back with a real iCalendar parser (ical.js) field by field:
// the first invitation, an update with the same UID and a higher SEQUENCE, a cancellation, and the
// agent's export. The e-mail around them gives the time in GMT and in the customer's zone.
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/api/context';
import { createTestCore, type TestCore } from '../helpers/core';
import { lastAttachment, nov, requestCall } from './helpers';

let core: TestCore;
let agent: Session;

beforeEach(async () => {
  core = await createTestCore();
  agent = await core.signedIn(core.ids.agent);
});
afterEach(() => core.dispose());

const QUESTIONS = [
  'How do reports group by month?',
  'Commas, semicolons; and a back\\slash: are they kept?',
  'Émile’s café ☕ — and a question long enough that the iCalendar line must be folded at least once or twice.',
];

interface Parsed {
  calendar: ICAL.Component;
  event: ICAL.Component;
  text: string;
}

function parse(text: string): Parsed {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  const event = events[0];
  if (!event) throw new Error('no VEVENT');
  return { calendar, event, text };
}

function value(component: ICAL.Component, name: string): string {
  const v = component.getFirstPropertyValue(name);
  return v === null ? '' : String(v);
}

function instant(component: ICAL.Component, name: string): number {
  const v = component.getFirstPropertyValue(name);
  if (!(v instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  return v.toJSDate().getTime();
}

function param(component: ICAL.Component, name: string, key: string): string {
  const p = component.getFirstProperty(name);
  const v = p?.getParameter(key);
  return v === undefined || v === null ? '' : String(v);
}

/** RFC 5545 §3.1: CRLF line breaks, and no line longer than 75 octets. */
function expectWellFormed(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(line).not.toContain('\n');
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }
}

describe('invitations', () => {
  it('invites with the time, the tool and its link, the questions, organiser and attendee', async () => {
    const callId = await requestCall(core, agent, { questions: QUESTIONS });
    const booked = await core.call(agent, 'calls.schedule', {
      callId,
      agentId: core.ids.agent,
      startsAt: nov(26, 11),
      link: 'https://join.skype.com/invite/abcDEF123',
    });
    const ics = await lastAttachment(core, callId);
    expectWellFormed(ics);
    const { calendar, event } = parse(ics);

    expect(value(calendar, 'version')).toBe('2.0');
    expect(value(calendar, 'prodid')).toBe('-//Support Console//Calls//EN');
    expect(value(calendar, 'method')).toBe('REQUEST');

    expect(value(event, 'uid')).toBe(booked.icalUid);
    expect(Number(value(event, 'sequence'))).toBe(0);
    expect(instant(event, 'dtstart')).toBe(nov(26, 11));
    expect(instant(event, 'dtend')).toBe(nov(26, 11, 30));
    expect(instant(event, 'dtstamp')).toBe(core.clock.now);
    expect(value(event, 'summary')).toBe('Support call over Skype');
    expect(value(event, 'location')).toBe('https://join.skype.com/invite/abcDEF123');
    expect(value(event, 'url')).toBe('https://join.skype.com/invite/abcDEF123');
    expect(value(event, 'status')).toBe('CONFIRMED');
    expect(value(event, 'x-support-console-tool')).toBe('skype');

    const description = value(event, 'description').split('\n');
    expect(description).toEqual([
      'Support call over Skype with Alice Agent.',
      'Skype link: https://join.skype.com/invite/abcDEF123',
      '',
      'Your questions:',
      ...QUESTIONS.map((q, i) => `${i + 1}. ${q}`),
    ]);

    expect(value(event, 'organizer').toLowerCase()).toBe('mailto:alice.agent@support.test');
    expect(param(event, 'organizer', 'cn')).toBe('Alice Agent');
    const attendees = event.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0]?.getFirstValue()).toLowerCase()).toBe('mailto:sue.phone@customer.test');
    expect(param(event, 'attendee', 'cn')).toBe('Sue Express');
    expect(param(event, 'attendee', 'rsvp')).toBe('TRUE');
    expect(param(event, 'attendee', 'partstat')).toBe('NEEDS-ACTION');

    // The e-mail that carries it.
    const mail = await core.core.db
      .selectFrom('outbox')
      .selectAll()
      .where('call_id', '=', callId)
      .executeTakeFirstOrThrow();
    expect(mail).toMatchObject({
      kind: 'call_invitation',
      to_email: 'sue.phone@customer.test',
      customer_id: booked.customerId,
      ticket_id: booked.ticketId,
      status: 'pending',
    });
    expect(mail.body).toContain(
      'When: Thu 26 Nov 2026, 11:00–11:30 GMT (Thu 26 Nov 2026, 06:00–06:30 America/New_York)',
    );
    expect(mail.body).toContain('Skype: https://join.skype.com/invite/abcDEF123');
    for (const q of QUESTIONS) expect(mail.body).toContain(q);
  });

  it('updates with the same UID and a higher SEQUENCE, then cancels', async () => {
    const callId = await requestCall(core, agent, { tool: 'google_meet' });
    const booked = await core.call(agent, 'calls.schedule', {
      callId,
      agentId: core.ids.agent,
      startsAt: nov(26, 11),
    });
    expect(booked.link).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    const first = parse(await lastAttachment(core, callId));
    expect(value(first.event, 'summary')).toBe('Support call over Google Meet');
    expect(value(first.event, 'location')).toBe(booked.link);

    core.clock.now += 60_000;
    await core.call(agent, 'calls.reschedule', {
      callId,
      startsAt: nov(27, 13),
      agentId: core.ids.otherAgent,
      durationMinutes: 45,
    });
    const update = parse(await lastAttachment(core, callId));
    expectWellFormed(update.text);
    expect(value(update.calendar, 'method')).toBe('REQUEST');
    expect(value(update.event, 'uid')).toBe(value(first.event, 'uid'));
    expect(Number(value(update.event, 'sequence'))).toBe(1);
    expect(instant(update.event, 'dtstart')).toBe(nov(27, 13));
    expect(instant(update.event, 'dtend')).toBe(nov(27, 13, 45));
    expect(instant(update.event, 'dtstamp')).toBe(core.clock.now);
    expect(value(update.event, 'organizer').toLowerCase()).toBe('mailto:bob.agent@support.test');
    expect(value(update.event, 'url')).toBe(booked.link);

    core.clock.now += 60_000;
    await core.call(agent, 'calls.cancel', { callId, reason: 'The customer found the answer in the guide' });
    const cancel = parse(await lastAttachment(core, callId));
    expectWellFormed(cancel.text);
    expect(value(cancel.calendar, 'method')).toBe('CANCEL');
    expect(value(cancel.event, 'status')).toBe('CANCELLED');
    expect(value(cancel.event, 'uid')).toBe(value(first.event, 'uid'));
    expect(Number(value(cancel.event, 'sequence'))).toBe(2);
    expect(instant(cancel.event, 'dtstart')).toBe(nov(27, 13));
    expect(value(cancel.event, 'description')).toMatch(
      /^This call is cancelled: The customer found the answer in the guide\n/,
    );

    const mails = await core.core.db
      .selectFrom('outbox')
      .select(['kind', 'subject', 'body'])
      .where('call_id', '=', callId)
      .orderBy('id')
      .execute();
    expect(mails.map((m) => m.kind)).toEqual(['call_invitation', 'call_update', 'call_cancelled']);
    expect(mails[1]?.body).toContain('Your call has moved from Thu 26 Nov 2026, 11:00–11:30 GMT.');
    expect(mails[2]?.body).toContain('is cancelled: The customer found the answer in the guide');
  });

  it('exports the call for the agent’s own calendar, and a cancellation once cancelled', async () => {
    const callId = await requestCall(core, agent);
    const refused = await core.dispatcher.call(agent, 'calls.ics', { callId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const booked = await core.call(agent, 'calls.schedule', {
      callId,
      agentId: core.ids.agent,
      startsAt: nov(26, 11),
    });
    const exported = await core.call(agent, 'calls.ics', { callId });
    expect(exported).toMatchObject({ filename: `call-${callId}.ics`, contentType: 'text/calendar' });
    const published = parse(exported.text);
    expect(value(published.calendar, 'method')).toBe('PUBLISH');
    expect(value(published.event, 'uid')).toBe(booked.icalUid);
    expect(instant(published.event, 'dtstart')).toBe(nov(26, 11));
    expect(value(published.event, 'url')).toBe(booked.link);

    await core.call(agent, 'calls.cancel', { callId, reason: 'Ill' });
    const withdrawn = parse((await core.call(agent, 'calls.ics', { callId })).text);
    expect(value(withdrawn.calendar, 'method')).toBe('CANCEL');
    expect(value(withdrawn.event, 'status')).toBe('CANCELLED');
    expect(Number(value(withdrawn.event, 'sequence'))).toBe(1);
  });
});

describe('times in the customer’s zone across daylight-saving changes', () => {
  it('writes 10:00 GMT as 06:00 in New York before 1 November 2026 and 05:00 after', async () => {
    await core.dispose();
    core = await createTestCore(Date.UTC(2026, 9, 28, 10)); // Wednesday 28 October
    agent = await core.signedIn(core.ids.agent);
    const before = await requestCall(core, agent);
    const after = await requestCall(core, agent);
    await core.call(agent, 'calls.schedule', {
      callId: before,
      agentId: core.ids.agent,
      startsAt: Date.UTC(2026, 9, 30, 10),
    });
    await core.call(agent, 'calls.schedule', {
      callId: after,
      agentId: core.ids.agent,
      startsAt: Date.UTC(2026, 10, 2, 10),
    });
    const bodies = await core.core.db
      .selectFrom('outbox')
      .select('body')
      .where('call_id', 'in', [before, after])
      .orderBy('id')
      .execute();
    expect(bodies[0]?.body).toContain(
      'Fri 30 Oct 2026, 10:00–10:30 GMT (Fri 30 Oct 2026, 06:00–06:30 America/New_York)',
    );
    expect(bodies[1]?.body).toContain(
      'Mon 2 Nov 2026, 10:00–10:30 GMT (Mon 2 Nov 2026, 05:00–05:30 America/New_York)',
    );
    // The slot list gives the instants and the zones; the renderer writes each slot in all three.
    const slots = await core.call(agent, 'calls.slots', {
      callId: before,
      from: Date.UTC(2026, 9, 30, 0),
      days: 4,
    });
    expect(slots.zones).toEqual({ phone: 'UTC', agent: 'Europe/Paris', customer: 'America/New_York' });
  });
});
