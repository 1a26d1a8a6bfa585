// Properties of the pure SLA clock over random tickets: random calendars (24/7, office hours with
// holidays), random targets, random sequences of customer messages, answers, pauses and closes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainClock } from '../../../electron/core/sla/explain';
import {
  applySlaEvent,
  betweenMs,
  addMs,
  clockAt,
  computeClock,
  foldSlaEvents,
  initialClock,
  MINUTE,
  type ClockState,
  type SlaEvent,
  type SlaEventKind,
  type SlaTargets,
} from '../../../electron/core/sla/timeline';
import { createCalendar, type CalendarSpec } from '../../../electron/core/rules/calendar';

const DAY = 86_400_000;
const ORIGIN = Date.UTC(2026, 10, 23); // a Monday
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

const specs: Record<string, CalendarSpec> = {
  always: {
    zone: 'UTC',
    windows: (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({
      day,
      open: '00:00',
      close: '24:00',
    })),
  },
  office: {
    zone: 'UTC',
    windows: weekdays.map((day) => ({ day, open: '06:00', close: '18:00' })),
    holidays: ['2026-11-26', '2026-12-25', '2026-12-28'],
  },
  phone: { zone: 'UTC', windows: weekdays.map((day) => ({ day, open: '06:00', close: '15:00' })) },
  paris: {
    zone: 'Europe/Paris',
    windows: weekdays.map((day) => ({ day, open: '09:00', close: '17:30' })),
    holidays: ['2026-12-24'],
  },
};
const calendars = Object.fromEntries(Object.entries(specs).map(([k, s]) => [k, createCalendar(s)]));
const calendarName = fc.constantFrom(...Object.keys(specs));

const targetsArb: fc.Arbitrary<SlaTargets> = fc.record({
  firstResponseMinutes: fc.integer({ min: 1, max: 3000 }),
  nextResponseMinutes: fc.integer({ min: 1, max: 3000 }),
});

/** Gaps mostly of minutes, sometimes days; instants sometimes off the whole minute. */
const gapArb = fc.oneof(
  fc.integer({ min: 0, max: 120 }).map((m) => m * MINUTE),
  fc.integer({ min: 0, max: 4 * 24 * 60 }).map((m) => m * MINUTE),
  fc.integer({ min: 0, max: 3 * DAY }),
);
const kindArb = fc.constantFrom<SlaEventKind>('customer_message', 'response', 'pause', 'resume', 'close');

const eventsArb = fc
  .record({
    start: fc.integer({ min: 0, max: 21 * 24 * 60 }).map((m) => ORIGIN + m * MINUTE),
    steps: fc.array(fc.record({ gap: gapArb, kind: kindArb, staff: fc.integer({ min: 1, max: 5 }) }), {
      maxLength: 14,
    }),
  })
  .map(({ start, steps }) => {
    const events: SlaEvent[] = [{ at: start, kind: 'arrival' }];
    let at = start;
    for (const s of steps) {
      at += s.gap;
      events.push({ at, kind: s.kind, staffId: s.kind === 'response' ? s.staff : null });
    }
    return events;
  });

const caseArb = fc.record({
  calendar: calendarName,
  targets: targetsArb,
  events: eventsArb,
  after: gapArb,
});

const lastAt = (events: readonly SlaEvent[]) => events[events.length - 1]?.at ?? ORIGIN;

