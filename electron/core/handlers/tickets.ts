import { deliveriesOf } from './outbox';
import type { Kysely } from 'kysely';
import type { DraftLocale, TicketCreateInput } from '../../../shared/contract';
import type { AdmitDecision, Intake } from '../../../shared/domain';
import { decision as decisionSchema } from '../../../shared/domain';
import type { Core, HandlerContext, WriteScope } from '../api/context';
import { ApiError, notFound } from '../api/errors';
import type { Handler } from '../api/handler';
import { admit, answerReservingKinds, ruleSetVersion } from '../rules';
import { firstResponseClock } from '../sla/clock';
import { recordSlaEvent, recordStatusChange, slaColumnsAtArrival } from '../sla/record';
import type { CustomerRow, Database, TicketRow } from '../store/schema';
import {
  findCustomer,
  findCustomerForDecision,
  findCustomerListRows,
  usageOf,
} from '../store/queries/customers';
import { activeAssignment } from '../store/queries/managers';
import { readSettings } from '../store/queries/settings';
import { findStaff } from '../store/queries/staff';
import { findTicketDetailRow, findTicketSummaryRow, unknownTicketsFrom } from '../store/queries/tickets';
import { mailOfMessages } from './mail-in';
import { insertAuditedMessage } from './messages';
import { queueNotice, refusalNotice } from './notices';
import { toCustomerSummary, toTicketSummary } from './present';
import { ruleCustomerOf, ruleUsageOf } from './rule-inputs';

export function intakeFor(input: Pick<TicketCreateInput, 'channel' | 'callRequest'>): Intake {
  switch (input.channel) {
    case 'topic':
      return { kind: 'topic_question' };
    case 'blog_comment':
      return { kind: 'blog_comment' };
    case 'email':
      return { kind: 'email' };
    case 'chat':
      return { kind: 'chat' };
    case 'phone':
      // A call request without its details is still decided (and refused with the rule's reason).
      return {
        kind: 'call_request',
        questions: input.callRequest?.questions ?? [],
        contactEmail: input.callRequest?.contactEmail ?? '',
        tool: input.callRequest?.tool ?? '',
      };
  }
}

async function loadCustomer(db: Kysely<Database>, id: number) {
  const customer = await findCustomer(db, id);
  if (!customer) throw notFound('customer', id, 'customerId');
  return customer;
}

export async function loadTicket(db: Kysely<Database>, id: number, field = 'ticketId'): Promise<TicketRow> {
  const ticket = await db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!ticket) throw notFound('ticket', id, field);
  return ticket;
}

export async function ticketSummary(ctx: Pick<HandlerContext, 'db' | 'rules'>, id: number) {
  const row = await findTicketSummaryRow(ctx.db, id);
  if (!row) throw notFound('ticket', id, 'id');
  return toTicketSummary(ctx.rules, row);
}

export const previewIntake: Handler<'tickets.previewIntake'> = async (ctx, input) => {
  const customer = await loadCustomer(ctx.db, input.customerId);
  const usage = await ruleUsageOf(ctx.db, ctx.rules, customer.id);
  return admit(ctx.rules, ruleCustomerOf(customer), usage, intakeFor(input), ctx.now());
};

