// Two agents on two processes (two cores on one database: a SQLite file, or PostgreSQL with
// TEST_STORE=postgres) working the same ticket and the same customer at the same moment.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type RunningCore } from '../../../electron/core/app';
import { createTestCore, type TestCore } from '../helpers/core';

let core: TestCore;
let other: RunningCore;

beforeEach(async () => {
  core = await createTestCore();
  other = await startCore({ dbFile: core.file, demo: false, now: () => core.clock.now });
});
afterEach(async () => {
  await other.close();
  await core.dispose();
});

async function newTicket(customerId: number): Promise<number> {
  const lead = await core.signedIn(core.ids.lead);
  const { ticket } = await core.call(lead, 'tickets.create', {
    customerId,
    channel: 'topic',
    subject: 'Claim me',
    body: 'Who takes this?',
  });
  return ticket.ticket.id;
}

describe('claiming a ticket', () => {
  it('gives it to one of two agents claiming at once and tells the other who has it', async () => {
    for (let round = 0; round < 5; round++) {
      const ticketId = await newTicket(core.ids.standard);
      const [a, b] = await Promise.all([
        core.dispatcher.call({ staffId: core.ids.agent }, 'tickets.assign', {
          ticketId,
          assigneeId: core.ids.agent,
          expectedAssigneeId: null,
        }),
        other.dispatcher.call({ staffId: core.ids.otherAgent }, 'tickets.assign', {
          ticketId,
          assigneeId: core.ids.otherAgent,
          expectedAssigneeId: null,
        }),
      ]);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
      const winner = a.ok ? 'Alice Agent' : 'Bob Agent';
      const loser = a.ok ? b : a;
      expect(loser).toEqual({
        ok: false,
        error: {
          code: 'conflict',
          message: `${winner} has this ticket now; nothing changed.`,
          field: 'assigneeId',
        },
      });
      const row = await core.core.db
        .selectFrom('tickets')
        .select('assignee_id')
        .where('id', '=', ticketId)
        .executeTakeFirstOrThrow();
      expect(row.assignee_id).toBe(a.ok ? core.ids.agent : core.ids.otherAgent);
      const audits = await core.core.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', 'ticket')
        .where('entity_id', '=', ticketId)
        .where('action', '=', 'tickets.assign')
        .execute();
      expect(audits).toHaveLength(1);
    }
  });

  it('refuses a claim on a ticket someone took since it was shown, naming them', async () => {
    const ticketId = await newTicket(core.ids.standard);
    const bob = await core.signedIn(core.ids.otherAgent);
    await core.call(bob, 'tickets.assign', { ticketId, assigneeId: core.ids.otherAgent });
    const late = await other.dispatcher.call({ staffId: core.ids.agent }, 'tickets.assign', {
      ticketId,
      assigneeId: core.ids.agent,
      expectedAssigneeId: null,
    });
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Bob Agent has this ticket now; nothing changed.' },
    });
    // Without an expectation, a lead's reassignment still goes through.
    const reassigned = await other.dispatcher.call({ staffId: core.ids.lead }, 'tickets.assign', {
      ticketId,
      assigneeId: core.ids.agent,
    });
    expect(reassigned.ok).toBe(true);
  });
});

describe('the last Free quota message, from two processes', () => {
  it('is spent once: the customer row is the turnstile', async () => {
    const ticketId = await newTicket(core.ids.free); // the question: 1 used
    const agent = await core.signedIn(core.ids.agent);
    await core.call(agent, 'messages.add', { ticketId, kind: 'answer', body: 'A1' });
    await core.call(agent, 'messages.add', { ticketId, kind: 'question', body: 'Q2' });
    await core.call(agent, 'messages.add', { ticketId, kind: 'answer', body: 'A2' }); // 4 used
    const results = await Promise.all(
      [core, other, core, other].map((c, n) =>
        c.dispatcher.call({ staffId: core.ids.agent }, 'messages.add', {
          ticketId,
          kind: 'answer',
          body: `race ${n}`,
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const customer = await core.core.db
      .selectFrom('customers')
      .select('quota_spent')
      .where('id', '=', core.ids.free)
      .executeTakeFirstOrThrow();
    expect(customer.quota_spent).toBe(5);
  });
});
