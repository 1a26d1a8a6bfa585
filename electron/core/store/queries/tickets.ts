import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { QueueFilter } from '../../../../shared/contract';
import { channelIds, type ChannelId } from '../../../../shared/domain';
import type { Database } from '../schema';
import { quotaUsedSubquery } from './customers';

type QueueDb = Database & { t: Database['tickets']; c: Database['customers'] };
type QueueEb = ExpressionBuilder<QueueDb, 't' | 'c'>;

export type QueueSortField = 'due_at' | 'created_at' | 'updated_at' | 'priority';

/** Where the previous page ended: the sort value of its last row and that row's id (null: no due time). */
export interface QueueKey {
  value: number | null;
  id: number;
}

const priorityRank = sql<number>`case t.priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

function sortExpression(field: QueueSortField): Expression<number | null> {
  if (field === 'priority') return priorityRank;
  return sql.ref<number | null>(`t.${field}`);
}

function selectSummaryColumns(db: Kysely<Database>) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .leftJoin('staff as s', 's.id', 't.assignee_id')
    .select([
      't.id',
      't.channel',
      't.subject',
      't.status',
      't.priority',
      't.customer_id',
      'c.name as customer_name',
      'c.plan_id',
      't.assignee_id',
      's.name as assignee_name',
      't.created_at',
      't.updated_at',
      't.clock_starts_at',
      't.first_response_at',
      't.due_at',
      't.intake_outcome',
      't.intake_reason',
      't.flagged_not_entitled',
    ])
    .select((eb) =>
      quotaUsedSubquery(eb as unknown as Parameters<typeof quotaUsedSubquery>[0]).as('quota_used'),
    );
}

export type TicketSummaryRow = Awaited<
  ReturnType<ReturnType<typeof selectSummaryColumns>['executeTakeFirstOrThrow']>
>;

/**
 * What a filter needs beyond itself, resolved by the caller from the session and the rule set: who is
 * asking ("me"), when ("now"), and what the rules make of business time and quota. The store stays
 * free of rules, and every value here is a plain number or id list any SQL dialect can compare.
 */
export interface QueueScope {
  actorId: number | null;
  now: number;
  /** For dueWithinMinutes: per channel, the instant that many business minutes from now. */
  dueBy: Partial<Record<ChannelId, number>> | null;
  /** The plans a quota applies to and its limit, for quotaUsedUp; null when the rule set has none. */
  quota: { planIds: readonly string[]; limit: number } | null;
}

const never = sql<SqlBool>`1 = 0`;

function applyFilter(eb: QueueEb, filter: QueueFilter, scope: QueueScope): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (filter.channels?.length) parts.push(eb('t.channel', 'in', filter.channels));
  if (filter.statuses?.length) parts.push(eb('t.status', 'in', filter.statuses));
  if (filter.planIds?.length) parts.push(eb('c.plan_id', 'in', filter.planIds));
  if (filter.dueBefore !== undefined) parts.push(eb('t.due_at', '<', filter.dueBefore));
  if (filter.intakeOutcome) parts.push(eb('t.intake_outcome', '=', filter.intakeOutcome));
  if (filter.customerId !== undefined) parts.push(eb('t.customer_id', '=', filter.customerId));
  if (filter.assignee) {
    const a = filter.assignee;
    if (a.kind === 'none') parts.push(eb('t.assignee_id', 'is', null));
    else parts.push(eb('t.assignee_id', '=', a.kind === 'me' ? (scope.actorId ?? -1) : a.id));
  }
  if (filter.needsFirstResponse !== undefined) {
    parts.push(eb('t.first_response_at', filter.needsFirstResponse ? 'is' : 'is not', null));
  }
  if (filter.dueWithinMinutes !== undefined) parts.push(dueWithin(eb, filter.channels, scope));
  if (filter.waitingForHours !== undefined) {
    // The clock starts at the channel's first opening after arrival, so a start still ahead of now
    // means the ticket arrived while closed and the channel has not opened since.
    parts.push(eb('t.clock_starts_at', filter.waitingForHours ? '>' : '<=', scope.now));
  }
  if (filter.quotaUsedUp !== undefined) {
    const usedUp = quotaUsedUp(eb, scope);
    if (filter.quotaUsedUp) parts.push(usedUp ?? never);
    else if (usedUp) parts.push(eb.not(usedUp));
  }
  return eb.and(parts);
}

/** Due at or before each channel's threshold; the overall maximum first, so an index on due_at applies. */
function dueWithin(
  eb: QueueEb,
  channels: readonly ChannelId[] | undefined,
  scope: QueueScope,
): Expression<SqlBool> {
  const dueBy = scope.dueBy;
  if (!dueBy) throw new Error('dueWithinMinutes needs scope.dueBy: resolve the filter before listing');
  const byInstant = new Map<number, ChannelId[]>();
  for (const channel of channels?.length ? channels : channelIds) {
    const at = dueBy[channel];
    if (at === undefined) throw new Error(`dueWithinMinutes: no threshold for channel ${channel}`);
    byInstant.set(at, [...(byInstant.get(at) ?? []), channel]);
  }
  const latest = Math.max(...byInstant.keys());
  const perChannel = [...byInstant].map(([at, group]) =>
    eb.and([eb('t.channel', 'in', group), eb('t.due_at', '<=', at)]),
  );
  return eb.and([eb('t.due_at', '<=', latest), eb.or(perChannel)]);
}

/** The customer is on a quota plan and has spent all of it; null when the rule set has no quota. */
function quotaUsedUp(eb: QueueEb, scope: QueueScope): Expression<SqlBool> | null {
  const quota = scope.quota;
  if (!quota || quota.planIds.length === 0) return null;
  const spent = eb
    .selectFrom('messages as qm')
    .select((q) => q.fn.countAll<number>().as('n'))
    .whereRef('qm.customer_id', '=', 't.customer_id')
    .where('qm.counts_toward_quota', '=', 1);
  return eb.and([eb('c.plan_id', 'in', [...quota.planIds]), eb(spent, '>=', quota.limit)]);
}

/** Whether the filter reads the customer's row (the join is skipped when it does not). */
function needsCustomer(filter: QueueFilter): boolean {
  return Boolean(filter.planIds?.length) || filter.quotaUsedUp !== undefined;
}

/** Tickets matching the filter, counted by the store. */
export async function countQueue(
  db: Kysely<Database>,
  filter: QueueFilter,
  scope: QueueScope,
): Promise<number> {
  const count = (eb: { fn: QueueEb['fn'] }) => eb.fn.countAll<number>().as('n');
  const row = needsCustomer(filter)
    ? await db
        .selectFrom('tickets as t')
        .innerJoin('customers as c', 'c.id', 't.customer_id')
        .select(count)
        .where((eb) => applyFilter(eb, filter, scope))
        .executeTakeFirstOrThrow()
    : // Safe without the join: needsCustomer says the filter reads nothing from the customer.
      await db
        .selectFrom('tickets as t')
        .select(count)
        .where((eb) => applyFilter(eb as unknown as QueueEb, filter, scope))
        .executeTakeFirstOrThrow();
  return Number(row.n);
}

function afterKey(
  eb: QueueEb,
  value: Expression<number | null>,
  dir: 'asc' | 'desc',
  key: { value: number; id: number },
): Expression<SqlBool> {
  const cmp = dir === 'asc' ? '>' : '<';
  return eb.or([eb(value, cmp, key.value), eb.and([eb(value, '=', key.value), eb('t.id', cmp, key.id)])]);
}

export async function listQueue(
  db: Kysely<Database>,
  options: {
    filter: QueueFilter;
    sort: { field: QueueSortField; direction: 'asc' | 'desc' };
    after: QueueKey | null;
    limit: number;
    scope: QueueScope;
  },
): Promise<{ rows: TicketSummaryRow[]; next: QueueKey | null; total: number }> {
  const { filter, sort, after, limit, scope } = options;
  const total = await countQueue(db, filter, scope);
  const page = (extra: (eb: QueueEb) => Expression<SqlBool>, orderValue: boolean, take: number) => {
    let q = selectSummaryColumns(db)
      .where((eb) => applyFilter(eb as unknown as QueueEb, filter, scope))
      .where((eb) => extra(eb as unknown as QueueEb));
    if (orderValue) q = q.orderBy(sortExpression(sort.field), sort.direction);
    return q.orderBy('t.id', sort.direction).limit(take).execute();
  };

  const value = sortExpression(sort.field);
  const cmp = sort.direction === 'asc' ? '>' : '<';
  let rows: TicketSummaryRow[];
  if (sort.field !== 'due_at') {
    rows = await page(
      (eb) =>
        after ? afterKey(eb, value, sort.direction, { value: after.value ?? 0, id: after.id }) : eb.and([]),
      true,
      limit + 1,
    );
  } else {
    // Tickets that owe nothing (no due time) come last in both directions. Reading the two parts
    // separately lets each be an index range in order, instead of sorting the whole filtered set.
    rows = [];
    if (!after || after.value !== null) {
      rows = await page(
        (eb) =>
          eb.and([
            eb('t.due_at', 'is not', null),
            ...(after && after.value !== null
              ? [afterKey(eb, value, sort.direction, { value: after.value, id: after.id })]
              : []),
          ]),
        true,
        limit + 1,
      );
    }
    if (rows.length < limit + 1) {
      const rest = await page(
        (eb) =>
          eb.and([
            eb('t.due_at', 'is', null),
            ...(after && after.value === null ? [eb('t.id', cmp, after.id)] : []),
          ]),
        false,
        limit + 1 - rows.length,
      );
      rows = [...rows, ...rest];
    }
  }
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  const next = more && last ? { value: sortValueOf(last, sort.field), id: last.id } : null;
  return { rows: pageRows, next, total };
}

function sortValueOf(row: TicketSummaryRow, field: QueueSortField): number | null {
  if (field === 'priority') return { urgent: 0, high: 1, normal: 2, low: 3 }[row.priority];
  return row[field];
}

export function findTicketSummaryRow(
  db: Kysely<Database>,
  id: number,
): Promise<TicketSummaryRow | undefined> {
  return selectSummaryColumns(db).where('t.id', '=', id).executeTakeFirst();
}
