// A local date's day in a zone (rules/calendar/zone.ts, localDaySpan), as the SLA explanation names
// a holiday: midnight to midnight in the channel's zone, the same instants luxon gives (what the
// explanation used before), across offset changes and zones whose midnight is skipped.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localDaySpan } from '../../../electron/core/rules/calendar/zone';

const zones = [
  'UTC',
  'Europe/Paris',
  'Europe/London',
  'America/New_York',
  'America/Sao_Paulo',
  'America/Santiago',
  'Asia/Beirut',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Chatham',
];

/**
 * The day as luxon reads it: from its start to the next date's start. (Not `start.plus({ days: 1 })`:
 * where a day's midnight is skipped, luxon's day starts at 01:00, and a day later is 01:00 again.)
 */
function luxonDay(zone: string, date: string): { start: number; end: number } {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  return { start: start.toMillis(), end: start.plus({ days: 1 }).startOf('day').toMillis() };
}

describe('localDaySpan', () => {
  it('is the day luxon reads, on offset-change days too', () => {
    // Paris springs forward on 29 March 2026 (a 23-hour day) and falls back on 25 October (25 hours).
    expect(localDaySpan('Europe/Paris', '2026-03-29')).toEqual({
      start: Date.parse('2026-03-28T23:00:00Z'),
      end: Date.parse('2026-03-29T22:00:00Z'),
    });
    expect(localDaySpan('Europe/Paris', '2026-10-25')).toEqual({
      start: Date.parse('2026-10-24T22:00:00Z'),
      end: Date.parse('2026-10-25T23:00:00Z'),
    });
    // São Paulo skipped midnight on 14 October 2007 (00:00 became 01:00): the day starts at 01:00
    // local, 03:00 GMT, and ends at the next midnight, now an hour nearer GMT (02:00 GMT), a 23-hour
    // day. Found by this property (seed -1120451402).
    expect(localDaySpan('America/Sao_Paulo', '2007-10-14')).toEqual({
      start: Date.parse('2007-10-14T03:00:00Z'),
      end: Date.parse('2007-10-15T02:00:00Z'),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2040-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (zone, at) => {
          const date = at.toISOString().slice(0, 10);
          expect(localDaySpan(zone, date)).toEqual(luxonDay(zone, date));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
