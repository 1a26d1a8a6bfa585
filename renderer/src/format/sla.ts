// The business time left to a ticket's SLA due, for display. The core counts it, in the channel's
// business minutes (sla.status); here it only becomes a countdown, which runs while the channel is
// open and stops while it is closed (the engine says which) or while the ticket waits on the
// customer.
import type { TicketSummary } from '../../../shared/contract';
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
  | { kind: 'running'; leftMs: number }
  | { kind: 'paused'; leftMs: number; opensAt: number }
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
 * The countdown at `now`. With the core's report (`live`) it is business time: the reported minutes
 * run down only while the channel is open. Before the first report (the first paint of a page) it
 * is read from the due instant, which is exact while the channel stays open until then.
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
  if (ticket.dueAt <= now) return { kind: 'breached', overMs: now - ticket.dueAt };
  const open = channelOpenAt(clock, now);
  /** The next opening while the channel is closed now; null while it is open (or not known). */
  const opensAt = open && !open.openNow ? open.nextOpen : null;
  // A report about another deadline (the ticket moved on since) says nothing about this one.
  if (live && live.status.dueAt === ticket.dueAt && live.status.businessMinutesLeft !== null) {
    const reported = live.status.businessMinutesLeft * MINUTE_MS;
    if (opensAt !== null) return { kind: 'paused', leftMs: Math.max(0, reported), opensAt };
    // Open now: business time has passed since the report, or since the opening if it was closed then.
    const openSince = clock && !clock.openNow && clock.nextOpen !== null ? clock.nextOpen : -Infinity;
    const elapsed = Math.max(0, now - Math.max(live.at, openSince));
    return { kind: 'running', leftMs: Math.max(0, reported - elapsed) };
  }
  if (opensAt !== null) {
    // Frozen: what will be left when the channel opens, since no business time passes until then.
    return { kind: 'paused', leftMs: Math.max(0, ticket.dueAt - opensAt), opensAt };
  }
  return { kind: 'running', leftMs: ticket.dueAt - now };
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
