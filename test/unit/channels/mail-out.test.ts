// The delivery worker against a real SMTP server (smtp-server on 127.0.0.1): what arrives, byte for
// byte, and what the outbox records, through refusals, deferrals, timeouts, a server that is down, a
// sender that died mid-send, and crafted subjects and addresses. The clock is the test's; the worker
// is driven pass by pass (runOnce) so every transition is observed.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../electron/core/api/context';
import { BACKOFF_MS, MAX_ATTEMPTS, MailOutWorker } from '../../../electron/core/channels/mail-out/worker';
import { MAIL_OUT_KEY } from '../../../electron/core/channels/mail-out/settings';
import { createTestCore, snapshot, type TestCore } from '../helpers/core';
import { headerNames, headerOf, startSmtpServer, type TestSmtpServer } from '../../support/smtp';
import { lastAttachment, nov, requestCall } from '../calls/helpers';

let smtp: TestSmtpServer;
let core: TestCore;
let agent: Session;
let lead: Session;
let worker: MailOutWorker;

const FAST = { connectionMs: 1_500, greetingMs: 1_500, socketMs: 1_500 };

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());

beforeEach(async () => {
  smtp.received.length = 0;
  smtp.mode = 'accept';
  smtp.login = null;
  core = await createTestCore(undefined, { channelWorkers: false });
  agent = await core.signedIn(core.ids.agent);
  lead = await core.signedIn(core.ids.lead);
  worker = new MailOutWorker(core.core, { timeouts: FAST });
});
afterEach(async () => {
  await worker.stop();
  await core.dispose();
  if (!smtp.port) return;
});

async function configure(extra: { user?: string | null; password?: string } = {}) {
  return core.call(lead, 'channels.smtp.update', {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: extra.user ?? null,
    ...(extra.password === undefined ? {} : { password: extra.password }),
    fromAddress: 'support@console.test',
    fromName: 'QuintaDB Support',
    verifyCertificates: true,
  });
}

/** An e-mail ticket of a Standard customer with an answer typed by an agent: one mail queued. */
async function answeredTicket(subject = 'Export to CSV', answer = 'Use the Export button.') {
  const created = await core.call(agent, 'tickets.create', {
    customerId: core.ids.standard,
    channel: 'email',
    subject,
    body: 'How do I export my records?',
  });
  const ticketId = created.ticket.ticket.id;
  const added = await core.call(agent, 'messages.add', { ticketId, kind: 'answer', body: answer });
  return { ticketId, messageId: added.message.id };
}

async function outboxRows() {
  return core.core.db.selectFrom('outbox').selectAll().orderBy('id').execute();
}

