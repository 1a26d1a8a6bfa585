// Times as the console writes them in messages and e-mails. The renderer formats its own views;
// these are for sentences the core composes (refusals, invitations), which must read the same to an
// agent in Paris and a customer in New York, so every one names its zone.
import { zoneLabel } from '../rules/hours';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${zone}|${withDate ? 'd' : 't'}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      ...(withDate ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  return f;
}

function parts(ms: number, zone: string, withDate: boolean) {
  const all = formatter(zone, withDate).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => all.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

/** "10:00" in the zone. */
export function timeOfDay(ms: number, zone: string): string {
  return parts(ms, zone, false).time;
}

/** "Wed 25 Nov 2026" in the zone. */
export function dayOf(ms: number, zone: string): string {
  return parts(ms, zone, true).date;
}

/** "YYYY-MM-DD" of the instant in the zone: how rule-set holidays are written. */
export function isoDateIn(ms: number, zone: string): string {
  const key = `${zone}|iso`;
  let f = formatters.get(key);
  if (!f) {
    // en-CA writes dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(key, f);
  }
  return f.format(ms);
}

/**
 * "Wed 25 Nov 2026, 10:00–10:30 GMT"; when the end falls on another local day (a customer far east
 * or west of GMT), both days are written.
 */
export function formatRange(start: number, end: number, zone: string): string {
  const a = parts(start, zone, true);
  const b = parts(end, zone, true);
  const label = zoneLabel(zone);
  return a.date === b.date
    ? `${a.date}, ${a.time}–${b.time} ${label}`
    : `${a.date}, ${a.time} – ${b.date}, ${b.time} ${label}`;
}

/** "from 10:00 to 10:30 GMT on Wed 25 Nov 2026" */
export function fromTo(start: number, end: number, zone: string): string {
  return `from ${timeOfDay(start, zone)} to ${timeOfDay(end, zone)} ${zoneLabel(zone)} on ${dayOf(start, zone)}`;
}

/** "Wed 25 Nov 2026, 10:00 GMT" */
export function formatAt(ms: number, zone: string): string {
  const p = parts(ms, zone, true);
  return `${p.date}, ${p.time} ${zoneLabel(zone)}`;
}
