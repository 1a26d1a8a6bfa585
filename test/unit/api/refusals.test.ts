// Every method refuses bad input with a typed error and leaves the database exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode, MethodName } from '../../../shared/contract';
import { methodNames } from '../../../shared/contract';
import type { Session } from '../../../electron/core/api/context';
import { handlers } from '../../../electron/core/api/handlers';
import { createTestCore, snapshot, type TestCore } from '../helpers/core';

let core: TestCore;
let agent: Session;
let ticketId: number;
let closedTicketId: number;

beforeAll(async () => {
  core = await createTestCore();
  agent = await core.signedIn(core.ids.agent);
  const created = await core.call(agent, 'tickets.create', {
    customerId: core.ids.standard,
    channel: 'email',
    subject: 'Export to CSV',
    body: 'How do I export a table?',
  });
  ticketId = created.ticket.ticket.id;
  const other = await core.call(agent, 'tickets.create', {
    customerId: core.ids.standard,
    channel: 'topic',
    subject: 'Old question',
    body: 'Old',
  });
  closedTicketId = other.ticket.ticket.id;
  await core.call(agent, 'tickets.setStatus', { ticketId: closedTicketId, status: 'closed' });
});
afterAll(() => core.dispose());

interface Known {
  ids: TestCore['ids'];
  ticketId: number;
  closedTicketId: number;
}

type Case = {
  method: MethodName | string;
  input: (k: Known) => unknown;
  code: ErrorCode;
  field?: string;
  as?: 'agent' | 'nobody';
};

const emptyColumns = { order: [], hidden: [], widths: {} };

