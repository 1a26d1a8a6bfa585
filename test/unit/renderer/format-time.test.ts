// The one way the console writes moments (renderer/src/format/time.ts): the time alone only today,
// otherwise with the date; each time once when several zones read the same.
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatGmt,
  formatIsoDate,
  formatLocal,
  formatWhen,
  timesInZones,
} from '../../../renderer/src/format/time';

const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-11-25T10:00:00Z'); // a Wednesday

describe('formatLocal', () => {
  it.each([
    ['today: the time alone', '2026-11-25T14:30:00Z', 'UTC', '14:30'],
    ['last Sunday: with its date (no lone "Sun 00:19")', '2026-11-22T00:19:00Z', 'UTC', 'Sun 22 Nov 00:19'],
    ['tomorrow', '2026-11-26T07:00:00Z', 'UTC', 'Thu 26 Nov 07:00'],
    ['another year: with the year', '2025-03-14T10:30:00Z', 'UTC', 'Fri 14 Mar 2025 10:30'],
    [
      'today is the viewer’s: already tomorrow in Tokyo',
      '2026-11-25T16:00:00Z',
      'Asia/Tokyo',
      'Thu 26 Nov 01:00',
    ],
  ])('%s', (_label, ms, zone, text) => {
    expect(formatLocal(at(ms), zone, 'en', NOW)).toBe(text);
  });

  it('writes French day and month names', () => {
    expect(formatLocal(at('2026-11-22T00:19:00Z'), 'UTC', 'fr', NOW)).toBe('dim. 22 nov. 00:19');
  });
});

describe('dates and GMT follow the same rule', () => {
  it('formats dates, holidays, GMT and call times alike', () => {
    expect(formatDate(at('2026-11-22T00:19:00Z'), 'UTC', 'en', NOW)).toBe('Sun 22 Nov');
    expect(formatDate(at('2025-11-12T09:00:00Z'), 'UTC', 'en', NOW)).toBe('Wed 12 Nov 2025');
    expect(formatIsoDate('2026-12-25', 'en', NOW)).toBe('Fri 25 Dec');
    expect(formatIsoDate('2029-12-25', 'en', NOW)).toBe('Tue 25 Dec 2029');
    expect(formatGmt(at('2026-11-30T07:00:00Z'), 'en', NOW, true)).toBe('Mon 30 Nov 07:00 GMT');
    expect(formatGmt(at('2026-11-25T17:00:00Z'), 'en', NOW, true)).toBe('17:00 GMT');
    expect(
      formatWhen(at('2026-11-30T09:00:00Z'), at('2026-11-30T09:30:00Z'), 'Europe/Paris', 'en', NOW),
    ).toBe('Mon 30 Nov, 10:00–10:30 CET');
  });
});

describe('timesInZones', () => {
  const start = at('2026-11-30T09:00:00Z');
  const end = start + 30 * 60_000;

  it('writes the time once when the agent, GMT and the customer read the same', () => {
    expect(timesInZones(start, null, ['UTC', 'UTC', 'Europe/London'], 'en')).toEqual([
      { time: '09:00', zone: 'GMT' },
    ]);
  });

  it('keeps each zone that reads differently, in order, the first one’s label kept', () => {
    expect(
      timesInZones(start, end, ['Europe/Paris', 'UTC', 'Europe/Berlin', 'America/New_York'], 'en'),
    ).toEqual([
      { time: '10:00–10:30', zone: 'CET' },
      { time: '09:00–09:30', zone: 'GMT' },
      { time: '04:00–04:30', zone: 'GMT-5' },
    ]);
  });
});
