// The review's date range: presets and custom dates are calendar days in the viewer's zone, turned
// into the half-open instant range [from, to) the core reviews. Checked here the way the contract
// checks it (to after from, at most 400 days), so an impossible range is explained beside the
// fields and never sent.
import { DateTime } from 'luxon';

export const rangePresets = ['last7', 'last30', 'thisMonth', 'lastMonth', 'custom'] as const;
export type RangePreset = (typeof rangePresets)[number];

/** What the filter fields hold: a preset, and the custom dates (YYYY-MM-DD, inclusive). */
export interface RangeChoice {
  preset: RangePreset;
  fromDate: string;
  toDate: string;
}

export type RangeProblem = 'missingFrom' | 'missingTo' | 'toBeforeFrom' | 'tooLong';

export type RangeResult =
  | { ok: true; from: number; to: number; fromDate: string; toDate: string }
  | { ok: false; problem: RangeProblem; fromDate: string; toDate: string };

const DAY_MS = 86_400_000;
/** The contract's limit on `to - from`. */
export const MAX_RANGE_MS = 400 * DAY_MS;

function day(iso: string, zone: string): DateTime | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = DateTime.fromISO(iso, { zone });
  return d.isValid ? d.startOf('day') : null;
}

/** The calendar days a preset covers, as of `now` in `zone` (inclusive). */
export function presetDates(
  preset: Exclude<RangePreset, 'custom'>,
  zone: string,
  now: number,
): { fromDate: string; toDate: string } {
  let today = DateTime.fromMillis(now, { zone });
  if (!today.isValid) today = DateTime.fromMillis(now, { zone: 'UTC' });
  today = today.startOf('day');
  const iso = (d: DateTime) => d.toISODate() ?? '';
  switch (preset) {
    case 'last7':
      return { fromDate: iso(today.minus({ days: 6 })), toDate: iso(today) };
    case 'last30':
      return { fromDate: iso(today.minus({ days: 29 })), toDate: iso(today) };
    case 'thisMonth':
      return { fromDate: iso(today.startOf('month')), toDate: iso(today) };
    case 'lastMonth': {
      const start = today.startOf('month').minus({ months: 1 });
      return { fromDate: iso(start), toDate: iso(start.endOf('month').startOf('day')) };
    }
  }
}

/** The instant range of a choice: from the start of the first day to the end of the last, in `zone`. */
export function resolveRange(choice: RangeChoice, zone: string, now: number): RangeResult {
  const dates =
    choice.preset === 'custom'
      ? { fromDate: choice.fromDate, toDate: choice.toDate }
      : presetDates(choice.preset, zone, now);
  const from = day(dates.fromDate, zone);
  const last = day(dates.toDate, zone);
  if (!from) return { ok: false, problem: 'missingFrom', ...dates };
  if (!last) return { ok: false, problem: 'missingTo', ...dates };
  if (last < from) return { ok: false, problem: 'toBeforeFrom', ...dates };
  const to = last.plus({ days: 1 }).toMillis();
  if (to - from.toMillis() > MAX_RANGE_MS) return { ok: false, problem: 'tooLong', ...dates };
  return { ok: true, from: from.toMillis(), to, ...dates };
}

/** The date (YYYY-MM-DD) of an instant in a zone, e.g. to fill the custom fields from a preset. */
export function isoDate(ms: number, zone: string): string {
  const d = DateTime.fromMillis(ms, { zone });
  return (d.isValid ? d : DateTime.fromMillis(ms, { zone: 'UTC' })).toISODate() ?? '';
}
