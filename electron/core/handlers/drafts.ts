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
import { insertAuditedMessage } from './messages';
import { queueNotice } from './notices';
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
  // The question was accepted but its answer cannot be sent: the reply words the answer's refusal,
  // not a new question's.
  const reply = answerDecision(rules, ticket, customer, usage, now);
  if (reply.outcome === 'refuse') return reply;
  const balance = quotaBalance(rules, customer.plan_id, usage);
  if (balance && balance.remaining === 0) {
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

/** What the rules decide now for a staff answer in this ticket. */
function answerDecision(
  rules: RuleSet,
  ticket: Pick<TicketRow, 'channel'>,
  customer: CustomerRow,
  usage: RuleUsage,
  now: number,
): Decision {
  return admit(
    rules,
    ruleCustomerOf(customer),
    usage,
    { kind: 'staff_answer', channel: ticket.channel },
    now,
  );
}

/** The ticket's customer; an unknown sender's ticket has no plan to answer a rule from. */
function linkedCustomerId(ticket: Pick<TicketRow, 'id' | 'customer_id'>): number {
  if (ticket.customer_id === null) {
    throw new ApiError(
      'conflict',
      `Ticket ${ticket.id} is from an unknown sender: link it to a customer first, then the rules of their plan can be answered with.`,
      'ticketId',
    );
  }
  return ticket.customer_id;
}

/**
 * No reply can go out in the ticket (the rules refuse a staff answer there), so the rule's notice goes
 * by e-mail to the account address, as refusal notices do, and the thread says so.
 */
export const sendRuleNotice: Handler<'messages.sendRuleNotice'> = async (ctx, { ticketId, locale }) => {
  const now = ctx.now();
  return ctx.write(async (w) => {
    const ticket = await loadTicket(w.db, ticketId);
    const customer = await findCustomer(w.db, linkedCustomerId(ticket));
    if (!customer) throw new ApiError('internal', `Ticket ${ticket.id} has no customer.`);
    const usage = await ruleUsageOf(w.db, ctx.rules, customer.id, ticket.id);
    if (answerDecision(ctx.rules, ticket, customer, usage, now).outcome === 'accept') {
      throw new ApiError(
        'conflict',
        'A reply can be sent in this ticket now: write it in the composer instead of e-mailing the rule.',
        'ticketId',
      );
    }
    const decision = ruleToAnswerWith(ctx.rules, ticket, customer, usage, now);
    if (!decision) throw new ApiError('conflict', 'Nothing on this ticket is refused.', 'ticketId');
    const body = composeRuleDraft({
      locale,
      rules: ctx.rules,
      decision,
      customerName: customer.name,
      subject: ticket.subject,
      agentName: ctx.actor?.name ?? null,
    });
    const note = {
      ticket_id: ticket.id,
      customer_id: customer.id,
      author_kind: 'staff' as const,
      author_staff_id: ctx.actor?.id ?? null,
      kind: 'internal_note' as const,
      body: `No reply could be sent here (${decision.reason.code}); the rule's notice was e-mailed to ${customer.account_email}:\n\n${body}`,
      accepted: 1 as const,
      counts_toward_quota: 0 as const,
      decision: null,
      created_at: now,
    };
    const row = { id: await insertAuditedMessage(w, note) };
    // The note tells the agents what was e-mailed; it shows the mail's delivery.
    await queueNotice(w, {
      at: now,
      customer,
      ticketId: ticket.id,
      kind: 'intake_refused',
      notice: { subject: `About your request: ${ticket.subject}`, body },
      sourceMessageId: row.id,
    });
    w.changed({ ticketIds: [ticket.id], customerIds: [customer.id] });
    return { toEmail: customer.account_email, body, decision };
  });
};

export const draftFromRule: Handler<'messages.draftFromRule'> = async (ctx, { ticketId, locale }) => {
  const ticket = await loadTicket(ctx.db, ticketId);
  const customer = await findCustomer(ctx.db, linkedCustomerId(ticket));
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
