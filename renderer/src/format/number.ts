import type { Lang } from '../i18n';

// Counts are whole numbers: grouping them by hand avoids loading the browser's number-formatting
// data (an Intl.NumberFormat costs tens of milliseconds the first time, on the queue's first paint).
const separators: Record<Lang, string> = { en: ',', fr: '\u202f' };

/** "100,000" / "100 000". */
export function formatCount(n: number, lang: Lang): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, separators[lang]);
}

/**
 * A count the store stopped at its cap when `atLeast`: "1,000+" / "1 000+" (the view holds at least
 * that many; counting further would cost every page a read of the whole view).
 */
export function formatCountAtLeast(n: number, atLeast: boolean, lang: Lang): string {
  return atLeast ? `${formatCount(n, lang)}+` : formatCount(n, lang);
}