async function onlyRow() {
  const rows = await outboxRows();
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('delivery', () => {
  it('hands an answer to the server with our Message-ID, the ticket token and the sender, and records the answer', async () => {
    await configure();
    const { ticketId, messageId } = await answeredTicket();
    const queued = await onlyRow();
    expect(queued).toMatchObject({ delivery: 'queued', attempts: 0, source_message_id: messageId });

    expect(await worker.runOnce()).toEqual({ claimed: 1, sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['sam.standard@customer.test']);
    expect(mail.from).toBe('support@console.test');
    expect(mail.messageId).toBe(queued.message_id);
    expect(headerOf(mail.raw, 'subject')).toBe(`New answer: Export to CSV [Ticket#${ticketId}]`);
    expect(headerOf(mail.raw, 'from')).toBe('QuintaDB Support <support@console.test>');
    expect(mail.raw).toContain('Use the Export button.');
    // The first mail of a thread answers nothing.
    expect(headerOf(mail.raw, 'in-reply-to')).toBeNull();

    const sent = await onlyRow();
    expect(sent).toMatchObject({
      delivery: 'sent',
      status: 'sent',
      attempts: 1,
      lease_until: null,
      handed_at: core.clock.now,
      sent_at: core.clock.now,
    });
    expect(sent.smtp_response).toMatch(/^250 .*Ok: queued/);
    // Nothing is due any more: a second pass sends nothing.
    expect(await worker.runOnce()).toEqual({ claimed: 0, sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);

    const detail = await core.call(agent, 'tickets.get', { id: ticketId });
    const answer = detail.messages.find((m) => m.id === messageId);
    expect(answer?.delivery).toMatchObject({
      state: 'sent',
      attempts: 1,
      handedAt: core.clock.now,
      lastError: null,
    });
    expect(detail.messages.find((m) => m.kind === 'question')?.delivery).toBeNull();
  });

  it('threads a reply: In-Reply-To names the previous mail, References the whole thread', async () => {
    await configure();
    const { ticketId } = await answeredTicket();
    await core.call(agent, 'messages.add', { ticketId, kind: 'answer', body: 'And the second answer.' });
    await core.call(agent, 'messages.add', { ticketId, kind: 'answer', body: 'And a third.' });
    await worker.drain();
    const [first, second, third] = await outboxRows();
    expect(smtp.received.map((m) => m.messageId)).toEqual([
      first!.message_id,
      second!.message_id,
      third!.message_id,
    ]);
    const raw2 = smtp.received[1]!.raw;
    const raw3 = smtp.received[2]!.raw;
    expect(headerOf(raw2, 'in-reply-to')).toBe(first!.message_id);
    expect(headerOf(raw2, 'references')).toBe(first!.message_id);
    expect(headerOf(raw3, 'in-reply-to')).toBe(second!.message_id);
    expect(headerOf(raw3, 'references')).toBe(`${first!.message_id} ${second!.message_id}`);
    for (const m of smtp.received) expect(headerOf(m.raw, 'subject')).toContain(`[Ticket#${ticketId}]`);
  });

  it("answers the customer's own mail: In-Reply-To names the latest mail the intake received on the ticket", async () => {
    await configure();
    const created = await core.call(agent, 'tickets.create', {
      customerId: core.ids.standard,
      channel: 'email',
      subject: 'From the mailbox',
      body: 'How do I export?',
    });
    const ticketId = created.ticket.ticket.id;
    // What the intake (channels/mail-in/) records for the customer's mail it made the ticket from.
    await core.core.db
      .insertInto('mail_inbound')
      .values({
        mailbox: 'INBOX',
        uid_validity: 1,
        uid: 7,
        sha256: 'x',
        rfc_message_id: '<first-from-customer@customer.test>',
        from_address: 'sam.standard@customer.test',
        from_name: 'Sam',
        subject: 'From the mailbox',
        size: 100,
        received_at: core.clock.now - 1,
        outcome: 'ticket',
        note: null,
        ticket_id: ticketId,
        message_id: null,
        body: null,
      })
      .execute();
    await core.call(agent, 'messages.add', { ticketId, kind: 'answer', body: 'Like this.' });
    await worker.drain();
    const raw = smtp.received[0]!.raw;
    expect(headerOf(raw, 'in-reply-to')).toBe('<first-from-customer@customer.test>');
    expect(headerOf(raw, 'references')).toBe('<first-from-customer@customer.test>');
  });

  it('leaves mails queued while no SMTP server is set up', async () => {
    await answeredTicket();
    expect(await worker.runOnce()).toEqual({ claimed: 0, sent: 0, failed: 0 });
    expect((await onlyRow()).delivery).toBe('queued');
    const list = await core.call(lead, 'outbox.list', {});
    expect(list.configured).toBe(false);
    expect(list.counts.queued).toBe(1);
  });
});

describe('faults', () => {
  it('retries a deferred mail after 1, 4, 16 and 64 minutes, then needs attention; a lead retries it', async () => {
    await configure();
    await answeredTicket();
    smtp.mode = 'defer';
    const start = core.clock.now;
    let waited = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await worker.runOnce()).toMatchObject({ claimed: 1, failed: 1 });
      const row = await onlyRow();
      expect(row.attempts).toBe(attempt);
      expect(JSON.parse(row.last_error ?? '{}')).toMatchObject({ code: 'deferred' });
      expect(JSON.parse(row.last_error ?? '{}').detail).toMatch(/451/);
      if (attempt === MAX_ATTEMPTS) {
        expect(row).toMatchObject({ delivery: 'needs_attention', status: 'failed', next_attempt_at: null });
        break;
      }
      const wait = BACKOFF_MS[attempt - 1]!;
      expect(row).toMatchObject({
        delivery: 'failed',
        next_attempt_at: core.clock.now + wait,
        lease_until: null,
      });
      // Not a moment before its time.
      core.clock.now += wait - 1;
      expect(await worker.runOnce()).toMatchObject({ claimed: 0 });
      core.clock.now += 1;
      waited += wait;
    }
    expect(waited).toBe((1 + 4 + 16 + 64) * 60_000);
    expect(core.clock.now - start).toBe(waited);
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(0);

    const list = await core.call(lead, 'outbox.list', { state: 'needs_attention' });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      state: 'needs_attention',
      attempts: 5,
      lastError: { code: 'deferred' },
    });

    smtp.mode = 'accept';
    const retried = await core.call(lead, 'outbox.retry', { id: list.items[0]!.id });
    expect(retried).toMatchObject({ state: 'queued', attempts: 0 });
    await worker.drain();
    expect(smtp.received).toHaveLength(1);
    expect((await onlyRow()).delivery).toBe('sent');
    const audit = await core.core.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'outbox.retry')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_staff_id).toBe(core.ids.lead);
  });

  it('puts a refused mail (5xx) straight in need of attention, with the server words', async () => {
    await configure();
    await answeredTicket();
    smtp.mode = 'refuse';
    await worker.runOnce();
    const row = await onlyRow();
    expect(row.delivery).toBe('needs_attention');
    expect(JSON.parse(row.last_error ?? '{}')).toMatchObject({ code: 'refused' });
    expect(row.last_error).toMatch(/550/);
  });

  it('retries when the server is down, and sends once it is back', async () => {
    await configure();
    await answeredTicket();
    await smtp.stop();
    try {
      await worker.runOnce();
      const row = await onlyRow();
      expect(row).toMatchObject({ delivery: 'failed', attempts: 1 });
      expect(JSON.parse(row.last_error ?? '{}')).toMatchObject({ code: 'unreachable' });
    } finally {
      await smtp.start();
    }
    core.clock.now += BACKOFF_MS[0];
    await worker.drain();
    expect(smtp.received).toHaveLength(1);
    expect((await onlyRow()).delivery).toBe('sent');
  });

  it('gives up on a server that never answers (timeout) and tries again later', async () => {
    await configure();
    await answeredTicket();
    smtp.mode = 'hang';
    await worker.runOnce();
    const row = await onlyRow();
    expect(row).toMatchObject({ delivery: 'failed', attempts: 1 });
    expect(JSON.parse(row.last_error ?? '{}')).toMatchObject({ code: 'timeout' });
    smtp.mode = 'accept';
    core.clock.now += BACKOFF_MS[0];
    await worker.drain();
    expect(smtp.received).toHaveLength(1);
  });

  it('recovers a mail whose sender died mid-send once the lease ran out: sent once, never lost', async () => {
    await configure();
    await answeredTicket();
    const row = await onlyRow();
    // What a sender that crashed after claiming leaves behind.
    const leaseUntil = core.clock.now + 5 * 60_000;
    await core.core.db
      .updateTable('outbox')
      .set({ delivery: 'sending', attempts: 1, lease_until: leaseUntil })
      .where('id', '=', row.id)
      .execute();
    // A restarted worker leaves it alone while the lease holds…
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });
    core.clock.now = leaseUntil;
    // …and takes it over when it ran out.
    expect(await worker.runOnce()).toEqual({ claimed: 1, sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.messageId).toBe(row.message_id);
    expect(await onlyRow()).toMatchObject({ delivery: 'sent', attempts: 2 });
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('keeps the newer try when a sender whose lease ran out finishes late', async () => {
    await configure();
    await answeredTicket();
    const leaseMs = 60_000;
    const slow = new MailOutWorker(core.core, { leaseMs, timeouts: FAST });
    const fresh = new MailOutWorker(core.core, { leaseMs, timeouts: FAST });
    try {
      smtp.mode = 'hang';
      const hungBefore = smtp.hanging;
      const late = slow.runOnce();
      await vi.waitFor(() => expect(smtp.hanging).toBe(hungBefore + 1), { timeout: 5_000, interval: 10 });
      // The first sender is stuck past its lease: another takes the mail over and sends it.
      core.clock.now += leaseMs;
      smtp.mode = 'accept';
      expect(await fresh.runOnce()).toEqual({ claimed: 1, sent: 1, failed: 0 });
      // The stuck sender times out now; its failure must not overwrite the newer try's outcome.
      expect(await late).toMatchObject({ claimed: 1, failed: 1 });
    } finally {
      await slow.stop();
      await fresh.stop();
    }
    expect(await onlyRow()).toMatchObject({ delivery: 'sent', attempts: 2, last_error: null });
    expect(smtp.received).toHaveLength(1);
  });

  it('never lets two workers send the same mail', async () => {
    await configure();
    for (let i = 0; i < 6; i++) await answeredTicket(`Question ${i}`);
    const other = new MailOutWorker(core.core, { timeouts: FAST });
    try {
      await Promise.all([worker.drain(), other.drain()]);
    } finally {
      await other.stop();
    }
    expect(smtp.received).toHaveLength(6);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(6);
  });
});

