import type { Insertable, Kysely } from 'kysely';
import type { MessageDelivery, TicketMessage } from '../../../shared/contract';
import type { ChannelId, Decision, Intake, MessageKind, RuleUsage } from '../../../shared/domain';
import { decision as decisionSchema } from '../../../shared/domain';
import type { Core, WriteScope } from '../api/context';
import { ApiError } from '../api/errors';
import type { Handler } from '../api/handler';
import type { RuleSet } from '../rules';
import { admit, quotaBalance, unknownSenderDecision } from '../rules';
import { recordMessage } from '../sla/record';
import type { CustomerRow, Database, MessageRow, MessageTable, TicketRow } from '../store/schema';
import { findCustomer, findCustomerForDecision } from '../store/queries/customers';
import { answerNotice, queueNotice, refusalNotice } from './notices';
import { ruleCustomerOf, ruleUsageOf } from './rule-inputs';
import { loadTicket, ticketSummary } from './tickets';

/**
 * Which intake a new message is. Staff write answers and notes; customer questions and blog comments
 * are logged by staff on the customer's behalf and decided exactly as if the customer had sent them.
 */
function intakeForMessage(channel: ChannelId, kind: MessageKind): Intake | null {
  if (kind === 'internal_note') return null;
  if (kind === 'answer') return { kind: 'staff_answer', channel };
  if (kind === 'blog_comment') {
    if (channel !== 'blog_comment') {
      throw new ApiError(
        'invalid_input',
        'A blog comment can only be added to a blog-comment ticket.',
        'kind',
      );
    }
    return { kind: 'blog_comment' };
  }
  switch (channel) {
    case 'topic':
      return { kind: 'topic_question' };
    case 'email':
    case 'phone':
      // A follow-up to a call request comes in writing, to the support address.
      return { kind: 'email' };
    case 'chat':
      return { kind: 'chat' };
    case 'blog_comment':
      throw new ApiError(
        'invalid_input',
        'On a blog-comment ticket the customer writes blog comments.',
        'kind',
      );
  }
}

/** Notes are not the rules' business: they never reach the customer and never count. */
function noteDecision(rules: RuleSet, customer: CustomerRow, usage: RuleUsage, now: number): Decision {
  const balance = quotaBalance(rules, customer.plan_id, usage);
  return {
    outcome: 'accept',
    reason: {
      code: 'note.internal',
      params: {},
      text: 'Internal notes are seen by staff only: they are never sent to the customer and never count toward a quota.',
    },
    ruleIds: rules.quota ? [rules.quota.id] : [],
    alternatives: [],
    quota: balance ? { counts: false, before: balance, after: balance } : null,
    openNow: true,
    nextOpen: now,
  };
}

async function decide(
  db: Kysely<Database>,
  rules: RuleSet,
  ticket: TicketRow,
  kind: MessageKind,
  now: number,
  writing = false,
): Promise<{ decision: Decision; customer: CustomerRow | null }> {
  if (ticket.customer_id === null) {
    // An unknown sender's ticket: no plan to decide by. Staff answer and note it (the answer is
    // mailed to the sender); the sender's own messages wait, undecided, for the link.
    intakeForMessage(ticket.channel, kind);
    const item = kind === 'answer' || kind === 'internal_note' ? kind : 'question';
    return { decision: unknownSenderDecision(item, ticket.sender_email, now), customer: null };
  }
  const customer = await (writing ? findCustomerForDecision : findCustomer)(db, ticket.customer_id);
  if (!customer) throw new ApiError('internal', `Ticket ${ticket.id} has no customer.`);
  const usage = await ruleUsageOf(db, rules, customer.id, ticket.id);
  const intake = intakeForMessage(ticket.channel, kind);
  const decision = intake
    ? admit(rules, ruleCustomerOf(customer), usage, intake, now)
    : noteDecision(rules, customer, usage, now);
  return { decision, customer };
}

export const previewMessage: Handler<'messages.preview'> = async (ctx, { ticketId, kind }) => {
  const ticket = await loadTicket(ctx.db, ticketId);
  return (await decide(ctx.db, ctx.rules, ticket, kind, ctx.now())).decision;
};

export const addMessage: Handler<'messages.add'> = async (ctx, input) => {
  const now = ctx.now();
  const staffId = ctx.actor?.id ?? null;
  const written = await ctx.write((w) => writeMessage(ctx, w, input, staffId, now));
  // The message as tickets.get reads it, from what the write stored: reading the whole ticket back
  // would cost every answer as many queries again.
  const { values } = written;
  const ticket = await ticketSummary(ctx, input.ticketId);
  const message: TicketMessage = {
    id: written.messageId,
    authorKind: values.author_kind,
    authorName:
      values.author_kind === 'customer'
        ? // No customer yet (an unknown sender's ticket): the sender's name, as the ticket shows it.
          (written.customer?.name ?? ticket.customerName)
        : ((staffId !== null && staffId === ctx.actor?.id ? ctx.actor.name : null) ?? 'Staff'),
    kind: values.kind,
    body: values.body,
    accepted: values.accepted === 1,
    countsTowardQuota: values.counts_toward_quota === 1,
    decision: values.decision === null ? null : decisionSchema.parse(JSON.parse(values.decision)),
    createdAt: values.created_at,
    delivery: written.delivery,
    // Only the mail intake writes a message that came by e-mail.
    mail: null,
  };
  return { message, decision: written.decision, ticket };
};

