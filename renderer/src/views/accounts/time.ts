// A <input type="datetime-local"> has no zone: its value is read as a wall-clock time in the
// viewer's zone (the signed-in staff member's, as everywhere else in the console), never in the
// browser's, so a lead in London and the Electron window on a UTC machine mean the same instant.
import { DateTime } from 'luxon';

const INPUT_FORMAT = "yyyy-MM-dd'T'HH:mm";

/** The input's value for an instant, in `zone`. */
export function toLocalInput(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat(INPUT_FORMAT);
}

/** The instant an input value names in `zone`; null when it is empty or not a time. */
export function fromLocalInput(value: string, zone: string): number | null {
  if (value.trim() === '') return null;
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toMillis() : null;
}

/** The next whole hour after `now`: a sensible default for a scheduled change. */
export function nextWholeHour(now: number): number {
  const hour = 3_600_000;
  return Math.floor(now / hour) * hour + hour;
}
