// Times are stored as UTC epoch ms. Staff read them in their own zone; where a channel keeps GMT
// hours the GMT time goes beside it, because that is what the rules and the customer talk in.
import { DateTime } from 'luxon';
import { localeOf, type Lang, type Translate } from '../i18n';

/** The zone of the browser or Electron window, used until someone is signed in. */
export function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function at(ms: number, zone: string, lang: Lang): DateTime {
  const local = DateTime.fromMillis(ms, { zone, locale: localeOf(lang) });
  return local.isValid ? local : DateTime.fromMillis(ms, { zone: 'UTC', locale: localeOf(lang) });
}

// luxon takes a few hundred microseconds per zoned format (it asks Intl for the offset and the
// parts each time); a queue screen formats the same few instants over and over (every row of a
// channel opens at the same time, every tick re-renders), so results are remembered.
const memo = new Map<string, string>();
const MEMO_LIMIT = 5_000;
function remembered(key: string, compute: () => string): string {
  const known = memo.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

const gmtLike = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'GMT', 'Etc/GMT', 'Etc/Zulu', 'Zulu']);

/** Whether the zone reads the same as GMT all year, so a GMT time beside it would only repeat it. */
export function zoneIsGmt(zone: string): boolean {
  return gmtLike.has(zone);
}

// One way to write a moment everywhere in the console:
//   today            → "14:30"
//   this year        → "Sun 22 Nov 14:30"
//   another year     → "Sat 22 Nov 2025 14:30"
// A date alone follows the same rule ("Sun 22 Nov", "Sat 22 Nov 2025"); the full form with the zone is
// the tooltip (formatFull). A time never goes without its date unless it is today's.

/** "Sun 22 Nov" this year, "Sat 22 Nov 2025" another year (relative to `now`, in the same zone). */
function datePart(d: DateTime, now: number): string {
  const today = DateTime.fromMillis(now, { zone: d.zone });
  return d.toFormat(d.year === today.year ? 'ccc d LLL' : 'ccc d LLL yyyy');
}

function dayOf(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() ?? '';
}

/** The moment in the viewer's zone: "14:30" today, else with its date ("Sun 22 Nov 14:30"). */
export function formatLocal(ms: number, zone: string, lang: Lang, now: number = Date.now()): string {
  const today = dayOf(ms, zone) === dayOf(now, zone);
  const year = DateTime.fromMillis(now, { zone }).year;
  return remembered(`l|${ms}|${zone}|${lang}|${today}|${year}`, () => {
    const d = at(ms, zone, lang);
    return today ? d.toFormat('HH:mm') : `${datePart(d, now)} ${d.toFormat('HH:mm')}`;
  });
}

/**
 * The moment in GMT: "06:00 GMT" (beside a local time that already gives the date), or with
 * `withDay` as formatLocal writes it in GMT ("Mon 30 Nov 06:00 GMT", "06:00 GMT" today).
 */
export function formatGmt(ms: number, lang: Lang, now: number = Date.now(), withDay = false): string {
  if (!withDay) return remembered(`g|${ms}|${lang}`, () => `${at(ms, 'UTC', lang).toFormat('HH:mm')} GMT`);
  return `${formatLocal(ms, 'UTC', lang, now)} GMT`;
}

export function formatFull(ms: number, zone: string, lang: Lang): string {
  return remembered(`f|${ms}|${zone}|${lang}`, () =>
    at(ms, zone, lang).toFormat("cccc d LLLL yyyy, HH:mm '('ZZZZ')'"),
  );
}

/** The day of a moment, where the hour does not matter: "Sun 22 Nov", "Wed 12 Nov 2025". */
export function formatDate(ms: number, zone: string, lang: Lang, now: number = Date.now()): string {
  const year = DateTime.fromMillis(now, { zone }).year;
  return remembered(`d|${ms}|${zone}|${lang}|${year}`, () => datePart(at(ms, zone, lang), now));
}