describe('the SLA clock, computed at once or event by event', () => {
  it('gives identical results either way, with the state stored as JSON between events', () => {
    fc.assert(
      fc.property(caseArb, ({ calendar, targets, events, after }) => {
        const cal = calendars[calendar]!;
        let stored = JSON.stringify(initialClock(targets));
        events.forEach((event, i) => {
          const state = applySlaEvent(cal, JSON.parse(stored) as ClockState, event);
          stored = JSON.stringify(state);
          // At each step the stored state reads exactly like a replay of the events so far.
          expect(clockAt(cal, state, event.at)).toEqual(
            computeClock(cal, targets, events.slice(0, i + 1), event.at),
          );
        });
        const asOf = lastAt(events) + after;
        expect(JSON.parse(stored)).toEqual(foldSlaEvents(cal, targets, events));
        expect(clockAt(cal, JSON.parse(stored) as ClockState, asOf)).toEqual(
          computeClock(cal, targets, events, asOf),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with a reference that sums the counting stretches of the first response directly', () => {
    const firstPhaseArb = fc.record({
      calendar: calendarName,
      target: fc.integer({ min: 1, max: 3000 }),
      start: fc.integer({ min: 0, max: 21 * 24 * 60 }).map((m) => ORIGIN + m * MINUTE),
      pauses: fc.array(fc.tuple(gapArb, gapArb), { maxLength: 4 }),
      answerAfter: gapArb,
    });
    fc.assert(
      fc.property(firstPhaseArb, ({ calendar, target, start, pauses, answerAfter }) => {
        const cal = calendars[calendar]!;
        const events: SlaEvent[] = [{ at: start, kind: 'arrival' }];
        const running: [number, number][] = [];
        let at = start;
        for (const [work, paused] of pauses) {
          running.push([at, at + work]);
          at += work;
          events.push({ at, kind: 'pause' });
          at += paused;
          events.push({ at, kind: 'resume' });
        }
        running.push([at, at + answerAfter]);
        at += answerAfter;
        events.push({ at, kind: 'response', staffId: 1 });

        // Reference: the deadline is where the running stretches' business time reaches the target.
        const targetMs = target * MINUTE;
        let consumed = 0;
        let due: number | null = null;
        for (const [a, b] of running) {
          const inSpan = betweenMs(cal, a, b);
          if (due === null && consumed + inSpan > targetMs) due = addMs(cal, a, targetMs - consumed);
          consumed += inSpan;
        }
        const view = computeClock(
          cal,
          { firstResponseMinutes: target, nextResponseMinutes: target },
          events,
          at,
        );
        expect(view.firstResponseMs).toBe(consumed);
        expect(view.firstResponseBreached).toBe(consumed > targetMs);
        if (consumed > targetMs) expect(view.breaches).toEqual([{ phase: 'first', dueAt: due }]);
        else expect(view.breaches).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});

describe('pausing', () => {
  it('never makes a ticket due earlier, nor breach earlier', () => {
    const arb = fc.record({
      base: caseArb,
      pauseAfter: gapArb,
      pauseFor: gapArb,
      readAfter: gapArb,
    });
    fc.assert(
      fc.property(arb, ({ base, pauseAfter, pauseFor, readAfter }) => {
        const cal = calendars[base.calendar]!;
        // The extra pause comes after every other event, so the ticket's own pauses stay as they were.
        const without = foldSlaEvents(cal, base.targets, base.events);
        if (without.paused) return;
        const p = lastAt(base.events) + pauseAfter;
        const q = p + pauseFor;
        const withPause = foldSlaEvents(cal, base.targets, [
          ...base.events,
          { at: p, kind: 'pause' },
          { at: q, kind: 'resume' },
        ]);
        const asOf = q + readAfter;
        const a = clockAt(cal, without, asOf);
        const b = clockAt(cal, withPause, asOf);
        expect(b.phase).toBe(a.phase);
        if (a.dueAt !== null && b.dueAt !== null) expect(b.dueAt).toBeGreaterThanOrEqual(a.dueAt);
        // Paused time never counts: at most as much business time as without the pause.
        expect(b.consumedMs).toBeLessThanOrEqual(a.consumedMs);
        if (b.breachedAt !== null) {
          expect(a.breachedAt).not.toBeNull();
          expect(b.breachedAt).toBeGreaterThanOrEqual(a.breachedAt ?? 0);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('breaches', () => {
  it('never records one for a response inside its target, and always for one outside it', () => {
    fc.assert(
      fc.property(caseArb, ({ calendar, targets, events, after }) => {
        const cal = calendars[calendar]!;
        const state = foldSlaEvents(cal, targets, events);
        for (const phase of state.phases) {
          if (phase.endedBy !== 'response') continue;
          expect(phase.breachedAt === null).toBe(phase.consumedMs <= phase.targetMs);
        }
        const view = clockAt(cal, state, lastAt(events) + after);
        const missed = state.phases.filter((p) => p.endedBy === 'response' && p.consumedMs > p.targetMs);
        for (const p of missed) expect(view.breaches).toContainEqual({ phase: p.phase, dueAt: p.breachedAt });
      }),
      { numRuns: 400 },
    );
  });

  it('happens at the deadline, where exactly the target was counted', () => {
    fc.assert(
      fc.property(caseArb, ({ calendar, targets, events, after }) => {
        const cal = calendars[calendar]!;
        const view = computeClock(cal, targets, events, lastAt(events) + after);
        for (const breach of view.breaches) {
          // An instant is open after a deadline, so a moment past it is already too late.
          expect(cal.isOpen(breach.dueAt)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the explanation', () => {
  it('counts exactly the business minutes the clock counted, phase by phase', () => {
    fc.assert(
      fc.property(caseArb, ({ calendar, targets, events, after }) => {
        const cal = calendars[calendar]!;
        const asOf = lastAt(events) + after;
        const explained = explainClock({ calendar: cal, spec: specs[calendar]!, targets, events, asOf });
        const counted = new Map<number, number>();
        let phaseIndex = -1;
        for (const entry of explained.timeline) {
          if (entry.kind === 'arrival' && entry.phase) phaseIndex = 0;
          if (entry.kind === 'customer_message' && entry.text.includes('next response owed')) phaseIndex++;
          if ((entry.kind === 'counted' || entry.kind === 'summary') && !entry.projected) {
            counted.set(phaseIndex, (counted.get(phaseIndex) ?? 0) + entry.minutes);
          }
        }
        explained.phases.forEach((phase, i) => {
          expect(counted.get(i) ?? 0).toBeCloseTo(phase.businessMinutes, 6);
        });
        // The projection, when there is one, runs exactly the minutes left to the deadline.
        const projected = explained.timeline.filter((e) => e.projected && e.kind === 'counted');
        const open = explained.current;
        if (projected.length > 0 && open.remainingMinutes !== null) {
          expect(projected.reduce((n, e) => n + e.minutes, 0)).toBeCloseTo(open.remainingMinutes, 6);
          expect(explained.timeline[explained.timeline.length - 1]).toMatchObject({
            kind: 'due',
            from: open.dueAt,
          });
        }
        // Spans never overlap and never go backwards.
        let cursor = -Infinity;
        for (const entry of explained.timeline) {
          expect(entry.to).toBeGreaterThanOrEqual(entry.from);
          expect(entry.from).toBeGreaterThanOrEqual(cursor);
          cursor = Math.max(cursor, entry.from === entry.to ? entry.from : entry.to);
        }
      }),
      { numRuns: 300 },
    );
  });
});
