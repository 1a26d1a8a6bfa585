// Tickets from an unknown sender: mail from an address no customer has becomes a ticket with no
// customer (intake `undecided`, reason `unknown_customer`), which staff read and answer by mail to the
// sender's address; linking it to a customer decides it for their plan, in one audited write.
import { sql } from 'kysely';
import type { AdmitDecision, Decision } from '../../../shared/domain';
import type { Core, HandlerContext, WriteScope } from '../api/context';
import { autoAnswersUsedUp } from '../channels/auto-answers';
import { ApiError, notFound } from '../api/errors';
import type { Handler } from '../api/handler';
import { admit, ruleSetVersion, unknownSenderDecision } from '../rules';
import { firstResponseClock } from '../sla/clock';
import { recomputeTicketSla, slaColumnsAtArrival } from '../sla/record';
import { findCustomerForDecision } from '../store/queries/customers';
import { unknownTicketsFrom } from '../store/queries/tickets';
import type { CustomerRow, TicketRow } from '../store/schema';
import { insertAuditedMessage } from './messages';
import { queueNotice, refusalNotice } from './notices';
import { ruleCustomerOf, ruleUsageOf } from './rule-inputs';
import { getTicket, intakeFor, loadTicket } from './tickets';

export interface UnknownSenderMail {
  /** Lower case; null for a mail without a readable sender (kept and read; nobody to answer). */
  email: string | null;
  name: string | null;
  subject: string;
  body: string;
}

/**
 * A ticket for mail from an address no customer has, inside the caller's write: no customer, no plan,
 * so no decision on entitlements and no SLA target (no due time) until someone links it.
 */
