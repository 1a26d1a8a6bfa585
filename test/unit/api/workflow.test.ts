// The foundation's methods end to end on a real database: intake, quota, notices, clock, queue, audit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract';
import type { Session } from '../../../electron/core/api/context';
import { createTestCore, snapshot, WEDNESDAY_10_UTC, type TestCore } from '../helpers/core';

let core: TestCore;
let agent: Session;
beforeEach(async () => {
  core = await createTestCore();
  agent = await core.signedIn(core.ids.agent);
});
afterEach(() => core.dispose());

const SATURDAY_12_UTC = Date.UTC(2026, 10, 28, 12, 0);
const MONDAY_06_UTC = Date.UTC(2026, 10, 30, 6, 0);

describe('sign-in and roles', () => {
  it('records who signed in and refuses methods before sign-in', async () => {
    const nobody: Session = { staffId: null };
    const refused = await core.dispatcher.call(nobody, 'queue.list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    const me = await core.call(agent, 'session.current', {});
    expect(me?.name).toBe('Alice Agent');
    const staff = await core.core.db
      .selectFrom('staff')
      .select('last_signed_in_at')
      .where('id', '=', core.ids.agent)
      .executeTakeFirstOrThrow();
    expect(staff.last_signed_in_at).toBe(WEDNESDAY_10_UTC);
  });

  it('lets only a lead read the audit log', async () => {
    const lead = await core.signedIn(core.ids.lead);
    const entries = await core.call(lead, 'audit.list', { entity: 'staff' });
    expect(entries.map((e) => e.actorName)).toContain('Alice Agent');
    const refused = await core.dispatcher.call(agent, 'audit.list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('intake', () => {
  it('refuses e-mail from a Free customer, keeps it with the reason and queues a notice', async () => {
    const { ticket, decision } = await core.call(agent, 'tickets.create', {
      customerId: core.ids.free,
      channel: 'email',
      subject: 'Invoice',
      body: 'Please help',
    });
    expect(decision.outcome).toBe('refuse');
    expect(decision.alternatives.map((a) => a.kind)).toContain('community');
    expect(ticket.ticket.intakeOutcome).toBe('refuse');
    expect(ticket.ticket.intakeReason).toBe(decision.reason.text);
    expect(ticket.ticket.flags.notEntitled).toBe(true);
    expect(ticket.ticket.dueAt).toBeNull();
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.messages[0]).toMatchObject({ accepted: false, countsTowardQuota: false });
    const outbox = await core.core.db.selectFrom('outbox').selectAll().execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      kind: 'intake_refused',
      to_email: 'fiona.free@customer.test',
      status: 'pending',
    });
    expect(outbox[0]?.body).toContain(decision.reason.text);
  });

  it('accepts e-mail outside hours and starts the clock at the next opening', async () => {
    core.clock.now = SATURDAY_12_UTC;
    const { ticket, decision } = await core.call(agent, 'tickets.create', {
      customerId: core.ids.standard,
      channel: 'email',
      subject: 'Weekend question',
      body: 'Hello',
    });
    expect(decision).toMatchObject({ outcome: 'accept', openNow: false, nextOpen: MONDAY_06_UTC });
    expect(ticket.ticket.clockStartsAt).toBe(MONDAY_06_UTC);
    expect(ticket.ticket.flags.outsideHours).toBe(true);
    expect(ticket.ticket.dueAt).toBeGreaterThan(MONDAY_06_UTC);
  });

  it('previews the decision without writing anything', async () => {
    const before = await snapshot(core.core.db);
    const decision = await core.call(agent, 'tickets.previewIntake', {
      customerId: core.ids.standard,
      channel: 'phone',
    });
    expect(decision.outcome).toBe('refuse');
    expect(await snapshot(core.core.db)).toEqual(before);
  });

  it('records a call request from an Express customer', async () => {
    const { decision, ticket } = await core.call(agent, 'tickets.create', {
      customerId: core.ids.standardExpress,
      channel: 'phone',
      subject: 'Call about reports',
      body: 'Questions attached',
      callRequest: { questions: ['How do reports group?'], contactEmail: 'sue@customer.test', tool: 'skype' },
    });
    expect(decision.outcome).toBe('accept');
    const calls = await core.core.db.selectFrom('calls').selectAll().execute();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ ticket_id: ticket.ticket.id, status: 'requested', tool: 'skype' });
  });
});

