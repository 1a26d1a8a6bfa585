// The Free quota on a real store: every accepted, unanswered question keeps one message for its
// answer, and the balance the meter shows is the one decisions use (used / reserved / remaining).
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/api/context';
import { createTestCore, type TestCore } from '../helpers/core';

let core: TestCore;
let agent: Session;

beforeEach(async () => {
  core = await createTestCore();
  agent = await core.signedIn(core.ids.agent);
});
afterEach(() => core.dispose());

const topic = (subject: string) => ({
  customerId: core.ids.free,
  channel: 'topic' as const,
  subject,
  body: `${subject}?`,
});
const comment = (subject: string) => ({
  customerId: core.ids.free,
  channel: 'blog_comment' as const,
  subject,
  body: 'Nice post',
});
const answer = (ticketId: number) =>
  core.call(agent, 'messages.add', { ticketId, kind: 'answer', body: 'Here is how.' });

async function balance() {
  const detail = await core.call(agent, 'customers.get', { id: core.ids.free });
  const listed = await core.call(agent, 'customers.list', { search: 'Fiona', limit: 10 });
  // One truth: the summary, the list row and the entitlements carry the same balance.
  expect(listed.rows[0]?.quota).toEqual(detail.customer.quota);
  expect(detail.entitlements.quota).toEqual(detail.customer.quota);
  return detail;
}

