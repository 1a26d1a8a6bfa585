// Times are stored as UTC epoch ms. Staff read them in their own zone; where a channel keeps GMT
// hours the GMT time goes beside it, because that is what the rules and the customer talk in.
import { DateTime } from 'luxon';

/** The zone of the browser or Electron window, used until someone is signed in. */
export function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function at(ms: number, zone: string): DateTime {
  const local = DateTime.fromMillis(ms, { zone });
  return local.isValid ? local : DateTime.fromMillis(ms, { zone: 'UTC' });
}

/** "Thu 14:30", or with the date when it is not within the coming/past week: "12 Mar 14:30". */
export function formatLocal(ms: number, zone: string, now: number = Date.now()): string {
  const local = at(ms, zone);
  const days = Math.abs(local.diff(at(now, zone), 'days').days);
  return local.toFormat(days < 6 ? 'ccc HH:mm' : 'd LLL HH:mm');
}

export function formatGmt(ms: number): string {
  return `${DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat('HH:mm')} GMT`;
}

export function formatFull(ms: number, zone: string): string {
  return at(ms, zone).toFormat("cccc d LLLL yyyy, HH:mm '('ZZZZ')'");
}

/** "12 Nov 2025": for dates where the hour does not matter. */
export function formatDate(ms: number, zone: string): string {
  return at(ms, zone).toFormat('d LLL yyyy');
}

/** A short zone label for column headers: "CET", "GMT+3". */
export function zoneLabel(zone: string, now: number = Date.now()): string {
  return at(now, zone).toFormat('ZZZZ');
}

/** "45 min", "3 h", "2 d": how long something has existed. */
export function formatAge(from: number, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - from) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** "in 3 h" / "2 h overdue" for a due time. */
export function formatDueIn(due: number, now: number = Date.now()): string {
  const diff = due - now;
  const text = formatAge(now - Math.abs(diff), now);
  return diff >= 0 ? `in ${text}` : `${text} overdue`;
}

/** Whether a channel's hours string is expressed in GMT (24/7 channels have no GMT hours). */
export function hoursAreGmt(hours: string | undefined): boolean {
  return hours !== undefined && /\b(GMT|UTC)\b/.test(hours);
}
