// Queue views on a real database: every built-in view's filter against a hand-built set of tickets
// whose expected membership is written down, counts equal to rows, keyset paging around tickets that
// owe nothing, and each staff member's own saved views.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload, QueueFilter, QueueSort, QueueView } from '../../../shared/contract';
import { builtinViewIds } from '../../../shared/contract';
import type { Session } from '../../../electron/core/api/context';
import type { NewTicket } from '../../../electron/core/store/schema';
import { queueScope } from '../../../electron/core/handlers/queue';
import {
  countQueue,
  listQueue,
  QUEUE_COUNT_CAP,
  type QueueKey,
} from '../../../electron/core/store/queries/tickets';
import { builtinViews } from '../../../shared/builtin-views';
import { createTestCore, type TestCore } from '../helpers/core';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Saturday 2026-11-28 12:00 UTC: topics and blog comments open, email, chat and phone closed. */
const SATURDAY_12 = Date.UTC(2026, 10, 28, 12, 0);
const FRIDAY_17 = Date.UTC(2026, 10, 27, 17, 0);
const MONDAY_06 = Date.UTC(2026, 10, 30, 6, 0);

const decisionJson = (outcome: 'accept' | 'refuse' | 'undecided') =>
  JSON.stringify({
    outcome,
    reason: { code: outcome === 'accept' ? 'intake.accepted' : 'channel.not_on_plan', params: {}, text: 'x' },
    ruleIds: [],
    alternatives: [],
    quota: null,
    openNow: true,
    nextOpen: null,
  });

let core: TestCore;
let agent: Session;
let other: Session;
/** Ticket id by label, so expectations read as letters. */
let ids: Record<string, number>;

