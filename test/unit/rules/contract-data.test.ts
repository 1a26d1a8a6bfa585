// Issue #12 item 14: hours travel as data (windows, zone) and decisions as a code with parameters,
// so screens write them in each language without reading the engine's English sentences back.
import { describe, expect, it } from 'vitest';
import {
  admit,
  defaultRuleSet,
  describeHours,
  evaluateEntitlements,
  openingHoursOf,
  type CalendarSpec,
} from '../../../electron/core/rules';
import { decision as decisionSchema, entitlements as entitlementsSchema } from '../../../shared/domain';
import type { Intake, RuleCustomer } from '../../../shared/domain';

const t = (iso: string): number => Date.parse(iso);
const WED_1000 = t('2025-01-08T10:00:00.000Z');
const SAT_1200 = t('2025-01-11T12:00:00.000Z');
const NEXT_MON_0600 = t('2025-01-13T06:00:00.000Z');
const customer = (planId: string): RuleCustomer => ({ planId, accountEmail: 'ana@example.com', zone: null });
const decide = (plan: string, item: Intake, now = WED_1000) =>
  admit(defaultRuleSet, customer(plan), { quotaUsed: 0, quotaReserved: 0 }, item, now);
const calendarOf = (id: string): CalendarSpec => {
  const channel = defaultRuleSet.channels.find((c) => c.id === id);
  if (!channel) throw new Error(id);
  return channel.calendar;
};

describe('opening hours as data', () => {
  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
  it.each([
    [
      'email (GMT, weekdays)',
      calendarOf('email'),
      {
        zone: 'UTC',
        gmt: true,
        alwaysOpen: false,
        windows: [{ days: [...weekdays], from: '06:00', to: '18:00' }],
        exceptHolidays: false,
        openDayMinutes: 720,
      },
    ],
    [
      'topics (around the clock: no GMT beside times)',
      calendarOf('topic'),
      {
        zone: 'UTC',
        gmt: false,
        alwaysOpen: true,
        windows: [],
        exceptHolidays: false,
        openDayMinutes: 1440,
      },
    ],
    [
      'split days and a Saturday in another zone, with holidays',
      {
        zone: 'Europe/Paris',
        windows: [
          { day: 'mon', open: '09:00', close: '12:00' },
          { day: 'mon', open: '13:00', close: '17:00' },
          { day: 'tue', open: '09:00', close: '12:00' },
          { day: 'tue', open: '13:00', close: '17:00' },
          { day: 'sat', open: '10:00', close: '14:00' },
        ],
        holidays: ['2025-12-25'],
      } satisfies CalendarSpec,
      {
        zone: 'Europe/Paris',
        gmt: false,
        alwaysOpen: false,
        windows: [
          { days: ['mon', 'tue'], from: '09:00', to: '12:00' },
          { days: ['mon', 'tue'], from: '13:00', to: '17:00' },
          { days: ['sat'], from: '10:00', to: '14:00' },
        ],
        exceptHolidays: true,
        openDayMinutes: null,
      },
    ],
    [
      'the same hours on days apart stay apart',
      {
        zone: 'UTC',
        windows: [
          { day: 'mon', open: '08:00', close: '12:00' },
          { day: 'wed', open: '08:00', close: '12:00' },
        ],
      } satisfies CalendarSpec,
      {
        zone: 'UTC',
        gmt: true,
        alwaysOpen: false,
        windows: [
          { days: ['mon'], from: '08:00', to: '12:00' },
          { days: ['wed'], from: '08:00', to: '12:00' },
        ],
        exceptHolidays: false,
        openDayMinutes: 240,
      },
    ],
  ])('%s', (_name, spec, expected) => {
    expect(openingHoursOf(spec)).toEqual(expected);
  });

  it('is what describeHours words, so the English column and the data never disagree', () => {
    expect(describeHours(calendarOf('email'))).toBe('Mon–Fri 06:00–18:00 GMT');
    const split = {
      zone: 'UTC',
      windows: [
        { day: 'mon', open: '08:00', close: '12:00' },
        { day: 'wed', open: '08:00', close: '12:00' },
      ],
    } satisfies CalendarSpec;
    expect(describeHours(split)).toBe('Mon 08:00–12:00, Wed 08:00–12:00 GMT');
  });

  it('comes with every channel entitlement and every alternative', () => {
    const free = evaluateEntitlements(
      defaultRuleSet,
      customer('free'),
      { quotaUsed: 0, quotaReserved: 0 },
      WED_1000,
    );
    expect(entitlementsSchema.parse(free)).toEqual(free);
    const email = free.channels.find((c) => c.channel === 'email');
    expect(email?.openingHours.windows[0]).toEqual({
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      from: '06:00',
      to: '18:00',
    });
    const refused = decide('free', { kind: 'email' });
    expect(refused.outcome).toBe('refuse');
    for (const alt of refused.alternatives) {
      if (alt.kind === 'channel') expect(alt.openingHours.zone).toBe('UTC');
    }
  });
});

describe('decisions carry what other languages need as parameters', () => {
  it('names the call tool and whether calls keep to phone hours', () => {
    const call = decide('standard_express', {
      kind: 'call_request',
      questions: ['How do I export?'],
      contactEmail: 'ana@example.com',
      tool: 'google_meet',
    });
    expect(decisionSchema.parse(call).reason.params).toMatchObject({
      tool: 'google_meet',
      toolName: 'Google Meet',
      insideHours: 1,
    });
    const badTool = decide('standard_express', {
      kind: 'call_request',
      questions: ['How do I export?'],
      contactEmail: 'ana@example.com',
      tool: 'zoom',
    });
    expect(badTool.reason).toMatchObject({
      code: 'call.tool_invalid',
      params: { tool: 'zoom', toolNames: 'Skype, Google Meet' },
    });
  });

  it('says to which address a topic answer is e-mailed, and that Spam is worth a look', () => {
    const question = decide('free', { kind: 'topic_question' });
    expect(question.reason.params).toMatchObject({ emailedTo: 'ana@example.com', spamReminder: 1 });
    const answer = decide('free', { kind: 'staff_answer', channel: 'topic' });
    expect(answer.reason.params).toMatchObject({ emailedTo: 'ana@example.com', spamReminder: 1 });
    const email = decide('standard', { kind: 'email' });
    expect(email.reason.params.emailedTo).toBeUndefined();
  });

  it('gives the opening the clock waits for only when a customer item waits', () => {
    const weekend = decide('standard', { kind: 'email' }, SAT_1200);
    expect(weekend.reason.params.clockStartsAt).toBe(NEXT_MON_0600);
    expect(decide('standard', { kind: 'email' }).reason.params.clockStartsAt).toBeUndefined();
    // Staff answer whenever they like: nothing waits.
    const staff = decide('standard', { kind: 'staff_answer', channel: 'email' }, SAT_1200);
    expect(staff.reason.params.clockStartsAt).toBeUndefined();
  });
});
