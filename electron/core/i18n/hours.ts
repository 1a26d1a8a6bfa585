// Opening hours as a customer reads them in a letter, in English or French. The rules engine's
// describeHours ("Mon–Fri 06:00–18:00 GMT") is written for the console's compact columns.
import type { DraftLocale } from '../../../shared/contract';
import type { CalendarSpec, Weekday } from '../rules';
import { zoneLabel } from '../rules/hours';

const days: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const dayNames: Record<DraftLocale, Record<Weekday, string>> = {
  en: {
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
    sun: 'Sunday',
  },
  fr: {
    mon: 'lundi',
    tue: 'mardi',
    wed: 'mercredi',
    thu: 'jeudi',
    fri: 'vendredi',
    sat: 'samedi',
    sun: 'dimanche',
  },
};

type Interval = { open: string; close: string };

function intervalsOf(spec: CalendarSpec, day: Weekday): Interval[] {
  return spec.windows
    .filter((w) => w.day === day)
    .map((w) => ({ open: w.open, close: w.close }))
    .sort((a, b) => a.open.localeCompare(b.open));
}

/** "6h00" as the French source writes it; "06:00" in English. */
function clock(hhmm: string, locale: DraftLocale): string {
  if (locale === 'en') return hhmm;
  const [h = '0', m = '00'] = hhmm.split(':');
  return `${Number(h)}h${m}`;
}

function intervalsText(intervals: Interval[], locale: DraftLocale): string {
  if (locale === 'en') return intervals.map((i) => `${i.open}–${i.close}`).join(', ');
  return intervals.map((i) => `de ${clock(i.open, locale)} à ${clock(i.close, locale)}`).join(' et ');
}

function isAlwaysOpen(spec: CalendarSpec): boolean {
  return days.every((day) => {
    const intervals = intervalsOf(spec, day);
    return intervals.some((i) => i.open === '00:00' && i.close === '24:00');
  });
}

/** e.g. "24/7" or "Monday to Friday, 06:00–18:00 GMT"; "24h/24, 7j/7" or "du lundi au vendredi de 6h00 à 18h00 GMT". */
export function hoursText(spec: CalendarSpec, locale: DraftLocale): string {
  const holidays =
    spec.holidays && spec.holidays.length > 0
      ? locale === 'en'
        ? ' (except public holidays)'
        : ' (sauf jours fériés)'
      : '';
  if (isAlwaysOpen(spec)) return (locale === 'en' ? '24/7' : '24h/24, 7j/7') + holidays;

  // Consecutive days with the same hours read as one range: "Monday to Friday".
  const groups: { from: Weekday; to: Weekday; intervals: Interval[]; key: string }[] = [];
  for (const day of days) {
    const intervals = intervalsOf(spec, day);
    const key = JSON.stringify(intervals);
    const last = groups[groups.length - 1];
    if (intervals.length === 0) continue;
    if (last && last.key === key && days.indexOf(last.to) === days.indexOf(day) - 1) last.to = day;
    else groups.push({ from: day, to: day, intervals, key });
  }
  if (groups.length === 0) return locale === 'en' ? 'closed' : 'fermé';
  const names = dayNames[locale];
  const parts = groups.map((g) => {
    const hours = intervalsText(g.intervals, locale);
    if (locale === 'en') {
      const range = g.from === g.to ? names[g.from] : `${names[g.from]} to ${names[g.to]}`;
      return `${range}, ${hours}`;
    }
    const range = g.from === g.to ? `le ${names[g.from]}` : `du ${names[g.from]} au ${names[g.to]}`;
    return `${range} ${hours}`;
  });
  return `${parts.join(locale === 'en' ? '; ' : '\u202f; ')} ${zoneLabel(spec.zone)}${holidays}`;
}