/** A calendar date given as YYYY-MM-DD (a holiday), the same way: "Fri 25 Dec", "Sat 25 Dec 2027". */
export function formatIsoDate(date: string, lang: Lang, now: number = Date.now()): string {
  const d = DateTime.fromISO(date, { zone: 'UTC', locale: localeOf(lang) });
  return d.isValid ? datePart(d, now) : date;
}

/** "09:00" in a zone. */
export function formatTime(ms: number, zone: string, lang: Lang): string {
  return remembered(`t|${ms}|${zone}|${lang}`, () => at(ms, zone, lang).toFormat('HH:mm'));
}

/** "09:00–09:30" in a zone. */
export function formatTimeRange(start: number, end: number, zone: string, lang: Lang): string {
  return `${formatTime(start, zone, lang)}–${formatTime(end, zone, lang)}`;
}

/** The zone's short name at that instant (CET / CEST, GMT-5 …), so DST shows; "GMT" for UTC. */
export function zoneAbbrev(ms: number, zone: string, lang: Lang): string {
  if (zoneIsGmt(zone)) return 'GMT';
  return remembered(`za|${Math.floor(ms / 3_600_000)}|${zone}|${lang}`, () => {
    const name = at(ms, zone, lang).toFormat('ZZZZ');
    return name === 'UTC' ? 'GMT' : name;
  });
}

/** The calendar day of a moment in a zone, YYYY-MM-DD, to group by day. */
export function dayKey(ms: number, zone: string): string {
  return dayOf(ms, zone);
}

/**
 * One moment (or span) in several zones, each time written once: zones that read the same at that
 * instant (a UTC agent, GMT and a customer in London in winter) collapse into one entry, the first
 * zone's label kept. [{ time: "09:00–09:30", zone: "GMT" }, { time: "10:00–10:30", zone: "CET" }].
 */
export function timesInZones(
  start: number,
  end: number | null,
  zones: readonly string[],
  lang: Lang,
): { time: string; zone: string }[] {
  const out: { time: string; zone: string; offset: number }[] = [];
  for (const zone of zones) {
    const d = at(start, zone, lang);
    const offset = zoneIsGmt(zone) ? 0 : d.offset;
    if (out.some((o) => o.offset === offset)) continue;
    const time = end === null ? formatTime(start, zone, lang) : formatTimeRange(start, end, zone, lang);
    out.push({ time, zone: zoneAbbrev(start, zone, lang), offset });
  }
  return out.map(({ time, zone }) => ({ time, zone }));
}

/** A call's time: "Mon 30 Nov, 09:00–09:30 CET" (its date always: a call is planned by day). */
export function formatWhen(
  start: number,
  end: number,
  zone: string,
  lang: Lang,
  now: number = Date.now(),
): string {
  return `${formatDate(start, zone, lang, now)}, ${formatTimeRange(start, end, zone, lang)} ${zoneAbbrev(start, zone, lang)}`;
}

/** A short zone label for column headers: "CET", "GMT+3" (per hour: it changes with DST only). */
export function zoneLabel(zone: string, lang: Lang, now: number = Date.now()): string {
  const hour = Math.floor(now / 3_600_000);
  return remembered(`z|${hour}|${zone}|${lang}`, () => at(now, zone, lang).toFormat('ZZZZ'));
}

/** "45 min", "3 h", "2 d": how long something has existed (coarse, for ages). */
export function formatAge(from: number, t: Translate, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - from) / 60_000));
  if (minutes < 60) return t('duration.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('duration.hours', { n: hours });
  return t('duration.days', { n: Math.floor(hours / 24) });
}

/** "2 h 05 min", "45 min", "3 d 4 h": a span, precise to the minute below a day. */
export function formatSpan(ms: number, t: Translate): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  if (minutes < 60) return t('duration.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest === 0
      ? t('duration.hours', { n: hours })
      : t('duration.hoursMinutes', { h: hours, m: String(rest).padStart(2, '0') });
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return restHours === 0
    ? t('duration.days', { n: days })
    : t('duration.daysHours', { d: days, h: restHours });
}