describe('header safety', () => {
  it('keeps a subject with CR/LF on one line: no Bcc, no extra recipient', async () => {
    await configure();
    const { ticketId } = await answeredTicket('Hello\r\nBcc: victim@evil.test\r\nX-Injected: yes');
    const injected = await core.core.db
      .insertInto('outbox')
      .values({
        created_at: core.clock.now,
        customer_id: core.ids.standard,
        ticket_id: ticketId,
        to_email: 'sam.standard@customer.test',
        kind: 'answer_notification',
        subject: 'Hi\nBcc: victim2@evil.test\r\n\r\nbody-injection',
        body: 'text',
        attachment: null,
        status: 'pending',
        message_id: '<x1@console.test>',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(injected.id).toBeGreaterThan(0);
    await worker.drain();
    expect(smtp.received).toHaveLength(2);
    for (const mail of smtp.received) {
      expect(mail.to).toEqual(['sam.standard@customer.test']);
      const names = headerNames(mail.raw);
      expect(names).not.toContain('bcc');
      expect(names).not.toContain('x-injected');
      expect(names.filter((n) => n === 'subject')).toHaveLength(1);
    }
    expect(headerOf(smtp.received[1]!.raw, 'subject')).toBe(
      `Hi Bcc: victim2@evil.test body-injection [Ticket#${ticketId}]`,
    );
  });

  it.each([
    ['a forged address', 'sam@customer.test\r\nBcc: victim@evil.test'],
    ['a display name', 'Evil <victim@evil.test>'],
    ['200 recipients', Array.from({ length: 200 }, (_, i) => `r${i}@customer.test`).join(', ')],
  ])('refuses %s as the recipient before connecting, and goes on with the next mail', async (_what, to) => {
    await configure();
    await core.core.db
      .insertInto('outbox')
      .values({
        created_at: core.clock.now,
        customer_id: core.ids.standard,
        ticket_id: null,
        to_email: to,
        kind: 'answer_notification',
        subject: 'Hi',
        body: 'text',
        attachment: null,
        status: 'pending',
        message_id: '<x2@console.test>',
      })
      .execute();
    await answeredTicket();
    await worker.drain();
    const [bad, good] = await outboxRows();
    expect(bad).toMatchObject({ delivery: 'needs_attention', attempts: 1 });
    expect(JSON.parse(bad!.last_error ?? '{}')).toMatchObject({ code: 'invalid_recipient' });
    expect(good!.delivery).toBe('sent');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['sam.standard@customer.test']);
  });
});

describe('security and automatic answers', () => {
  it('upgrades the connection with STARTTLS when set, and refuses an unverifiable certificate when asked to check it', async () => {
    const settings = {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'starttls' as const,
      user: null,
      fromAddress: 'support@console.test',
      fromName: 'Support',
    };
    // The test server's certificate is self-signed: checked, the handshake fails and nothing is sent.
    await core.call(lead, 'channels.smtp.update', { ...settings, verifyCertificates: true });
    const refused = await core.call(lead, 'channels.smtp.test', { to: 'leo@support.test' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'tls' } });
    expect(smtp.received).toHaveLength(0);
    await core.call(lead, 'channels.smtp.update', { ...settings, verifyCertificates: false });
    expect(await core.call(lead, 'channels.smtp.test', { to: 'leo@support.test' })).toMatchObject({
      ok: true,
    });
    expect(smtp.received[0]!.secure).toBe(true);
  });

  it('marks a refusal as an automatic answer (RFC 3834) and an agent answer not', async () => {
    await configure();
    await core.call(agent, 'tickets.create', {
      customerId: core.ids.free,
      channel: 'email',
      subject: 'Free e-mail',
      body: 'Can I e-mail you?',
    });
    await answeredTicket();
    await worker.drain();
    const refusal = smtp.received.find((m) => m.to.includes('fiona.free@customer.test'));
    const answer = smtp.received.find((m) => m.to.includes('sam.standard@customer.test'));
    expect(headerOf(refusal!.raw, 'auto-submitted')).toBe('auto-replied');
    expect(headerOf(answer!.raw, 'auto-submitted')).toBeNull();
  });
});