describe('the Free quota, counted in the same transaction as the message', () => {
  it('spends the quota on questions and answers and stops at 5', async () => {
    const free = core.ids.free;
    const { ticket } = await core.call(agent, 'tickets.create', {
      customerId: free,
      channel: 'topic',
      subject: 'Forms',
      body: 'Q1',
    });
    const id = ticket.ticket.id;
    const balance = async () => (await core.call(agent, 'customers.get', { id: free })).customer.quota;
    expect(await balance()).toEqual({ used: 1, reserved: 1, limit: 5, remaining: 3 });

    const preview = await core.call(agent, 'messages.preview', { ticketId: id, kind: 'answer' });
    expect(preview.quota).toMatchObject({ counts: true, after: { used: 2 } });

    const a1 = await core.call(agent, 'messages.add', { ticketId: id, kind: 'answer', body: 'A1' });
    expect(a1.message.countsTowardQuota).toBe(true);
    const q2 = await core.call(agent, 'messages.add', { ticketId: id, kind: 'question', body: 'Q2' });
    expect(q2.decision.outcome).toBe('accept');
    await core.call(agent, 'messages.add', { ticketId: id, kind: 'answer', body: 'A2' });
    expect(await balance()).toEqual({ used: 4, reserved: 0, limit: 5, remaining: 1 });

    // One message left: a question would leave no room for its answer, so it is refused but kept.
    const q3 = await core.call(agent, 'messages.add', { ticketId: id, kind: 'question', body: 'Q3' });
    expect(q3.decision.outcome).toBe('refuse');
    expect(q3.message).toMatchObject({ accepted: false, countsTowardQuota: false });
    const note = await core.call(agent, 'messages.add', { ticketId: id, kind: 'internal_note', body: 'N' });
    expect(note.message.countsTowardQuota).toBe(false);
    expect(await balance()).toEqual({ used: 4, reserved: 0, limit: 5, remaining: 1 });

    await core.call(agent, 'messages.add', { ticketId: id, kind: 'answer', body: 'A3' });
    expect(await balance()).toEqual({ used: 5, reserved: 0, limit: 5, remaining: 0 });
    const row = (await core.call(agent, 'queue.list', { filter: { customerId: free } })).rows[0];
    expect(row?.flags.overQuota).toBe(true);
  });

  it('queues an e-mail to the account address for a topic answer, with the Spam reminder', async () => {
    const { ticket } = await core.call(agent, 'tickets.create', {
      customerId: core.ids.standard,
      channel: 'topic',
      subject: 'Widgets',
      body: 'How?',
    });
    await core.call(agent, 'messages.add', {
      ticketId: ticket.ticket.id,
      kind: 'answer',
      body: 'Like this.',
    });
    const outbox = await core.core.db.selectFrom('outbox').selectAll().execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ kind: 'answer_notification', to_email: 'sam.standard@customer.test' });
    expect(outbox[0]?.body).toMatch(/Spam/);
  });

  it('answers messages.add with the message exactly as tickets.get reads it back', async () => {
    const { ticket } = await core.call(agent, 'tickets.create', {
      customerId: core.ids.free,
      channel: 'topic',
      subject: 'Read back',
      body: 'Q1',
    });
    const id = ticket.ticket.id;
    const added = [];
    // An answer that queues its e-mail, a question logged for the customer, a note, then answers
    // and questions until the quota refuses one (a refusal is kept, with its reason).
    for (const [kind, body] of [
      ['answer', 'A1'],
      ['question', 'Q2'],
      ['internal_note', 'N'],
      ['answer', 'A2'],
      ['question', 'Q3'],
    ] as const) {
      const result = await core.call(agent, 'messages.add', { ticketId: id, kind, body });
      added.push(result);
    }
    expect(added.at(-1)?.decision.outcome).toBe('refuse');
    expect(added[0]?.message.delivery).toMatchObject({ state: 'queued', attempts: 0 });
    const detail = await core.call(agent, 'tickets.get', { id });
    for (const result of added) {
      expect(result.message).toEqual(detail.messages.find((m) => m.id === result.message.id));
    }
    expect(added.at(-1)?.ticket).toEqual(
      (({ intakeDecision: _d, ruleSetVersion: _v, ...summary }) => summary)(detail.ticket),
    );
  });

  it('never lets two concurrent answers spend the last quota message twice', async () => {
    const free = core.ids.free;
    const { ticket } = await core.call(agent, 'tickets.create', {
      customerId: free,
      channel: 'topic',
      subject: 'S',
      body: 'Q1',
    });
    const id = ticket.ticket.id;
    await core.call(agent, 'messages.add', { ticketId: id, kind: 'answer', body: 'A1' });
    await core.call(agent, 'messages.add', { ticketId: id, kind: 'question', body: 'Q2' });
    await core.call(agent, 'messages.add', { ticketId: id, kind: 'answer', body: 'A2' }); // 4 used
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        core.dispatcher.call({ ...agent }, 'messages.add', {
          ticketId: id,
          kind: 'answer',
          body: `race ${n}`,
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const counted = await core.core.db
      .selectFrom('messages')
      .select('id')
      .where('counts_toward_quota', '=', 1)
      .execute();
    expect(counted).toHaveLength(5);
  });
});

