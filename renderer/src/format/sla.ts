// The business time left to a ticket's SLA due, for display. The due instant itself is computed by
// the core in the channel's business minutes; here it only becomes a countdown, which stops while
// the channel is closed (the engine says so) or while the ticket waits on the customer.
import type { TicketSummary } from '../../../shared/contract';
import { channelOpenAt, type ChannelClock } from '../state/clock';

export type SlaState =
  | { kind: 'none'; answered: boolean }
  | { kind: 'waiting' }
  | { kind: 'running'; leftMs: number }
  | { kind: 'paused'; leftMs: number; opensAt: number }
  | { kind: 'breached'; overMs: number };

type SlaTicket = Pick<TicketSummary, 'status' | 'dueAt' | 'firstResponseAt'>;

export function slaState(ticket: SlaTicket, clock: ChannelClock | undefined, now: number): SlaState {
  if (ticket.status === 'waiting_customer') return { kind: 'waiting' };
  if (ticket.dueAt === null || ticket.status === 'solved' || ticket.status === 'closed') {
    return { kind: 'none', answered: ticket.firstResponseAt !== null };
  }
  if (ticket.dueAt <= now) return { kind: 'breached', overMs: now - ticket.dueAt };
  const open = channelOpenAt(clock, now);
  if (open && !open.openNow && open.nextOpen !== null) {
    // Frozen: what will be left when the channel opens, since no business time passes until then.
    return { kind: 'paused', leftMs: Math.max(0, ticket.dueAt - open.nextOpen), opensAt: open.nextOpen };
  }
  return { kind: 'running', leftMs: ticket.dueAt - now };
}

/** Under an hour left is a warning; past due is a breach. */
export function slaLevel(state: SlaState): 'ok' | 'warn' | 'danger' | 'quiet' {
  switch (state.kind) {
    case 'breached':
      return 'danger';
    case 'running':
    case 'paused':
      return state.leftMs < 60 * 60_000 ? 'warn' : 'ok';
    default:
      return 'quiet';
  }
}
