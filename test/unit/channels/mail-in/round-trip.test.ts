// The whole round: a customer's mail read from the support mailbox, the agent's answer typed through
// the dispatcher, delivered by the real SMTP worker to an SMTP server that files it into the
// customer's mailbox on Dovecot (IMAP APPEND), with the right thread headers; the customer's reply,
// put back into the support mailbox, threads onto the same ticket.
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { MailOutWorker } from '../../../../electron/core/channels/mail-out/worker';
import { startDovecot, type Dovecot } from '../../../support/dovecot';
import { startSmtpServer, type TestSmtpServer } from '../../../support/smtp';
import { createTestCore, type TestCore } from '../../helpers/core';
import { inbound, rawMail, testMailbox, ticketsOf } from './helpers';

let dovecot: Dovecot;
let smtp: TestSmtpServer;
let core: TestCore;
const SAM = 'sam.standard@customer.test';

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await dovecot.dispose();
});
beforeEach(async () => {
  core = await createTestCore(undefined, { channelWorkers: false });
});
afterEach(async () => {
  await core.dispose();
});

/** What the SMTP server accepted, filed into the customer's mailbox, then read back from it. */
async function deliverToCustomer(folder: string) {
  for (const mail of smtp.received.splice(0)) await dovecot.append(mail.raw, folder);
  const imap = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  await imap.connect();
  try {
    await imap.mailboxOpen(folder);
    const raws: Buffer[] = [];
    for await (const m of imap.fetch('1:*', { source: true })) if (m.source) raws.push(m.source);
    return Promise.all(raws.map((raw) => simpleParser(raw)));
  } finally {
    await imap.logout();
  }
}

it('an answer arrives in the customer’s mailbox with the thread headers, and the reply threads back', async () => {
  const lead = await core.signedIn(core.ids.lead);
  const agent = await core.signedIn(core.ids.agent);
  await core.call(lead, 'channels.smtp.update', {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: null,
    fromAddress: 'support@console.test',
    fromName: 'QuintaDB Support',
    verifyCertificates: true,
  });
  const support = await testMailbox(dovecot);
  const customerFolder = `${support.mailbox}-sam`;
  await dovecot.createMailbox(customerFolder);

  await support.append({ from: SAM, subject: 'Export to CSV', messageId: '<question@customer.test>' });
  await support.read(core);
  const [ticket] = await ticketsOf(core, core.ids.standard);
  await core.call(agent, 'messages.add', {
    ticketId: ticket!.id,
    kind: 'answer',
    body: 'Use the Export button.',
  });

  const worker = new MailOutWorker(core.core);
  try {
    expect(await worker.runOnce()).toMatchObject({ sent: 1, failed: 0 });
  } finally {
    await worker.stop();
  }
  const [answer] = await deliverToCustomer(customerFolder);
  const queued = await core.core.db
    .selectFrom('outbox')
    .selectAll()
    .where('ticket_id', '=', ticket!.id)
    .executeTakeFirstOrThrow();
  expect(answer!.messageId).toBe(queued.message_id);
  expect(answer!.inReplyTo).toBe('<question@customer.test>');
  expect([answer!.references].flat()).toContain('<question@customer.test>');
  expect(answer!.subject).toContain(`[Ticket#${ticket!.id}]`);
  expect(answer!.text).toContain('Use the Export button.');

  // Sam's mail program answers it: In-Reply-To and References as RFC 5322 says.
  await support.append(
    rawMail({
      from: SAM,
      subject: `Re: ${answer!.subject ?? ''}`,
      inReplyTo: answer!.messageId!,
      references: ['<question@customer.test>', answer!.messageId!],
      body: 'It worked, thanks.',
    }),
  );
  // A colleague forwards the answer from another mail program, which dropped the headers.
  await support.append(
    rawMail({ from: 'boss@customer.test', subject: `Fwd: ${answer!.subject ?? ''}`, body: 'FYI' }),
  );
  await support.read(core);
  expect(await ticketsOf(core, core.ids.standard)).toHaveLength(1);
  expect((await inbound(core)).map((r) => [r.outcome, r.ticket_id])).toEqual([
    ['ticket', ticket!.id],
    ['message', ticket!.id],
    ['message', ticket!.id],
  ]);
  const detail = await core.call(agent, 'tickets.get', { id: ticket!.id });
  expect(detail.messages.map((m) => m.body)).toEqual([
    'Hello, how do I export my data?',
    'Use the Export button.',
    'It worked, thanks.',
    'FYI',
  ]);
});