async function insertCustomer(name: string, planId: string): Promise<number> {
  const row = await core.core.db
    .insertInto('customers')
    .values({
      name,
      company: null,
      account_email: `${name.toLowerCase().replace(/\s/g, '.')}@customer.test`,
      zone: null,
      plan_id: planId,
      plan_since: SATURDAY_12 - 30 * 24 * HOUR,
      created_at: SATURDAY_12 - 30 * 24 * HOUR,
      updated_at: SATURDAY_12 - 30 * 24 * HOUR,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function insertTicket(label: string, values: Partial<NewTicket>): Promise<void> {
  const createdAt = values.created_at ?? SATURDAY_12 - HOUR;
  const outcome = values.intake_outcome ?? 'accept';
  const row = await core.core.db
    .insertInto('tickets')
    .values({
      customer_id: core.ids.standard,
      channel: 'topic',
      subject: `Ticket ${label}`,
      status: 'new',
      priority: 'normal',
      assignee_id: null,
      created_at: createdAt,
      updated_at: createdAt,
      clock_starts_at: createdAt,
      first_response_at: null,
      first_response_due_at: values.due_at ?? null,
      due_at: null,
      last_customer_message_at: createdAt,
      last_staff_message_at: null,
      intake_outcome: outcome,
      intake_reason_code: outcome === 'accept' ? 'intake.accepted' : 'channel.not_on_plan',
      intake_reason: 'x',
      intake_decision: decisionJson(outcome),
      rule_set_version: 'quintadb@1',
      flagged_not_entitled: 0,
      ...values,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids[label] = row.id;
}

async function spendQuota(customerId: number, ticketLabel: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await core.core.db
      .insertInto('messages')
      .values({
        ticket_id: ids[ticketLabel] ?? 0,
        customer_id: customerId,
        author_kind: 'customer',
        author_staff_id: null,
        kind: 'question',
        body: `spent ${i}`,
        accepted: 1,
        counts_toward_quota: 1,
        decision: null,
        created_at: SATURDAY_12 - 10 * 24 * HOUR + i * MINUTE,
      })
      .execute();
  }
}

beforeEach(async () => {
  core = await createTestCore(SATURDAY_12);
  agent = await core.signedIn(core.ids.agent);
  other = await core.signedIn(core.ids.otherAgent);
  ids = {};
  const { free, standardExpress, enterpriseExpress } = core.ids;
  const fred = await insertCustomer('Fred Free', 'free');
  const me = core.ids.agent;
  const them = core.ids.otherAgent;
  const answered = SATURDAY_12 - 30 * MINUTE;

  await insertTicket('A', { due_at: SATURDAY_12 + 3 * HOUR });
  // Arrived on Saturday: the email clock waits for Monday's opening.
  await insertTicket('B', {
    channel: 'email',
    created_at: SATURDAY_12 - HOUR,
    clock_starts_at: MONDAY_06,
    due_at: MONDAY_06 + 4 * HOUR,
  });
  // 30 business minutes left although Monday is two days away.
  await insertTicket('C', {
    channel: 'email',
    status: 'open',
    assignee_id: me,
    created_at: FRIDAY_17,
    due_at: MONDAY_06 + 30 * MINUTE,
  });
  await insertTicket('D', { status: 'open', assignee_id: them, due_at: SATURDAY_12 - HOUR });
  await insertTicket('E', {
    channel: 'chat',
    status: 'open',
    assignee_id: me,
    first_response_at: answered,
    due_at: MONDAY_06 + 3 * HOUR,
  });
  await insertTicket('F', {
    channel: 'phone',
    status: 'waiting_customer',
    assignee_id: me,
    customer_id: enterpriseExpress,
    first_response_at: answered,
  });
  await insertTicket('G', { channel: 'blog_comment', customer_id: free, due_at: SATURDAY_12 + 8 * HOUR });
  await insertTicket('H', { channel: 'email', customer_id: free, intake_outcome: 'refuse' });
  await insertTicket('I', {
    channel: 'email',
    status: 'open',
    customer_id: free,
    intake_outcome: 'refuse',
    assignee_id: them,
    first_response_at: answered,
  });
  await insertTicket('J', { channel: 'chat', status: 'solved', customer_id: free, intake_outcome: 'refuse' });
  await insertTicket('K', {
    channel: 'phone',
    status: 'closed',
    customer_id: free,
    intake_outcome: 'refuse',
  });
  await insertTicket('L', { status: 'closed', assignee_id: me, first_response_at: answered });
  await insertTicket('M', {
    status: 'open',
    customer_id: fred,
    assignee_id: them,
    first_response_at: answered,
    due_at: SATURDAY_12 + 6 * HOUR,
  });
  // Spent five quota messages while on Free; now on a paid plan, so the quota no longer applies.
  await insertTicket('N', { customer_id: standardExpress, due_at: SATURDAY_12 + 7 * HOUR });
  // Mail from an address no customer has: no customer, no plan, no due time.
  await insertTicket('U', {
    channel: 'email',
    customer_id: null,
    intake_outcome: 'undecided',
    intake_reason_code: 'unknown_customer',
    sender_email: 'stranger@example.net',
    created_at: SATURDAY_12 - 2 * HOUR,
  });
  await spendQuota(free, 'I', 5);
  await spendQuota(fred, 'M', 2);
  await spendQuota(standardExpress, 'N', 5);
});
afterEach(() => core.dispose());

const expected: Record<(typeof builtinViewIds)[number], string> = {
  needs_first_response: 'D A N G C B',
  mine: 'C E F',
  unassigned: 'A B G H N U',
  topics: 'A D M N',
  email: 'B C H I U',
  chat: 'E',
  call_requests: 'F',
  blog_comments: 'G',
  due_soon: 'D C',
  waiting_for_hours: 'B',
  refused: 'H J',
  free_quota_used_up: 'G H I',
  unknown_customer: 'U',
};

function labelsOf(rowIds: number[]): string[] {
  const byId = new Map(Object.entries(ids).map(([label, id]) => [id, label]));
  return rowIds.map((id) => byId.get(id) ?? `#${id}`);
}

async function list(
  session: Session,
  filter: QueueFilter,
  sort?: QueueSort,
  limit = 200,
  cursor: string | null = null,
) {
  return core.call(session, 'queue.list', { filter, sort, limit, cursor });
}

describe('built-in views', () => {
  it('defines exactly the contract’s built-in view ids, in order', () => {
    expect(builtinViews.map((v) => v.id)).toEqual([...builtinViewIds]);
  });

  for (const view of builtinViews) {
    it(`${view.id} holds exactly its tickets, and its count is its number of rows`, async () => {
      const page = await list(agent, view.filter, view.sort);
      const labels = labelsOf(page.rows.map((r) => r.id));
      const want = expected[view.id].split(' ');
      expect(new Set(labels)).toEqual(new Set(want));
      expect(page.total).toBe(want.length);
      expect(page.rows).toHaveLength(want.length);
      const views = await core.call(agent, 'views.list', {});
      expect(views.find((v) => v.id === view.id)?.count).toBe(want.length);
    });
  }

  it('sorts Needs first response by due time, most urgent first', async () => {
    const view = builtinViews.find((v) => v.id === 'needs_first_response');
    const page = await list(agent, view?.filter ?? {}, view?.sort);
    expect(labelsOf(page.rows.map((r) => r.id)).join(' ')).toBe(expected.needs_first_response);
  });

  it('reads "mine" for whoever asks', async () => {
    const page = await list(other, {
      assignee: { kind: 'me' },
      statuses: ['new', 'open', 'waiting_customer'],
    });
    expect(new Set(labelsOf(page.rows.map((r) => r.id)))).toEqual(new Set(['D', 'I', 'M']));
  });

  it('counts due time in each channel’s business minutes', async () => {
    // Topics are open: 3 hours left is not "within 60". Email is closed until Monday 06:00, so a
    // ticket due at 06:30 has 30 business minutes left on Saturday noon.
    const within = async (minutes: number) =>
      labelsOf((await list(agent, { dueWithinMinutes: minutes })).rows.map((r) => r.id)).sort();
    expect(await within(29)).toEqual(['D']);
    expect(await within(30)).toEqual(['C', 'D']);
    expect(await within(180)).toEqual(['A', 'C', 'D', 'E']);
  });

  it('answers false filters with the complement', async () => {
    const all = (await list(agent, {})).total;
    for (const key of ['needsFirstResponse', 'waitingForHours', 'quotaUsedUp'] as const) {
      const yes = (await list(agent, { [key]: true })).total;
      const no = (await list(agent, { [key]: false })).total;
      expect(yes + no, key).toBe(all);
    }
  });

  it('pages by cursor with tickets that owe nothing last, in both directions', async () => {
    const filter: QueueFilter = { assignee: { kind: 'me' }, statuses: ['new', 'open', 'waiting_customer'] };
    for (const [direction, want] of [
      ['asc', 'C E F'],
      ['desc', 'E C F'],
    ] as const) {
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 5; i++) {
        const page = await list(agent, filter, { field: 'due_at', direction }, 1, cursor);
        expect(page.total).toBe(3);
        seen.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(labelsOf(seen).join(' ')).toBe(want);
    }
    const everyTicket: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(agent, {}, { field: 'created_at', direction: 'desc' }, 4, cursor);
      everyTicket.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(everyTicket).size).toBe(Object.keys(ids).length);
  });

  it('pages the same whether a view is read as small (sorted after filtering) or large (in index order)', async () => {
    const fields = ['due_at', 'created_at', 'updated_at', 'priority'] as const;
    const priorities = ['urgent', 'high', 'normal', 'low', 'high', 'urgent', 'low'] as const;
    let i = 0;
    for (const id of Object.values(ids)) {
      await core.core.db
        .updateTable('tickets')
        .set({ priority: priorities[i % priorities.length], updated_at: SATURDAY_12 - (i % 3) * MINUTE })
        .where('id', '=', id)
        .execute();
      i++;
    }
    const scope = queueScope({ rules: core.core.rules, actor: null }, {}, SATURDAY_12);
    const walk = async (sort: QueueSort, countCap: number, filter: QueueFilter = {}) => {
      const seen: number[] = [];
      let after: QueueKey | null = null;
      for (let guard = 0; guard < 50; guard++) {
        const page = await listQueue(core.core.db, {
          filter,
          sort,
          after,
          limit: 3,
          scope,
          countCap,
        });
        seen.push(...page.rows.map((r) => r.id));
        after = page.next;
        if (!after) break;
      }
      return seen;
    };
    for (const field of fields) {
      for (const direction of ['asc', 'desc'] as const) {
        const small = await walk({ field, direction }, 10_000);
        const large = await walk({ field, direction }, 0);
        expect(small, `${field} ${direction}`).toHaveLength(Object.keys(ids).length);
        expect(large, `${field} ${direction}`).toEqual(small);
        // A plan is tested through the join for a small view, per ticket for a large one.
        const free = await walk({ field, direction }, 10_000, { planIds: ['free'] });
        expect(labelsOf(free).sort(), `free ${field} ${direction}`).toEqual(['G', 'H', 'I', 'J', 'K', 'M']);
        expect(await walk({ field, direction }, 0, { planIds: ['free'] })).toEqual(free);
        // Several statuses: a large view reads each one in order and merges them.
        const open: QueueFilter = { statuses: ['new', 'open', 'solved', 'new'] };
        const some = await walk({ field, direction }, 10_000, open);
        expect(some.length, `statuses ${field} ${direction}`).toBeGreaterThan(3);
        expect(await walk({ field, direction }, 0, open)).toEqual(some);
        // The customer probed against the spent-quota list, and the tickets without a due time read
        // one status at a time as well.
        const spent: QueueFilter = { statuses: ['new', 'open', 'solved'], quotaUsedUp: false };
        const notSpent = await walk({ field, direction }, 10_000, spent);
        expect(notSpent.length, `quota ${field} ${direction}`).toBeGreaterThan(3);
        expect(await walk({ field, direction }, 0, spent)).toEqual(notSpent);
      }
    }
  });

  it('finds spent quotas within open work from the spent customers, with fewer statuses too, and outside it as before', async () => {
    // G (new), H (new) and I (open) belong to the spent Free customer; J and K are theirs but solved
    // and closed; M's customer has spent two of five.
    for (const [statuses, want] of [
      [['new', 'open', 'waiting_customer'], 'G H I'],
      [['waiting_customer', 'new', 'open'], 'G H I'],
      [['new', 'open'], 'G H I'],
      [['open'], 'I'],
      [['waiting_customer'], ''],
      // Not all open work: the spent customers' tickets are probed as before.
      [['new', 'solved'], 'G H J'],
      [['closed'], 'K'],
    ] as const) {
      const filter: QueueFilter = { statuses: [...statuses], quotaUsedUp: true };
      const page = await list(agent, filter, { field: 'due_at', direction: 'asc' }, 50);
      expect(
        labelsOf(page.rows.map((r) => r.id))
          .sort()
          .join(' '),
        statuses.join(','),
      ).toBe(want);
      expect(page.total, statuses.join(',')).toBe(want === '' ? 0 : want.split(' ').length);
    }
    // A ticket solved leaves the view at once (the customer's open count follows it), and reopened
    // comes back.
    const only = async () => {
      const page = await list(agent, { statuses: ['new', 'open', 'waiting_customer'], quotaUsedUp: true });
      return labelsOf(page.rows.map((r) => r.id))
        .sort()
        .join(' ');
    };
    const setStatus = (labels: string[], status: 'solved' | 'waiting_customer') =>
      core.core.db
        .updateTable('tickets')
        .set({ status })
        .where(
          'id',
          'in',
          labels.map((l) => ids[l] ?? 0),
        )
        .execute();
    await setStatus(['G', 'H'], 'solved');
    expect(await only()).toBe('I');
    await setStatus(['I'], 'solved');
    expect(await only()).toBe('');
    await setStatus(['H'], 'waiting_customer');
    expect(await only()).toBe('H');
  });

  it('updates counts as tickets move', async () => {
    await core.call(agent, 'tickets.assign', { ticketId: ids.A, assigneeId: core.ids.agent });
    const views = await core.call(agent, 'views.list', {});
    const count = (id: string) => views.find((v) => v.id === id)?.count;
    expect(count('mine')).toBe(4);
    expect(count('unassigned')).toBe(5);
  });
});

describe('counting up to the cap', () => {
  /** `n` more open chat tickets for the standard customer, created a minute apart. */
  async function insertChats(n: number): Promise<void> {
    const rows = Array.from({ length: n }, (_, i): NewTicket => {
      const at = SATURDAY_12 - 2 * HOUR - i * MINUTE;
      return {
        customer_id: core.ids.standard,
        channel: 'chat' as const,
        subject: `Chat ${i}`,
        status: 'open' as const,
        priority: 'normal' as const,
        assignee_id: null,
        created_at: at,
        updated_at: at,
        clock_starts_at: at,
        first_response_at: at,
        first_response_due_at: null,
        due_at: at + 8 * HOUR,
        last_customer_message_at: at,
        last_staff_message_at: null,
        intake_outcome: 'accept' as const,
        intake_reason_code: 'intake.accepted',
        intake_reason: 'x',
        intake_decision: decisionJson('accept'),
        rule_set_version: 'quintadb@1',
        flagged_not_entitled: 0,
      };
    });
    for (let i = 0; i < rows.length; i += 100) {
      await core.core.db
        .insertInto('tickets')
        .values(rows.slice(i, i + 100))
        .execute();
    }
  }

  it('says "at least" past the cap, on the page and in views.list, and pages through all of it', async () => {
    // E is already a chat: the view now holds cap + 1.
    await insertChats(QUEUE_COUNT_CAP);
    const chat = builtinViews.find((v) => v.id === 'chat');
    if (!chat) throw new Error('no chat view');
    const first = await list(agent, chat.filter, chat.sort, 200);
    expect(first).toMatchObject({ total: QUEUE_COUNT_CAP, totalIsAtLeast: true });
    const views = await core.call(agent, 'views.list', {});
    expect(views.find((v) => v.id === 'chat')).toMatchObject({
      count: QUEUE_COUNT_CAP,
      countIsAtLeast: true,
    });
    expect(views.find((v) => v.id === 'email')).toMatchObject({ count: 5, countIsAtLeast: false });

    const seen = first.rows.map((r) => r.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await list(agent, chat.filter, chat.sort, 200, cursor);
      expect(page).toMatchObject({ total: QUEUE_COUNT_CAP, totalIsAtLeast: true });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(QUEUE_COUNT_CAP + 1);
    const due = await core.core.db
      .selectFrom('tickets')
      .select(['id', 'due_at'])
      .where('id', 'in', seen)
      .execute();
    const dueOf = new Map(due.map((r) => [r.id, r.due_at ?? Infinity]));
    const order = seen.map((id) => dueOf.get(id) ?? NaN);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('counts exactly up to the cap, and one more is "at least" the cap', async () => {
    const filter: QueueFilter = { assignee: { kind: 'me' }, statuses: ['new', 'open', 'waiting_customer'] };
    const actor = await core.core.db
      .selectFrom('staff')
      .selectAll()
      .where('id', '=', core.ids.agent)
      .executeTakeFirstOrThrow();
    const scope = queueScope({ rules: core.core.rules, actor }, filter, SATURDAY_12);
    // Mine is C, E and F.
    expect(await countQueue(core.core.db, filter, scope, 3)).toEqual({ n: 3, atLeast: false });
    expect(await countQueue(core.core.db, filter, scope, 2)).toEqual({ n: 2, atLeast: true });
    expect(await countQueue(core.core.db, filter, scope, 0)).toEqual({ n: 0, atLeast: true });
  });

  it('counts on the first page only: the next pages return its total, a new first page counts again', async () => {
    const filter: QueueFilter = { assignee: { kind: 'me' }, statuses: ['new', 'open', 'waiting_customer'] };
    const first = await list(agent, filter, undefined, 1);
    expect(first).toMatchObject({ total: 3, totalIsAtLeast: false });
    await insertTicket('Z', { status: 'open', assignee_id: core.ids.agent, due_at: SATURDAY_12 + HOUR });
    const second = await list(agent, filter, undefined, 1, first.nextCursor);
    expect(second).toMatchObject({ total: 3, totalIsAtLeast: false });
    expect((await list(agent, filter, undefined, 1)).total).toBe(4);
  });
});

describe('saved views', () => {
  const columns = { order: ['subject', 'channel'], hidden: ['age'], widths: { subject: 320 } };
  const save = (session: Session, input: Record<string, unknown>) =>
    core.dispatcher.invoke(session, 'views.save', {
      sort: { field: 'created_at', direction: 'desc' },
      columns,
      ...input,
    });

  async function savedRows() {
    return {
      views: await core.core.db.selectFrom('saved_views').selectAll().orderBy('id').execute(),
      audit: await core.core.db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
    };
  }

  it('saves a view for its owner only, with its count, and announces it', async () => {
    const events: EventPayload<'data.changed'>[] = [];
    core.core.events.on('data.changed', (e) => events.push(e));
    const result = await save(agent, { name: 'My email', filter: { channels: ['email'] } });
    if (!result.ok) throw new Error(result.error.message);
    const view: QueueView = result.value;
    expect(view).toMatchObject({ kind: 'custom', name: 'My email', count: 5, columns });
    expect(view.id).toMatch(/^custom:\d+$/);
    expect(events.at(-1)?.topics).toEqual(['views']);

    const mine = await core.call(agent, 'views.list', {});
    expect(mine.filter((v) => v.kind === 'custom')).toEqual([view]);
    expect(mine.slice(0, builtinViewIds.length).map((v) => v.id)).toEqual([...builtinViewIds]);
    const theirs = await core.call(other, 'views.list', {});
    expect(theirs.filter((v) => v.kind === 'custom')).toEqual([]);

    const audit = await core.core.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'saved_view')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_staff_id).toBe(core.ids.agent);
  });

  it('overwrites one’s own view by id', async () => {
    const first = await save(agent, { name: 'Chats', filter: { channels: ['chat'] } });
    if (!first.ok) throw new Error(first.error.message);
    const again = await save(agent, {
      id: first.value.id,
      name: 'Chats and calls',
      filter: { channels: ['chat', 'phone'] },
    });
    expect(again).toMatchObject({
      ok: true,
      value: { id: first.value.id, name: 'Chats and calls', count: 4 },
    });
    // Saving under its own name again is not a clash.
    const same = await save(agent, { id: first.value.id, name: 'Chats and calls', filter: {} });
    expect(same.ok).toBe(true);
    expect((await savedRows()).views).toHaveLength(1);
  });

  it('refuses someone else’s view, an unknown one and a duplicate name, leaving the database as it was', async () => {
    const mine = await save(agent, { name: 'Urgent', filter: { statuses: ['new'] } });
    if (!mine.ok) throw new Error(mine.error.message);
    const before = await savedRows();

    const overwriteTheirs = await save(other, { id: mine.value.id, name: 'Hijacked', filter: {} });
    expect(overwriteTheirs).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    const unknown = await save(agent, { id: 'custom:999999', name: 'Ghost', filter: {} });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    const huge = await save(agent, { id: 'custom:99999999999999999999', name: 'Ghost', filter: {} });
    expect(huge).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const duplicate = await save(agent, { name: 'urgent', filter: { statuses: ['open'] } });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'conflict', field: 'name' } });
    const deleteTheirs = await core.dispatcher.invoke(other, 'views.delete', { id: mine.value.id });
    expect(deleteTheirs).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const badFilter = await save(agent, { name: 'Bad', filter: { channels: ['fax'] } });
    expect(badFilter).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    expect(await savedRows()).toEqual(before);
    // The same name is free for someone else.
    expect((await save(other, { name: 'Urgent', filter: {} })).ok).toBe(true);
  });

  it('deletes one’s own view', async () => {
    const view = await save(agent, { name: 'Temp', filter: {} });
    if (!view.ok) throw new Error(view.error.message);
    expect(await core.call(agent, 'views.delete', { id: view.value.id })).toBeNull();
    expect((await savedRows()).views).toEqual([]);
    const again = await core.dispatcher.invoke(agent, 'views.delete', { id: view.value.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const audit = await core.core.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity', '=', 'saved_view')
      .orderBy('id')
      .execute();
    expect(audit.at(-1)?.after).toBeNull();
    expect(audit.at(-1)?.before).toContain('Temp');
  });
});
