import type { OpeningHours } from '../../../shared/domain';
import type { CalendarSpec } from './calendar';

const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const dayLabels: Record<(typeof days)[number], string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};
// The source states its hours in GMT, so UTC calendars are shown the way customers read them.
const gmtZones = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'GMT', 'Etc/GMT', 'Etc/Zulu', 'Zulu']);

export function zoneLabel(zone: string): string {
  return gmtZones.has(zone) ? 'GMT' : zone;
}

/** e.g. "Mon 6 Jan 2025, 06:00 GMT", in the calendar's zone so it matches the hours string. */
export function formatInstant(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} ${zoneLabel(zone)}`;
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

function fromMinutes(minutes: number): string {
  const total = minutes > 1440 ? minutes - 1440 : minutes;
  const h = Math.floor(total / 60);
  const m = total % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function mergedIntervals(spec: CalendarSpec, day: (typeof days)[number]): [number, number][] {
  const intervals = spec.windows
    .filter((w) => w.day === day)
    .map((w): [number, number] => {
      const open = toMinutes(w.open);
      const close = toMinutes(w.close);
      // A close at or before the open runs past midnight, as the calendar reads it.
      return [open, close <= open ? close + 1440 : close];
    })
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const interval of intervals) {
    const last = merged[merged.length - 1];
    if (last && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
    else merged.push([interval[0], interval[1]]);
  }
  return merged;
}

/**
 * The hours as data for the screens, which write them in each language: merged windows per day,
 * consecutive days with the same windows grouped, as describeHours words them.
 */
export function openingHoursOf(spec: CalendarSpec): OpeningHours {
  const perDay = days.map((day) => ({ day, intervals: mergedIntervals(spec, day) }));
  const alwaysOpen = perDay.every(
    ({ intervals }) => intervals.length === 1 && intervals[0]?.[0] === 0 && intervals[0][1] === 1440,
  );
  const groups: { days: (typeof days)[number][]; intervals: [number, number][]; key: string }[] = [];
  let previousOpen = false;
  for (const { day, intervals } of perDay) {
    if (intervals.length === 0) {
      previousOpen = false;
      continue;
    }
    const key = JSON.stringify(intervals);
    const last = groups[groups.length - 1];
    if (previousOpen && last && last.key === key) last.days.push(day);
    else groups.push({ days: [day], intervals, key });
    previousOpen = true;
  }
  const dayTotals = new Set(
    perDay
      .filter(({ intervals }) => intervals.length > 0)
      .map(({ intervals }) => intervals.reduce((sum, [open, close]) => sum + close - open, 0)),
  );
  const [onlyTotal] = dayTotals;
  return {
    zone: spec.zone,
    gmt: gmtZones.has(spec.zone) && !alwaysOpen,
    alwaysOpen,
    windows: alwaysOpen
      ? []
      : groups.flatMap((g) =>
          g.intervals.map(([open, close]) => ({
            days: g.days,
            from: fromMinutes(open),
            to: fromMinutes(close),
          })),
        ),
    exceptHolidays: (spec.holidays?.length ?? 0) > 0,
    openDayMinutes: alwaysOpen
      ? 1440
      : dayTotals.size === 1 && onlyTotal !== undefined
        ? Math.min(onlyTotal, 1440)
        : null,
  };
}

/** e.g. "24/7", "Mon–Fri 06:00–18:00 GMT", "Mon–Fri 09:00–12:00, 13:00–17:00, Sat 10:00–14:00 Europe/Paris". */
export function describeHours(spec: CalendarSpec): string {
  const hours = openingHoursOf(spec);
  const holidays = hours.exceptHolidays ? ' (except holidays)' : '';
  if (hours.alwaysOpen) return `24/7${holidays}`;
  if (hours.windows.length === 0) return 'closed';
  const parts: string[] = [];
  let lastDays = '';
  for (const w of hours.windows) {
    const daysText =
      w.days.length === 1
        ? dayLabels[w.days[0] ?? 'mon']
        : `${dayLabels[w.days[0] ?? 'mon']}–${dayLabels[w.days[w.days.length - 1] ?? 'sun']}`;
    const key = w.days.join();
    parts.push(key === lastDays ? `${w.from}–${w.to}` : `${daysText} ${w.from}–${w.to}`);
    lastDays = key;
  }
  return `${parts.join(', ')} ${zoneLabel(spec.zone)}${holidays}`;
}
