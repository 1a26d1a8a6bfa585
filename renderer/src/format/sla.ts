// The business time left to a ticket's SLA due, or past it, for display. The core counts it, in the
// channel's business minutes (sla.status); here it only becomes a countdown, which runs while the
// channel is open and stops while it is closed (the engine says which) or while the ticket waits on
// the customer. Lateness is business time too, so every screen states the same figure.
import type { TicketSummary } from '../../../shared/contract';
import type { Translate } from '../i18n';
import type { SlaTicketStatus } from '../../../shared/sla';

/** A channel's openness as the rules engine last reported it (state/clock.ts keeps them). */
export interface ChannelClock {
  openNow: boolean;
  /** The next opening (or the moment of the report, when open); null when it never opens. */
  nextOpen: number | null;
  /** When the engine reported it. */
  at: number;
}

/** The core's report of a ticket's clock (state/slaStatus.ts keeps them). */
export interface LiveSlaStatus {
  status: SlaTicketStatus;
  /** When the core computed it (the request's start, so the countdown never runs slow). */
  at: number;
}

export type SlaState =
  | { kind: 'none'; answered: boolean }
  | { kind: 'waiting' }
  /** The core has not reported this ticket's clock yet: nothing is guessed meanwhile. */
  | { kind: 'pending' }
  | { kind: 'running'; leftMs: number }
  | { kind: 'paused'; leftMs: number; opensAt: number }
  /** Business time past the due instant (it grows only while the channel is open). */
  | { kind: 'breached'; overMs: number };

type SlaTicket = Pick<TicketSummary, 'status' | 'dueAt' | 'firstResponseAt'>;

/** Whether the ticket has a clock worth asking the core about. */
export function slaRuns(ticket: SlaTicket): boolean {
  return ticket.dueAt !== null && ticket.status !== 'solved' && ticket.status !== 'closed';
}

const MINUTE_MS = 60_000;

/** The channel's openness at `now`, from the last report; a known opening that has passed counts as open. */
export function channelOpenAt(clock: ChannelClock | undefined, now: number): ChannelClock | undefined {
  if (!clock) return undefined;
  if (!clock.openNow && clock.nextOpen !== null && clock.nextOpen <= now) {
    return { openNow: true, nextOpen: now, at: clock.at };
  }
  return clock;
}

/**
 * The countdown at `now`, in business time only: the core's report (`live`) runs down while the
 * channel is open and past zero into lateness. Before the first report, or with a report about
 * another deadline (the ticket moved on since), it is `pending`: the renderer does not count
 * business time itself.
 */
export function slaState(
  ticket: SlaTicket,
  clock: ChannelClock | undefined,
  now: number,
  live?: LiveSlaStatus,
): SlaState {
  if (ticket.status === 'waiting_customer') return { kind: 'waiting' };
  if (ticket.dueAt === null || !slaRuns(ticket)) {
    return { kind: 'none', answered: ticket.firstResponseAt !== null };
  }
  if (!live || live.status.dueAt !== ticket.dueAt || live.status.businessMinutesLeft === null) {
    return { kind: 'pending' };
  }
  const open = channelOpenAt(clock, now);
  /** The next opening while the channel is closed now; null while it is open (or not known). */
  const opensAt = open && !open.openNow ? open.nextOpen : null;
  const reported = live.status.businessMinutesLeft * MINUTE_MS;
  // Open now: business time has passed since the report, or since the opening if it was closed then.
  const openSince = clock && !clock.openNow && clock.nextOpen !== null ? clock.nextOpen : -Infinity;
  const elapsed = opensAt !== null ? 0 : Math.max(0, now - Math.max(live.at, openSince));
  const left = reported - elapsed;
  if (left <= 0) return { kind: 'breached', overMs: -left };
  if (opensAt !== null) return { kind: 'paused', leftMs: left, opensAt };
  return { kind: 'running', leftMs: left };
}

// Reports carry fractions of a minute (events are not on whole minutes); a rounding error of the
// subtraction must not turn 52.0 into 53.
const EPSILON = 1e-6;

/**
 * Whole business minutes for every clock label (queue, ticket header, explanation, alerts): a
 * minute counts once it has fully passed, so time left rounds up and lateness and time counted
 * round down. 13.2 minutes left reads "14 min left"; 52.9 minutes late reads "52 min".
 */
export function wholeMinutesLeft(minutesLeft: number): number {
  // "+ 0": no "-0" for a lateness under a minute.
  return Math.ceil(minutesLeft - EPSILON) + 0;
}

export function wholeMinutesLate(minutesLeft: number): number {
  return Math.max(0, -wholeMinutesLeft(minutesLeft)) + 0;
}

export function wholeMinutesCounted(minutes: number): number {
  return Math.max(0, Math.floor(minutes + EPSILON));
}

/**
 * "45 min", "1 h 05 min", "31 h": whole business minutes as hours and minutes, never days (a
 * business day is as long as the channel's hours, not 24 hours).
 */
export function formatBusinessSpan(minutes: number, t: Translate): string {
  const whole = Math.max(0, Math.round(minutes));
  if (whole < 60) return t('duration.minutes', { n: whole });
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  return m === 0
    ? t('duration.hours', { n: h })
    : t('duration.hoursMinutes', { h, m: String(m).padStart(2, '0') });
}

/** The words of a countdown's figure: its business time left or late, in whole minutes. */
export function slaSpanText(state: SlaState, t: Translate): string | null {
  switch (state.kind) {
    case 'running':
    case 'paused':
      return formatBusinessSpan(wholeMinutesLeft(state.leftMs / MINUTE_MS), t);
    case 'breached':
      return formatBusinessSpan(wholeMinutesLate(-state.overMs / MINUTE_MS), t);
    default:
      return null;
  }
}

/**
 * How an item that arrived while its channel was closed speaks of its clock: it "starts" at the
 * opening while that is still ahead, it "started" once it has passed. Null when it arrived open.
 */
export function arrivalClock(
  closedOnArrival: boolean,
  clockStartsAt: number,
  now: number,
): 'starts' | 'started' | null {
  if (!closedOnArrival) return null;
  return clockStartsAt > now ? 'starts' : 'started';
}

/**
 * Inside the team's pre-breach window (settings.preBreachMinutes, business minutes) is a warning;
 * past due is a breach. Before the window is known, under an hour warns.
 */
export function slaLevel(
  state: SlaState,
  preBreachMinutes: number | null = null,
): 'ok' | 'warn' | 'danger' | 'quiet' {
  switch (state.kind) {
    case 'breached':
      return 'danger';
    case 'running':
    case 'paused': {
      const windowMs = (preBreachMinutes ?? 60) * MINUTE_MS;
      return state.leftMs <= windowMs && windowMs > 0 ? 'warn' : 'ok';
    }
    default:
      return 'quiet';
  }
}
