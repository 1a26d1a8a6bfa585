// The queue's SLA countdown (renderer/src/format/sla.ts): business time as the core reports it,
// running only while the channel is open. Cases from issue #3: an e-mail due Monday 07:00 GMT seen
// on Friday 17:00 GMT has 2 business hours left, not 62 wall-clock hours; from issue #12: lateness
// is business time too, in whole minutes, and nothing is shown before the core has reported.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  arrivalClock,
  formatBusinessSpan,
  slaLevel,
  slaSpanText,
  slaState,
  wholeMinutesCounted,
  wholeMinutesLate,
  wholeMinutesLeft,
  type ChannelClock,
  type LiveSlaStatus,
} from '../../../renderer/src/format/sla';
import { loadLanguage, translator } from '../../../renderer/src/i18n';

// French is a chunk of its own, loaded when someone reads it.
beforeAll(() => loadLanguage('fr'));

const en = translator('en');
const fr = translator('fr');

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

const FRI_1700 = at('2026-11-27T17:00:00Z');
const FRI_1800 = at('2026-11-27T18:00:00Z');
const MON_0600 = at('2026-11-30T06:00:00Z');
const MON_0700 = at('2026-11-30T07:00:00Z');

const ticket = { status: 'open' as const, dueAt: MON_0700, firstResponseAt: null };
const openClock: ChannelClock = { openNow: true, nextOpen: FRI_1700, at: FRI_1700 };
const closedClock: ChannelClock = { openNow: false, nextOpen: MON_0600, at: FRI_1800 };

function live(minutesLeft: number, reportedAt: number, dueAt = MON_0700): LiveSlaStatus {
  return {
    at: reportedAt,
    status: {
      ticketId: 1,
      assigneeId: null,
      phase: 'first',
      dueAt,
      businessMinutesLeft: minutesLeft,
      warning: false,
      breached: false,
      paused: false,
    },
  };
}

describe('the SLA countdown in business time', () => {
  it.each([
    // [what, clock, now, report, expected]
    [
      'open Friday 17:00: the core’s 120 minutes',
      openClock,
      FRI_1700,
      live(120, FRI_1700),
      { kind: 'running', leftMs: 120 * MIN },
    ],
    [
      'open, 25 minutes after the report',
      openClock,
      FRI_1700 + 25 * MIN,
      live(120, FRI_1700),
      { kind: 'running', leftMs: 95 * MIN },
    ],
    [
      'closed over the weekend: frozen at what the core said',
      closedClock,
      at('2026-11-28T12:00:00Z'),
      live(60, FRI_1800),
      { kind: 'paused', leftMs: 60 * MIN, opensAt: MON_0600 },
    ],
    [
      'opened Monday since the report: only the open time runs',
      closedClock,
      MON_0600 + 10 * MIN,
      live(60, FRI_1800),
      { kind: 'running', leftMs: 50 * MIN },
    ],
    [
      'past zero while open: late by the business time since',
      openClock,
      FRI_1700 + 200 * MIN,
      live(120, FRI_1700),
      { kind: 'breached', overMs: 80 * MIN },
    ],
    [
      'late and closed: the lateness the core reported stays put',
      closedClock,
      at('2026-11-29T12:00:00Z'),
      live(-52.9, FRI_1800),
      { kind: 'breached', overMs: 52.9 * MIN },
    ],
  ])('%s', (_what, clock, now, report, expected) => {
    expect(slaState(ticket, clock, now, report)).toEqual(expected);
  });

  it('does not read 62 hours on Friday evening, nor guess before the core has reported', () => {
    expect(slaState(ticket, openClock, FRI_1700)).toEqual({ kind: 'pending' });
    const reported = slaState(ticket, openClock, FRI_1700, live(120, FRI_1700));
    expect(reported).toEqual({ kind: 'running', leftMs: 2 * 60 * MIN });
  });

  it('waits for a report about this deadline (the ticket moved on)', () => {
    const stale = live(5, FRI_1700, MON_0700 - 60 * MIN);
    expect(slaState(ticket, openClock, FRI_1700, stale)).toEqual({ kind: 'pending' });
  });

  it('is late by business time, not wall time: #1937 due Fri 17:07 seen on Sunday', () => {
    const due = at('2026-11-27T17:07:00Z');
    const sunday = at('2026-11-29T12:00:00Z');
    // The e-mail channel closed at 18:00 on Friday: 53 business minutes past the due instant.
    const report = live(-52.9, at('2026-11-29T11:59:00Z'), due);
    const state = slaState({ ...ticket, dueAt: due }, closedClock, sunday, report);
    expect(state).toEqual({ kind: 'breached', overMs: 52.9 * MIN });
    expect(slaSpanText(state, en)).toBe('52 min');
    expect(slaLevel(state, 30)).toBe('danger');
  });

  it('nothing runs while waiting on the customer, nor once solved', () => {
    expect(slaState({ ...ticket, status: 'waiting_customer', dueAt: null }, openClock, FRI_1700)).toEqual({
      kind: 'waiting',
    });
    expect(slaState({ ...ticket, status: 'solved' }, openClock, FRI_1700)).toEqual({
      kind: 'none',
      answered: false,
    });
  });

  it.each([
    [{ kind: 'running', leftMs: 30 * MIN } as const, 30, 'warn'],
    [{ kind: 'running', leftMs: 31 * MIN } as const, 30, 'ok'],
    [{ kind: 'paused', leftMs: 10 * MIN, opensAt: MON_0600 } as const, 30, 'warn'],
    [{ kind: 'running', leftMs: 1 * MIN } as const, 0, 'ok'],
    [{ kind: 'running', leftMs: 59 * MIN } as const, null, 'warn'],
    [{ kind: 'breached', overMs: 1 } as const, 30, 'danger'],
    [{ kind: 'pending' } as const, 30, 'quiet'],
  ])('level of %o with a %s-minute pre-breach window is %s', (state, window, level) => {
    expect(slaLevel(state, window)).toBe(level);
  });
});

