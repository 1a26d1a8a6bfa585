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

const DAY_MS = 86_400_000;

const gmtLike = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'GMT', 'Etc/GMT', 'Etc/Zulu', 'Zulu']);

/** Whether the zone reads the same as GMT all year, so a GMT time beside it would only repeat it. */
export function zoneIsGmt(zone: string): boolean {
  return gmtLike.has(zone);
}

/** "Thu 14:30", or with the date when it is not within the coming/past week: "12 Mar 14:30". */
export function formatLocal(ms: number, zone: string, lang: Lang, now: number = Date.now()): string {
  const near = Math.abs(ms - now) < 6 * DAY_MS;
  return remembered(`l|${ms}|${zone}|${lang}|${near}`, () =>
    at(ms, zone, lang).toFormat(near ? 'ccc HH:mm' : 'd LLL HH:mm'),
  );
}

/** "Mon 06:00 GMT" (with the date when more than a week away). */
export function formatGmt(ms: number, lang: Lang, now: number = Date.now(), withDay = false): string {
  if (!withDay) return remembered(`g|${ms}|${lang}`, () => `${at(ms, 'UTC', lang).toFormat('HH:mm')} GMT`);
  const near = Math.abs(ms - now) < 6 * DAY_MS;
  return remembered(
    `gd|${ms}|${lang}|${near}`,
    () => `${at(ms, 'UTC', lang).toFormat(near ? 'ccc HH:mm' : 'd LLL HH:mm')} GMT`,
  );
}

export function formatFull(ms: number, zone: string, lang: Lang): string {
  return remembered(`f|${ms}|${zone}|${lang}`, () =>
    at(ms, zone, lang).toFormat("cccc d LLLL yyyy, HH:mm '('ZZZZ')'"),
  );
}

/** "12 Nov 2025": for dates where the hour does not matter. */
export function formatDate(ms: number, zone: string, lang: Lang): string {
  return remembered(`d|${ms}|${zone}|${lang}`, () => at(ms, zone, lang).toFormat('d LLL yyyy'));
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
