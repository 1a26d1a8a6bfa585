import { describe, expect, it } from 'vitest';
import { useMailIntake } from '../../../support/mail-intake';
import { inbound, rawMail, refusalsTo, testMailbox, ticketsOf } from './helpers';

const env = useMailIntake();
const SAM = 'sam.standard@customer.test';
const FIONA = 'fiona.free@customer.test';

describe('a mail becomes a ticket', () => {
  it('from a paid customer: an accepted e-mail ticket with the mail as its question', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append({ from: `Sam <${SAM.toUpperCase()}>`, subject: 'Export?', body: 'How do I export?' });
    expect(await box.read(env.core)).toEqual({ taken: 1, failed: 0 });
    const [ticket] = await ticketsOf(env.core, env.core.ids.standard);
    expect(ticket).toMatchObject({ channel: 'email', subject: 'Export?', intake_outcome: 'accept' });
    const lead = await env.core.signedIn(env.core.ids.lead);
    const detail = await env.core.call(lead, 'tickets.get', { id: ticket!.id });
    expect(detail.messages.map((m) => [m.authorKind, m.kind, m.body])).toEqual([
      ['customer', 'question', 'How do I export?'],
    ]);
    expect((await inbound(env.core))[0]).toMatchObject({ outcome: 'ticket', ticket_id: ticket!.id });
  });

  it('from a Free customer: refused by admit, and the refusal with its reason and alternatives is queued once', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append({ from: FIONA, subject: 'Help by mail' });
    await box.read(env.core);
    const [ticket] = await ticketsOf(env.core, env.core.ids.free);
    expect(ticket).toMatchObject({ intake_outcome: 'refuse', channel: 'email' });
    const refusals = await refusalsTo(env.core, FIONA);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.body).toContain(ticket!.intake_reason);
    expect(refusals[0]!.body).toContain('What you can use instead:');
    // Her answer to the refusal threads onto the refused ticket and is not refused by mail again.
    await box.append({ from: FIONA, subject: 'Re: About your request', inReplyTo: refusals[0]!.message_id! });
    await box.read(env.core);
    expect(await ticketsOf(env.core, env.core.ids.free)).toHaveLength(1);
    expect(await refusalsTo(env.core, FIONA)).toHaveLength(1);
  });
});

describe('restart-safe by UID and UIDVALIDITY', () => {
  it('reading again, or after losing the mark, takes nothing in twice; new mail is not skipped', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append({ from: SAM, subject: 'one' });
    await box.append({ from: SAM, subject: 'two' });
    expect(await box.read(env.core)).toEqual({ taken: 2, failed: 0 });
    expect(await box.read(env.core)).toEqual({ taken: 0, failed: 0 });
    // As if the process died with the mark behind: the per-UID record still holds.
    await env.core.core.db.updateTable('mail_mailbox_state').set({ last_uid: 0 }).execute();
    await box.append({ from: SAM, subject: 'three' });
    await box.read(env.core);
    expect((await ticketsOf(env.core, env.core.ids.standard)).map((t) => t.subject)).toEqual([
      'one',
      'two',
      'three',
    ]);
  });

  it('a new UIDVALIDITY reads the mailbox from its start: mails seen before are skipped, new ones taken', async () => {
    const box = await testMailbox(env.dovecot);
    const first = rawMail({ from: SAM, subject: 'before' });
    await box.append(first);
    await box.read(env.core);
    const [state] = await env.core.core.db.selectFrom('mail_mailbox_state').selectAll().execute();
    await env.dovecot.recreateMailbox(box.mailbox);
    await box.append(first);
    await box.append({ from: SAM, subject: 'after' });
    await box.read(env.core);
    const [after] = await env.core.core.db.selectFrom('mail_mailbox_state').selectAll().execute();
    expect(after!.uid_validity).not.toBe(state!.uid_validity);
    expect((await ticketsOf(env.core, env.core.ids.standard)).map((t) => t.subject)).toEqual([
      'before',
      'after',
    ]);
    expect((await inbound(env.core)).map((r) => [r.outcome, r.note])).toEqual([
      ['ticket', null],
      ['skipped', 'duplicate'],
      ['ticket', null],
    ]);
  });
});