export async function openUnknownSenderTicket(
  ctx: Pick<Core, 'rules' | 'sla'>,
  w: WriteScope,
  mail: UnknownSenderMail,
  now: number,
): Promise<{ ticketId: number; messageId: number; decision: Decision }> {
  const decision = unknownSenderDecision('question', mail.email, now);
  const ticketValues = {
    customer_id: null,
    channel: 'email' as const,
    subject: mail.subject,
    status: 'new' as const,
    priority: 'normal' as const,
    assignee_id: null,
    created_at: now,
    updated_at: now,
    clock_starts_at: now,
    first_response_at: null,
    first_response_due_at: null,
    due_at: null,
    last_customer_message_at: now,
    last_staff_message_at: null,
    intake_outcome: 'undecided' as const,
    intake_reason_code: decision.reason.code,
    intake_reason: decision.reason.text,
    intake_decision: JSON.stringify(decision),
    rule_set_version: ruleSetVersion(ctx.rules),
    flagged_not_entitled: 0 as const,
    sla_rule_version: ctx.sla.versions.versionOf(ctx.rules),
    sla_plan_id: null,
    first_response_target_minutes: null,
    next_response_target_minutes: null,
    sender_email: mail.email,
    sender_name: mail.name,
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
  // The arrival is on record from the start: once linked, the clock is measured from it.
  const event = { ticket_id: ticket.id, at: now, kind: 'arrival' as const, staff_id: null };
  const slaEvent = await w.db
    .insertInto('sla_events')
    .values(event)
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.audit({ entity: 'sla_event', entityId: slaEvent.id, before: null, after: event });
  const messageValues = {
    ticket_id: ticket.id,
    customer_id: null,
    author_kind: 'customer' as const,
    author_staff_id: null,
    kind: 'question' as const,
    body: mail.body,
    accepted: 1 as const,
    counts_toward_quota: 0 as const,
    decision: JSON.stringify(decision),
    created_at: now,
  };
  const message = { id: await insertAuditedMessage(w, messageValues) };
  w.changed({ topics: ['tickets', 'messages'], ticketIds: [ticket.id] });
  return { ticketId: ticket.id, messageId: message.id, decision };
}

export const linkTicketCustomer: Handler<'tickets.linkCustomer'> = async (ctx, { ticketId, customerId }) => {
  const now = ctx.now();
  const { decision, alsoLinked } = await ctx.write(async (w) => {
    const ticket = await loadTicket(w.db, ticketId);
    if (ticket.customer_id !== null) {
      throw new ApiError(
        'conflict',
        `Ticket ${ticketId} already belongs to a customer (id ${ticket.customer_id}); nothing changed.`,
        'ticketId',
      );
    }
    // Locked on PostgreSQL like every decision's customer: the quota it reads is the one it spends.
    const customer = await findCustomerForDecision(w.db, customerId);
    if (!customer) throw notFound('customer', customerId, 'customerId');

    const first = await linkOne(ctx, w, ticket, customer, now);
    if (!first) {
      throw new ApiError('conflict', `Ticket ${ticketId} was linked meanwhile; nothing changed.`, 'ticketId');
    }
    // The sender is now known as this customer, so the tickets they opened while unknown are theirs
    // too: each is decided in turn, oldest first, against the quota the ones before it left (as if
    // their mails had come from a known address). Not when the address stays another's.
    const others =
      first.address !== null && first.addressIsTheirs
        ? await unknownTicketsFrom(w.db, first.address, ticket.id)
        : [];
    const alsoLinked: { ticketId: number; decision: Decision }[] = [];
    for (const otherId of others) {
      const linked = await linkOne(ctx, w, await loadTicket(w.db, otherId), customer, now);
      if (linked) alsoLinked.push({ ticketId: otherId, decision: linked.decided });
    }
    w.changed({
      topics: ['tickets', 'messages', 'customers'],
      ticketIds: [ticket.id, ...alsoLinked.map((l) => l.ticketId)],
      customerIds: [customer.id],
    });
    return { decision: first.decided, alsoLinked };
  });
  return { ticket: await getTicket(ctx, { id: ticketId }), decision, alsoLinked };
};

/**
 * One unknown ticket given to the customer, inside the caller's write: decided for their plan, the
 * SLA clock from the mail's arrival, its messages and mail moved, a refusal mailed (within the daily
 * cap on automatic answers), the address remembered, all audited.
 */
async function linkOne(
  ctx: HandlerContext,
  w: WriteScope,
  ticket: TicketRow,
  customer: CustomerRow,
  now: number,
): Promise<{ decided: AdmitDecision; address: string | null; addressIsTheirs: boolean } | null> {
  // Decided now, for the customer's plan, as if the first mail had come from their address.
  const usage = await ruleUsageOf(w.db, ctx.rules, customer.id);
  const decided = admit(
    ctx.rules,
    ruleCustomerOf(customer),
    usage,
    intakeFor({ channel: ticket.channel }),
    now,
  );
  const accepted = decided.outcome === 'accept';
  // The SLA clock runs from the mail's arrival, as for every ticket: the time it waited unknown
  // counts (the Unknown customer view shows it oldest first so it does not wait long).
  const clock = accepted
    ? firstResponseClock(ctx.rules, ticket.channel, customer.plan_id, ticket.created_at)
    : { startsAt: ticket.created_at };
  const ticketAfter = {
    customer_id: customer.id,
    intake_outcome: decided.outcome,
    intake_reason_code: decided.reason.code,
    intake_reason: decided.reason.text,
    intake_decision: JSON.stringify(decided),
    rule_set_version: ruleSetVersion(ctx.rules),
    clock_starts_at: clock.startsAt,
    updated_at: now,
    ...slaColumnsAtArrival(ctx, ticket.channel, customer.plan_id, accepted),
  };
  const updated = await w.db
    .updateTable('tickets')
    .set(ticketAfter)
    .where('id', '=', ticket.id)
    .where('customer_id', 'is', null)
    .executeTakeFirst();
  // Linked meanwhile by someone else (nothing written yet): the caller says what that means.
  if (Number(updated.numUpdatedRows) !== 1) return null;
  await w.audit({
    entity: 'ticket',
    entityId: ticket.id,
    before: {
      customer_id: null,
      intake_outcome: ticket.intake_outcome,
      intake_reason_code: ticket.intake_reason_code,
      sender_email: ticket.sender_email,
    },
    after: { ...ticketAfter, intake_decision: decided },
  });

  // The first mail is the item decided; later ones on the thread only move to the customer.
  const first = await w.db
    .selectFrom('messages')
    .select('id')
    .where('ticket_id', '=', ticket.id)
    .where('author_kind', '=', 'customer')
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  await w.db
    .updateTable('messages')
    .set({ customer_id: customer.id })
    .where('ticket_id', '=', ticket.id)
    .execute();
  if (first) {
    const firstAfter = {
      accepted: accepted ? (1 as const) : (0 as const),
      counts_toward_quota: accepted && decided.quota?.counts ? (1 as const) : (0 as const),
      decision: JSON.stringify(decided),
    };
    await w.db.updateTable('messages').set(firstAfter).where('id', '=', first.id).execute();
    await w.audit({
      entity: 'message',
      entityId: first.id,
      before: { customer_id: null },
      after: { customer_id: customer.id, ...firstAfter },
    });
  }
  await w.db
    .updateTable('outbox')
    .set({ customer_id: customer.id })
    .where('ticket_id', '=', ticket.id)
    .where('customer_id', 'is', null)
    .execute();

  const address = ticket.sender_email?.toLowerCase() ?? null;
  const kept =
    address !== null && (await rememberAddress(w, customer, address, ticket.id, ctx.actor?.id ?? null, now));

  const clockNow = await recomputeTicketSla(ctx, w, ticket.id, now);
  if (clockNow?.changed) {
    await w.audit({
      entity: 'ticket_sla',
      entityId: ticket.id,
      before: clockNow.before,
      after: clockNow.after,
    });
  }

  if (!accepted) {
    // The refusal is the customer's answer, as for every refused intake: once, never to a machine.
    const machine = await w.db
      .selectFrom('mail_inbound')
      .select('auto_submitted')
      .where('ticket_id', '=', ticket.id)
      .where('auto_submitted', '=', 1)
      .executeTakeFirst();
    // Within the daily cap on automatic answers: linking a sender's many tickets mails a few refusals.
    if (!machine && !(await autoAnswersUsedUp(w.db, customer.account_email, now))) {
      const notice = refusalNotice(ctx.rules, ticket.subject, decided);
      await queueNotice(w, { at: now, customer, ticketId: ticket.id, kind: 'intake_refused', notice });
    }
  }
  await w.audit({
    entity: 'ticket_link',
    entityId: ticket.id,
    before: null,
    after: { customer_id: customer.id, address, address_kept: kept, outcome: decided.outcome },
  });
  return {
    decided,
    address,
    addressIsTheirs: address !== null && (kept || customer.account_email.toLowerCase() === address),
  };
}

/**
 * The sender's address becomes one of the customer's, so their next mail finds them. Not when it is
 * already their account address, nor when another customer has it (a choice for staff, not for a
 * link); returns whether it was kept.
 */
async function rememberAddress(
  w: WriteScope,
  customer: { id: number; account_email: string },
  address: string,
  ticketId: number,
  staffId: number | null,
  now: number,
): Promise<boolean> {
  if (customer.account_email.toLowerCase() === address) return false;
  const taken = await w.db
    .selectFrom('customers')
    .select('id')
    .where(sql<string>`lower(account_email)`, '=', address)
    .executeTakeFirst();
  if (taken) return false;
  const known = await w.db
    .selectFrom('customer_addresses')
    .select('customer_id')
    .where('address', '=', address)
    .executeTakeFirst();
  if (known) return known.customer_id === customer.id;
  const values = { customer_id: customer.id, address, ticket_id: ticketId, added_by: staffId, added_at: now };
  const row = await w.db
    .insertInto('customer_addresses')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.audit({
    entity: 'customer_address',
    entityId: row.id,
    before: null,
    after: { id: row.id, ...values },
  });
  return true;
}

/** The customer whose account address or a further address (customer_addresses) this is. */
export async function customerByAddress(
  w: Pick<WriteScope, 'db'>,
  address: string,
): Promise<{ id: number; account_email: string } | undefined> {
  const own = await w.db
    .selectFrom('customers')
    .select(['id', 'account_email'])
    .where(sql<string>`lower(account_email)`, '=', address)
    .executeTakeFirst();
  if (own) return own;
  return w.db
    .selectFrom('customer_addresses as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .select(['c.id', 'c.account_email'])
    .where('a.address', '=', address)
    .executeTakeFirst();
}