export const getTicket: Handler<'tickets.get'> = async (ctx, { id }) => {
  // Every agent opens a ticket before working on it: the ticket with its summary in one query, the
  // customer with their quota use and manager in another (none for an unknown sender's ticket, whose
  // sender writes its customer messages).
  const ticket = await findTicketDetailRow(ctx.db, id);
  if (!ticket) throw notFound('ticket', id, 'id');
  const [customer] =
    ticket.customer_id === null
      ? [null]
      : await findCustomerListRows(ctx.db, answerReservingKinds(ctx.rules), [ticket.customer_id]);
  if (customer === undefined) throw notFound('customer', ticket.customer_id ?? 0, 'customerId');
  const senderName = ticket.sender_name ?? ticket.sender_email ?? 'Sender';
  const messages = await ctx.db
    .selectFrom('messages as m')
    .leftJoin('staff as s', 's.id', 'm.author_staff_id')
    .select([
      'm.id',
      'm.author_kind',
      's.name as staff_name',
      'm.kind',
      'm.body',
      'm.accepted',
      'm.counts_toward_quota',
      'm.decision',
      'm.created_at',
    ])
    .where('m.ticket_id', '=', id)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  const deliveries = await deliveriesOf(ctx.db, id);
  const mail = await mailOfMessages(
    ctx.db,
    messages.map((m) => m.id),
  );
  const sameSenderUnknown =
    ticket.customer_id === null && ticket.sender_email !== null
      ? await unknownTicketsFrom(ctx.db, ticket.sender_email, id)
      : [];
  return {
    sameSenderUnknown,
    ticket: {
      ...toTicketSummary(ctx.rules, ticket),
      intakeDecision: decisionSchema.parse(JSON.parse(ticket.intake_decision)),
      ruleSetVersion: ticket.rule_set_version,
    },
    messages: messages.map((m) => ({
      id: m.id,
      authorKind: m.author_kind,
      authorName: m.author_kind === 'customer' ? (customer?.name ?? senderName) : (m.staff_name ?? 'Staff'),
      kind: m.kind,
      body: m.body,
      accepted: m.accepted === 1,
      countsTowardQuota: m.counts_toward_quota === 1,
      decision: m.decision ? decisionSchema.parse(JSON.parse(m.decision)) : null,
      createdAt: m.created_at,
      delivery: deliveries.get(m.id) ?? null,
      mail: mail.get(m.id) ?? null,
    })),
    customer: customer
      ? toCustomerSummary(ctx.rules, customer, usageOf(customer), customer.manager_name)
      : null,
  };
};

export const createTicket: Handler<'tickets.create'> = async (ctx, input) => {
  const now = ctx.now();
  const { ticketId, decision } = await ctx.write((w) => openTicket(ctx, w, input, now));
  const ticket = await getTicket(ctx, { id: ticketId });
  return { ticket, decision };
};

export interface OpenTicketOptions {
  /**
   * Whether a refusal is e-mailed to the customer. The mail intake says no for an automatic mail or
   * an address it has answered too often (a mail loop must never start).
   */
  notifyRefusal?: boolean;
  /** The language the refusal is e-mailed in: the website post's (English otherwise). */
  locale?: DraftLocale;
}

/**
 * One incoming item becomes a ticket with its first message, decided by admit, inside the caller's
 * write: the console's "New ticket" and every channel's intake (the website's posts, the mail
 * intake) go through it, so the decision, the SLA clock, the call request and the refusal notice
 * are the same wherever an item comes from.
 */