describe('invitations', () => {
  it('sends a booked call as text/calendar; method=REQUEST and its cancellation as method=CANCEL', async () => {
    await configure();
    const callId = await requestCall(core, agent);
    await core.call(agent, 'calls.schedule', {
      callId,
      agentId: core.ids.agent,
      startsAt: nov(26, 11),
      link: 'https://join.skype.com/invite/abcDEF123',
    });
    const request = await lastAttachment(core, callId);
    await worker.drain();
    await core.call(agent, 'calls.cancel', { callId, reason: 'The customer asked to cancel.' });
    await worker.drain();
    const mails = smtp.received.filter((m) => m.to.includes('sue.phone@customer.test'));
    expect(mails).toHaveLength(2);
    const [invite, cancel] = mails;
    expect(invite!.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(cancel!.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=CANCEL/i);
    // The calendar part is the .ics the call wrote, unchanged.
    expect(invite!.raw.replace(/=\r\n/g, '')).toContain(
      request.split('\r\n').find((l) => l.startsWith('UID:')),
    );
    // The cancellation threads onto the invitation.
    expect(headerOf(cancel!.raw, 'in-reply-to')).toBe(invite!.messageId);
  });
});

describe('settings', () => {
  it('seals the password, never shows it, audits the change without it, and sends through the login', async () => {
    smtp.login = { user: 'mailer', pass: 'p4ss wörd' };
    const saved = await configure({ user: 'mailer', password: 'p4ss wörd' });
    expect(saved).toMatchObject({ configured: true, user: 'mailer', passwordSet: true, port: smtp.port });
    expect(JSON.stringify(saved)).not.toContain('p4ss');
    const row = await core.core.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', MAIL_OUT_KEY)
      .executeTakeFirstOrThrow();
    expect(row.value).not.toContain('p4ss');
    const audit = await core.core.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'channels.smtp.update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_staff_id).toBe(core.ids.lead);
    expect(`${audit[0]!.before}${audit[0]!.after}`).not.toMatch(/p4ss|v1:/);
    expect(JSON.parse(audit[0]!.after ?? '{}')).toMatchObject({
      passwordChanged: true,
      mailOut: { passwordSet: true },
    });

    const test = await core.call(lead, 'channels.smtp.test', { to: 'leo@support.test' });
    expect(test).toMatchObject({ ok: true, error: null });
    expect(smtp.received.at(-1)).toMatchObject({ user: 'mailer', to: ['leo@support.test'] });

    await answeredTicket();
    await worker.drain();
    expect(smtp.received.at(-1)?.user).toBe('mailer');

    // Saving without a password keeps the stored one.
    const kept = await configure({ user: 'mailer' });
    expect(kept.passwordSet).toBe(true);
    expect((await core.call(lead, 'channels.smtp.test', { to: 'leo@support.test' })).ok).toBe(true);

    // A wrong password: the test says so; queued mail waits and is retried.
    await configure({ user: 'mailer', password: 'wrong' });
    const failed = await core.call(lead, 'channels.smtp.test', { to: 'leo@support.test' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'auth' } });
  });

  it.each([
    ['a host with a line break', { host: 'smtp.example.com\r\nX: y' }, 'host'],
    ['a URL for a host', { host: 'smtp://smtp.example.com' }, 'host'],
    ['port 0', { port: 0 }, 'port'],
    ['an unknown security', { security: 'ssl3' }, 'security'],
    ['a sender name with a line break', { fromName: 'Support\r\nBcc: x@evil.test' }, 'fromName'],
    ['a sender address with a header', { fromAddress: 'a@b.test\nBcc: x@evil.test' }, 'fromAddress'],
    ['an unknown field', { relay: true }, ''],
  ])('refuses %s, naming it, and changes nothing', async (_what, patch, field) => {
    const before = await snapshot(core.core.db);
    const result = await core.dispatcher.invoke(lead, 'channels.smtp.update', {
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
      user: null,
      fromAddress: 'support@console.test',
      fromName: 'Support',
      verifyCertificates: true,
      ...patch,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    if (field) expect(result.error.field).toBe(field);
    expect(await snapshot(core.core.db)).toEqual(before);
  });

  it('removes the settings for a lead who confirms what they saw: audited without the password, typed errors', async () => {
    // Nothing set up yet: nothing to remove.
    expect(await core.dispatcher.invoke(lead, 'channels.smtp.remove', { updatedAt: 0 })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: /nothing to remove/ },
    });
    const saved = await configure({ user: 'mailer', password: 'p4ss wörd' });
    const seen = saved.updatedAt ?? 0;
    expect(await core.dispatcher.invoke(agent, 'channels.smtp.remove', { updatedAt: seen })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // Saved again since the lead looked: refused, and nothing changes.
    core.clock.now += 1_000;
    await configure({ user: 'mailer' });
    const before = await snapshot(core.core.db);
    expect(await core.dispatcher.invoke(lead, 'channels.smtp.remove', { updatedAt: seen })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'updatedAt' },
    });
    expect(await snapshot(core.core.db)).toEqual(before);

    const current = await core.call(lead, 'channels.smtp.get', {});
    const removed = await core.call(lead, 'channels.smtp.remove', { updatedAt: current.updatedAt ?? 0 });
    expect(removed).toMatchObject({ configured: false, host: '', passwordSet: false, updatedAt: null });
    expect(await core.call(lead, 'channels.smtp.get', {})).toEqual(removed);
    const rows = await core.core.db
      .selectFrom('settings')
      .select('key')
      .where('key', '=', MAIL_OUT_KEY)
      .execute();
    expect(rows).toEqual([]);
    const audit = await core.core.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'channels.smtp.remove')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_staff_id).toBe(core.ids.lead);
    expect(`${audit[0]!.before}${audit[0]!.after}`).not.toMatch(/p4ss|v1:/);
    expect(JSON.parse(audit[0]!.before ?? '{}')).toMatchObject({
      mailOut: { user: 'mailer', passwordSet: true },
    });
    // A queued answer waits for a server: the test says none is set up.
    expect(await core.call(lead, 'channels.smtp.test', { to: 'leo@support.test' })).toMatchObject({
      ok: false,
      error: { code: 'not_configured' },
    });
    expect(await core.dispatcher.invoke(lead, 'channels.smtp.remove', { updatedAt: seen })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('is for leads only', async () => {
    for (const method of ['channels.smtp.get', 'outbox.list'] as const) {
      const result = await core.dispatcher.invoke(agent, method, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('forbidden');
    }
  });
});

describe('the outbox view', () => {
  it('lists by state with counts, cancels a queued mail, refuses to cancel a sent one, retries a cancelled one', async () => {
    await configure();
    await answeredTicket('One');
    await worker.drain();
    await answeredTicket('Two');
    const all = await core.call(lead, 'outbox.list', {});
    expect(all.items.map((i) => i.state)).toEqual(['queued', 'sent']);
    expect(all.counts).toMatchObject({ queued: 1, sent: 1, failed: 0, needs_attention: 0, cancelled: 0 });
    expect(all.items[0]).toMatchObject({
      customerName: 'Sam Standard',
      toEmail: 'sam.standard@customer.test',
    });

    const queuedId = all.items[0]!.id;
    const sentId = all.items[1]!.id;
    expect(await core.call(lead, 'outbox.cancel', { id: queuedId })).toMatchObject({ state: 'cancelled' });
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(1);

    const before = await snapshot(core.core.db);
    const refused = await core.dispatcher.invoke(lead, 'outbox.cancel', { id: sentId });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'conflict', field: 'id' });
    const missing = await core.dispatcher.invoke(lead, 'outbox.retry', { id: 99_999 });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('not_found');
    expect(await snapshot(core.core.db)).toEqual(before);

    expect((await core.call(lead, 'outbox.list', { state: 'cancelled' })).items.map((i) => i.id)).toEqual([
      queuedId,
    ]);
    await core.call(lead, 'outbox.retry', { id: queuedId });
    await worker.drain();
    expect(smtp.received).toHaveLength(2);
  });
});

describe('the running worker', () => {
  it('delivers on its own on the leading process once SMTP is set up', async () => {
    const running = await createTestCore(undefined, {});
    try {
      const l = await running.signedIn(running.ids.lead);
      const a = await running.signedIn(running.ids.agent);
      await running.call(l, 'channels.smtp.update', {
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        user: null,
        fromAddress: 'support@console.test',
        fromName: 'Support',
        verifyCertificates: true,
      });
      const created = await running.call(a, 'tickets.create', {
        customerId: running.ids.standard,
        channel: 'email',
        subject: 'Live',
        body: 'Question',
      });
      await running.call(a, 'messages.add', {
        ticketId: created.ticket.ticket.id,
        kind: 'answer',
        body: 'Live answer',
      });
      await vi.waitFor(
        async () => {
          const row = await running.core.db.selectFrom('outbox').select('delivery').executeTakeFirstOrThrow();
          expect(row.delivery).toBe('sent');
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(smtp.received.filter((m) => m.raw.includes('Live answer'))).toHaveLength(1);
    } finally {
      await running.dispose();
    }
  });
});
