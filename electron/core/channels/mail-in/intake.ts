// One mail becomes a ticket or a message, in one write together with the mark that it was read: a
// crash before the commit leaves the mail unread (it is read again), after it leaves it read (never
// twice). Threading, then the customer, then `admit`, like every intake.
import { sql } from 'kysely';
import type { Core, WriteScope } from '../../api/context';
import { runWrite } from '../../api/write';
import { writeMessage } from '../../handlers/messages';
import { openTicket } from '../../handlers/tickets';
import type { Database, MailOutcome, TicketRow } from '../../store/schema';
import type { Transaction } from 'kysely';
import { customerByAddress, openUnknownSenderTicket } from '../../handlers/unknown-customer';
import { autoAnswersUsedUp } from '../auto-answers';
import { findTicketToken } from '../thread-token';
import type { InboundMail } from './parse';

/** Where a mail sits in the mailbox: what makes it the same mail across restarts. */
export interface MailPlace {
  mailbox: string;
  uidValidity: number;
  uid: number;
}

const MAX_SUBJECT = 200;

export interface IntakeOptions {
  /** Our own addresses (the mailbox's, the sender's): a mail from them is never taken in. */
  ownAddresses?: readonly string[];
}

export interface IntakeResult {
  outcome: MailOutcome | 'already';
  ticketId: number | null;
  messageId: number | null;
  note: string | null;
}

export async function takeInMail(
  core: Core,
  place: MailPlace,
  mail: InboundMail,
  options: IntakeOptions = {},
): Promise<IntakeResult> {
  return runWrite(core, 'mail.intake', null, async (w) => {
    const seen = await inboundAt(w, place);
    if (seen) {
      // Another process (a leader that just lost its lease) took it in first: nothing to do, but the
      // write needs its audit entry, and a no-op one costs nothing.
      await w.audit({ entity: 'mail_inbound', entityId: seen.id, before: null, after: { already: true } });
      return { outcome: 'already' as const, ticketId: null, messageId: null, note: null };
    }
    const now = core.now();
    const decided = await decide(core, w, mail, now, options);
    const values = {
      mailbox: place.mailbox,
      uid_validity: place.uidValidity,
      uid: place.uid,
      sha256: mail.sha256,
      rfc_message_id: mail.messageId,
      from_address: mail.fromAddress,
      from_name: mail.fromName,
      subject: mail.subject.slice(0, 1000),
      size: mail.size,
      received_at: now,
      outcome: decided.outcome,
      note: [...mail.notes, ...(decided.note ? [decided.note] : [])].join(' ') || null,
      auto_submitted: mail.autoSubmitted ? (1 as const) : (0 as const),
      ticket_id: decided.ticketId,
      message_id: decided.messageId,
      body: null,
    };
    const row = await w.db
      .insertInto('mail_inbound')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    if (decided.outcome !== 'skipped') {
      for (const a of mail.attachments) {
        await w.db
          .insertInto('mail_attachments')
          .values({
            inbound_id: row.id,
            filename: a.filename,
            content_type: a.contentType,
            size: a.size,
            content: a.content,
          })
          .execute();
      }
    }
    const { body: _body, ...logged } = values;
    await w.audit({
      entity: 'mail_inbound',
      entityId: row.id,
      before: null,
      after: { id: row.id, ...logged, attachments: mail.attachments.length },
    });
    await markRead(w.db, place);
    w.changed({ topics: ['settings'] });
    return { ...decided, note: values.note };
  });
}

/** A mail that could not be read at all: logged as failed, and marked so the worker goes on. */
export async function recordFailedMail(
  core: Core,
  place: MailPlace,
  facts: { size: number; sha256: string; error: string },
): Promise<void> {
  await runWrite(core, 'mail.intake', null, async (w) => {
    const seen = await inboundAt(w, place);
    const values = {
      mailbox: place.mailbox,
      uid_validity: place.uidValidity,
      uid: place.uid,
      sha256: facts.sha256,
      rfc_message_id: null,
      from_address: null,
      from_name: null,
      subject: '',
      size: facts.size,
      received_at: core.now(),
      outcome: 'failed' as const,
      note: facts.error.slice(0, 500),
      ticket_id: null,
      message_id: null,
      body: null,
    };
    const row =
      seen ??
      (await w.db.insertInto('mail_inbound').values(values).returning('id').executeTakeFirstOrThrow());
    await w.audit({
      entity: 'mail_inbound',
      entityId: row.id,
      before: null,
      after: { id: row.id, ...values },
    });
    await markRead(w.db, place);
    w.changed({ topics: ['settings'] });
  });
}

