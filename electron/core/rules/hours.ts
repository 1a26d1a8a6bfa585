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

/** e.g. "24/7", "Mon–Fri 06:00–18:00 GMT", "Mon–Fri 09:00–12:00, 13:00–17:00, Sat 10:00–14:00 Europe/Paris". */
export function describeHours(spec: CalendarSpec): string {
  const perDay = days.map((day) => ({ day, intervals: mergedIntervals(spec, day) }));
  const holidays = spec.holidays && spec.holidays.length > 0 ? ' (except holidays)' : '';
  if (
    perDay.every(
      ({ intervals }) => intervals.length === 1 && intervals[0]?.[0] === 0 && intervals[0][1] === 1440,
    )
  ) {
    return `24/7${holidays}`;
  }
  const groups: { from: string; to: string; text: string }[] = [];
  for (const { day, intervals } of perDay) {
    const text = intervals.map(([open, close]) => `${fromMinutes(open)}–${fromMinutes(close)}`).join(', ');
    const last = groups[groups.length - 1];
    if (text === '') {
      groups.push({ from: '', to: '', text: '' });
    } else if (last && last.text === text) {
      last.to = dayLabels[day];
    } else {
      groups.push({ from: dayLabels[day], to: dayLabels[day], text });
    }
  }
  const parts = groups
    .filter((g) => g.text !== '')
    .map((g) => `${g.from === g.to ? g.from : `${g.from}–${g.to}`} ${g.text}`);
  if (parts.length === 0) return 'closed';
  return `${parts.join(', ')} ${zoneLabel(spec.zone)}${holidays}`;
}