describe('tickets', () => {
  it('assigns and changes status, auditing each write with its actor and pausing the clock while waiting', async () => {
    const { ticket } = await core.call(agent, 'tickets.create', {
      customerId: core.ids.standard,
      channel: 'email',
      subject: 'S',
      body: 'B',
    });
    const id = ticket.ticket.id;
    const assigned = await core.call(agent, 'tickets.assign', { ticketId: id, assigneeId: core.ids.agent });
    expect(assigned.assigneeName).toBe('Alice Agent');
    const waiting = await core.call(agent, 'tickets.setStatus', { ticketId: id, status: 'waiting_customer' });
    expect(waiting.dueAt).toBeNull();
    const audit = await core.core.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'ticket')
      .where('entity_id', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['tickets.create', 'tickets.assign', 'tickets.setStatus']);
    expect(audit.every((a) => a.actor_staff_id === core.ids.agent)).toBe(true);
    expect(JSON.parse(audit[2]?.before ?? '{}')).toMatchObject({ status: 'new' });
    expect(JSON.parse(audit[2]?.after ?? '{}')).toMatchObject({ status: 'waiting_customer', due_at: null });
  });

  it('announces committed writes, and only those', async () => {
    const seen: EventPayload<'data.changed'>[] = [];
    core.core.events.on('data.changed', (p) => seen.push(p));
    await core.dispatcher.call(agent, 'tickets.create', {
      customerId: 424242,
      channel: 'topic',
      subject: 'S',
      body: 'B',
    });
    expect(seen).toHaveLength(0);
    const { ticket } = await core.call(agent, 'tickets.create', {
      customerId: core.ids.standard,
      channel: 'topic',
      subject: 'S',
      body: 'B',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.ticketIds).toEqual([ticket.ticket.id]);
    expect(seen[0]?.topics).toContain('tickets');
  });
});

describe('the queue', () => {
  it('pages with a cursor through exactly the filtered, sorted rows', async () => {
    for (let i = 0; i < 23; i++) {
      core.clock.now = WEDNESDAY_10_UTC + i * 37 * 60_000;
      await core.call(agent, 'tickets.create', {
        customerId: i % 2 ? core.ids.standard : core.ids.standardExpress,
        channel: i % 3 ? 'email' : 'chat',
        subject: `T${i}`,
        body: 'B',
      });
    }
    await core.call(agent, 'tickets.create', {
      customerId: core.ids.free,
      channel: 'email',
      subject: 'refused',
      body: 'B',
    });
    for (const sort of [
      { field: 'due_at', direction: 'asc' },
      { field: 'due_at', direction: 'desc' },
      { field: 'created_at', direction: 'desc' },
      { field: 'priority', direction: 'asc' },
    ] as const) {
      const all = await core.call(agent, 'queue.list', { sort, limit: 200 });
      const paged = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof core.call<'queue.list'>>> = await core.call(
          agent,
          'queue.list',
          { sort, limit: 5, cursor },
        );
        expect(page.total).toBe(24);
        paged.push(...page.rows);
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged.map((r) => r.id)).toEqual(all.rows.map((r) => r.id));
      // Tickets without a due time (the refused one) sort last in both directions.
      if (sort.field === 'due_at') expect(all.rows[all.rows.length - 1]?.dueAt).toBeNull();
    }
    const refused = await core.call(agent, 'queue.list', { filter: { intakeOutcome: 'refuse' } });
    expect(refused.rows.map((r) => r.subject)).toEqual(['refused']);
    const chats = await core.call(agent, 'queue.list', { filter: { channels: ['chat'] } });
    expect(chats.rows.every((r) => r.channel === 'chat')).toBe(true);
    const mine = await core.call(agent, 'queue.list', { filter: { assignee: { kind: 'me' } } });
    expect(mine.total).toBe(0);
  });
});