describe('Free quota: the answer of an accepted question is reserved', () => {
  it('a question accepted with 2 left keeps its answer: a comment and a question are refused, the answer is not', async () => {
    const first = await core.call(agent, 'tickets.create', topic('First'));
    expect(first.decision.quota?.after).toEqual({ used: 1, reserved: 1, limit: 5, remaining: 3 });
    await answer(first.ticket.ticket.id);
    await core.call(agent, 'tickets.create', comment('Blog 1'));
    expect((await balance()).customer.quota).toEqual({ used: 3, reserved: 0, limit: 5, remaining: 2 });

    // 2 left: the question is accepted and keeps the last message for its answer.
    const asked = await core.call(agent, 'tickets.create', topic('Second'));
    expect(asked.decision.outcome).toBe('accept');
    expect(asked.decision.quota?.after).toEqual({ used: 4, reserved: 1, limit: 5, remaining: 0 });
    const meter = await balance();
    expect(meter.customer.quota).toEqual({ used: 4, reserved: 1, limit: 5, remaining: 0 });

    // Neither a blog comment nor another question may take the reserved message.
    const blog = await core.call(agent, 'tickets.create', comment('Blog 2'));
    expect(blog.decision.outcome).toBe('refuse');
    expect(blog.decision.reason.code).toBe('quota.insufficient');
    expect(blog.decision.reason.params).toMatchObject({ used: 4, reserved: 1, remaining: 0, needed: 1 });
    expect(blog.decision.reason.text).toContain('1 kept for the answer to an open question');
    const again = await core.call(agent, 'tickets.create', topic('Third'));
    expect(again.decision.reason.code).toBe('quota.insufficient');
    const followUp = await core.call(agent, 'messages.preview', {
      ticketId: asked.ticket.ticket.id,
      kind: 'question',
    });
    expect(followUp.outcome).toBe('refuse');

    // The answer spends the message kept for it.
    const preview = await core.call(agent, 'messages.preview', {
      ticketId: asked.ticket.ticket.id,
      kind: 'answer',
    });
    expect(preview.outcome).toBe('accept');
    const answered = await answer(asked.ticket.ticket.id);
    expect(answered.decision.quota?.after).toEqual({ used: 5, reserved: 0, limit: 5, remaining: 0 });
    expect((await balance()).customer.quota).toEqual({ used: 5, reserved: 0, limit: 5, remaining: 0 });
  });

  it('an answer on a ticket without a reservation cannot spend another ticket’s', async () => {
    const a = await core.call(agent, 'tickets.create', topic('A'));
    await answer(a.ticket.ticket.id);
    await core.call(agent, 'tickets.create', comment('Blog'));
    const b = await core.call(agent, 'tickets.create', topic('B'));
    expect(b.decision.quota?.after).toEqual({ used: 4, reserved: 1, limit: 5, remaining: 0 });
    // A second answer on A (already answered) would take B's answer.
    const extra = await core.call(agent, 'messages.preview', {
      ticketId: a.ticket.ticket.id,
      kind: 'answer',
    });
    expect(extra.outcome).toBe('refuse');
    expect(extra.reason.code).toBe('quota.insufficient');
    const ok = await core.call(agent, 'messages.preview', { ticketId: b.ticket.ticket.id, kind: 'answer' });
    expect(ok.outcome).toBe('accept');
  });

  it('at 4 of 5 with nothing reserved the meter says 1 left and the refusal says not enough, not used up', async () => {
    const a = await core.call(agent, 'tickets.create', topic('A'));
    await answer(a.ticket.ticket.id);
    const b = await core.call(agent, 'tickets.create', topic('B'));
    await answer(b.ticket.ticket.id);
    const detail = await balance();
    expect(detail.customer.quota).toEqual({ used: 4, reserved: 0, limit: 5, remaining: 1 });
    const topicRight = detail.entitlements.channels.find((c) => c.channel === 'topic');
    expect(topicRight?.allowed).toBe(false);
    expect(topicRight?.reason.code).toBe('quota.insufficient');
    expect(topicRight?.reason.text).not.toContain('used up');
    expect(detail.entitlements.channels.find((c) => c.channel === 'blog_comment')?.allowed).toBe(true);
    // The queue's "quota used up" flag follows what is spent, not what is reserved.
    const row = (await core.call(agent, 'queue.list', { limit: 50 })).rows.find(
      (r) => r.id === b.ticket.ticket.id,
    );
    expect(row?.flags.overQuota).toBe(false);
  });

  it('a question solved without an answer releases its reservation', async () => {
    const a = await core.call(agent, 'tickets.create', topic('A'));
    expect((await balance()).customer.quota?.reserved).toBe(1);
    await core.call(agent, 'tickets.setStatus', { ticketId: a.ticket.ticket.id, status: 'solved' });
    expect((await balance()).customer.quota).toEqual({ used: 1, reserved: 0, limit: 5, remaining: 4 });
  });

  it('an internal note neither spends nor releases', async () => {
    const a = await core.call(agent, 'tickets.create', topic('A'));
    await core.call(agent, 'messages.add', {
      ticketId: a.ticket.ticket.id,
      kind: 'internal_note',
      body: 'n',
    });
    expect((await balance()).customer.quota).toEqual({ used: 1, reserved: 1, limit: 5, remaining: 3 });
  });
});

describe('spent quota has one source: customers.quota_spent', () => {
  it('every reader and every decision takes the column the database keeps', async () => {
    const a = await core.call(agent, 'tickets.create', topic('A'));
    await answer(a.ticket.ticket.id);
    // Set the column apart from the messages it counts: whoever still counts messages disagrees.
    await sql`update customers set quota_spent = 4 where id = ${core.ids.free}`.execute(core.core.db);
    const expected = { used: 4, reserved: 0, limit: 5, remaining: 1 };
    expect((await balance()).customer.quota).toEqual(expected);
    expect((await core.call(agent, 'tickets.get', { id: a.ticket.ticket.id })).customer?.quota).toEqual(
      expected,
    );
    const lead = await core.signedIn(core.ids.lead);
    const found = await core.call(lead, 'search.query', { text: 'Fiona' });
    expect(found.customers.find((c) => c.id === core.ids.free)?.quota).toEqual(expected);
    const decided = await core.call(agent, 'tickets.previewIntake', {
      customerId: core.ids.free,
      channel: 'topic',
    });
    expect(decided.reason.code).toBe('quota.insufficient');
    expect(decided.quota?.before).toEqual(expected);
  });
});
