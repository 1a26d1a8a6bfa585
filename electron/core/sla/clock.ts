// When a ticket's response is due at the moment it arrives. Targets come from the rule set (per
// channel and plan) and are measured in the channel's business minutes, so a ticket that arrives on
// Saturday starts its clock at Monday's opening. Every later move of a deadline (answers, customer
// messages, pauses) is the SLA clock's, replayed from the ticket's SLA events: see timeline.ts.
import type { ChannelId } from '../../../shared/domain';
import type { RuleSet } from '../rules';
import { calendarFor, slaTargetFor } from '../rules';

export interface Clock {
  /** When business time starts counting: the arrival, or the channel's next opening. */
  startsAt: number;
  /** Null when the customer's plan has no target for this channel (e.g. a refused item). */
  dueAt: number | null;
  ruleId: string | null;
}

export function firstResponseClock(rules: RuleSet, channel: ChannelId, planId: string, at: number): Clock {
  return clock(rules, channel, planId, at, 'first');
}

export function nextResponseClock(rules: RuleSet, channel: ChannelId, planId: string, at: number): Clock {
  return clock(rules, channel, planId, at, 'next');
}

function clock(
  rules: RuleSet,
  channel: ChannelId,
  planId: string,
  at: number,
  which: 'first' | 'next',
): Clock {
  const calendar = calendarFor(rules, channel);
  const startsAt = calendar.nextOpen(at);
  const target = slaTargetFor(rules, channel, planId);
  if (!target) return { startsAt, dueAt: null, ruleId: null };
  const minutes = which === 'first' ? target.firstResponseMinutes : target.nextResponseMinutes;
  return { startsAt, dueAt: calendar.addBusinessMinutes(at, minutes), ruleId: target.ruleId };
}
