// One outbox row as the mail nodemailer sends. Every header comes from a value checked here: the
// recipient must be one plain address, the subject loses any line break or control character, the
// thread ids must be well-formed ids. A subject or an address crafted to add a header ("…\r\nBcc: …")
// can therefore never reach the wire as a header of its own (nodemailer encodes what is left).
import type { SendMailOptions } from 'nodemailer';
import type { OutboxRow } from '../../store/schema';
import { withTicketToken } from '../thread-token';
import { isMessageId, type ThreadHeaders } from '../thread-references';
import type { MailOutConfig } from './settings';

export class InvalidRecipientError extends Error {
  override name = 'InvalidRecipientError';
}

// One address, no display name, no comments, no list: what the console stores for a customer.
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function checkAddress(value: string): string {
  const address = value.trim();
  if (address.length > 254 || !ADDRESS.test(address)) {
    const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
    throw new InvalidRecipientError(`${shown} is not one plain e-mail address; nothing was sent.`);
  }
  return address;
}

/** Line breaks and other control characters become spaces: a subject is one line. */
export function headerLine(value: string, max = 900): string {
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max) : flat;
}

/** The METHOD an .ics text declares (REQUEST, CANCEL, PUBLISH), if any. */
export function icsMethod(ics: string): string | null {
  const match = /^METHOD:([A-Z-]+)\r?$/m.exec(ics);
  return match?.[1] ?? null;
}

export function composeMail(
  row: Pick<OutboxRow, 'to_email' | 'subject' | 'body' | 'attachment' | 'ticket_id' | 'message_id' | 'kind'>,
  config: Pick<MailOutConfig, 'fromAddress' | 'fromName'>,
  thread: ThreadHeaders,
): SendMailOptions {
  const to = checkAddress(row.to_email);
  const from = checkAddress(config.fromAddress);
  const subject = headerLine(
    row.ticket_id === null ? row.subject : withTicketToken(row.subject, row.ticket_id),
  );
  const mail: SendMailOptions = {
    from: { name: headerLine(config.fromName, 100), address: from },
    to: { name: '', address: to },
    subject,
    text: row.body,
    // Ours from the queue (0011): a retry sends the same id, so the customer sees one message.
    ...(row.message_id !== null && isMessageId(row.message_id) ? { messageId: row.message_id } : {}),
    ...(thread.inReplyTo ? { inReplyTo: thread.inReplyTo } : {}),
    ...(thread.references.length > 0 ? { references: thread.references } : {}),
    // A refusal is an automatic answer to the customer's mail: their auto-responder must not answer
    // it in turn (RFC 3834). Answers are people's words and carry no such header.
    ...(row.kind === 'intake_refused' ? { headers: { 'Auto-Submitted': 'auto-replied' } } : {}),
  };
  const method = row.attachment !== null ? icsMethod(row.attachment) : null;
  if (row.attachment !== null && method !== null) {
    // A calendar program acts on an invitation only when the text/calendar part declares its
    // method: REQUEST books or moves the call, CANCEL removes it (RFC 6047).
    mail.icalEvent = { method, filename: 'invitation.ics', content: row.attachment };
  } else if (row.attachment !== null) {
    mail.attachments = [{ filename: 'attachment.txt', content: row.attachment }];
  }
  return mail;
}
