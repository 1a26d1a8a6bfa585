import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { QueueFilter } from '../../../../shared/contract';
import type { Database } from '../schema';
import { quotaUsedSubquery } from './customers';

type QueueDb = Database & { t: Database['tickets']; c: Database['customers'] };
type QueueEb = ExpressionBuilder<QueueDb, 't' | 'c'>;

export type QueueSortField = 'due_at' | 'created_at' | 'updated_at' | 'priority';

/** Where the previous page ended: the sort value of its last row and that row's id. */
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

function applyFilter(eb: QueueEb, filter: QueueFilter, actorId: number | null): Expression<SqlBool> {
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
    else parts.push(eb('t.assignee_id', '=', a.kind === 'me' ? (actorId ?? -1) : a.id));
  }
  return eb.and(parts);
}

/** Rows strictly after `key` in (sort value, id) order; nulls sort last in both directions. */
function afterKey(
  eb: QueueEb,
  field: QueueSortField,
  dir: 'asc' | 'desc',
  key: QueueKey,
): Expression<SqlBool> {
  const value = sortExpression(field);
  const cmp = dir === 'asc' ? '>' : '<';
  if (key.value === null) return eb.and([eb(value, 'is', null), eb('t.id', cmp, key.id)]);
  return eb.or([
    eb(value, cmp, key.value),
    eb.and([eb(value, '=', key.value), eb('t.id', cmp, key.id)]),
    eb(value, 'is', null),
  ]);
}

export async function listQueue(
  db: Kysely<Database>,
  options: {
    filter: QueueFilter;
    sort: { field: QueueSortField; direction: 'asc' | 'desc' };
    after: QueueKey | null;
    limit: number;
    actorId: number | null;
  },
): Promise<{ rows: TicketSummaryRow[]; next: QueueKey | null; total: number }> {
  const { filter, sort, after, limit, actorId } = options;
  const totalRow = await db
    .selectFrom('tickets as t')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => applyFilter(eb, filter, actorId))
    .executeTakeFirstOrThrow();

  const value = sortExpression(sort.field);
  let page = selectSummaryColumns(db)
    .where((eb) => applyFilter(eb as unknown as QueueEb, filter, actorId))
    .orderBy(sql`${value} is null`)
    .orderBy(value, sort.direction)
    .orderBy('t.id', sort.direction)
    .limit(limit + 1);
  if (after) page = page.where((eb) => afterKey(eb as unknown as QueueEb, sort.field, sort.direction, after));
  const rows = await page.execute();
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  const next = more && last ? { value: sortValueOf(last, sort.field), id: last.id } : null;
  return { rows: pageRows, next, total: Number(totalRow.n) };
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