export async function openTicket(
  ctx: Pick<Core, 'rules' | 'sla'>,
  w: WriteScope,
  input: Omit<TicketCreateInput, 'priority'> & { priority?: TicketCreateInput['priority'] },
  now: number,
  options: OpenTicketOptions = {},
): Promise<{ ticketId: number; messageId: number; decision: AdmitDecision; customer: CustomerRow }> {
  const intake = intakeFor(input);
  // Read the balance inside the transaction so two intakes cannot both spend the last message.
  const customer = await findCustomerForDecision(w.db, input.customerId);
  if (!customer) throw notFound('customer', input.customerId, 'customerId');
  const usage = await ruleUsageOf(w.db, ctx.rules, customer.id);
  const decision: AdmitDecision = admit(ctx.rules, ruleCustomerOf(customer), usage, intake, now);
  const accepted = decision.outcome === 'accept';
  const clock = accepted
    ? firstResponseClock(ctx.rules, input.channel, customer.plan_id, now)
    : { startsAt: now, dueAt: null };
  // A client's personal manager is offered their new tickets first, unless a lead turned it off.
  const manager = accepted ? await activeAssignment(w.db, customer.id) : undefined;
  const offerToManager = manager !== undefined && (await readSettings(w.db)).offerToManagerFirst;
  const ticketValues = {
    customer_id: customer.id,
    channel: input.channel,
    subject: input.subject,
    status: 'new' as const,
    priority: input.priority ?? 'normal',
    assignee_id: offerToManager && manager ? manager.manager_id : null,
    created_at: now,
    updated_at: now,
    clock_starts_at: clock.startsAt,
    first_response_at: null,
    first_response_due_at: clock.dueAt,
    due_at: clock.dueAt,
    last_customer_message_at: now,
    last_staff_message_at: null,
    intake_outcome: decision.outcome,
    intake_reason_code: decision.reason.code,
    intake_reason: decision.reason.text,
    intake_decision: JSON.stringify(decision),
    rule_set_version: ruleSetVersion(ctx.rules),
    flagged_not_entitled: 0 as const,
    // Measured for good against the rule version, plan and targets in force at arrival.
    ...slaColumnsAtArrival(ctx, input.channel, customer.plan_id, accepted),
  };
  const ticket = await w.db
    .insertInto('tickets')
    .values(ticketValues)
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.audit({
    entity: 'ticket',
    entityId: ticket.id,
    before: null,
    after: { id: ticket.id, ...ticketValues },
  });
  await recordSlaEvent(ctx, w, ticket.id, { kind: 'arrival', at: now }, now);

  const messageValues = {
    ticket_id: ticket.id,
    customer_id: customer.id,
    author_kind: 'customer' as const,
    author_staff_id: null,
    kind: input.channel === 'blog_comment' ? ('blog_comment' as const) : ('question' as const),
    body: input.body,
    accepted: accepted ? (1 as const) : (0 as const),
    counts_toward_quota: decision.quota?.counts && accepted ? (1 as const) : (0 as const),
    decision: JSON.stringify(decision),
    created_at: now,
  };
  const message = { id: await insertAuditedMessage(w, messageValues) };

  if (input.channel === 'phone' && accepted && input.callRequest) {
    const callValues = {
      ticket_id: ticket.id,
      customer_id: customer.id,
      agent_id: null,
      status: 'requested' as const,
      questions: JSON.stringify(input.callRequest.questions.map((q) => q.trim()).filter((q) => q.length > 0)),
      contact_email: input.callRequest.contactEmail.trim(),
      tool: input.callRequest.tool as 'skype' | 'google_meet',
      customer_zone: customer.zone,
      starts_at: null,
      ends_at: null,
      link: null,
      ical_uid: `call-${ticket.id}-${now}@support-console`,
      ical_sequence: 0,
      flagged_for_review: 0 as const,
      created_at: now,
      updated_at: now,
    };
    const call = await w.db.insertInto('calls').values(callValues).returning('id').executeTakeFirstOrThrow();
    await w.audit({
      entity: 'call',
      entityId: call.id,
      before: null,
      after: { id: call.id, ...callValues },
    });
    w.changed({ topics: ['calls'] });
  }

  if (!accepted && options.notifyRefusal !== false) {
    const notice = refusalNotice(ctx.rules, input.subject, decision, options.locale);
    await queueNotice(w, {
      at: now,
      customer,
      ticketId: ticket.id,
      kind: 'intake_refused' as const,
      notice,
      sourceMessageId: message.id,
    });
  }
  w.changed({
    topics: ['tickets', 'messages', 'customers'],
    ticketIds: [ticket.id],
    customerIds: [customer.id],
  });
  return { ticketId: ticket.id, messageId: message.id, decision, customer };
}

