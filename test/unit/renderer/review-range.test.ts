// The SLA review's period: presets and custom days in the viewer's zone become the half-open
// instant range the core reviews, and impossible periods are caught before any request.
import { describe, expect, it } from 'vitest';
import { MAX_RANGE_MS, presetDates, resolveRange } from '../../../renderer/src/views/sla/reviewRange';

// Wednesday 25 November 2026, 23:30 UTC: already Thursday in Paris and Kolkata.
const NOW = Date.UTC(2026, 10, 25, 23, 30);

describe('review range', () => {
  it('turns presets into whole days of the zone, today included', () => {
    expect(presetDates('last7', 'UTC', NOW)).toEqual({ fromDate: '2026-11-19', toDate: '2026-11-25' });
    expect(presetDates('last7', 'Europe/Paris', NOW)).toEqual({
      fromDate: '2026-11-20',
      toDate: '2026-11-26',
    });
    expect(presetDates('last30', 'UTC', NOW)).toEqual({ fromDate: '2026-10-27', toDate: '2026-11-25' });
    expect(presetDates('thisMonth', 'UTC', NOW)).toEqual({ fromDate: '2026-11-01', toDate: '2026-11-25' });
    expect(presetDates('lastMonth', 'UTC', NOW)).toEqual({ fromDate: '2026-10-01', toDate: '2026-10-31' });
    expect(presetDates('lastMonth', 'UTC', Date.UTC(2026, 0, 10))).toEqual({
      fromDate: '2025-12-01',
      toDate: '2025-12-31',
    });
  });

  it('runs from the first midnight to the midnight after the last day, in the zone', () => {
    const r = resolveRange(
      { preset: 'custom', fromDate: '2026-03-28', toDate: '2026-03-29' },
      'Europe/Paris',
      NOW,
    );
    expect(r).toMatchObject({ ok: true, from: Date.UTC(2026, 2, 27, 23), to: Date.UTC(2026, 2, 29, 22) });
    const one = resolveRange({ preset: 'custom', fromDate: '2026-11-02', toDate: '2026-11-02' }, 'UTC', NOW);
    expect(one).toMatchObject({ ok: true, from: Date.UTC(2026, 10, 2), to: Date.UTC(2026, 10, 3) });
  });

  it('names what is wrong with an impossible period', () => {
    const at = (fromDate: string, toDate: string) =>
      resolveRange({ preset: 'custom', fromDate, toDate }, 'Europe/London', NOW);
    expect(at('', '2026-11-02')).toMatchObject({ ok: false, problem: 'missingFrom' });
    expect(at('2026-11-02', 'nope')).toMatchObject({ ok: false, problem: 'missingTo' });
    expect(at('2026-11-02', '2026-11-01')).toMatchObject({ ok: false, problem: 'toBeforeFrom' });
    // 1 January 2025 to 4 February 2026 is exactly 400 days; one more is too long.
    expect(at('2025-01-01', '2026-02-05')).toMatchObject({ ok: false, problem: 'tooLong' });
    const longest = at('2025-01-01', '2026-02-04');
    expect(longest).toMatchObject({ ok: true });
    if (longest.ok) expect(longest.to - longest.from).toBe(MAX_RANGE_MS);
  });

  it('ignores the custom dates while a preset is chosen', () => {
    const r = resolveRange({ preset: 'last7', fromDate: 'x', toDate: 'y' }, 'UTC', NOW);
    expect(r).toMatchObject({ ok: true, fromDate: '2026-11-19', toDate: '2026-11-25' });
  });
});
