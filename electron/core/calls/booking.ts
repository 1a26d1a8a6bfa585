// Whether a call may take place at a given time, by the rules alone (no database): the lead time,
// the phone hours, the phone calendar's holidays. The handler adds what needs the store (the
// agent's other calls, the customer's plan) inside its write transaction.
import type { BusinessCalendar, RuleSet } from '../rules';
import { calendarFor, describeHours, formatInstant } from '../rules';
import { dayOf, formatAt, isoDateIn, timeOfDay } from './format';
import { fitsOpenTime, MINUTE } from './slots';

export interface TimeProblem {
  /** invalid_input: the time cannot work at all; rule_refused: a rule of the rule set forbids it. */
  code: 'invalid_input' | 'rule_refused';
  reason: 'before_lead' | 'holiday' | 'closed' | 'ends_after_close';
  message: string;
}

export interface PhoneTimes {
  calendar: BusinessCalendar;
  zone: string;
  hours: string;
  holidays: ReadonlySet<string>;
  /** The rule set keeps calls inside phone hours. */
  insideHours: boolean;
  defaultDurationMinutes: number;
}

export function phoneTimes(rules: RuleSet): PhoneTimes {
  const channel = rules.channels.find((c) => c.id === 'phone');
  if (!channel) throw new Error('the rule set has no phone channel');
  return {
    calendar: calendarFor(rules, 'phone'),
    zone: channel.calendar.zone,
    hours: describeHours(channel.calendar),
    holidays: new Set(channel.calendar.holidays ?? []),
    insideHours: rules.phone.call.insideChannelHours,
    defaultDurationMinutes: rules.phone.call.defaultDurationMinutes,
  };
}

/** The intervals a call may occupy. Without the hours rule a call may be at any time. */
export function callableIntervals(phone: PhoneTimes) {
  return phone.insideHours
    ? (a: number, b: number) => phone.calendar.openIntervals(a, b)
    : (a: number, b: number) => (b > a ? [{ start: a, end: b }] : []);
}

/** The first reason a call at [start, end) cannot be booked now, or null. */
export function timeProblem(
  phone: PhoneTimes,
  start: number,
  end: number,
  now: number,
  leadMinutes: number,
): TimeProblem | null {
  const earliest = now + leadMinutes * MINUTE;
  if (start < earliest) {
    return {
      code: 'invalid_input',
      reason: 'before_lead',
      message:
        start < now
          ? `${formatAt(start, phone.zone)} is in the past; a call can start at ${formatAt(earliest, phone.zone)} at the earliest.`
          : `A call must be booked at least ${leadMinutes} minutes ahead; it can start at ${formatAt(earliest, phone.zone)} at the earliest.`,
    };
  }
  if (!phone.insideHours) return null;
  const day = isoDateIn(start, phone.zone);
  if (phone.holidays.has(day) && !phone.calendar.isOpen(start)) {
    return {
      code: 'rule_refused',
      reason: 'holiday',
      message: `${dayOf(start, phone.zone)} is a holiday in the phone calendar: no calls that day. Next opening: ${formatInstant(phone.calendar.nextOpen(start), phone.zone)}.`,
    };
  }
  if (!phone.calendar.isOpen(start)) {
    return {
      code: 'rule_refused',
      reason: 'closed',
      message: `A call cannot start at ${formatAt(start, phone.zone)}: phone support is open ${phone.hours}. Next opening: ${formatInstant(phone.calendar.nextOpen(start), phone.zone)}.`,
    };
  }
  const callable = callableIntervals(phone);
  if (!fitsOpenTime({ openIntervals: callable }, start, end)) {
    const closes = phone.calendar.openIntervals(start, end)[0]?.end ?? start;
    const length = end - start;
    const latest = closes - length;
    const hint =
      latest < start && fitsOpenTime({ openIntervals: callable }, latest, closes)
        ? `; a ${Math.round(length / MINUTE)}-minute call can start at ${timeOfDay(latest, phone.zone)} at the latest`
        : '';
    return {
      code: 'rule_refused',
      reason: 'ends_after_close',
      message:
        `A call must start and end inside phone hours (${phone.hours}): ` +
        `${timeOfDay(start, phone.zone)}–${timeOfDay(end, phone.zone)} runs past the ` +
        `${timeOfDay(closes, phone.zone)} closing${hint}.`,
    };
  }
  return null;
}
