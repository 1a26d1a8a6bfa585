// Mail from an address no customer has: a ticket of its own marked unknown customer, read and
// answered by staff, then linked to a customer, whose plan the rules decide it by. Mail goes into a
// real Dovecot by IMAP APPEND and is read by the intake's own code, on SQLite and on PostgreSQL.
import { describe, expect, it } from 'vitest';
import { AUTO_ANSWERS_PER_DAY } from '../../../../electron/core/channels/auto-answers';
import { useMailIntake } from '../../../support/mail-intake';
import { snapshot } from '../../helpers/core';
import { inbound, rawMail, refusalsTo, testMailbox, ticketsOf } from './helpers';

const env = useMailIntake();
const NORA = 'nora@newcomer.test';

const LOG = Buffer.from('line 1\nline 2\n');

function noraWithLog(): string {
  const boundary = 'b1';
  return rawMail({
    from: `Nora Newcomer <${NORA}>`,
    subject: 'Export stops at 80%',
    messageId: '<nora-1@newcomer.test>',
    mime: {
      contentType: `multipart/mixed; boundary="${boundary}"`,
      body: [
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'My export stops at 80%. Log attached.',
        `--${boundary}`,
        'Content-Type: text/plain; name="export.log"',
        'Content-Disposition: attachment; filename="export.log"',
        '',
        LOG.toString(),
        `--${boundary}--`,
      ].join('\r\n'),
    },
  });
}

async function noraTicket(box: Awaited<ReturnType<typeof testMailbox>>): Promise<number> {
  await box.append(noraWithLog());
  await box.read(env.core);
  const [row] = await inbound(env.core);
  expect(row).toMatchObject({ outcome: 'unknown_sender', from_address: NORA });
  expect(row!.ticket_id).not.toBeNull();
  return row!.ticket_id!;
}

describe('a mail from an unknown sender', () => {
  it('is a ticket marked unknown customer: undecided with its reason, no due time, in its view', async () => {
    const box = await testMailbox(env.dovecot);
    const ticketId = await noraTicket(box);
    const agent = await env.core.signedIn(env.core.ids.agent);
    const detail = await env.core.call(agent, 'tickets.get', { id: ticketId });
    expect(detail.customer).toBeNull();
    expect(detail.ticket).toMatchObject({
      channel: 'email',
      subject: 'Export stops at 80%',
      status: 'new',
      customerId: null,
      customerName: 'Nora Newcomer',
      planId: null,
      sender: { email: NORA, name: 'Nora Newcomer' },
      intakeOutcome: 'undecided',
      dueAt: null,
      flags: { notEntitled: false, overQuota: false },
    });
    // The core says why nothing is decided, as a code the renderer words (and English for logs).
    expect(detail.ticket.intakeDecision).toMatchObject({
      outcome: 'undecided',
      reason: { code: 'unknown_customer', params: { address: NORA } },
      quota: null,
    });
    expect(detail.ticket.intakeReason).toContain(NORA);
    expect(detail.messages).toHaveLength(1);
    expect(detail.messages[0]).toMatchObject({
      authorKind: 'customer',
      authorName: 'Nora Newcomer',
      body: 'My export stops at 80%. Log attached.',
      countsTowardQuota: false,
      mail: { from: NORA, attachments: [{ filename: 'export.log', contentType: 'text/plain' }] },
    });

    // Not lost: in the queue's Unknown customer view (and nowhere it would be counted as decided).
    const views = await env.core.call(agent, 'views.list', {});
    const count = (id: string) => views.find((v) => v.id === id)?.count;
    expect(count('unknown_customer')).toBe(1);
    expect(count('needs_first_response')).toBe(0);
    expect(count('refused')).toBe(0);
    const page = await env.core.call(agent, 'queue.list', {
      filter: { unknownCustomer: true },
      sort: { field: 'created_at', direction: 'asc' },
      limit: 50,
    });
    expect(page.rows.map((r) => r.id)).toEqual([ticketId]);
    const known = await env.core.call(agent, 'queue.list', {
      filter: { unknownCustomer: false },
      sort: { field: 'created_at', direction: 'asc' },
      limit: 50,
    });
    expect(known.rows.map((r) => r.id)).not.toContain(ticketId);
  });

  it('is answered by mail to the sender, and the sender’s reply threads onto it', async () => {
    const box = await testMailbox(env.dovecot);
    const ticketId = await noraTicket(box);
    const agent = await env.core.signedIn(env.core.ids.agent);
    const preview = await env.core.call(agent, 'messages.preview', { ticketId, kind: 'answer' });
    expect(preview).toMatchObject({ outcome: 'accept', reason: { code: 'unknown_customer.answer' } });
    const added = await env.core.call(agent, 'messages.add', {
      ticketId,
      kind: 'answer',
      body: 'Which database are you exporting?',
    });
    expect(added.decision.reason.code).toBe('unknown_customer.answer');
    const mails = await env.core.core.db
      .selectFrom('outbox')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(mails).toEqual([
      expect.objectContaining({ to_email: NORA, customer_id: null, kind: 'answer_notification' }),
    ]);
    const lead = await env.core.signedIn(env.core.ids.lead);
    const outbox = await env.core.call(lead, 'outbox.list', {});
    expect(outbox.items.find((i) => i.ticketId === ticketId)).toMatchObject({
      customerId: null,
      customerName: NORA,
      toEmail: NORA,
    });

    // Her answer to our mail comes back on the same ticket, still undecided.
    await box.append({ from: NORA, subject: 'Re: Export stops at 80%', inReplyTo: mails[0]!.message_id! });
    await box.read(env.core);
    expect((await inbound(env.core))[1]).toMatchObject({ outcome: 'message', ticket_id: ticketId });
    const detail = await env.core.call(agent, 'tickets.get', { id: ticketId });
    expect(detail.messages.map((m) => [m.authorKind, m.decision?.outcome])).toEqual([
      ['customer', 'undecided'],
      ['staff', 'accept'],
      ['customer', 'undecided'],
    ]);
    // A rule's draft needs a plan: refused with a reason, nothing written.
    const before = await snapshot(env.core.core.db);
    const draft = await env.core.dispatcher.invoke(agent, 'messages.draftFromRule', {
      ticketId,
      locale: 'en',
    });
    expect(draft).toMatchObject({ ok: false, error: { code: 'conflict', field: 'ticketId' } });
    expect(await snapshot(env.core.core.db)).toEqual(before);
  });
});