export const assignTicket: Handler<'tickets.assign'> = async (ctx, input) => {
  const { ticketId, assigneeId } = input;
  if (assigneeId !== null) {
    // An agent claiming for themself was just read by the sign-in check.
    const staff = ctx.actor?.id === assigneeId ? ctx.actor : await findStaff(ctx.db, assigneeId);
    if (!staff) throw notFound('staff member', assigneeId, 'assigneeId');
    if (staff.active !== 1) {
      throw new ApiError(
        'invalid_input',
        `${staff.name} is not active and cannot take tickets.`,
        'assigneeId',
      );
    }
  }
  await ctx.write(async (w) => {
    // With its holder's name: a claim lost to a colleague (common in a busy queue) says who has it.
    const ticket = await w.db
      .selectFrom('tickets as t')
      .leftJoin('staff as h', 'h.id', 't.assignee_id')
      .select(['t.assignee_id', 't.customer_id', 'h.name as holder_name'])
      .where('t.id', '=', ticketId)
      .executeTakeFirst();
    if (!ticket) throw notFound('ticket', ticketId, 'ticketId');
    const expected = input.expectedAssigneeId === undefined ? ticket.assignee_id : input.expectedAssigneeId;
    if (ticket.assignee_id !== expected) throw takenBy(ticket.holder_name);
    if (ticket.assignee_id === assigneeId) {
      throw new ApiError(
        'conflict',
        'The ticket is already assigned that way; nothing changed.',
        'assigneeId',
      );
    }
    const at = ctx.now();
    // Changed only if it is still held as read: on PostgreSQL a concurrent claim that committed
    // first makes this update match no row (it waits for that claim's row lock, then re-reads).
    const updated = await w.db
      .updateTable('tickets')
      .set({ assignee_id: assigneeId, updated_at: at })
      .where('id', '=', ticketId)
      .where('assignee_id', expected === null ? 'is' : '=', expected)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw await takenMeanwhile(w.db, (await loadTicket(w.db, ticketId)).assignee_id);
    }
    await w.audit({
      entity: 'ticket',
      entityId: ticketId,
      before: { assignee_id: ticket.assignee_id },
      after: { assignee_id: assigneeId },
    });
    w.changed({ topics: ['tickets'], ticketIds: [ticketId], customerIds: idsOf(ticket.customer_id) });
  });
  return ticketSummary(ctx, ticketId);
};

/** The ticket changed hands since the person looked: say who holds it now. */
async function takenMeanwhile(db: Kysely<Database>, holderId: number | null): Promise<ApiError> {
  const holder = holderId === null ? undefined : await findStaff(db, holderId);
  return takenBy(holder?.name ?? null);
}

function takenBy(holderName: string | null): ApiError {
  return new ApiError(
    'conflict',
    holderName !== null
      ? `${holderName} has this ticket now; nothing changed.`
      : 'Nobody has this ticket any more; nothing changed.',
    'assigneeId',
  );
}

export const setTicketStatus: Handler<'tickets.setStatus'> = async (ctx, { ticketId, status }) => {
  await ctx.write(async (w) => {
    const ticket = await loadTicket(w.db, ticketId);
    if (ticket.status === status)
      throw new ApiError('conflict', `The ticket is already ${status}.`, 'status');
    if (ticket.status === 'closed') {
      throw new ApiError('conflict', 'A closed ticket cannot change; open a new ticket instead.', 'status');
    }
    if (status === 'new') throw new ApiError('invalid_input', 'A ticket cannot go back to new.', 'status');
    const at = ctx.now();
    // Waiting on the customer and solved pause the clock, closed stops it; coming back to open
    // resumes it where it stopped (sla/timeline.ts), so the deadline is the clock's.
    await w.db.updateTable('tickets').set({ status, updated_at: at }).where('id', '=', ticketId).execute();
    const clock = await recordStatusChange(ctx, w, ticketId, ticket.status, status, at);
    const dueAt = clock ? clock.dueAt : ticket.due_at;
    await w.audit({
      entity: 'ticket',
      entityId: ticketId,
      before: { status: ticket.status, due_at: ticket.due_at },
      after: { status, due_at: dueAt },
    });
    w.changed({ topics: ['tickets'], ticketIds: [ticketId], customerIds: idsOf(ticket.customer_id) });
  });
  return ticketSummary(ctx, ticketId);
};

/** A ticket's customer as a change's customer ids: none for an unknown sender's ticket. */
export function idsOf(customerId: number | null): number[] {
  return customerId === null ? [] : [customerId];
}