export interface WriteMessageOptions {
  /** Whether a refused customer message is answered by e-mail (the mail intake decides; see openTicket). */
  notifyRefusal?: boolean;
}

export interface WrittenMessage {
  messageId: number;
  decision: Decision;
  /** Null on an unknown sender's ticket. */
  customer: CustomerRow | null;
  /** The message's row as written. */
  values: Pick<
    MessageRow,
    'author_kind' | 'kind' | 'body' | 'accepted' | 'counts_toward_quota' | 'decision' | 'created_at'
  >;
  /** The e-mail the message caused (an answer's notice, a refusal), as the ticket shows it. */
  delivery: MessageDelivery | null;
}

/** Every message is written with its audit entry, whichever intake or desk writes it. */
export async function insertAuditedMessage(w: WriteScope, values: Insertable<MessageTable>): Promise<number> {
  const { id } = await w.db.insertInto('messages').values(values).returning('id').executeTakeFirstOrThrow();
  await w.audit({ entity: 'message', entityId: id, before: null, after: { id, ...values } });
  return id;
}

/** One message on a ticket, decided by `admit`, inside the caller's write (staff or an intake). */
export async function writeMessage(
  ctx: Pick<Core, 'rules' | 'sla'>,
  w: WriteScope,
  input: { ticketId: number; kind: MessageKind; body: string },
  staffId: number | null,
  now: number,
  options: WriteMessageOptions = {},
): Promise<WrittenMessage> {
  const ticket = await loadTicket(w.db, input.ticketId);
  if (ticket.status === 'closed') {
    throw new ApiError('conflict', 'This ticket is closed; open a new ticket to continue.', 'ticketId');
  }
  // Decided inside the transaction: the balance it reads is the one the write will spend.
  const { decision, customer } = await decide(w.db, ctx.rules, ticket, input.kind, now, true);
  const byStaff = input.kind === 'answer' || input.kind === 'internal_note';
  if (decision.outcome === 'refuse' && byStaff) {
    // Nothing of a refused staff answer is written: the composer keeps the draft.
    throw new ApiError('rule_refused', decision.reason.text, 'kind');
  }
  // Undecided (an unknown sender's follow-up) is taken in like an accepted message: owed an answer.
  const accepted = decision.outcome !== 'refuse';
  const values = {
    ticket_id: ticket.id,
    customer_id: customer?.id ?? null,
    author_kind: byStaff ? ('staff' as const) : ('customer' as const),
    author_staff_id: byStaff ? staffId : null,
    kind: input.kind,
    body: input.body,
    accepted: accepted ? (1 as const) : (0 as const),
    counts_toward_quota:
      decision.outcome === 'accept' && decision.quota?.counts ? (1 as const) : (0 as const),
    decision: input.kind === 'internal_note' ? null : JSON.stringify(decision),
    created_at: now,
  };
  const messageId = await insertAuditedMessage(w, values);

  const ticketChange = ticketAfterMessage(ticket, input.kind, accepted, now);
  if (ticketChange) {
    await w.db.updateTable('tickets').set(ticketChange).where('id', '=', ticket.id).execute();
    const before = Object.fromEntries(
      Object.keys(ticketChange).map((k) => [k, ticket[k as keyof TicketRow]]),
    );
    await w.audit({ entity: 'ticket', entityId: ticket.id, before, after: ticketChange });
  }
  // The response clock moves with the message: answered, owed a response, or reopened.
  await recordMessage(ctx, w, ticket, input.kind, accepted, now, byStaff ? staffId : null);

  // A topic answer is announced by e-mail as the rule set says; an answer on the e-mail channel is
  // itself an e-mail, so it always goes out through the outbox.
  const notice =
    input.kind === 'answer' &&
    (ctx.rules.answerNotice.channels.includes(ticket.channel) || ticket.channel === 'email')
      ? { kind: 'answer_notification' as const, ...answerNotice(ctx.rules, ticket.subject, input.body) }
      : !accepted && options.notifyRefusal !== false
        ? { kind: 'intake_refused' as const, ...refusalNotice(ctx.rules, ticket.subject, decision) }
        : null;
  // An unknown sender's answer goes to the address the mail came from.
  const recipient =
    customer ?? (ticket.sender_email ? { id: null, account_email: ticket.sender_email } : null);
  let delivery: MessageDelivery | null = null;
  if (notice && recipient) {
    delivery = await queueNotice(w, {
      at: now,
      customer: recipient,
      ticketId: ticket.id,
      kind: notice.kind,
      notice,
      sourceMessageId: messageId,
    });
  }
  w.changed({
    topics: ['messages', 'tickets', 'customers'],
    ticketIds: [ticket.id],
    customerIds: customer ? [customer.id] : [],
  });
  return { messageId, decision, customer, values, delivery };
}

/**
 * How the ticket moves when a message lands; null when it does not move (a note, a refused message).
 * Its deadlines are the SLA clock's (recordMessage), not set here.
 */
function ticketAfterMessage(
  ticket: TicketRow,
  kind: MessageKind,
  accepted: boolean,
  now: number,
): Partial<TicketRow> | null {
  if (kind === 'internal_note' || !accepted) return null;
  if (kind === 'answer') {
    return {
      first_response_at: ticket.first_response_at ?? now,
      last_staff_message_at: now,
      status: ticket.status === 'new' ? 'open' : ticket.status,
      updated_at: now,
    };
  }
  return {
    last_customer_message_at: now,
    status: ticket.status === 'waiting_customer' || ticket.status === 'solved' ? 'open' : ticket.status,
    updated_at: now,
  };
}
