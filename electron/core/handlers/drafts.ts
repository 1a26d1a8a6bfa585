// "Answer with the rule": for an item the rules refused, or one whose channel the customer's plan does
// not include, or a customer with no quota left, a courteous reply the agent edits before sending.
import type { Decision, RuleUsage } from '../../../shared/domain';
import { decision as decisionSchema } from '../../../shared/domain';
import { ApiError } from '../api/errors';
import type { Handler } from '../api/handler';
import { composeRuleDraft } from '../i18n/drafts';
import type { RuleSet } from '../rules';
import { admit, countsTowardQuota, planHasChannel, quotaBalance } from '../rules';
import { findCustomer } from '../store/queries/customers';
import type { CustomerRow, TicketRow } from '../store/schema';
import { ruleCustomerOf, ruleUsageOf } from './rule-inputs';
import { intakeFor, loadTicket } from './tickets';

/** Refusals that depend only on the plan and the balance, so they can be decided again today. */
const REDECIDABLE = new Set(['channel.not_on_plan', 'quota.exhausted', 'quota.insufficient']);

/**
 * The decision a reply should word, or null when nothing about this ticket is refused. A plan or
 * quota refusal is decided again now, so the alternatives offered are ones the customer can use
 * today (they may have changed plan since); a call refused for missing details keeps its stored
 * reason, as those details are not kept.
 */
export function ruleToAnswerWith(
  rules: RuleSet,
  ticket: Pick<TicketRow, 'channel' | 'intake_outcome' | 'intake_decision'>,
  customer: CustomerRow,
  usage: RuleUsage,
  now: number,
): Decision | null {
  const decideNow = (channel: TicketRow['channel']) =>
    admit(rules, ruleCustomerOf(customer), usage, intakeFor({ channel }), now);
  if (ticket.intake_outcome === 'refuse') {
    const stored = decisionSchema.parse(JSON.parse(ticket.intake_decision));
    if (!REDECIDABLE.has(stored.reason.code)) return stored;
    const current = decideNow(ticket.channel);
    return current.outcome === 'refuse' && REDECIDABLE.has(current.reason.code) ? current : stored;
  }
  if (!planHasChannel(rules, customer.plan_id, ticket.channel)) {
    const current = decideNow(ticket.channel);
    if (current.outcome === 'refuse') return current;
  }
  const balance = quotaBalance(rules, customer.plan_id, usage);
  if (balance && balance.remaining < 2) {
    // What the customer would be told on their next message: on this ticket's channel when it spends
    // quota, otherwise on the channel the quota is about (topics).
    const kind = ticket.channel === 'blog_comment' ? 'blog_comment' : 'question';
    const channel = countsTowardQuota(rules, customer.plan_id, kind, ticket.channel)
      ? ticket.channel
      : 'topic';
    const next = decideNow(channel);
    if (next.outcome === 'refuse') return next;
  }
  return null;
}

export const draftFromRule: Handler<'messages.draftFromRule'> = async (ctx, { ticketId, locale }) => {
  const ticket = await loadTicket(ctx.db, ticketId);
  const customer = await findCustomer(ctx.db, ticket.customer_id);
  if (!customer) throw new ApiError('internal', `Ticket ${ticket.id} has no customer.`);
  const usage = await ruleUsageOf(ctx.db, ctx.rules, customer.id, ticket.id);
  const decision = ruleToAnswerWith(ctx.rules, ticket, customer, usage, ctx.now());
  if (!decision) {
    throw new ApiError(
      'conflict',
      'Nothing on this ticket was refused and the customer’s plan includes its channel: there is no rule to answer with.',
      'ticketId',
    );
  }
  const body = composeRuleDraft({
    locale,
    rules: ctx.rules,
    decision,
    customerName: customer.name,
    subject: ticket.subject,
    agentName: ctx.actor?.name ?? null,
  });
  return { body, decision };
};
