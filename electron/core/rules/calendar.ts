// The business-hours calendar of the rules engine: pure functions of epoch milliseconds.
import { CalendarEngine, type DayWindow, type OpenInterval } from './calendar/engine';
import { CalendarError } from './calendar/errors';
import { calendarSpecSchema, formatIssuePath, weekdays, type CalendarSpec } from './calendar/schema';
import { DAY, MAX_TIME, MINUTE, MIN_TIME, daysFromCivil } from './calendar/time';
import { zoneClock } from './calendar/zone';

export { CalendarError, calendarSpecSchema };
export type { CalendarSpec, OpenInterval };
export type { CalendarWindow, Weekday } from './calendar/schema';

/**
 * All instants are epoch milliseconds and all amounts are real elapsed minutes (possibly
 * fractional). Open time is the union of the windows, minus holidays and breaks; intervals are
 * [open, close).
 */
export interface BusinessCalendar {
  readonly zone: string;
  /** True at an opening, false at a closing. */
  isOpen(t: number): boolean;
  /** t itself when open, else the next opening. */
  nextOpen(t: number): number;
  /**
   * t itself when open, else the last closing at or before t: the instant from which
   * subtraction counts back.
   */
  previousClose(t: number): number;
  /**
   * Counts from nextOpen(t). Minutes used up exactly at a closing give the next opening, so the
   * result is always open and `now > due` means the target was missed. n = 0 gives nextOpen(t).
   */
  addBusinessMinutes(t: number, n: number): number;
  /**
   * Counts back from previousClose(t). A result exactly at an opening is that opening (not the
   * closing before it). n = 0 gives previousClose(t).
   */
  subtractBusinessMinutes(t: number, n: number): number;
  /** Open minutes in [a, b); negative when b < a. */
  businessMinutesBetween(a: number, b: number): number;
  /** Open intervals clipped to [a, b), ascending, adjacent ones merged; empty when b <= a. */
  openIntervals(a: number, b: number): OpenInterval[];
}

function parseClock(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return (Number(h) * 60 + Number(m)) * MINUTE;
}

function checkInstant(method: string, name: string, t: number): void {
  if (!Number.isFinite(t)) throw new RangeError(`${method}: ${name} must be a finite number, got ${t}`);
  if (t < MIN_TIME || t > MAX_TIME) {
    throw new RangeError(`${method}: ${name} is outside the supported years 0001–9999`);
  }
}

function checkAmount(method: string, n: number): void {
  if (!Number.isFinite(n)) throw new RangeError(`${method}: n must be a finite number, got ${n}`);
  if (n < 0) throw new RangeError(`${method}: n must not be negative, got ${n}`);
  if (n * MINUTE > MAX_TIME - MIN_TIME) throw new RangeError(`${method}: n is beyond the supported span`);
}

/**
 * Validates `spec` (throwing a CalendarError whose message names each bad field, e.g.
 * `calendar.windows[2].open: must be HH:mm …`) and builds the calendar.
 */
export function createCalendar(spec: CalendarSpec): BusinessCalendar {
  const parsed = calendarSpecSchema.safeParse(spec);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `${formatIssuePath('calendar', issue.path)}: ${issue.message}`)
      .join('; ');
    throw new CalendarError(message);
  }
  const { zone, windows, holidays = [], breaks = [] } = parsed.data;

  const windowsByWeekday: DayWindow[][] = weekdays.map(() => []);
  for (const w of windows) {
    const open = parseClock(w.open);
    let close = parseClock(w.close);
    if (close <= open) close += DAY;
    windowsByWeekday[weekdays.indexOf(w.day)]?.push({ open, close });
  }

  const holidayDays = [
    ...new Set(
      holidays.map((date) => {
        const [y, m, d] = date.split('-').map(Number);
        return daysFromCivil(y ?? 0, m ?? 0, d ?? 0);
      }),
    ),
  ].sort((a, b) => a - b);

  const breakStarts: number[] = [];
  const breakEnds: number[] = [];
  for (const b of [...breaks].sort((x, y) => x.start - y.start)) {
    const last = breakEnds.length - 1;
    if (last >= 0 && b.start <= (breakEnds[last] as number)) {
      breakEnds[last] = Math.max(breakEnds[last] as number, b.end);
    } else {
      breakStarts.push(b.start);
      breakEnds.push(b.end);
    }
  }

  const engine = new CalendarEngine({
    clock: zoneClock(zone),
    windowsByWeekday,
    holidays: holidayDays,
    breakStarts,
    breakEnds,
  });

  return {
    zone,
    isOpen(t) {
      checkInstant('isOpen', 't', t);
      return engine.isOpen(t);
    },
    nextOpen(t) {
      checkInstant('nextOpen', 't', t);
      return engine.advance(t, 0);
    },
    previousClose(t) {
      checkInstant('previousClose', 't', t);
      return engine.previousClose(t);
    },
    addBusinessMinutes(t, n) {
      checkInstant('addBusinessMinutes', 't', t);
      checkAmount('addBusinessMinutes', n);
      return engine.advance(t, n * MINUTE);
    },
    subtractBusinessMinutes(t, n) {
      checkInstant('subtractBusinessMinutes', 't', t);
      checkAmount('subtractBusinessMinutes', n);
      return n === 0 ? engine.previousClose(t) : engine.retreat(t, n * MINUTE);
    },
    businessMinutesBetween(a, b) {
      checkInstant('businessMinutesBetween', 'a', a);
      checkInstant('businessMinutesBetween', 'b', b);
      if (a === b) return 0;
      if (a < b) return engine.measure(a, b) / MINUTE;
      // 0 - x rather than -x: an empty span is 0, never -0.
      return 0 - engine.measure(b, a) / MINUTE;
    },
    openIntervals(a, b) {
      checkInstant('openIntervals', 'a', a);
      checkInstant('openIntervals', 'b', b);
      return engine.openIntervals(a, b);
    },
  };
}