describe('linking an unknown sender’s ticket to a customer', () => {
  it('decides it for their plan in one audited write, and their next mail finds them', async () => {
    const box = await testMailbox(env.dovecot);
    const ticketId = await noraTicket(box);
    const agent = await env.core.signedIn(env.core.ids.agent);
    const linked = await env.core.call(agent, 'tickets.linkCustomer', {
      ticketId,
      customerId: env.core.ids.standard,
    });
    expect(linked.decision.outcome).toBe('accept');
    expect(linked.ticket.customer?.id).toBe(env.core.ids.standard);
    expect(linked.ticket.ticket).toMatchObject({
      customerId: env.core.ids.standard,
      customerName: 'Sam Standard',
      planId: 'standard',
      intakeOutcome: 'accept',
      // Kept as where it came from.
      sender: { email: NORA, name: 'Nora Newcomer' },
    });
    expect(linked.ticket.ticket.intakeDecision.outcome).toBe('accept');
    // The SLA clock now runs, measured from the mail's arrival.
    expect(linked.ticket.ticket.dueAt).not.toBeNull();
    expect(linked.ticket.ticket.clockStartsAt).toBeGreaterThanOrEqual(linked.ticket.ticket.createdAt);
    expect(linked.ticket.messages[0]).toMatchObject({
      authorName: 'Sam Standard',
      decision: { outcome: 'accept' },
    });
    const messages = await env.core.core.db
      .selectFrom('messages')
      .select('customer_id')
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(messages).toEqual([{ customer_id: env.core.ids.standard }]);
    expect(
      await env.core.core.db
        .selectFrom('customer_addresses')
        .select(['customer_id', 'address', 'ticket_id'])
        .execute(),
    ).toEqual([{ customer_id: env.core.ids.standard, address: NORA, ticket_id: ticketId }]);
    const audit = await env.core.core.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'actor_staff_id'])
      .where('entity', 'in', ['ticket_link', 'customer_address'])
      .execute();
    expect(audit.map((a) => [a.entity, a.actor_staff_id])).toEqual([
      ['customer_address', env.core.ids.agent],
      ['ticket_link', env.core.ids.agent],
    ]);
    const views = await env.core.call(agent, 'views.list', {});
    expect(views.find((v) => v.id === 'unknown_customer')?.count).toBe(0);

    // A new mail from her address, with no thread, is the customer's now.
    await box.append({ from: NORA, subject: 'Another question' });
    await box.read(env.core);
    expect((await inbound(env.core))[1]).toMatchObject({ outcome: 'ticket' });
    expect((await ticketsOf(env.core, env.core.ids.standard)).map((t) => t.subject)).toEqual([
      'Export stops at 80%',
      'Another question',
    ]);
  });

  it('refuses for a Free customer like any intake, and mails the refusal to the account address once', async () => {
    const box = await testMailbox(env.dovecot);
    const ticketId = await noraTicket(box);
    const agent = await env.core.signedIn(env.core.ids.agent);
    const linked = await env.core.call(agent, 'tickets.linkCustomer', {
      ticketId,
      customerId: env.core.ids.free,
    });
    expect(linked.decision.outcome).toBe('refuse');
    expect(linked.ticket.ticket).toMatchObject({ intakeOutcome: 'refuse', dueAt: null });
    expect(await refusalsTo(env.core, 'fiona.free@customer.test')).toHaveLength(1);
    const views = await env.core.call(agent, 'views.list', {});
    expect(views.find((v) => v.id === 'refused')?.count).toBe(1);
  });

  it('links the sender’s other tickets without a customer too, oldest first, each decided in turn', async () => {
    const box = await testMailbox(env.dovecot);
    for (const subject of ['First question', 'Second question', 'Third question']) {
      await box.append(rawMail({ from: `Nora Newcomer <${NORA}>`, subject }));
    }
    await box.append(rawMail({ from: 'Olga Other <olga@elsewhere.test>', subject: 'Not Nora' }));
    await box.read(env.core);
    const ids = (await inbound(env.core)).map((row) => row.ticket_id!);
    expect(ids).toHaveLength(4);
    const [first, second, third, olga] = ids as [number, number, number, number];
    const agent = await env.core.signedIn(env.core.ids.agent);
    // The ticket says beforehand which others linking it takes along.
    expect((await env.core.call(agent, 'tickets.get', { id: second })).sameSenderUnknown).toEqual([
      first,
      third,
    ]);
    expect((await env.core.call(agent, 'tickets.get', { id: olga })).sameSenderUnknown).toEqual([]);

    const linked = await env.core.call(agent, 'tickets.linkCustomer', {
      ticketId: second,
      customerId: env.core.ids.standard,
    });
    expect(linked.decision.outcome).toBe('accept');
    expect(linked.alsoLinked.map((l) => [l.ticketId, l.decision.outcome])).toEqual([
      [first, 'accept'],
      [third, 'accept'],
    ]);
    expect(linked.ticket.sameSenderUnknown).toEqual([]);
    for (const id of [first, third]) {
      const detail = await env.core.call(agent, 'tickets.get', { id });
      expect(detail.ticket).toMatchObject({ customerId: env.core.ids.standard, intakeOutcome: 'accept' });
      expect(detail.ticket.dueAt).not.toBeNull();
    }
    // Another sender's ticket stays as it was; each link is on the audit record.
    expect((await env.core.call(agent, 'tickets.get', { id: olga })).ticket.customerId).toBeNull();
    const links = await env.core.core.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('entity', '=', 'ticket_link')
      .orderBy('id')
      .execute();
    expect(links.map((l) => l.entity_id)).toEqual([second, first, third]);
  });

  it('mails a sender’s many refusals within the daily cap on automatic answers', async () => {
    const box = await testMailbox(env.dovecot);
    for (let i = 1; i <= 5; i++) await box.append(rawMail({ from: NORA, subject: `Question ${i}` }));
    await box.read(env.core);
    const [firstId] = (await inbound(env.core)).map((row) => row.ticket_id!);
    const agent = await env.core.signedIn(env.core.ids.agent);
    const linked = await env.core.call(agent, 'tickets.linkCustomer', {
      ticketId: firstId!,
      customerId: env.core.ids.free,
    });
    expect([linked.decision, ...linked.alsoLinked.map((l) => l.decision)].map((d) => d.outcome)).toEqual(
      Array(5).fill('refuse'),
    );
    expect(await refusalsTo(env.core, 'fiona.free@customer.test')).toHaveLength(AUTO_ANSWERS_PER_DAY);
  });

  it('bad input gets a typed error and changes nothing', async () => {
    const box = await testMailbox(env.dovecot);
    const ticketId = await noraTicket(box);
    const agent = await env.core.signedIn(env.core.ids.agent);
    const before = await snapshot(env.core.core.db);
    const link = (input: { ticketId: number; customerId: number }) =>
      env.core.dispatcher.invoke(agent, 'tickets.linkCustomer', input);
    expect(await link({ ticketId: 424242, customerId: env.core.ids.standard })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'ticketId' },
    });
    expect(await link({ ticketId, customerId: 424242 })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'customerId' },
    });
    expect(await snapshot(env.core.core.db)).toEqual(before);

    await env.core.call(agent, 'tickets.linkCustomer', { ticketId, customerId: env.core.ids.standard });
    const linked = await snapshot(env.core.core.db);
    expect(await link({ ticketId, customerId: env.core.ids.standardExpress })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'ticketId' },
    });
    expect(await snapshot(env.core.core.db)).toEqual(linked);
  });
});
