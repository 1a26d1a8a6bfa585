// Opening hours in the viewer's language, from the windows the core sends (the core's English
// sentence is for exports and logs; nothing here reads it).
import { Info } from 'luxon';
import type { OpeningHours, Weekday } from '../../../shared/domain';
import { localeOf, type Lang, type Translate } from '../i18n';

const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function dayName(day: Weekday, lang: Lang): string {
  return Info.weekdays('short', { locale: localeOf(lang) })[weekdays.indexOf(day)] ?? day;
}

/** "Mon–Fri" for a run of consecutive days, "Mon, Wed" otherwise. */
function daysText(days: readonly Weekday[], lang: Lang): string {
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return '';
  if (days.length === 1) return dayName(first, lang);
  const consecutive = weekdays.indexOf(last) - weekdays.indexOf(first) === days.length - 1;
  return consecutive
    ? `${dayName(first, lang)}–${dayName(last, lang)}`
    : days.map((d) => dayName(d, lang)).join(', ');
}

/** "Mon–Fri 06:00–18:00 GMT", "lun.–ven. 06:00–18:00 GMT", "24/7 (except holidays)", "closed". */
export function formatHours(hours: OpeningHours, lang: Lang, t: Translate): string {
  const holidays = hours.exceptHolidays ? ` ${t('hours.exceptHolidays')}` : '';
  if (hours.alwaysOpen) return `${t('hours.alwaysOpen')}${holidays}`;
  if (hours.windows.length === 0) return t('hours.closed');
  const parts: string[] = [];
  let previousDays = '';
  for (const w of hours.windows) {
    const key = w.days.join();
    const span = `${w.from}–${w.to}`;
    // Windows of the same days follow one another: the days are named once.
    parts.push(key === previousDays ? span : `${daysText(w.days, lang)} ${span}`);
    previousDays = key;
  }
  const zone = hours.gmt ? 'GMT' : hours.zone;
  return `${parts.join(', ')} ${zone}${holidays}`;
}
