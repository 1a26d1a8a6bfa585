import { z } from 'zod';
import { zoneName } from '../../../../shared/domain';
import { isRealDate } from './time';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const OPEN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const CLOSE = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const windowSchema = z
  .strictObject({
    day: z.enum(weekdays, { error: `must be one of ${weekdays.join(', ')}` }),
    open: z.string({ error: 'must be HH:mm' }).regex(OPEN, 'must be HH:mm between 00:00 and 23:59'),
    close: z
      .string({ error: 'must be HH:mm' })
      .regex(CLOSE, 'must be HH:mm between 00:00 and 23:59, or 24:00'),
  })
  // An empty window is almost certainly a typo for a 24-hour one, which must be written 00:00–24:00.
  .refine((w) => w.open !== w.close || !OPEN.test(w.open), {
    path: ['close'],
    message: 'must differ from open',
  });

const breakSchema = z
  .strictObject({
    start: z.number({ error: 'must be epoch milliseconds' }).int('must be whole epoch milliseconds'),
    end: z.number({ error: 'must be epoch milliseconds' }).int('must be whole epoch milliseconds'),
  })
  .refine((b) => b.start < b.end, { path: ['end'], message: 'must be after start' });

const holidaySchema = z.string({ error: 'must be YYYY-MM-DD' }).refine((value) => {
  const m = DATE.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}, 'must be a real date written YYYY-MM-DD');

/**
 * A business-hours calendar as written in a rule set. Windows are [open, close) in the zone's wall
 * time and belong to the day they open on; close earlier than open means the window runs past
 * midnight. Overlapping or touching windows are merged rather than refused, so a 24/7 calendar can
 * be written day by day. At least one window is required, which is what guarantees that the
 * calendar opens again after any instant (holidays and breaks are finite lists).
 * Unknown keys are refused so that a misspelt `holiday` cannot silently drop the holidays.
 */
export const calendarSpecSchema = z.strictObject({
  zone: zoneName,
  windows: z.array(windowSchema).min(1, 'must list at least one window'),
  holidays: z.array(holidaySchema).optional(),
  breaks: z.array(breakSchema).optional(),
});

export type CalendarSpec = z.infer<typeof calendarSpecSchema>;
export type CalendarWindow = CalendarSpec['windows'][number];
export type Weekday = (typeof weekdays)[number];

/** `calendar.windows[2].open` */
export function formatIssuePath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}