async function markRead(db: Transaction<Database>, place: MailPlace): Promise<void> {
  const updated = await db
    .updateTable('mail_mailbox_state')
    .set((eb) => ({
      last_uid: sql<number>`case when ${eb.ref('last_uid')} < ${place.uid} then ${place.uid} else ${eb.ref('last_uid')} end`,
    }))
    .where('mailbox', '=', place.mailbox)
    .where('uid_validity', '=', place.uidValidity)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    throw new Error(
      `The mailbox ${place.mailbox} is no longer at UIDVALIDITY ${place.uidValidity}; the mail is read again.`,
    );
  }
}

interface Decided {
  outcome: MailOutcome;
  ticketId: number | null;
  messageId: number | null;
  note: string | null;
}

async function decide(
  core: Core,
  w: WriteScope,
  mail: InboundMail,
  now: number,
  options: IntakeOptions,
): Promise<Decided> {
  const skip = (note: string): Decided => ({ outcome: 'skipped', ticketId: null, messageId: null, note });
  const own = (options.ownAddresses ?? []).map((a) => a.toLowerCase());
  if (mail.fromAddress && own.includes(mail.fromAddress)) return skip('own_address');
  if (await seenBefore(w, mail)) return skip('duplicate');

  // The account address, or one staff taught by linking an earlier mail from it.
  const sender = mail.fromAddress ? await customerByAddress(w, mail.fromAddress) : undefined;
  const subject = (mail.subject || '(no subject)').slice(0, MAX_SUBJECT);

  const thread = await threadOf(w, mail);
  if (thread && thread.status !== 'closed') {
    const notify = await mayAnswer(w, mail, now, thread.id);
    const { messageId } = await writeMessage(
      core,
      w,
      {
        ticketId: thread.id,
        kind: thread.channel === 'blog_comment' ? 'blog_comment' : 'question',
        body: mail.text,
      },
      null,
      now,
      { notifyRefusal: notify.allowed },
    );
    return { outcome: 'message', ticketId: thread.id, messageId, note: notify.note };
  }

  // A closed ticket is not reopened by mail: the answer opens a new one for the same account.
  const customerId = sender?.id ?? thread?.customer_id ?? null;
  if (customerId === null) {
    // Nobody to decide for: a ticket of its own, marked unknown customer, for staff to read, answer
    // and link (a mail without a sender address too: nothing is lost, though nobody can be mailed).
    const opened = await openUnknownSenderTicket(
      core,
      w,
      { email: mail.fromAddress || null, name: mail.fromName, subject, body: mail.text },
      now,
    );
    return { outcome: 'unknown_sender', ticketId: opened.ticketId, messageId: opened.messageId, note: null };
  }
  const notify = await mayAnswer(w, mail, now, null);
  const opened = await openTicket(core, w, { customerId, channel: 'email', subject, body: mail.text }, now, {
    notifyRefusal: notify.allowed,
  });
  return { outcome: 'ticket', ticketId: opened.ticketId, messageId: opened.messageId, note: notify.note };
}

/** The same mail read before (another UID, an earlier UIDVALIDITY, delivered twice). */
/** The mail already taken in at this place of the mailbox, if any. */
function inboundAt(w: WriteScope, place: MailPlace): Promise<{ id: number } | undefined> {
  return w.db
    .selectFrom('mail_inbound')
    .select('id')
    .where('mailbox', '=', place.mailbox)
    .where('uid_validity', '=', place.uidValidity)
    .where('uid', '=', place.uid)
    .executeTakeFirst();
}

