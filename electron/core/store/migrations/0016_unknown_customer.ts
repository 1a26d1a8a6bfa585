import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Mail from an address no customer has becomes a ticket of its own, marked "unknown customer", that
 * staff read, answer and later link to a customer (handlers/link-customer.ts).
 *
 * - `tickets.customer_id`, `messages.customer_id` and `outbox.customer_id` may be null: such a
 *   ticket, its messages and the answers mailed to its sender belong to no customer yet.
 *   `tickets.intake_outcome` gains `undecided`: without a plan the rules cannot say what the sender
 *   may use, and the ticket says so (reason code `unknown_customer`). On SQLite the three tables are
 *   rebuilt (SchemaDialect.relaxColumns), keeping every row, id, index, trigger and reference.
 * - `tickets.sender_email`, `tickets.sender_name`: who wrote, for a ticket without a customer
 *   (answers go to that address); kept after the link as where the ticket came from. The intake
 *   writes one or the other on every new ticket.
 * - `customer_addresses`: further addresses of a customer, learnt when staff link an unknown
 *   sender's ticket to them, so the next mail from that address finds the customer.
 * - The mails held in `mail_inbound` for a customer (outcome `unknown_sender`, their text in `body`)
 *   each become such a ticket now, with its first message, arrival and attachments still listed:
 *   `ticket_id` and `message_id` are set and `body` is cleared (the text lives in the message).
 */
export const unknownCustomer: Migration = {
  name: '0016_unknown_customer',
  foreignKeysOff: true,
  async up(db, dialect) {
    await dialect.relaxColumns(db, 'tickets', [
      { column: 'customer_id', dropNotNull: true },
      { column: 'intake_outcome', allow: ['accept', 'refuse', 'undecided'] },
    ]);
    await dialect.relaxColumns(db, 'messages', [{ column: 'customer_id', dropNotNull: true }]);
    await dialect.relaxColumns(db, 'outbox', [{ column: 'customer_id', dropNotNull: true }]);
    await db.schema.alterTable('tickets').addColumn('sender_email', 'text').execute();
    await db.schema.alterTable('tickets').addColumn('sender_name', 'text').execute();
    // The unknown customer view: few rows, found by the customer_id part of tickets_customer_created.

    await db.schema
      .createTable('customer_addresses')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      /** Lower case, as the intake compares it. */
      .addColumn('address', 'text', (c) => c.notNull().unique())
      /** The ticket whose link taught it. */
      .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
      .addColumn('added_by', 'integer', (c) => c.references('staff.id'))
      .addColumn('added_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('customer_addresses_customer')
      .on('customer_addresses')
      .column('customer_id')
      .execute();

    await ticketsForHeldMail(db);
  },
};

const UNKNOWN_REASON =
  'No customer has the address {address}, so what the sender may use cannot be decided: link the ticket to a customer and the rules decide for their plan.';

const NO_ADDRESS_REASON =
  'This mail came without a sender address: nothing can be decided, and no answer can be e-mailed, until the ticket is linked to a customer.';

async function ticketsForHeldMail(db: Kysely<unknown>): Promise<void> {
  const held = await sql<{
    id: number;
    from_address: string | null;
    from_name: string | null;
    subject: string;
    received_at: number;
    body: string | null;
  }>`select id, from_address, from_name, subject, received_at, body from mail_inbound
     where outcome = 'unknown_sender' and ticket_id is null order by id`.execute(db);
  if (held.rows.length === 0) return;
  // The rule set in force when the app last started: the version these tickets are measured by.
  const version = await sql<{ version: number; label: string }>`
    select version, label from rule_set_versions order by version desc limit 1`.execute(db);
  const rules = version.rows[0];
  for (const mail of held.rows) {
    // A mail without a readable sender has no address: nobody to answer until it is linked.
    const address = (mail.from_address ?? '').trim().toLowerCase() || null;
    const at = Number(mail.received_at);
    const reason =
      address === null
        ? { code: 'unknown_customer.no_address', params: {}, text: NO_ADDRESS_REASON }
        : {
            code: 'unknown_customer',
            params: { address },
            text: UNKNOWN_REASON.replace('{address}', address),
          };
    const decision = {
      outcome: 'undecided',
      reason,
      ruleIds: [],
      alternatives: [],
      quota: null,
      openNow: true,
      nextOpen: null,
    };
    const subject = (mail.subject || '(no subject)').slice(0, 200);
    const ticket = await sql<{ id: number }>`
      insert into tickets (customer_id, channel, subject, status, priority, assignee_id, created_at,
        updated_at, clock_starts_at, first_response_at, first_response_due_at, due_at,
        last_customer_message_at, last_staff_message_at, intake_outcome, intake_reason_code,
        intake_reason, intake_decision, rule_set_version, flagged_not_entitled, sla_rule_version,
        sla_plan_id, first_response_target_minutes, next_response_target_minutes, sender_email,
        sender_name)
      values (null, 'email', ${subject}, 'new', 'normal', null, ${at}, ${at}, ${at}, null, null, null,
        ${at}, null, 'undecided', ${reason.code}, ${reason.text}, ${JSON.stringify(decision)},
        ${rules?.label ?? 'unknown'}, 0, ${rules?.version ?? null}, null, null, null, ${address},
        ${mail.from_name})
      returning id`.execute(db);
    const ticketId = ticket.rows[0]?.id;
    if (ticketId === undefined) throw new Error('The ticket for a held mail was not written');
    const message = await sql<{ id: number }>`
      insert into messages (ticket_id, customer_id, author_kind, author_staff_id, kind, body, accepted,
        counts_toward_quota, decision, created_at)
      values (${ticketId}, null, 'customer', null, 'question', ${mail.body || '(no text)'}, 1, 0,
        ${JSON.stringify(decision)}, ${at})
      returning id`.execute(db);
    const messageId = message.rows[0]?.id;
    if (messageId === undefined) throw new Error('The message for a held mail was not written');
    await sql`insert into sla_events (ticket_id, at, kind, staff_id) values (${ticketId}, ${at}, 'arrival', null)`.execute(
      db,
    );
    await sql`update mail_inbound set ticket_id = ${ticketId}, message_id = ${messageId}, body = null
      where id = ${mail.id}`.execute(db);
  }
}