const cases: Case[] = [
  { method: 'no.such.method', input: () => ({}), code: 'not_found' },
  { method: 'session.signIn', input: () => ({ staffId: 'one' }), code: 'invalid_input', field: 'staffId' },
  { method: 'session.signIn', input: () => ({ staffId: 9999 }), code: 'not_found', field: 'staffId' },
  {
    method: 'session.signIn',
    input: (k) => ({ staffId: k.ids.inactive }),
    code: 'deactivated',
    field: 'staffId',
  },
  { method: 'session.signInOptions', input: () => ({ x: 1 }), code: 'invalid_input' },
  {
    method: 'session.signInWithPassword',
    input: () => ({ email: 'nobody@support.test', password: 'whatever it is' }),
    code: 'wrong_password',
    field: 'password',
  },
  {
    method: 'session.signInWithPassword',
    input: () => ({ email: '', password: 'x' }),
    code: 'invalid_input',
    field: 'email',
  },
  {
    method: 'session.changePassword',
    input: () => ({ newPassword: 'short' }),
    code: 'invalid_input',
    field: 'newPassword',
  },
  { method: 'staff.accounts', input: () => ({}), code: 'forbidden' },
  {
    method: 'staff.invite',
    input: () => ({ email: 'x@y.test', name: 'X', role: 'agent', zone: 'UTC' }),
    code: 'forbidden',
  },
  { method: 'staff.revokeInvitation', input: () => ({ invitationId: 1 }), code: 'forbidden' },
  { method: 'staff.invitation', input: () => ({ token: 'short' }), code: 'invalid_input', field: 'token' },
  {
    method: 'staff.invitation',
    input: () => ({ token: 'A'.repeat(43) }),
    code: 'not_found',
    field: 'token',
    as: 'nobody',
  },
  {
    method: 'staff.acceptInvitation',
    input: () => ({ token: 'A'.repeat(43), password: 'long enough pass' }),
    code: 'not_found',
    field: 'token',
    as: 'nobody',
  },
  { method: 'staff.setRole', input: (k) => ({ staffId: k.ids.agent, role: 'lead' }), code: 'forbidden' },
  { method: 'staff.setActive', input: (k) => ({ staffId: k.ids.lead, active: false }), code: 'forbidden' },
  { method: 'session.signIn', input: () => ({ staffId: 1, extra: true }), code: 'invalid_input' },
  { method: 'staff.list', input: () => ({ x: 1 }), code: 'invalid_input' },
  { method: 'queue.list', input: () => ({}), code: 'not_signed_in', as: 'nobody' },
  { method: 'queue.list', input: () => ({ limit: 0 }), code: 'invalid_input', field: 'limit' },
  {
    method: 'queue.list',
    input: () => ({ filter: { channels: ['fax'] } }),
    code: 'invalid_input',
    field: 'filter.channels.0',
  },
  { method: 'queue.list', input: () => ({ cursor: 'bm9wZQ' }), code: 'invalid_input', field: 'cursor' },
  {
    method: 'queue.list',
    input: () => ({ sort: { field: 'subject', direction: 'asc' } }),
    code: 'invalid_input',
  },
  { method: 'customers.list', input: () => ({ limit: 1000 }), code: 'invalid_input', field: 'limit' },
  { method: 'customers.get', input: () => ({ id: 424242 }), code: 'not_found', field: 'id' },
  { method: 'customers.get', input: () => ({ id: -1 }), code: 'invalid_input', field: 'id' },
  { method: 'tickets.get', input: () => ({ id: 424242 }), code: 'not_found', field: 'id' },
  { method: 'tickets.get', input: () => null, code: 'invalid_input', field: 'id' },
  {
    method: 'tickets.create',
    input: () => ({ customerId: 424242, channel: 'topic', subject: 'Hi', body: 'Hello' }),
    code: 'not_found',
    field: 'customerId',
  },
  {
    method: 'tickets.create',
    input: () => ({ customerId: 1, channel: 'topic', subject: '   ', body: 'Hello' }),
    code: 'invalid_input',
    field: 'subject',
  },
  {
    method: 'tickets.create',
    input: () => ({ customerId: 1, channel: 'pigeon', subject: 'Hi', body: 'Hello' }),
    code: 'invalid_input',
    field: 'channel',
  },
  {
    method: 'tickets.create',
    input: () => ({ customerId: 1, channel: 'topic', subject: 'x'.repeat(201), body: 'Hello' }),
    code: 'invalid_input',
    field: 'subject',
  },
  {
    method: 'tickets.previewIntake',
    input: () => ({ customerId: 424242, channel: 'email' }),
    code: 'not_found',
  },
  {
    method: 'messages.add',
    input: () => ({ ticketId: 424242, kind: 'answer', body: 'Hi' }),
    code: 'not_found',
    field: 'ticketId',
  },
  {
    method: 'messages.add',
    input: () => ({ ticketId: 1, kind: 'shout', body: 'Hi' }),
    code: 'invalid_input',
    field: 'kind',
  },
  {
    method: 'messages.add',
    input: () => ({ ticketId: 1, kind: 'answer', body: '' }),
    code: 'invalid_input',
    field: 'body',
  },
  {
    method: 'messages.add',
    input: () => ({ ticketId: 1, kind: 'blog_comment', body: 'A comment' }),
    code: 'invalid_input',
    field: 'kind',
  },
  {
    method: 'messages.add',
    input: (k) => ({ ticketId: k.closedTicketId, kind: 'answer', body: 'Late' }),
    code: 'conflict',
  },
  { method: 'messages.preview', input: () => ({ ticketId: 424242, kind: 'answer' }), code: 'not_found' },
  {
    method: 'tickets.assign',
    input: (k) => ({ ticketId: k.ticketId, assigneeId: 424242 }),
    code: 'not_found',
    field: 'assigneeId',
  },
  {
    method: 'tickets.assign',
    input: (k) => ({ ticketId: k.ticketId, assigneeId: k.ids.inactive }),
    code: 'invalid_input',
    field: 'assigneeId',
  },
  {
    method: 'tickets.assign',
    input: () => ({ ticketId: 424242, assigneeId: null }),
    code: 'not_found',
    field: 'ticketId',
  },
  { method: 'tickets.assign', input: (k) => ({ ticketId: k.ticketId, assigneeId: null }), code: 'conflict' },
  {
    method: 'tickets.setStatus',
    input: (k) => ({ ticketId: k.ticketId, status: 'deleted' }),
    code: 'invalid_input',
  },
  { method: 'tickets.setStatus', input: (k) => ({ ticketId: k.ticketId, status: 'new' }), code: 'conflict' },
  {
    method: 'tickets.setStatus',
    input: (k) => ({ ticketId: k.closedTicketId, status: 'open' }),
    code: 'conflict',
  },
  // Lead-only methods, called by an agent.
  { method: 'managers.suggest', input: (k) => ({ customerId: k.ids.enterpriseExpress }), code: 'forbidden' },
  {
    method: 'managers.assign',
    input: (k) => ({ customerId: k.ids.enterpriseExpress, managerId: k.ids.manager, reason: 'r' }),
    code: 'forbidden',
  },
  {
    method: 'managers.unassign',
    input: (k) => ({ customerId: k.ids.enterpriseExpress, reason: 'r' }),
    code: 'forbidden',
  },
  {
    method: 'managers.setCapacity',
    input: (k) => ({ staffId: k.ids.manager, capacity: 3 }),
    code: 'forbidden',
  },
  {
    method: 'customers.changePlan',
    input: (k) => ({ customerId: k.ids.standard, planId: 'free', reason: 'r' }),
    code: 'forbidden',
  },
  { method: 'clients.list', input: () => ({}), code: 'forbidden' },
  { method: 'clients.markSeen', input: (k) => ({ customerId: k.ids.enterpriseExpress }), code: 'forbidden' },
  {
    method: 'clients.addNote',
    input: (k) => ({ customerId: k.ids.enterpriseExpress, body: 'n' }),
    code: 'forbidden',
  },
  { method: 'overview.lead', input: () => ({}), code: 'forbidden' },
  { method: 'settings.update', input: () => ({ offerToManagerFirst: false }), code: 'forbidden' },
  { method: 'channels.smtp.get', input: () => ({}), code: 'forbidden' },
  {
    method: 'channels.smtp.update',
    input: () => ({
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
      user: null,
      fromAddress: 'support@example.com',
      fromName: 'Support',
      verifyCertificates: true,
    }),
    code: 'forbidden',
  },
  { method: 'channels.smtp.remove', input: () => ({ updatedAt: 0 }), code: 'forbidden' },
  { method: 'channels.smtp.test', input: () => ({ to: 'a@example.com' }), code: 'forbidden' },
  { method: 'outbox.list', input: () => ({}), code: 'forbidden' },
  { method: 'outbox.retry', input: () => ({ id: 1 }), code: 'forbidden' },
  { method: 'outbox.cancel', input: () => ({ id: 1 }), code: 'forbidden' },
  { method: 'sla.review', input: () => ({ from: 0, to: 1 }), code: 'forbidden' },
  { method: 'sla.csv', input: () => ({ table: 'channel', from: 0, to: 1 }), code: 'forbidden' },
  { method: 'rules.updateSla', input: () => ({}), code: 'forbidden' },
  { method: 'rules.previewSla', input: () => ({}), code: 'forbidden' },
  // Unknown ids and malformed input.
  {
    method: 'managers.history',
    input: () => ({ customerId: 424242 }),
    code: 'not_found',
    field: 'customerId',
  },
  { method: 'settings.get', input: () => ({ x: 1 }), code: 'invalid_input' },
  { method: 'channels.website.get', input: () => ({}), code: 'forbidden' },
  { method: 'channels.website.update', input: () => ({ enabled: true }), code: 'forbidden' },
  { method: 'channels.website.rotateSecret', input: () => ({}), code: 'forbidden' },
  { method: 'channels.website.recent', input: () => ({}), code: 'forbidden' },
  {
    method: 'channels.website.sendTest',
    input: () => ({ kind: 'topic_question', accountEmail: 'x@y.test', language: 'en' }),
    code: 'forbidden',
  },
  { method: 'channels.imap.get', input: () => ({}), code: 'forbidden' },
  {
    method: 'channels.imap.update',
    input: () => ({
      enabled: true,
      host: 'imap.example.test',
      port: 993,
      security: 'tls',
      user: 'u',
      password: 'p',
      mailbox: 'INBOX',
      pollSeconds: 60,
    }),
    code: 'forbidden',
  },
  { method: 'channels.imap.remove', input: () => ({}), code: 'forbidden' },
  { method: 'channels.imap.test', input: () => ({}), code: 'forbidden' },
  {
    method: 'tickets.linkCustomer',
    input: (k) => ({ ticketId: 424242, customerId: k.ids.standard }),
    code: 'not_found',
    field: 'ticketId',
  },
  { method: 'mail.attachment', input: () => ({ id: 424242 }), code: 'not_found', field: 'id' },
  { method: 'calls.list', input: () => ({ limit: 0 }), code: 'invalid_input', field: 'limit' },
  { method: 'calls.get', input: () => ({ id: 424242 }), code: 'not_found' },
  { method: 'calls.slots', input: () => ({ callId: 424242 }), code: 'not_found' },
  {
    method: 'calls.schedule',
    input: (k) => ({ callId: 424242, agentId: k.ids.agent, startsAt: Date.UTC(2026, 11, 1, 9, 0) }),
    code: 'not_found',
  },
  {
    method: 'calls.reschedule',
    input: () => ({ callId: 424242, startsAt: Date.UTC(2026, 11, 1, 9, 0) }),
    code: 'not_found',
  },
  { method: 'calls.cancel', input: () => ({ callId: 424242, reason: 'r' }), code: 'not_found' },
  { method: 'calls.complete', input: () => ({ callId: 424242, outcome: 'done' }), code: 'not_found' },
  { method: 'calls.calendar', input: () => ({ from: 'monday' }), code: 'invalid_input' },
  { method: 'calls.ics', input: () => ({ callId: 424242 }), code: 'not_found' },
  { method: 'sla.reviewTickets', input: () => ({ from: 'x' }), code: 'forbidden' },
  { method: 'sla.explain', input: () => ({ ticketId: 424242 }), code: 'not_found' },
  { method: 'sla.status', input: () => ({ ticketIds: [] }), code: 'invalid_input', field: 'ticketIds' },
  { method: 'sla.warnings', input: () => ({ assigneeId: 'me' }), code: 'invalid_input', field: 'assigneeId' },
  { method: 'rules.versions', input: () => ({ all: true }), code: 'invalid_input' },
  { method: 'rules.sla', input: () => ({ version: 424242 }), code: 'not_found' },
  { method: 'audit.list', input: () => ({}), code: 'forbidden' },
  { method: 'views.list', input: () => ({}), code: 'not_signed_in', as: 'nobody' },
  { method: 'views.list', input: () => ({ x: 1 }), code: 'invalid_input' },
  {
    method: 'views.save',
    input: () => ({
      name: ' ',
      filter: {},
      sort: { field: 'due_at', direction: 'asc' },
      columns: emptyColumns,
    }),
    code: 'invalid_input',
    field: 'name',
  },
  {
    method: 'views.save',
    input: () => ({
      id: 'custom:424242',
      name: 'Mine',
      filter: {},
      sort: { field: 'due_at', direction: 'asc' },
      columns: emptyColumns,
    }),
    code: 'not_found',
    field: 'id',
  },
  {
    method: 'views.save',
    input: () => ({
      name: 'Bad',
      filter: { dueWithinMinutes: -5 },
      sort: { field: 'due_at', direction: 'asc' },
      columns: emptyColumns,
    }),
    code: 'invalid_input',
    field: 'filter.dueWithinMinutes',
  },
  { method: 'views.delete', input: () => ({ id: 'custom:424242' }), code: 'not_found', field: 'id' },
  { method: 'views.delete', input: () => ({ id: 'mine' }), code: 'invalid_input', field: 'id' },
  { method: 'search.query', input: () => ({ text: '   ' }), code: 'invalid_input', field: 'text' },
  { method: 'search.query', input: () => ({ text: 'x', limit: 0 }), code: 'invalid_input', field: 'limit' },
  {
    method: 'messages.draftFromRule',
    input: (k) => ({ ticketId: k.ticketId }),
    code: 'conflict',
    field: 'ticketId',
  },
  {
    method: 'messages.sendRuleNotice',
    input: (k) => ({ ticketId: k.ticketId }),
    code: 'conflict',
    field: 'ticketId',
  },
  {
    method: 'messages.sendRuleNotice',
    input: () => ({ ticketId: 99_999 }),
    code: 'not_found',
    field: 'ticketId',
  },
  {
    method: 'messages.draftFromRule',
    input: () => ({ ticketId: 99_999 }),
    code: 'not_found',
    field: 'ticketId',
  },
  {
    method: 'messages.draftFromRule',
    input: (k) => ({ ticketId: k.ticketId, locale: 'de' }),
    code: 'invalid_input',
    field: 'locale',
  },
];

