// Words for the SLA editor and the explain timeline that need the language: business minutes read
// as hours, holiday dates with their weekday.
import { DateTime } from 'luxon';
import { formatIsoDate } from '../../format/time';
import { type Lang, type Translate } from '../../i18n';

/** "= 8 business hours", "= 2 business hours 30 min", with opening days when a day is known; '' under an hour. */
export function minutesReading(minutes: number, t: Translate, dayMinutes: number | null): string {
  if (!Number.isFinite(minutes) || minutes < 60) return '';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const base =
    rest === 0
      ? t('slaRules.reading.hours', { n: hours })
      : t('slaRules.reading.hoursMinutes', { h: hours, m: rest });
  if (dayMinutes === null || minutes < dayMinutes) return base;
  const days = Math.round((minutes / dayMinutes) * 10) / 10;
  return dayMinutes === 1440
    ? t('slaRules.reading.withDays', { reading: base, days })
    : t('slaRules.reading.withOpenDays', {
        reading: base,
        days,
        hours: Math.round((dayMinutes / 60) * 10) / 10,
      });
}

/** Business minutes in short form: "240 min (4 h)", "5 min". */
export function shortMinutes(minutes: number, t: Translate): string {
  const rounded = Math.round(minutes * 10) / 10;
  if (rounded < 60) return t('slaRules.minutes', { n: rounded });
  const hours = Math.floor(rounded / 60);
  const rest = Math.round((rounded % 60) * 10) / 10;
  return rest === 0
    ? t('slaRules.minutesAsHours', { n: rounded, h: hours })
    : t('slaRules.minutesAsHoursMinutes', { n: rounded, h: hours, m: rest });
}

/** A holiday as every date is written (format/time.ts), whatever the viewer's zone. */
export function holidayLabel(date: string, lang: Lang): string {
  return formatIsoDate(date, lang);
}

/** Today's date in a zone, YYYY-MM-DD, to tell past holidays apart. */
export function todayIn(zone: string, now: number): string {
  const d = DateTime.fromMillis(now, { zone });
  return (d.isValid ? d : DateTime.fromMillis(now, { zone: 'UTC' })).toISODate() ?? '';
}
