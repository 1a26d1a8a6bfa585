// The call calendar's opening week and its lanes (renderer/src/views/calls/calendarLayout.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutLanes, openingDay, type Timed } from '../../../renderer/src/views/calls/calendarLayout';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

describe('openingDay', () => {
  it.each([
    ['Wednesday', '2026-11-25T10:00:00Z', 'UTC', '2026-11-25'],
    ['Friday evening', '2026-11-27T22:00:00Z', 'UTC', '2026-11-27'],
    ['Saturday', '2026-11-28T09:00:00Z', 'UTC', '2026-11-30'],
    ['Sunday late', '2026-11-29T23:59:00Z', 'UTC', '2026-11-30'],
    ['Monday', '2026-11-30T00:00:00Z', 'UTC', '2026-11-30'],
    // Friday 23:30 GMT is already Saturday in Berlin: the viewer's zone decides.
    ['Saturday in Berlin', '2026-11-27T23:30:00Z', 'Europe/Berlin', '2026-11-30'],
    ['still Sunday in New York', '2026-11-30T03:00:00Z', 'America/New_York', '2026-11-30'],
  ])('%s opens on %s', (_label, now, zone, day) => {
    expect(openingDay(at(now), zone)).toBe(day);
  });
});

const call = (id: number, start: string, minutes: number): Timed => ({
  id,
  start: at(`2026-11-25T${start}:00Z`),
  end: at(`2026-11-25T${start}:00Z`) + minutes * MIN,
});

describe('layoutLanes', () => {
  it('gives a call alone the full width and two overlapping calls half each', () => {
    const { placed, overflow } = layoutLanes(
      [call(1, '09:00', 30), call(2, '10:00', 30), call(3, '10:15', 30)],
      2,
    );
    expect(placed.get(1)).toEqual({ lane: 0, of: 1 });
    expect(placed.get(2)).toEqual({ lane: 0, of: 2 });
    expect(placed.get(3)).toEqual({ lane: 1, of: 2 });
    expect(overflow).toEqual([]);
  });

  it('puts calls beyond the lanes in one "+N" block in the last lane, never in slivers', () => {
    const calls = [call(1, '10:00', 60), call(2, '10:00', 30), call(3, '10:15', 30), call(4, '10:30', 45)];
    const { placed, overflow } = layoutLanes(calls, 2);
    expect(placed.get(1)).toEqual({ lane: 0, of: 2 });
    expect([...placed.keys()]).toEqual([1]);
    expect(overflow).toEqual([
      { lane: 1, of: 2, start: calls[1]!.start, end: calls[3]!.end, ids: [2, 3, 4] },
    ]);
  });

  it('places every call exactly once, no lane narrower than 1/max, no two shown calls overlapping', () => {
    const timed = fc.array(
      fc.record({ start: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 1, max: 8 }) }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(timed, fc.integer({ min: 1, max: 4 }), (items, max) => {
        const calls = items.map((c, i) => ({
          id: i + 1,
          start: c.start * 15 * MIN,
          end: (c.start + c.length) * 15 * MIN,
        }));
        const { placed, overflow } = layoutLanes(calls, max);
        const hidden = overflow.flatMap((o) => o.ids);
        expect([...placed.keys(), ...hidden].sort((a, b) => a - b)).toEqual(calls.map((c) => c.id));
        for (const p of [...placed.values(), ...overflow]) {
          expect(p.of).toBeLessThanOrEqual(max);
          expect(p.lane).toBeLessThan(p.of);
        }
        const shown = calls.filter((c) => placed.has(c.id));
        for (const a of shown) {
          for (const b of shown) {
            if (a.id < b.id && a.start < b.end && b.start < a.end) {
              expect(placed.get(a.id)?.lane).not.toBe(placed.get(b.id)?.lane);
            }
          }
        }
      }),
    );
  });
});