describe('threading', () => {
  it('a reply to our answer (In-Reply-To our Message-ID) lands on the ticket', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append({ from: SAM, subject: 'Export?' });
    await box.read(env.core);
    const [ticket] = await ticketsOf(env.core, env.core.ids.standard);
    const agent = await env.core.signedIn(env.core.ids.agent);
    await env.core.call(agent, 'messages.add', {
      ticketId: ticket!.id,
      kind: 'answer',
      body: 'Use the menu.',
    });
    const sent = await env.core.core.db
      .selectFrom('outbox')
      .selectAll()
      .where('ticket_id', '=', ticket!.id)
      .where('kind', '=', 'answer_notification')
      .executeTakeFirstOrThrow();
    await box.append({
      from: SAM,
      subject: 'Re: something else entirely',
      inReplyTo: sent.message_id!,
      references: ['<older@x.test>', sent.message_id!],
      body: 'Thanks, it worked',
    });
    await box.read(env.core);
    expect(await ticketsOf(env.core, env.core.ids.standard)).toHaveLength(1);
    const detail = await env.core.call(agent, 'tickets.get', { id: ticket!.id });
    expect(detail.messages.map((m) => m.body)).toEqual([
      'Hello, how do I export my data?',
      'Use the menu.',
      'Thanks, it worked',
    ]);
  });

  it('a customer replying to their own first mail does not open a second ticket', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append({ from: SAM, subject: 'Export?', messageId: '<first@customer.test>' });
    await box.append({
      from: SAM,
      subject: 'Re: Export?',
      inReplyTo: '<first@customer.test>',
      body: 'Also CSV?',
    });
    await box.read(env.core);
    const tickets = await ticketsOf(env.core, env.core.ids.standard);
    expect(tickets).toHaveLength(1);
    expect((await inbound(env.core)).map((r) => [r.outcome, r.ticket_id])).toEqual([
      ['ticket', tickets[0]!.id],
      ['message', tickets[0]!.id],
    ]);
  });

  it('a reply from another person on the thread stays on the ticket and keeps the requester', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append({ from: SAM, subject: 'Export?', messageId: '<first@customer.test>' });
    await box.append({
      from: 'Colleague <colleague@elsewhere.test>',
      subject: 'Re: Export?',
      references: ['<first@customer.test>'],
      body: 'I have the same question',
    });
    await box.append({
      from: 'Sue <sue.express@customer.test>',
      subject: 'Re: Export?',
      references: ['<first@customer.test>'],
      body: 'Me too',
    });
    await box.read(env.core);
    const tickets = await ticketsOf(env.core, env.core.ids.standard);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.customer_id).toBe(env.core.ids.standard);
    expect(await ticketsOf(env.core, env.core.ids.standardExpress)).toHaveLength(0);
    const messages = await env.core.core.db
      .selectFrom('messages')
      .selectAll()
      .where('ticket_id', '=', tickets[0]!.id)
      .execute();
    expect(messages.map((m) => [m.customer_id, m.body])).toEqual([
      [env.core.ids.standard, 'Hello, how do I export my data?'],
      [env.core.ids.standard, 'I have the same question'],
      [env.core.ids.standard, 'Me too'],
    ]);
  });

  it('a forward without thread headers falls back to the [Ticket#N] token, from the customer’s own domain only', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append({ from: SAM, subject: 'Export?' });
    await box.read(env.core);
    const [ticket] = await ticketsOf(env.core, env.core.ids.standard);
    await box.append({ from: 'boss@customer.test', subject: `Fwd: Export? [Ticket#${ticket!.id}]` });
    await box.append({ from: 'stranger@evil.test', subject: `Fwd: Export? [Ticket#${ticket!.id}]` });
    await box.read(env.core);
    expect(await ticketsOf(env.core, env.core.ids.standard)).toHaveLength(1);
    const rows = await inbound(env.core);
    expect(rows.map((r) => [r.outcome, r.ticket_id === ticket!.id])).toEqual([
      ['ticket', true],
      ['message', true],
      // The stranger's mail is a ticket of its own, from an unknown customer.
      ['unknown_sender', false],
    ]);
    expect(rows[2]!.ticket_id).not.toBeNull();
  });

  it('a reply to a closed ticket opens a new one for the same account', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append({ from: SAM, subject: 'Export?', messageId: '<first@customer.test>' });
    await box.read(env.core);
    const [ticket] = await ticketsOf(env.core, env.core.ids.standard);
    await env.core.core.db
      .updateTable('tickets')
      .set({ status: 'closed' })
      .where('id', '=', ticket!.id)
      .execute();
    await box.append({
      from: 'colleague@elsewhere.test',
      subject: 'Re: Export?',
      inReplyTo: '<first@customer.test>',
    });
    await box.read(env.core);
    const tickets = await ticketsOf(env.core, env.core.ids.standard);
    expect(tickets.map((t) => t.status)).toEqual(['closed', 'new']);
  });
});