describe('bad input', () => {
  it('covers every method of the contract with at least one refusal', () => {
    const covered = new Set(cases.map((c) => c.method));
    const uncovered = methodNames.filter(
      (m) => !covered.has(m) && !['session.signOut', 'session.current', 'rules.summary'].includes(m),
    );
    expect(uncovered).toEqual([]);
  });

  it('has exactly one handler per contract method', () => {
    expect(Object.keys(handlers).sort()).toEqual([...methodNames].sort());
  });

  it.each(cases.map((c) => [`${c.method} → ${c.code}${c.field ? ` (${c.field})` : ''}`, c] as const))(
    '%s, nothing changed',
    async (_name, c) => {
      const input = c.input({ ids: core.ids, ticketId, closedTicketId });
      const before = await snapshot(core.core.db);
      const session = c.as === 'nobody' ? { staffId: null } : { ...agent };
      const result = await core.dispatcher.call(session, c.method, input);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(c.code);
      expect(result.error.message.length).toBeGreaterThan(10);
      if (c.field) expect(result.error.field).toBe(c.field);
      // A refusal writes nothing but its own audit entry (left out of the snapshot).
      expect(await snapshot(core.core.db)).toEqual(before);
    },
  );

  it('refuses a staff answer the quota cannot pay for, writing nothing, with the rule’s reason', async () => {
    const free = core.ids.free;
    const t = await core.call(agent, 'tickets.create', {
      customerId: free,
      channel: 'topic',
      subject: 'Q1',
      body: 'q1',
    });
    const id = t.ticket.ticket.id;
    await core.call(agent, 'messages.add', { ticketId: id, kind: 'answer', body: 'a1' }); // 2 used
    await core.call(agent, 'messages.add', { ticketId: id, kind: 'question', body: 'q2' }); // 3
    await core.call(agent, 'messages.add', { ticketId: id, kind: 'answer', body: 'a2' }); // 4
    await core.call(agent, 'messages.add', { ticketId: id, kind: 'answer', body: 'a3' }); // 5
    const before = await snapshot(core.core.db);
    const result = await core.dispatcher.call(agent, 'messages.add', {
      ticketId: id,
      kind: 'answer',
      body: 'a4',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('rule_refused');
      expect(result.error.message).toMatch(/Free/);
    }
    expect(await snapshot(core.core.db)).toEqual(before);
  });

  it('survives garbage of every type without crashing', async () => {
    const inputs: unknown[] = [
      undefined,
      null,
      0,
      'text',
      [],
      [1, 2],
      { __proto__: { staffId: 1 } },
      { limit: Infinity },
    ];
    for (const method of methodNames) {
      for (const input of inputs) {
        const result = await core.dispatcher.call({ ...agent }, method, input);
        if (!result.ok) expect(result.error.code).not.toBe('internal');
      }
    }
  });
});
