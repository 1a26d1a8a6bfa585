import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  CalendarError,
  calendarSpecSchema,
  createCalendar,
  type BusinessCalendar,
  type CalendarSpec,
} from '../../../electron/core/rules/calendar';

const T = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad test instant ${iso}`);
  return t;
};
const iso = (t: number): string => new Date(t).toISOString();
const HOUR = 3_600_000;
const DAY = 86_400_000;

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const allDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

// The QuintaDB defaults shipped in the rule set.
const emailSpec: CalendarSpec = {
  zone: 'UTC',
  windows: weekdays.map((day) => ({ day, open: '06:00', close: '18:00' })),
};
const phoneSpec: CalendarSpec = {
  zone: 'UTC',
  windows: weekdays.map((day) => ({ day, open: '06:00', close: '15:00' })),
};
const topicSpec: CalendarSpec = {
  zone: 'UTC',
  windows: allDays.map((day) => ({ day, open: '00:00', close: '24:00' })),
};

const email = createCalendar(emailSpec);
const phone = createCalendar(phoneSpec);
const topic = createCalendar(topicSpec);

// 2024-01-05 is a Friday, 2024-01-08 a Monday.
type Case = [
  name: string,
  cal: BusinessCalendar,
  run: (c: BusinessCalendar) => number | boolean,
  expected: number | boolean,
];

const cases: Case[] = [
  ['email closed just before opening', email, (c) => c.isOpen(T('2024-01-05T05:59:59.999Z')), false],
  ['email open at opening', email, (c) => c.isOpen(T('2024-01-05T06:00:00Z')), true],
  ['email open just before closing', email, (c) => c.isOpen(T('2024-01-05T17:59:59.999Z')), true],
  ['email closed at closing', email, (c) => c.isOpen(T('2024-01-05T18:00:00Z')), false],
  ['email closed on Saturday', email, (c) => c.isOpen(T('2024-01-06T12:00:00Z')), false],
  ['phone closed at 15:00', phone, (c) => c.isOpen(T('2024-01-05T15:00:00Z')), false],
  ['phone open at 14:59', phone, (c) => c.isOpen(T('2024-01-05T14:59:00Z')), true],
  ['topic open at Monday midnight', topic, (c) => c.isOpen(T('2024-01-08T00:00:00Z')), true],
  ['topic open on Sunday', topic, (c) => c.isOpen(T('2024-01-07T23:59:59.999Z')), true],

  [
    'nextOpen Friday 18:00 → Monday 06:00',
    email,
    (c) => c.nextOpen(T('2024-01-05T18:00:00Z')),
    T('2024-01-08T06:00:00Z'),
  ],
  ['nextOpen when open is t', email, (c) => c.nextOpen(T('2024-01-05T10:00:00Z')), T('2024-01-05T10:00:00Z')],
  ['nextOpen early morning', email, (c) => c.nextOpen(T('2024-01-09T01:00:00Z')), T('2024-01-09T06:00:00Z')],
  ['topic nextOpen is t', topic, (c) => c.nextOpen(T('2024-01-06T03:00:00Z')), T('2024-01-06T03:00:00Z')],

  // 17:59 + 1 min uses the window up exactly at its end: the result is the next opening.
  [
    'add 1 at Friday 17:59',
    email,
    (c) => c.addBusinessMinutes(T('2024-01-05T17:59:00Z'), 1),
    T('2024-01-08T06:00:00Z'),
  ],
  [
    'add 1 at Wednesday 17:59',
    email,
    (c) => c.addBusinessMinutes(T('2024-01-10T17:59:00Z'), 1),
    T('2024-01-11T06:00:00Z'),
  ],
  [
    'add 720 at Monday 06:00',
    email,
    (c) => c.addBusinessMinutes(T('2024-01-08T06:00:00Z'), 720),
    T('2024-01-09T06:00:00Z'),
  ],
  [
    'add 61 at Friday 17:00',
    email,
    (c) => c.addBusinessMinutes(T('2024-01-05T17:00:00Z'), 61),
    T('2024-01-08T06:01:00Z'),
  ],
  [
    'add 0 when closed',
    email,
    (c) => c.addBusinessMinutes(T('2024-01-06T12:00:00Z'), 0),
    T('2024-01-08T06:00:00Z'),
  ],
  [
    'add 0 when open',
    email,
    (c) => c.addBusinessMinutes(T('2024-01-05T10:00:00Z'), 0),
    T('2024-01-05T10:00:00Z'),
  ],
  [
    'add from closed time counts from the opening',
    email,
    (c) => c.addBusinessMinutes(T('2024-01-06T12:00:00Z'), 30),
    T('2024-01-08T06:30:00Z'),
  ],
  [
    'add fractional minutes',
    email,
    (c) => c.addBusinessMinutes(T('2024-01-05T17:59:00Z'), 1.5),
    T('2024-01-08T06:00:30Z'),
  ],
  [
    'phone add 60 at Friday 14:30',
    phone,
    (c) => c.addBusinessMinutes(T('2024-01-05T14:30:00Z'), 60),
    T('2024-01-08T06:30:00Z'),
  ],
  // 10,000 business hours = 166 weeks of 60 h plus 40 h (Mon 12, Tue 12, Wed 12, Thu 4).
  [
    'add 10,000 business hours',
    email,
    (c) => c.addBusinessMinutes(T('2024-01-08T06:00:00Z'), 600_000),
    T('2024-01-08T06:00:00Z') + (166 * 7 + 3) * DAY + 4 * HOUR,
  ],
  [
    'topic add flows through midnight',
    topic,
    (c) => c.addBusinessMinutes(T('2024-01-07T23:59:30Z'), 1),
    T('2024-01-08T00:00:30Z'),
  ],
  [
    'topic add one week',
    topic,
    (c) => c.addBusinessMinutes(T('2024-01-07T23:59:30Z'), 10_080),
    T('2024-01-14T23:59:30Z'),
  ],

  [
    'subtract crossing the weekend',
    email,
    (c) => c.subtractBusinessMinutes(T('2024-01-08T07:00:00Z'), 120),
    T('2024-01-05T17:00:00Z'),
  ],
  [
    'subtract 1 at Monday opening',
    email,
    (c) => c.subtractBusinessMinutes(T('2024-01-08T06:00:00Z'), 1),
    T('2024-01-05T17:59:00Z'),
  ],
  [
    'subtract landing on an opening returns it',
    email,
    (c) => c.subtractBusinessMinutes(T('2024-01-08T08:00:00Z'), 120),
    T('2024-01-08T06:00:00Z'),
  ],
  [
    'subtract from closed counts from the closing',
    email,
    (c) => c.subtractBusinessMinutes(T('2024-01-06T12:00:00Z'), 60),
    T('2024-01-05T17:00:00Z'),
  ],
  [
    'subtract 0 when closed is the previous closing',
    email,
    (c) => c.subtractBusinessMinutes(T('2024-01-06T12:00:00Z'), 0),
    T('2024-01-05T18:00:00Z'),
  ],
  [
    'subtract 0 when open is t',
    email,
    (c) => c.subtractBusinessMinutes(T('2024-01-05T12:00:00Z'), 0),
    T('2024-01-05T12:00:00Z'),
  ],
  [
    'subtract 10,000 business hours',
    email,
    (c) => c.subtractBusinessMinutes(T('2024-01-08T06:00:00Z') + (166 * 7 + 3) * DAY + 4 * HOUR, 600_000),
    T('2024-01-08T06:00:00Z'),
  ],
  [
    'topic subtract across midnight',
    topic,
    (c) => c.subtractBusinessMinutes(T('2024-01-08T00:00:30Z'), 1),
    T('2024-01-07T23:59:30Z'),
  ],

  [
    'between across the weekend (fractional)',
    email,
    (c) => c.businessMinutesBetween(T('2024-01-05T17:00:00Z'), T('2024-01-08T07:00:30Z')),
    120.5,
  ],
  [
    'between reversed is negative',
    email,
    (c) => c.businessMinutesBetween(T('2024-01-08T07:00:30Z'), T('2024-01-05T17:00:00Z')),
    -120.5,
  ],
  [
    'between over a closed stretch',
    email,
    (c) => c.businessMinutesBetween(T('2024-01-05T18:00:00Z'), T('2024-01-08T06:00:00Z')),
    0,
  ],
  [
    'between equal instants',
    email,
    (c) => c.businessMinutesBetween(T('2024-01-05T12:00:00Z'), T('2024-01-05T12:00:00Z')),
    0,
  ],
  [
    'topic between a week',
    topic,
    (c) => c.businessMinutesBetween(T('2024-01-03T05:00:00Z'), T('2024-01-10T05:00:00Z')),
    10_080,
  ],
  [
    'between a year of weekdays',
    email,
    (c) => c.businessMinutesBetween(T('2024-01-01T00:00:00Z'), T('2025-01-01T00:00:00Z')),
    262 * 720,
  ],

  [
    'previousClose when closed',
    email,
    (c) => c.previousClose(T('2024-01-07T12:00:00Z')),
    T('2024-01-05T18:00:00Z'),
  ],
  [
    'previousClose at a closing is the closing',
    email,
    (c) => c.previousClose(T('2024-01-05T18:00:00Z')),
    T('2024-01-05T18:00:00Z'),
  ],
  [
    'previousClose when open is t',
    email,
    (c) => c.previousClose(T('2024-01-05T17:00:00Z')),
    T('2024-01-05T17:00:00Z'),
  ],
];

describe('QuintaDB default calendars (UTC)', () => {
  it.each(cases)('%s', (_name, cal, run, expected) => {
    const actual = run(cal);
    if (typeof expected === 'number' && typeof actual === 'number' && Math.abs(expected) > 1e9) {
      expect(iso(actual)).toBe(iso(expected));
    } else {
      expect(actual).toBe(expected);
    }
  });
});

describe('holidays', () => {
  const cal = createCalendar({ ...emailSpec, holidays: ['2024-01-08'] });

  it('skip the whole holiday', () => {
    expect(cal.isOpen(T('2024-01-08T10:00:00Z'))).toBe(false);
    expect(iso(cal.nextOpen(T('2024-01-05T18:00:00Z')))).toBe('2024-01-09T06:00:00.000Z');
    expect(iso(cal.addBusinessMinutes(T('2024-01-05T17:59:00Z'), 1))).toBe('2024-01-09T06:00:00.000Z');
    expect(iso(cal.subtractBusinessMinutes(T('2024-01-09T06:30:00Z'), 60))).toBe('2024-01-05T17:30:00.000Z');
    expect(cal.businessMinutesBetween(T('2024-01-05T00:00:00Z'), T('2024-01-10T00:00:00Z'))).toBe(2 * 720);
  });

  it('are dates in the calendar zone', () => {
    // 2024-01-08 in Tokyo is 2024-01-07T15:00Z to 2024-01-08T15:00Z.
    const tokyo = createCalendar({
      zone: 'Asia/Tokyo',
      windows: allDays.map((day) => ({ day, open: '00:00', close: '24:00' })),
      holidays: ['2024-01-08'],
    });
    expect(tokyo.isOpen(T('2024-01-07T14:59:59.999Z'))).toBe(true);
    expect(tokyo.isOpen(T('2024-01-07T15:00:00Z'))).toBe(false);
    expect(tokyo.isOpen(T('2024-01-08T14:59:59.999Z'))).toBe(false);
    expect(tokyo.isOpen(T('2024-01-08T15:00:00Z'))).toBe(true);
    expect(tokyo.openIntervals(T('2024-01-07T00:00:00Z'), T('2024-01-10T00:00:00Z'))).toEqual([
      { start: T('2024-01-07T00:00:00Z'), end: T('2024-01-07T15:00:00Z') },
      { start: T('2024-01-08T15:00:00Z'), end: T('2024-01-10T00:00:00Z') },
    ]);
  });

  it('long spans count holidays far away', () => {
    const many = createCalendar({
      ...emailSpec,
      holidays: ['2026-12-25', '2025-12-25', '2024-12-25', '2024-12-25'],
    });
    const a = T('2024-01-01T00:00:00Z');
    const b = T('2027-01-01T00:00:00Z');
    expect(email.businessMinutesBetween(a, b) - many.businessMinutesBetween(a, b)).toBe(3 * 720);
    expect(many.addBusinessMinutes(a, email.businessMinutesBetween(a, b) - 3 * 720)).toBe(email.nextOpen(b));
  });
});

describe('breaks', () => {
  const cal = createCalendar({
    ...emailSpec,
    breaks: [
      { start: T('2024-01-08T10:00:00Z'), end: T('2024-01-08T11:00:00Z') },
      // Overlapping and touching breaks merge.
      { start: T('2024-01-09T10:00:00Z'), end: T('2024-01-09T11:00:00Z') },
      { start: T('2024-01-09T10:30:00Z'), end: T('2024-01-09T12:00:00Z') },
      { start: T('2024-01-09T12:00:00Z'), end: T('2024-01-09T12:30:00Z') },
    ],
  });

  it('close [start, end)', () => {
    expect(cal.isOpen(T('2024-01-08T09:59:59.999Z'))).toBe(true);
    expect(cal.isOpen(T('2024-01-08T10:00:00Z'))).toBe(false);
    expect(cal.isOpen(T('2024-01-08T11:00:00Z'))).toBe(true);
    expect(iso(cal.nextOpen(T('2024-01-08T10:30:00Z')))).toBe('2024-01-08T11:00:00.000Z');
    expect(iso(cal.addBusinessMinutes(T('2024-01-08T09:30:00Z'), 60))).toBe('2024-01-08T11:30:00.000Z');
    expect(iso(cal.addBusinessMinutes(T('2024-01-08T09:30:00Z'), 30))).toBe('2024-01-08T11:00:00.000Z');
    expect(iso(cal.subtractBusinessMinutes(T('2024-01-08T11:30:00Z'), 60))).toBe('2024-01-08T09:30:00.000Z');
    expect(iso(cal.subtractBusinessMinutes(T('2024-01-08T11:30:00Z'), 30))).toBe('2024-01-08T11:00:00.000Z');
    expect(cal.businessMinutesBetween(T('2024-01-08T09:00:00Z'), T('2024-01-08T12:00:00Z'))).toBe(120);
    expect(cal.businessMinutesBetween(T('2024-01-09T06:00:00Z'), T('2024-01-09T18:00:00Z'))).toBe(720 - 150);
    expect(cal.openIntervals(T('2024-01-09T00:00:00Z'), T('2024-01-10T00:00:00Z'))).toEqual([
      { start: T('2024-01-09T06:00:00Z'), end: T('2024-01-09T10:00:00Z') },
      { start: T('2024-01-09T12:30:00Z'), end: T('2024-01-09T18:00:00Z') },
    ]);
  });
});

describe('long breaks', () => {
  it('are crossed in one step and counted as closed', () => {
    const cal = createCalendar({
      ...emailSpec,
      breaks: [{ start: T('2024-02-01T00:00:00Z'), end: T('2024-05-01T00:00:00Z') }],
    });
    expect(iso(cal.addBusinessMinutes(T('2024-01-31T17:59:00Z'), 1))).toBe('2024-05-01T06:00:00.000Z');
    expect(iso(cal.nextOpen(T('2024-03-01T12:00:00Z')))).toBe('2024-05-01T06:00:00.000Z');
    expect(iso(cal.subtractBusinessMinutes(T('2024-05-01T06:00:00Z'), 1))).toBe('2024-01-31T17:59:00.000Z');
    expect(iso(cal.subtractBusinessMinutes(T('2024-03-01T12:00:00Z'), 0))).toBe('2024-01-31T18:00:00.000Z');
    expect(iso(cal.previousClose(T('2024-05-01T00:00:00Z')))).toBe('2024-01-31T18:00:00.000Z');
    expect(cal.businessMinutesBetween(T('2024-01-31T17:00:00Z'), T('2024-05-01T07:00:00Z'))).toBe(120);
  });
});

describe('window shapes', () => {
  it('overnight windows belong to the day they open on', () => {
    const spec: CalendarSpec = { zone: 'UTC', windows: [{ day: 'fri', open: '22:00', close: '02:00' }] };
    const cal = createCalendar(spec);
    expect(cal.isOpen(T('2024-01-05T21:59:59.999Z'))).toBe(false);
    expect(cal.isOpen(T('2024-01-05T22:00:00Z'))).toBe(true);
    expect(cal.isOpen(T('2024-01-06T00:00:00Z'))).toBe(true);
    expect(cal.isOpen(T('2024-01-06T01:59:59.999Z'))).toBe(true);
    expect(cal.isOpen(T('2024-01-06T02:00:00Z'))).toBe(false);
    expect(iso(cal.addBusinessMinutes(T('2024-01-05T12:00:00Z'), 240))).toBe('2024-01-12T22:00:00.000Z');
    expect(iso(cal.addBusinessMinutes(T('2024-01-05T12:00:00Z'), 239))).toBe('2024-01-06T01:59:00.000Z');

    const friday = createCalendar({ ...spec, holidays: ['2024-01-05'] });
    expect(friday.isOpen(T('2024-01-06T01:00:00Z'))).toBe(false);
    expect(iso(friday.nextOpen(T('2024-01-05T12:00:00Z')))).toBe('2024-01-12T22:00:00.000Z');
    const saturday = createCalendar({ ...spec, holidays: ['2024-01-06'] });
    expect(saturday.isOpen(T('2024-01-06T01:00:00Z'))).toBe(true);
  });

  it('a Sunday overnight window runs into Monday', () => {
    const cal = createCalendar({ zone: 'UTC', windows: [{ day: 'sun', open: '20:00', close: '04:00' }] });
    expect(cal.isOpen(T('2024-01-08T03:00:00Z'))).toBe(true);
    expect(cal.businessMinutesBetween(T('2024-01-01T00:00:00Z'), T('2024-01-29T00:00:00Z'))).toBe(4 * 480);
  });

  it('several windows a day', () => {
    const cal = createCalendar({
      zone: 'UTC',
      windows: [
        { day: 'mon', open: '09:00', close: '12:00' },
        { day: 'mon', open: '13:00', close: '17:00' },
      ],
    });
    const monday = T('2024-01-08T09:00:00Z');
    expect(cal.isOpen(T('2024-01-08T12:30:00Z'))).toBe(false);
    expect(iso(cal.addBusinessMinutes(monday, 180))).toBe('2024-01-08T13:00:00.000Z');
    expect(iso(cal.addBusinessMinutes(monday, 181))).toBe('2024-01-08T13:01:00.000Z');
    expect(iso(cal.addBusinessMinutes(monday, 420))).toBe('2024-01-15T09:00:00.000Z');
    expect(iso(cal.subtractBusinessMinutes(T('2024-01-08T13:00:00Z'), 1))).toBe('2024-01-08T11:59:00.000Z');
    expect(cal.businessMinutesBetween(T('2024-01-08T11:00:00Z'), T('2024-01-08T14:00:00Z'))).toBe(120);
  });

  it('overlapping windows are merged', () => {
    const cal = createCalendar({
      zone: 'UTC',
      windows: [
        { day: 'mon', open: '06:00', close: '12:00' },
        { day: 'mon', open: '10:00', close: '14:00' },
        { day: 'mon', open: '07:00', close: '08:00' },
      ],
    });
    expect(cal.businessMinutesBetween(T('2024-01-08T00:00:00Z'), T('2024-01-09T00:00:00Z'))).toBe(480);
    expect(cal.openIntervals(T('2024-01-08T00:00:00Z'), T('2024-01-09T00:00:00Z'))).toEqual([
      { start: T('2024-01-08T06:00:00Z'), end: T('2024-01-08T14:00:00Z') },
    ]);
  });

  it('24:00 closes at midnight and touching windows flow through it', () => {
    const spec: CalendarSpec = {
      zone: 'UTC',
      windows: [
        { day: 'mon', open: '20:00', close: '24:00' },
        { day: 'tue', open: '00:00', close: '02:00' },
      ],
    };
    const cal = createCalendar(spec);
    expect(cal.isOpen(T('2024-01-09T00:00:00Z'))).toBe(true);
    expect(iso(cal.addBusinessMinutes(T('2024-01-08T20:00:00Z'), 300))).toBe('2024-01-09T01:00:00.000Z');
    expect(iso(cal.addBusinessMinutes(T('2024-01-08T20:00:00Z'), 240))).toBe('2024-01-09T00:00:00.000Z');
    expect(cal.openIntervals(T('2024-01-08T00:00:00Z'), T('2024-01-10T00:00:00Z'))).toEqual([
      { start: T('2024-01-08T20:00:00Z'), end: T('2024-01-09T02:00:00Z') },
    ]);
    // A Tuesday holiday removes only Tuesday's window.
    const tuesday = createCalendar({ ...spec, holidays: ['2024-01-09'] });
    expect(tuesday.isOpen(T('2024-01-09T00:00:00Z'))).toBe(false);
    expect(iso(tuesday.addBusinessMinutes(T('2024-01-08T20:00:00Z'), 240))).toBe('2024-01-15T20:00:00.000Z');
  });

  it('windows of zones far from UTC land on other UTC days', () => {
    // Mon 2024-01-08 23:00 EST = 01-09T04:00Z, to Tue 22:59 EST = 01-10T03:59Z.
    const ny = createCalendar({
      zone: 'America/New_York',
      windows: [{ day: 'mon', open: '23:00', close: '22:59' }],
    });
    expect(ny.isOpen(T('2024-01-10T02:00:00Z'))).toBe(true);
    expect(ny.openIntervals(T('2024-01-10T02:00:00Z'), T('2024-01-10T05:00:00Z'))).toEqual([
      { start: T('2024-01-10T02:00:00Z'), end: T('2024-01-10T03:59:00Z') },
    ]);
    // Mon 2024-01-08 00:00 at +14 = 01-07T10:00Z.
    const kiritimati = createCalendar({
      zone: 'Pacific/Kiritimati',
      windows: [{ day: 'mon', open: '00:00', close: '06:00' }],
    });
    expect(kiritimati.openIntervals(T('2024-01-07T09:00:00Z'), T('2024-01-07T12:00:00Z'))).toEqual([
      { start: T('2024-01-07T10:00:00Z'), end: T('2024-01-07T12:00:00Z') },
    ]);
  });

  it('topic 24/7 has no gaps', () => {
    const a = T('2024-01-01T00:00:00Z');
    expect(topic.openIntervals(a, a + 30 * DAY)).toEqual([{ start: a, end: a + 30 * DAY }]);
  });
});

describe('DST', () => {
  // Europe/Paris: 2024-03-31 02:00 CET → 03:00 CEST (01:00Z); 2024-10-27 03:00 CEST → 02:00 CET (01:00Z).
  it('Paris spring-forward: a skipped opening moves forward by the gap', () => {
    const cal = createCalendar({
      zone: 'Europe/Paris',
      windows: [{ day: 'sun', open: '02:30', close: '05:00' }],
    });
    expect(cal.isOpen(T('2024-03-31T01:29:59.999Z'))).toBe(false);
    expect(cal.isOpen(T('2024-03-31T01:30:00Z'))).toBe(true);
    expect(cal.isOpen(T('2024-03-31T02:59:59.999Z'))).toBe(true);
    expect(cal.isOpen(T('2024-03-31T03:00:00Z'))).toBe(false);
    expect(iso(cal.nextOpen(T('2024-03-30T00:00:00Z')))).toBe('2024-03-31T01:30:00.000Z');
    expect(cal.businessMinutesBetween(T('2024-03-30T00:00:00Z'), T('2024-04-01T00:00:00Z'))).toBe(90);
    // The week before: 02:30 CET = 01:30Z to 05:00 CET = 04:00Z.
    expect(cal.businessMinutesBetween(T('2024-03-23T00:00:00Z'), T('2024-03-25T00:00:00Z'))).toBe(150);
    // Cross-check the wall-clock reading with luxon, which also moves skipped times forward.
    expect(
      DateTime.fromObject(
        { year: 2024, month: 3, day: 31, hour: 2, minute: 30 },
        { zone: 'Europe/Paris' },
      ).toMillis(),
    ).toBe(T('2024-03-31T01:30:00Z'));
  });

  it('Paris: a 00:00–06:00 window has 5 real hours on spring-forward and 7 on fall-back', () => {
    const cal = createCalendar({
      zone: 'Europe/Paris',
      windows: [{ day: 'sun', open: '00:00', close: '06:00' }],
    });
    expect(cal.openIntervals(T('2024-03-30T00:00:00Z'), T('2024-04-01T00:00:00Z'))).toEqual([
      { start: T('2024-03-30T23:00:00Z'), end: T('2024-03-31T04:00:00Z') },
    ]);
    expect(cal.businessMinutesBetween(T('2024-03-30T00:00:00Z'), T('2024-04-01T00:00:00Z'))).toBe(300);
    expect(cal.businessMinutesBetween(T('2024-10-26T00:00:00Z'), T('2024-10-28T00:00:00Z'))).toBe(420);
    expect(iso(cal.addBusinessMinutes(T('2024-03-30T23:00:00Z'), 300))).toBe('2024-04-06T22:00:00.000Z');
    expect(iso(cal.addBusinessMinutes(T('2024-10-26T22:00:00Z'), 419))).toBe('2024-10-27T04:59:00.000Z');
  });

  it('Paris fall-back: a repeated wall time means its first occurrence', () => {
    const cal = createCalendar({
      zone: 'Europe/Paris',
      windows: [{ day: 'sun', open: '02:30', close: '04:00' }],
    });
    // 02:30 CEST = 00:30Z; 04:00 CET = 03:00Z.
    expect(iso(cal.nextOpen(T('2024-10-27T00:00:00Z')))).toBe('2024-10-27T00:30:00.000Z');
    expect(cal.businessMinutesBetween(T('2024-10-26T00:00:00Z'), T('2024-10-28T00:00:00Z'))).toBe(150);
    expect(cal.isOpen(T('2024-10-27T01:30:00Z'))).toBe(true);
  });

  it('Paris office hours across the spring change', () => {
    const cal = createCalendar({
      zone: 'Europe/Paris',
      windows: weekdays.map((day) => ({ day, open: '09:00', close: '17:00' })),
    });
    // Fri 2024-03-29 09:00 CET = 08:00Z; Mon 2024-04-01 09:00 CEST = 07:00Z.
    expect(iso(cal.addBusinessMinutes(T('2024-03-29T08:00:00Z'), 480))).toBe('2024-04-01T07:00:00.000Z');
    expect(cal.businessMinutesBetween(T('2024-03-29T08:00:00Z'), T('2024-04-01T08:00:00Z'))).toBe(540);
    expect(iso(cal.subtractBusinessMinutes(T('2024-04-01T07:30:00Z'), 60))).toBe('2024-03-29T15:30:00.000Z');
  });

  // America/New_York: 2024-03-10 02:00 EST → 03:00 EDT (07:00Z); 2024-11-03 02:00 EDT → 01:00 EST (06:00Z).
  it('New York: 24/7 days last 23 and 25 hours', () => {
    const cal = createCalendar({
      zone: 'America/New_York',
      windows: allDays.map((day) => ({ day, open: '00:00', close: '24:00' })),
      holidays: ['2024-03-09', '2024-03-11', '2024-11-02', '2024-11-04'],
    });
    // The holidays isolate the changeover days.
    expect(cal.businessMinutesBetween(T('2024-03-09T05:00:00Z'), T('2024-03-12T04:00:00Z'))).toBe(23 * 60);
    expect(cal.openIntervals(T('2024-03-09T05:00:00Z'), T('2024-03-12T04:00:00Z'))).toEqual([
      { start: T('2024-03-10T05:00:00Z'), end: T('2024-03-11T04:00:00Z') },
    ]);
    expect(cal.businessMinutesBetween(T('2024-11-02T04:00:00Z'), T('2024-11-05T05:00:00Z'))).toBe(25 * 60);
    expect(cal.businessMinutesBetween(T('2024-03-01T00:00:00Z'), T('2024-03-20T00:00:00Z'))).toBe(
      // Real time is continuous: only the two holidays (24 real hours each) are missing.
      19 * 1440 - 2 * 1440,
    );
  });

  it('New York fall-back: 01:30–02:00 runs from the first 01:30 to 02:00 EST (90 real minutes)', () => {
    const cal = createCalendar({
      zone: 'America/New_York',
      windows: [{ day: 'sun', open: '01:30', close: '02:00' }],
    });
    expect(cal.openIntervals(T('2024-11-02T00:00:00Z'), T('2024-11-04T00:00:00Z'))).toEqual([
      { start: T('2024-11-03T05:30:00Z'), end: T('2024-11-03T07:00:00Z') },
    ]);
  });

  it('New York spring-forward: a window inside the skipped hour is empty that day', () => {
    const cal = createCalendar({
      zone: 'America/New_York',
      windows: [{ day: 'sun', open: '02:30', close: '03:30' }],
    });
    // 02:30 moves forward to 03:30 EDT, which is also the closing.
    expect(cal.businessMinutesBetween(T('2024-03-09T00:00:00Z'), T('2024-03-12T00:00:00Z'))).toBe(0);
    expect(iso(cal.nextOpen(T('2024-03-10T05:00:00Z')))).toBe('2024-03-17T06:30:00.000Z');
    expect(iso(cal.nextOpen(T('2024-03-03T05:00:00Z')))).toBe('2024-03-03T07:30:00.000Z');
  });

  it('New York office hours across the spring change', () => {
    const cal = createCalendar({
      zone: 'America/New_York',
      windows: weekdays.map((day) => ({ day, open: '09:00', close: '17:00' })),
    });
    // Fri 16:30 EST = 21:30Z; Mon 09:30 EDT = 13:30Z.
    expect(iso(cal.addBusinessMinutes(T('2024-03-08T21:30:00Z'), 60))).toBe('2024-03-11T13:30:00.000Z');
    expect(cal.businessMinutesBetween(T('2024-03-08T21:30:00Z'), T('2024-03-11T13:30:00Z'))).toBe(60);
  });

  it('Lord Howe skips 30 minutes', () => {
    // 2024-10-06 02:00 +10:30 → 02:30 +11 (2024-10-05T15:30Z).
    const cal = createCalendar({
      zone: 'Australia/Lord_Howe',
      windows: [{ day: 'sun', open: '02:00', close: '03:00' }],
    });
    expect(cal.openIntervals(T('2024-10-05T00:00:00Z'), T('2024-10-07T00:00:00Z'))).toEqual([
      { start: T('2024-10-05T15:30:00Z'), end: T('2024-10-05T16:00:00Z') },
    ]);
  });

  it('Kolkata has a half-hour offset and no DST', () => {
    const cal = createCalendar({
      zone: 'Asia/Kolkata',
      windows: weekdays.map((day) => ({ day, open: '09:00', close: '18:00' })),
    });
    expect(iso(cal.nextOpen(T('2024-06-01T00:00:00Z')))).toBe('2024-06-03T03:30:00.000Z');
    expect(cal.businessMinutesBetween(T('2024-01-01T00:00:00Z'), T('2025-01-01T00:00:00Z'))).toBe(262 * 540);
  });
});

describe('guards', () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('rejects t = %s', (bad) => {
    expect(() => email.isOpen(bad)).toThrow(RangeError);
    expect(() => email.nextOpen(bad)).toThrow(RangeError);
    expect(() => email.addBusinessMinutes(bad, 1)).toThrow(RangeError);
    expect(() => email.subtractBusinessMinutes(bad, 1)).toThrow(RangeError);
    expect(() => email.businessMinutesBetween(bad, 0)).toThrow(RangeError);
    expect(() => email.businessMinutesBetween(0, bad)).toThrow(RangeError);
    expect(() => email.openIntervals(0, bad)).toThrow(RangeError);
    expect(() => email.previousClose(bad)).toThrow(RangeError);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, -1, -0.001, 1e300])('rejects n = %s', (bad) => {
    expect(() => email.addBusinessMinutes(0, bad)).toThrow(RangeError);
    expect(() => email.subtractBusinessMinutes(0, bad)).toThrow(RangeError);
  });

  it('rejects instants outside years 0001–9999', () => {
    expect(() => email.isOpen(T('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => email.isOpen(T('-000001-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('validation', () => {
  const base = emailSpec;
  const refused: [string, unknown, string][] = [
    ['bad zone', { ...base, zone: 'Mars/Olympus' }, 'calendar.zone:'],
    ['empty zone', { ...base, zone: '' }, 'calendar.zone:'],
    ['no windows', { ...base, windows: [] }, 'calendar.windows:'],
    [
      'bad day',
      { ...base, windows: [{ day: 'monday', open: '06:00', close: '18:00' }] },
      'calendar.windows[0].day:',
    ],
    [
      'open not HH:mm',
      { ...base, windows: [...base.windows, { day: 'sat', open: '6:00', close: '18:00' }] },
      'calendar.windows[5].open: must be HH:mm',
    ],
    [
      'open 24:00',
      { ...base, windows: [{ day: 'sat', open: '24:00', close: '18:00' }] },
      'calendar.windows[0].open:',
    ],
    [
      'open 23:60',
      { ...base, windows: [{ day: 'sat', open: '23:60', close: '18:00' }] },
      'calendar.windows[0].open:',
    ],
    [
      'close 24:01',
      { ...base, windows: [{ day: 'sat', open: '06:00', close: '24:01' }] },
      'calendar.windows[0].close:',
    ],
    ['close missing', { ...base, windows: [{ day: 'sat', open: '06:00' }] }, 'calendar.windows[0].close:'],
    [
      'open equals close',
      { ...base, windows: [{ day: 'sat', open: '06:00', close: '06:00' }] },
      'calendar.windows[0].close: must differ from open',
    ],
    [
      'unknown window key',
      { ...base, windows: [{ day: 'sat', open: '06:00', close: '07:00', tz: 'x' }] },
      'calendar.windows[0]:',
    ],
    ['holiday not a date', { ...base, holidays: ['2024-1-8'] }, 'calendar.holidays[0]:'],
    ['holiday not a real date', { ...base, holidays: ['2024-01-08', '2023-02-29'] }, 'calendar.holidays[1]:'],
    ['holiday month 13', { ...base, holidays: ['2024-13-01'] }, 'calendar.holidays[0]:'],
    [
      'break end before start',
      { ...base, breaks: [{ start: 10, end: 10 }] },
      'calendar.breaks[0].end: must be after start',
    ],
    ['break not integer', { ...base, breaks: [{ start: 1.5, end: 10 }] }, 'calendar.breaks[0].start:'],
    ['break not a number', { ...base, breaks: [{ start: '1', end: 10 }] }, 'calendar.breaks[0].start:'],
    ['misspelt key', { ...base, holiday: ['2024-01-01'] }, 'calendar:'],
  ];

  it.each(refused)('refuses %s', (_name, spec, message) => {
    expect(() => createCalendar(spec as CalendarSpec)).toThrow(CalendarError);
    expect(() => createCalendar(spec as CalendarSpec)).toThrow(message);
    expect(calendarSpecSchema.safeParse(spec).success).toBe(false);
  });

  it('accepts the edge values', () => {
    const spec: CalendarSpec = {
      zone: 'Pacific/Chatham',
      windows: [
        { day: 'mon', open: '00:00', close: '24:00' },
        { day: 'tue', open: '23:59', close: '00:00' },
        { day: 'wed', open: '12:00', close: '11:59' },
      ],
      holidays: ['2024-02-29'],
      breaks: [{ start: -5, end: 0 }],
    };
    expect(calendarSpecSchema.parse(spec)).toEqual(spec);
    expect(() => createCalendar(spec)).not.toThrow();
  });

  it('reports paths relative to an embedding schema', () => {
    const result = calendarSpecSchema.safeParse({
      ...base,
      windows: [{ day: 'mon', open: '06:00', close: '25:00' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['windows', 0, 'close']);
  });
});