describe('automatic mail never gets an automatic answer', () => {
  it.each([
    ['Auto-Submitted', { 'Auto-Submitted': 'auto-replied' }],
    ['Precedence bulk', { Precedence: 'bulk' }],
    ['Precedence junk', { Precedence: 'junk' }],
    ['Precedence list', { Precedence: 'list' }],
    ['an empty Return-Path (a bounce)', { 'Return-Path': '<>' }],
    ['X-Autoreply', { 'X-Autoreply': 'yes' }],
  ])('%s: kept, refused by admit, no refusal sent', async (_name, headers) => {
    const box = await testMailbox(env.dovecot);
    await box.append({ from: FIONA, subject: 'Out of office', headers });
    await box.read(env.core);
    expect(await ticketsOf(env.core, env.core.ids.free)).toHaveLength(1);
    expect(await refusalsTo(env.core, FIONA)).toHaveLength(0);
    expect((await inbound(env.core))[0]).toMatchObject({ auto_submitted: 1, note: 'auto_submitted' });
  });

  it('an Auto-Submitted: no mail is a person’s', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append({ from: FIONA, headers: { 'Auto-Submitted': 'no' } });
    await box.read(env.core);
    expect(await refusalsTo(env.core, FIONA)).toHaveLength(1);
  });

  it('an autoresponder answering our refusal cannot start a loop, and answers are rate-limited per address', async () => {
    const box = await testMailbox(env.dovecot);
    for (let i = 0; i < 5; i++) await box.append({ from: FIONA, subject: `Question ${i}` });
    await box.read(env.core);
    const refusals = await refusalsTo(env.core, FIONA);
    expect(refusals).toHaveLength(3);
    expect((await inbound(env.core)).map((r) => r.note)).toEqual([
      null,
      null,
      null,
      'answer_rate_limited',
      'answer_rate_limited',
    ]);
    // The robot's answer to our refusal, and its answer to that: nothing goes back.
    env.core.clock.now += 2 * 86_400_000;
    await box.append({
      from: FIONA,
      subject: 'Auto: About your request',
      inReplyTo: refusals[0]!.message_id!,
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await box.append({
      from: FIONA,
      subject: 'Auto: Auto: About',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await box.read(env.core);
    expect(await refusalsTo(env.core, FIONA)).toHaveLength(3);
  });

  it('a mail from our own address is never taken in', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append({ from: 'support@console.test', subject: 'Loop?' });
    const { checkMailboxOnce } = await import('../../../../electron/core/channels/mail-in/worker');
    await checkMailboxOnce(env.core.core, box.connection, { ownAddresses: ['support@console.test'] });
    expect((await inbound(env.core)).map((r) => [r.outcome, r.note])).toEqual([['skipped', 'own_address']]);
  });
});
