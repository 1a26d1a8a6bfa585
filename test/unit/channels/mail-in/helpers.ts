// Mail intake tests: a real Dovecot, mails put in by IMAP APPEND, read by the intake's own code.
import { randomUUID } from 'node:crypto';
import type { Dovecot } from '../../../support/dovecot';
import type { TestCore } from '../../helpers/core';
import { checkMailboxOnce, type ImapConnection } from '../../../../electron/core/channels/mail-in/worker';

export interface MailSpec {
  from: string;
  subject?: string;
  body?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  /** A whole MIME body with its own Content-Type header line(s), instead of `body`. */
  mime?: { contentType: string; body: string };
}

export function rawMail(spec: MailSpec): string {
  const lines = [
    `From: ${spec.from}`,
    'To: support@console.test',
    `Subject: ${spec.subject ?? 'A question'}`,
    `Date: Wed, 25 Nov 2026 10:00:00 +0000`,
    `Message-ID: ${spec.messageId ?? `<${randomUUID()}@customer.test>`}`,
    'MIME-Version: 1.0',
  ];
  if (spec.inReplyTo) lines.push(`In-Reply-To: ${spec.inReplyTo}`);
  if (spec.references) lines.push(`References: ${spec.references.join(' ')}`);
  for (const [k, v] of Object.entries(spec.headers ?? {})) lines.push(`${k}: ${v}`);
  if (spec.mime) {
    lines.push(`Content-Type: ${spec.mime.contentType}`, '', spec.mime.body);
  } else {
    lines.push('Content-Type: text/plain; charset=utf-8', '', spec.body ?? 'Hello, how do I export my data?');
  }
  return lines.join('\r\n') + '\r\n';
}

let boxes = 0;

/** A mailbox of its own for one test, and a way to read it as the worker does. */
export async function testMailbox(dovecot: Dovecot) {
  const mailbox = `T${process.pid}-${++boxes}-${Date.now()}`;
  await dovecot.createMailbox(mailbox);
  const connection: ImapConnection = {
    host: dovecot.host,
    port: dovecot.port,
    security: 'none',
    user: dovecot.user,
    password: dovecot.password,
    mailbox,
  };
  return {
    mailbox,
    connection,
    append: (spec: MailSpec | string | Buffer) =>
      dovecot.append(typeof spec === 'string' || Buffer.isBuffer(spec) ? spec : rawMail(spec), mailbox),
    read: (core: TestCore) => checkMailboxOnce(core.core, connection),
  };
}

export async function inbound(core: TestCore) {
  return core.core.db.selectFrom('mail_inbound').selectAll().orderBy('id').execute();
}

export async function ticketsOf(core: TestCore, customerId: number) {
  return core.core.db
    .selectFrom('tickets')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();
}

export async function refusalsTo(core: TestCore, email: string) {
  return core.core.db
    .selectFrom('outbox')
    .selectAll()
    .where('to_email', '=', email)
    .where('kind', '=', 'intake_refused')
    .execute();
}
