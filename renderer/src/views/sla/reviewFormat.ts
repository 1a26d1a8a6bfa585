// How the review writes its numbers: business time as hours and minutes (never days: a business
// day is as long as the channel's hours), shares as percentages, counts grouped.
import { formatBusinessSpan } from '../../format/sla';
import { localeOf, type Lang, type Translate } from '../../i18n';

/** "< 1 min", "45 min", "1 h 05 min", "31 h": business minutes, rounded to the minute. */
export function formatBusinessMinutes(minutes: number, t: Translate): string {
  if (minutes > 0 && minutes < 0.5) return t('slaReview.underMinute');
  return formatBusinessSpan(Math.round(minutes), t);
}

const percentFormats = new Map<Lang, Intl.NumberFormat>();

/** "86.6%" / "86,6 %". */
export function formatShare(share: number, lang: Lang): string {
  let format = percentFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 1 });
    percentFormats.set(lang, format);
  }
  return format.format(share);
}