async function seenBefore(w: WriteScope, mail: InboundMail): Promise<boolean> {
  const same = await w.db
    .selectFrom('mail_inbound')
    .select('id')
    .where((eb) =>
      mail.messageId && mail.fromAddress
        ? eb.or([
            eb('sha256', '=', mail.sha256),
            eb.and([eb('rfc_message_id', '=', mail.messageId), eb('from_address', '=', mail.fromAddress)]),
          ])
        : eb('sha256', '=', mail.sha256),
    )
    .where('outcome', '!=', 'failed')
    .executeTakeFirst();
  return same !== undefined;
}

/**
 * The ticket a mail answers: by In-Reply-To/References against every Message-ID we received or sent,
 * then by the subject's [Ticket#N] token (a forward drops the headers). The token alone is trusted
 * only from the ticket's customer's address or domain: anyone can type a number in a subject.
 */
async function threadOf(w: WriteScope, mail: InboundMail): Promise<TicketRow | null> {
  if (mail.threadIds.length > 0) {
    const received = await w.db
      .selectFrom('mail_inbound')
      .select(['rfc_message_id as id', 'ticket_id'])
      .where('rfc_message_id', 'in', mail.threadIds)
      .where('ticket_id', 'is not', null)
      .execute();
    const sent = await w.db
      .selectFrom('outbox')
      .select(['message_id as id', 'ticket_id'])
      .where('message_id', 'in', mail.threadIds)
      .where('ticket_id', 'is not', null)
      .execute();
    const byId = new Map<string, number>();
    for (const r of [...received, ...sent]) if (r.id && r.ticket_id !== null) byId.set(r.id, r.ticket_id);
    for (const id of mail.threadIds) {
      const ticketId = byId.get(id);
      if (ticketId !== undefined) {
        const ticket = await w.db
          .selectFrom('tickets')
          .selectAll()
          .where('id', '=', ticketId)
          .executeTakeFirst();
        if (ticket) return ticket;
      }
    }
  }
  const token = findTicketToken(mail.subject);
  if (token === null || !mail.fromAddress) return null;
  const ticket = await w.db.selectFrom('tickets').selectAll().where('id', '=', token).executeTakeFirst();
  if (!ticket) return null;
  // The ticket's own addresses: its customer's account address (and those linked to them), or, on an
  // unknown sender's ticket, the sender's.
  const owners =
    ticket.customer_id === null
      ? [ticket.sender_email ?? '']
      : [
          (
            await w.db
              .selectFrom('customers')
              .select('account_email')
              .where('id', '=', ticket.customer_id)
              .executeTakeFirstOrThrow()
          ).account_email,
          ...(
            await w.db
              .selectFrom('customer_addresses')
              .select('address')
              .where('customer_id', '=', ticket.customer_id)
              .execute()
          ).map((a) => a.address),
        ];
  const from = mail.fromAddress;
  const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);
  return owners.some(
    (o) => o !== '' && (o.toLowerCase() === from || domainOf(o.toLowerCase()) === domainOf(from)),
  )
    ? ticket
    : null;
}

/**
 * Whether a refusal may be e-mailed for this mail: never to a machine (no mail loop can start),
 * once per ticket, and at most AUTO_ANSWERS_PER_DAY per address (channels/auto-answers.ts, shared
 * with the website).
 */
export async function mayAnswer(
  w: WriteScope,
  mail: Pick<InboundMail, 'autoSubmitted' | 'fromAddress'>,
  now: number,
  ticketId: number | null,
): Promise<{ allowed: boolean; note: string | null }> {
  if (mail.autoSubmitted) return { allowed: false, note: 'auto_submitted' };
  if (!mail.fromAddress) return { allowed: false, note: 'no_sender' };
  if (ticketId !== null) {
    const refused = await w.db
      .selectFrom('outbox')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .where('kind', '=', 'intake_refused')
      .executeTakeFirst();
    if (refused) return { allowed: false, note: 'already_answered' };
  }
  if (await autoAnswersUsedUp(w.db, mail.fromAddress, now))
    return { allowed: false, note: 'answer_rate_limited' };
  return { allowed: true, note: null };
}