describe('one way to state business time, in whole minutes', () => {
  it.each([
    // [minutes left as the core reports them, left, late]
    [13.2, 14, 0],
    [1, 1, 0],
    [0.0000001, 0, 0],
    [0, 0, 0],
    [-0.4, 0, 0],
    [-52.9, -52, 52],
    [-292.9, -292, 292],
    [-53, -53, 53],
  ])('%s minutes left reads %s left, %s late', (minutes, left, late) => {
    expect(wholeMinutesLeft(minutes)).toBe(left);
    expect(wholeMinutesLate(minutes)).toBe(late);
  });

  it('counts only minutes that have fully passed', () => {
    expect(wholeMinutesCounted(292.9)).toBe(292);
    expect(wholeMinutesCounted(240)).toBe(240);
    expect(wholeMinutesCounted(239.9999999999)).toBe(240);
  });

  it.each([
    [0, '0 min', '0 min'],
    [52, '52 min', '52 min'],
    [65, '1 h 05 min', '1 h 05'],
    [120, '2 h', '2 h'],
    // Never days: a business day is as long as the channel's hours.
    [1_860, '31 h', '31 h'],
    [1_872, '31 h 12 min', '31 h 12'],
  ])('%s minutes reads "%s" / "%s"', (minutes, english, french) => {
    expect(formatBusinessSpan(minutes, en)).toBe(english);
    expect(formatBusinessSpan(minutes, fr)).toBe(french);
  });

  it('labels a countdown and a lateness alike', () => {
    expect(slaSpanText({ kind: 'running', leftMs: 13.2 * MIN }, en)).toBe('14 min');
    expect(slaSpanText({ kind: 'paused', leftMs: 125 * MIN, opensAt: MON_0600 }, en)).toBe('2 h 05 min');
    expect(slaSpanText({ kind: 'breached', overMs: 31 * 60 * MIN + 12.7 * MIN }, en)).toBe('31 h 12 min');
    expect(slaSpanText({ kind: 'pending' }, en)).toBeNull();
  });
});

describe('the clock of an item that arrived while its channel was closed', () => {
  const sunday = at('2026-11-29T12:00:00Z');
  const monday0700 = at('2026-11-30T07:00:00Z');
  it.each([
    ['Sunday, Monday still ahead: it starts', true, monday0700, sunday, 'starts'],
    ['Monday after the opening: it started', true, monday0700, monday0700 + MIN, 'started'],
    ['at the opening itself: it started', true, monday0700, monday0700, 'started'],
    ['arrived open: nothing to say', false, sunday, sunday, null],
  ] as const)('%s', (_what, closedOnArrival, startsAt, now, expected) => {
    expect(arrivalClock(closedOnArrival, startsAt, now)).toBe(expected);
  });
});
