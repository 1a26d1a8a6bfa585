// The slot finder against a naive model written with luxon: every slot it returns is inside phone
// hours, on a working day, not on a holiday, after the lead time, clear of every call and its buffer
// for each agent it names, and accepted by the same booking check the handler runs; and it misses
// no start time the model accepts.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  callableIntervals,
  findSlots,
  phoneTimes,
  timeProblem,
  type Interval,
} from '../../../electron/core/calls';
import { DAY, MINUTE, phoneRules } from './helpers';

const OPEN_MINUTE = 6 * 60;
const CLOSE_MINUTE = 15 * 60;

/**
 * The model: on each local working day that is not a holiday, [06:00, 15:00) of that day's wall
 * clock, built with luxon day by day; a call must lie inside one of them.
 */
function modelWindows(zone: string, holidays: readonly string[], from: number, to: number): Interval[] {
  const out: Interval[] = [];
  let day = DateTime.fromMillis(from, { zone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromMillis(to, { zone }).plus({ days: 1 });
  for (; day <= last; day = day.plus({ days: 1 })) {
    if (day.weekday > 5 || holidays.includes(day.toISODate() ?? '')) continue;
    out.push({
      start: day.set({ hour: OPEN_MINUTE / 60 }).toMillis(),
      end: day.set({ hour: CLOSE_MINUTE / 60 }).toMillis(),
    });
  }
  return out;
}

function insideModel(windows: readonly Interval[], start: number, end: number): boolean {
  return windows.some((w) => w.start <= start && end <= w.end);
}

function clearOf(busy: readonly Interval[], start: number, end: number, buffer: number): boolean {
  return busy.every((b) => b.start >= end + buffer || start >= b.end + buffer);
}

const scenario = fc
  .record({
    zone: fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York'),
    // 2026 and 2027, so both DST changes of each zone are crossed.
    now: fc.integer({ min: Date.UTC(2026, 0, 1) / MINUTE, max: Date.UTC(2027, 11, 20) / MINUTE }),
    leadMinutes: fc.integer({ min: 0, max: 600 }),
    bufferMinutes: fc.integer({ min: 0, max: 45 }),
    durationMinutes: fc.integer({ min: 5, max: 240 }),
    stepMinutes: fc.constantFrom(5, 10, 15, 30),
    days: fc.integer({ min: 1, max: 9 }),
    holidayOffsets: fc.uniqueArray(fc.integer({ min: -1, max: 10 }), { maxLength: 4 }),
    agents: fc.array(
      fc.array(
        fc.record({
          offset: fc.integer({ min: -24 * 60, max: 10 * 24 * 60 }),
          length: fc.integer({ min: 5, max: 120 }),
        }),
        { maxLength: 12 },
      ),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map((s) => {
    const now = s.now * MINUTE;
    const holidays = s.holidayOffsets.map(
      (d) => DateTime.fromMillis(now + d * DAY, { zone: s.zone }).toISODate() ?? '',
    );
    return {
      ...s,
      now,
      holidays,
      busy: s.agents.map((calls) =>
        calls.map((c) => ({ start: now + c.offset * MINUTE, end: now + (c.offset + c.length) * MINUTE })),
      ),
    };
  });

describe('slot finder properties', () => {
  it('returns exactly the bookable grid times, each one passing the booking check', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const phone = phoneTimes(phoneRules(s.zone, s.holidays));
        const from = s.now + s.leadMinutes * MINUTE;
        const to = s.now + s.days * DAY;
        const duration = s.durationMinutes * MINUTE;
        const buffer = s.bufferMinutes * MINUTE;
        const step = s.stepMinutes * MINUTE;
        const { slots, truncated } = findSlots({
          openIntervals: callableIntervals(phone),
          from,
          to,
          durationMs: duration,
          bufferMs: buffer,
          stepMs: step,
          agents: s.busy.map((busy, id) => ({ id, busy })),
          limit: 100_000,
        });
        expect(truncated).toBe(false);
        const windows = modelWindows(s.zone, s.holidays, from, to + duration);

        // Plain checks collected per slot: one expect per slot would dominate the run time.
        const problems: string[] = [];
        for (const slot of slots) {
          const at = new Date(slot.start).toISOString();
          const day = DateTime.fromMillis(slot.start, { zone: s.zone }).toISODate() ?? '';
          if (slot.end - slot.start !== duration) problems.push(`${at}: wrong length`);
          if (slot.start % step !== 0) problems.push(`${at}: off the grid`);
          if (slot.start < from || slot.start >= to) problems.push(`${at}: outside [from, to)`);
          if (!insideModel(windows, slot.start, slot.end)) problems.push(`${at}: outside phone hours`);
          if (s.holidays.includes(day)) problems.push(`${at}: on a holiday`);
          if (timeProblem(phone, slot.start, slot.end, s.now, s.leadMinutes) !== null) {
            problems.push(`${at}: refused by the booking check`);
          }
          if (slot.agentIds.length === 0) problems.push(`${at}: nobody free`);
          s.busy.forEach((busy, id) => {
            // Named agents are free with the buffer; agents left out really are not.
            if (slot.agentIds.includes(id) !== clearOf(busy, slot.start, slot.end, buffer)) {
              problems.push(`${at}: agent ${id} wrongly ${slot.agentIds.includes(id) ? 'in' : 'out'}`);
            }
          });
        }
        expect(problems).toEqual([]);

        // Nothing bookable is missed: walk the whole grid with the model alone.
        const expected: number[] = [];
        for (let t = Math.ceil(from / step) * step; t < to; t += step) {
          const end = t + duration;
          if (!insideModel(windows, t, end)) continue;
          if (s.busy.some((busy) => clearOf(busy, t, end, buffer))) expected.push(t);
        }
        expect(slots.map((x) => x.start)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('stops at the limit and says so', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 20 }), (s, limit) => {
        const phone = phoneTimes(phoneRules(s.zone, s.holidays));
        const search = {
          openIntervals: callableIntervals(phone),
          from: s.now,
          to: s.now + s.days * DAY,
          durationMs: s.durationMinutes * MINUTE,
          bufferMs: s.bufferMinutes * MINUTE,
          stepMs: s.stepMinutes * MINUTE,
          agents: s.busy.map((busy, id) => ({ id, busy })),
        };
        const all = findSlots({ ...search, limit: 100_000 }).slots;
        const some = findSlots({ ...search, limit });
        expect(some.slots).toEqual(all.slice(0, limit));
        expect(some.truncated).toBe(all.length > limit);
      }),
      { numRuns: 100 },
    );
  });
});
