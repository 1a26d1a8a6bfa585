// The queue's SLA countdown (renderer/src/format/sla.ts): business time as the core reports it,
// running only while the channel is open. Cases from issue #3: an e-mail due Monday 07:00 GMT seen
// on Friday 17:00 GMT has 2 business hours left, not 62 wall-clock hours.
import { describe, expect, it } from 'vitest';
import { slaLevel, slaState, type ChannelClock, type LiveSlaStatus } from '../../../renderer/src/format/sla';

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
      'never below zero before the due instant',
      openClock,
      FRI_1700 + 200 * MIN,
      live(120, FRI_1700),
      { kind: 'running', leftMs: 0 },
    ],
  ])('%s', (_what, clock, now, report, expected) => {
    expect(slaState(ticket, clock, now, report)).toEqual(expected);
  });

  it('does not read 62 hours on Friday evening once the core has reported', () => {
    const withoutReport = slaState(ticket, openClock, FRI_1700);
    expect(withoutReport).toEqual({ kind: 'running', leftMs: MON_0700 - FRI_1700 });
    const reported = slaState(ticket, openClock, FRI_1700, live(120, FRI_1700));
    expect(reported).toEqual({ kind: 'running', leftMs: 2 * 60 * MIN });
  });

  it('ignores a report about another deadline (the ticket moved on)', () => {
    const stale = live(5, FRI_1700, MON_0700 - 60 * MIN);
    expect(slaState(ticket, openClock, FRI_1700, stale)).toEqual({
      kind: 'running',
      leftMs: MON_0700 - FRI_1700,
    });
  });

  it('is a breach once the due instant has passed, and nothing runs while waiting on the customer', () => {
    expect(slaState(ticket, openClock, MON_0700 + 5 * MIN, live(0, MON_0700))).toEqual({
      kind: 'breached',
      overMs: 5 * MIN,
    });
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
  ])('level of %o with a %s-minute pre-breach window is %s', (state, window, level) => {
    expect(slaLevel(state, window)).toBe(level);
  });
});
