import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { QueueFilter } from '../../../../shared/contract';
import { channelIds, type ChannelId } from '../../../../shared/domain';
import { dialectOf, type StoreDialect } from '../dialect';
import { COUNTED_OPEN_STATUSES, OPEN_WORK_SQL } from '../migrations';
import type { Database } from '../schema';

type QueueDb = Database & { t: Database['tickets']; c: Database['customers'] };
type QueueEb = ExpressionBuilder<QueueDb, 't' | 'c'>;

export type QueueSortField = 'due_at' | 'created_at' | 'updated_at' | 'priority';

/** Where the previous page ended: the sort value of its last row and that row's id (null: no due time). */
export interface QueueKey {
  value: number | null;
  id: number;
}

/** Most urgent first: a priority's index here is its rank, what "priority ascending" sorts by. */
const PRIORITY_ORDER = ['urgent', 'high', 'normal', 'low'] as const;

const priorityRank = sql<number>`case t.priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

/**
 * Views are counted up to this many tickets; a larger one is "1,000+" (QueueTotal.atLeast). Counting
 * stops there so a count costs at most this many index entries or rows, whatever the view's size: a
 * view over half a million tickets took hundreds of ms to count in full, on every page. Past a
 * thousand the number changes nothing for an agent (the view is a backlog either way); exact sizes
 * of large sets are the lead's reports' business (the SLA review counts them).
 *
 * It is also the line between the two ways of reading a page: a view counted in full is small enough
 * to filter first and sort what matched; above it, an index is read in sort order until the page is
 * full.
 */
export const QUEUE_COUNT_CAP = 1000;

/** A view's size: `n` tickets, or at least `n` when `atLeast` (the count stopped at the cap). */
export interface QueueTotal {
  n: number;
  atLeast: boolean;
}

/**
 * `sorted` says the filtered set is small enough to sort. The column is then written `t.x + 0`, which
 * no index can order by, so the planner picks the index that narrows the filter best: without
 * statistics (a fresh or just-seeded database has none) it would rather walk a date index through
 * every refused ticket, 20 ms, than sort the 200 that are still owed an answer.
 */
function sortExpression(field: QueueSortField, sorted = false): Expression<number | null> {
  if (field === 'priority') return priorityRank;
  const column = sql.ref<number | null>(`t.${field}`);
  return sorted ? sql<number | null>`${column} + 0` : column;
}

function selectSummaryColumns(db: Kysely<Database>) {
  return (
    db
      .selectFrom('tickets as t')
      // Left: an unknown sender's ticket has no customer yet.
      .leftJoin('customers as c', 'c.id', 't.customer_id')
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
        't.sender_email',
        't.sender_name',
      ])
      // The count the database keeps (0008): the same number as counting the messages, without a
      // subquery per row.
      .select('c.quota_spent as quota_used')
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

/**
 * How the customer's plan is tested: through the join (`c`), which the planner can drive from the
 * plan's customers (the way to find a few tickets), or looked up per ticket, which it cannot, so a
 * large view is read in the sort's index order and each ticket's customer is probed until the page
 * is full (driven from the customers, a plan's hundreds of thousands of tickets were sorted).
 */
type PlanTest = 'join' | 'lookup';

function applyFilter(
  eb: QueueEb,
  filter: QueueFilter,
  scope: QueueScope,
  planTest: PlanTest,
  dialect: StoreDialect,
): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (filter.channels?.length) parts.push(eb('t.channel', 'in', filter.channels));
  const spentOpenWork = readsSpentCustomersOpenWork(filter, scope) ? scope.quota : null;
  if (filter.statuses?.length) {
    const inStatuses = eb('t.status', 'in', filter.statuses);
    // Read from the spent customers, open work is the open-work index's condition already; fewer
    // statuses are a test on what it finds, written so no index on the status can take them as a
    // range (see 0023).
    if (!spentOpenWork) parts.push(inStatuses);
    else if (!COUNTED_OPEN_STATUSES.every((s) => filter.statuses?.includes(s)))
      parts.push(sql<SqlBool>`(${inStatuses}) is true`);
  }
  if (filter.planIds?.length) {
    if (planTest === 'join') parts.push(eb('c.plan_id', 'in', filter.planIds));
    else {
      const plan = eb
        .selectFrom('customers as pc')
        .select('pc.plan_id')
        .whereRef('pc.id', '=', 't.customer_id');
      parts.push(eb(plan, 'in', filter.planIds));
    }
  }
  if (filter.dueBefore !== undefined) parts.push(eb('t.due_at', '<', filter.dueBefore));
  if (filter.intakeOutcome) parts.push(eb('t.intake_outcome', '=', filter.intakeOutcome));
  if (filter.customerId !== undefined) parts.push(eb('t.customer_id', '=', filter.customerId));
  if (filter.unknownCustomer !== undefined) {
    parts.push(eb('t.customer_id', filter.unknownCustomer ? 'is' : 'is not', null));
  }
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
  if (spentOpenWork) parts.push(spentCustomersOpenWork(eb, spentOpenWork, dialect));
  else if (filter.quotaUsedUp !== undefined) {
    const usedUp = quotaUsedUp(eb, scope, dialect);
    if (filter.quotaUsedUp) parts.push(usedUp ?? never);
    // An unknown sender's ticket has no customer, so no quota to have used up (null is not "not in").
    else if (usedUp) parts.push(eb.or([eb('t.customer_id', 'is', null), eb.not(usedUp)]));
  }
  return eb.and(parts);
}

/**
 * Due at or before each channel's threshold. The overall maximum comes first, as the one range an
 * index on due_at serves; each channel's own threshold is then one CASE on the channel. (Written as
 * `channel in (…) and due_at <= …` per channel, the planner took the channel index for the equality
 * and read every ticket of every channel; with a single threshold, the filter's channels, or all of
 * them, are the whole condition besides the range.)
 */
function dueWithin(
  eb: QueueEb,
  channels: readonly ChannelId[] | undefined,
  scope: QueueScope,
): Expression<SqlBool> {
  const dueBy = scope.dueBy;
  if (!dueBy) throw new Error('dueWithinMinutes needs scope.dueBy: resolve the filter before listing');
  const thresholds = (channels?.length ? channels : channelIds).map((channel) => {
    const at = dueBy[channel];
    if (at === undefined) throw new Error(`dueWithinMinutes: no threshold for channel ${channel}`);
    return [channel, at] as const;
  });
  const latest = Math.max(...thresholds.map(([, at]) => at));
  const within = eb('t.due_at', '<=', latest);
  if (thresholds.every(([, at]) => at === latest)) return within;
  // No ELSE: a channel not listed has no threshold, so null, and the comparison is not true.
  const threshold = sql<number>`case ${sql.ref('t.channel')} ${sql.join(
    // The instants as literals: a bound parameter would be text to PostgreSQL, not comparable to bigint.
    thresholds.map(([channel, at]) => sql`when ${channel} then ${sql.lit(at)}`),
    sql` `,
  )} end`;
  return eb.and([within, eb('t.due_at', '<=', threshold)]);
}

/**
 * The customer is on a quota plan and has spent all of it; null when the rule set has no quota. One
 * range of the (plan, quota_spent) index gives the customers, and the tickets, read in the view's
 * order, are probed against them.
 */
function quotaUsedUp(eb: QueueEb, scope: QueueScope, dialect: StoreDialect): Expression<SqlBool> | null {
  const quota = scope.quota;
  if (!quota || quota.planIds.length === 0) return null;
  const spent = eb
    .selectFrom('customers as qc')
    .select('qc.id')
    .where('qc.plan_id', 'in', [...quota.planIds])
    .where('qc.quota_spent', '>=', quota.limit);
  const inSpent = eb('t.customer_id', 'in', spent);
  // PostgreSQL turns a plain IN into a join and, misjudging how few tickets match, looked each
  // ticket's customer up by primary key (40,000 lookups, 120 ms, for one page of the Free view); as
  // a condition of its own it hashes the spent customers once and probes the hash. SQLite already
  // builds the list once.
  return dialect === 'postgres' ? sql<SqlBool>`(${inSpent}) is true` : inSpent;
}

/**
 * Whether the filter asks for spent quotas within open work only: then the spent customers who have
 * open work (customers.open_tickets, 0023) are few, and their open tickets are read from them.
 */
function readsSpentCustomersOpenWork(filter: QueueFilter, scope: QueueScope): boolean {
  const statuses = filter.statuses ?? [];
  return (
    filter.quotaUsedUp === true &&
    Boolean(scope.quota?.planIds.length) &&
    statuses.length > 0 &&
    statuses.every((s) => (COUNTED_OPEN_STATUSES as readonly string[]).includes(s))
  );
}

/**
 * The open work of the spent customers who have any, driven from them: one range of
 * `customers_quota_open_work` gives the customers (about 1,200 of 11,000 spent on the benchmark
 * set), and `tickets_open_work_customer` their open tickets (1,250 of 52,000): 2–5 ms a statement
 * instead of 15–35. Both indexes are partial, and each condition below is written exactly as its
 * index's, so both databases take them. On PostgreSQL the customers are an array the ticket index is
 * searched with; as a join or an IN it walked the open work in due order and looked every ticket's
 * customer up (65 ms).
 */
function spentCustomersOpenWork(
  eb: QueueEb,
  quota: NonNullable<QueueScope['quota']>,
  dialect: StoreDialect,
): Expression<SqlBool> {
  const customers = eb
    .selectFrom('customers as qc')
    .select('qc.id')
    .where('qc.plan_id', 'in', [...quota.planIds])
    .where('qc.quota_spent', '>=', quota.limit)
    .where(sql<SqlBool>`${sql.ref('qc.open_tickets')} > 0`);
  const ofCustomers =
    dialect === 'postgres'
      ? sql<SqlBool>`${sql.ref('t.customer_id')} = any(array(${customers}))`
      : eb('t.customer_id', 'in', customers);
  return eb.and([sql<SqlBool>`(${sql.ref('t.status')} in (${sql.raw(OPEN_WORK_SQL)})) is true`, ofCustomers]);
}

/** Whether the filter reads the customer's row through the join (skipped when it does not). */
function needsCustomer(filter: QueueFilter, planTest: PlanTest): boolean {
  return planTest === 'join' && Boolean(filter.planIds?.length);
}

/** Tickets (and their customer when the filter needs it), filtered. */
function filtered(db: Kysely<Database>, filter: QueueFilter, scope: QueueScope, planTest: PlanTest = 'join') {
  const joined = db.selectFrom('tickets as t').leftJoin('customers as c', 'c.id', 't.customer_id');
  // Without the join when the filter reads nothing from the customer: the types still offer `c`,
  // but needsCustomer guarantees no condition refers to it.
  const base = needsCustomer(filter, planTest)
    ? joined
    : (db.selectFrom('tickets as t') as unknown as typeof joined);
  const dialect = dialectOf(db);
  return base.where((eb) => applyFilter(eb, filter, scope, planTest, dialect));
}

/**
 * Tickets matching the filter, counted by the store up to `cap` (QUEUE_COUNT_CAP): the matches are
 * read through a LIMITed subquery, so the count stops after cap + 1 of them.
 */
export async function countQueue(
  db: Kysely<Database>,
  filter: QueueFilter,
  scope: QueueScope,
  cap = QUEUE_COUNT_CAP,
): Promise<QueueTotal> {
  const matches = filtered(db, filter, scope)
    .select('t.id')
    .limit(cap + 1)
    .as('m');
  const row = await db
    .selectFrom(matches)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return n > cap ? { n: cap, atLeast: true } : { n, atLeast: false };
}

/**
 * After the key in sort order. Written as a row value, `(value, id) > (key.value, key.id)`, which
 * both SQLite and PostgreSQL seek to in an index on (value, id); the same test spelt with OR made
 * every later page read the index again from the view's start.
 */
function afterKey(
  value: Expression<number | null>,
  dir: 'asc' | 'desc',
  key: { value: number; id: number },
): Expression<SqlBool> {
  const cmp = sql.raw(dir === 'asc' ? '>' : '<');
  return sql<SqlBool>`(${value}, ${sql.ref('t.id')}) ${cmp} (${key.value}, ${key.id})`;
}

/**
 * One page's rows, in order. The page is chosen reading ticket columns alone (a sort that cannot use
 * an index then sorts narrow rows), and the summary (customer, assignee, quota) is joined to the
 * page alone, in the same statement: one round trip to PostgreSQL, not one for the ids and another
 * for their rows.
 */
async function pageRows(
  db: Kysely<Database>,
  filter: QueueFilter,
  scope: QueueScope,
  sort: { field: QueueSortField; direction: 'asc' | 'desc' },
  after: QueueKey | null,
  take: number,
  total: QueueTotal,
): Promise<TicketSummaryRow[]> {
  const dir = sort.direction;
  const cmp = dir === 'asc' ? '>' : '<';
  // A view read from its few spent customers is filtered first and sorted, whatever its size.
  const large = total.atLeast && !readsSpentCustomersOpenWork(filter, scope);
  const value = sortExpression(sort.field, !large);
  const selectOne = (
    f: QueueFilter,
    extra: (eb: QueueEb) => Expression<SqlBool>,
    byValue: boolean,
    limit: number,
  ) => {
    let q = filtered(db, f, scope, large ? 'lookup' : 'join')
      .select(['t.id', sql<number | null>`${value}`.as('v')])
      .where((eb) => extra(eb));
    if (byValue) q = q.orderBy(value, dir);
    // A small view is sorted after filtering, the id too: ordered by the id alone, SQLite walked
    // the table in id order for the tickets without a due time (24 ms for "Free quota used up").
    return q.orderBy(large ? sql.ref('t.id') : sql<number>`${sql.ref('t.id')} + 0`, dir).limit(limit);
  };
  /** The page's summaries, joined to the page the statement finds, in its order. */
  const withSummaries = <PageDb, PageTables extends keyof PageDb>(
    page: SelectQueryBuilder<PageDb, PageTables, { id: number; v: number | null }>,
  ) =>
    selectSummaryColumns(db)
      .innerJoin(page.as('p'), 'p.id', 't.id')
      .orderBy('p.v', dir)
      .orderBy('p.id', dir)
      .execute();
  const statuses = [...new Set(filter.statuses ?? [])];
  /**
   * A large view over several statuses is read one status at a time and merged: `status in (…)`
   * leads the indexes but gives no order, so the planner sorted every ticket of the view for each
   * page; one status is an index range in sort order, read only as far as the page. The reads are
   * the arms of one statement (each with its own order and limit, merged by the database): one round
   * trip to PostgreSQL instead of one per status.
   */
  const readEach = async (extra: (eb: QueueEb) => Expression<SqlBool>, limit: number) => {
    const arms = statuses.map((status) =>
      db
        .selectFrom(selectOne({ ...filter, statuses: [status] }, extra, true, limit).as('s'))
        .select(['s.id', 's.v']),
    );
    const [first, ...others] = arms;
    if (!first) return [];
    const merged = others.reduce((union, arm) => union.unionAll(arm), first);
    return withSummaries(
      db
        .selectFrom(merged.as('u'))
        .select(['u.id', 'u.v'])
        .orderBy('u.v', dir)
        .orderBy('u.id', dir)
        .limit(limit),
    );
  };
  const read = async (extra: (eb: QueueEb) => Expression<SqlBool>, byValue: boolean, limit: number) => {
    // By value only: read by id alone (a priority's range), one query per status was slower than
    // one over all of them.
    if (!large || !byValue || statuses.length < 2)
      return withSummaries(selectOne(filter, extra, byValue, limit));
    return readEach(extra, limit);
  };

  if (sort.field === 'priority' && large) {
    // Four values, so each is read in id order (an index range) in rank order, instead of ranking
    // and sorting every matching ticket.
    const ranks = dir === 'asc' ? PRIORITY_ORDER : [...PRIORITY_ORDER].reverse();
    const rows: TicketSummaryRow[] = [];
    for (const priority of ranks) {
      const rank = PRIORITY_ORDER.indexOf(priority);
      const keyRank = after?.value ?? null;
      if (keyRank !== null && (dir === 'asc' ? rank < keyRank : rank > keyRank)) continue;
      const fromKey = after !== null && rank === keyRank ? after.id : null;
      rows.push(
        ...(await read(
          (eb) =>
            eb.and([
              eb('t.priority', '=', priority),
              ...(fromKey !== null ? [eb('t.id', cmp, fromKey)] : []),
            ]),
          false,
          take - rows.length,
        )),
      );
      if (rows.length >= take) break;
    }
    return rows;
  }
  if (sort.field !== 'due_at') {
    // created_at, updated_at and the priority rank are never null.
    const key = after ? { value: after.value ?? 0, id: after.id } : null;
    return read((eb) => (key ? afterKey(value, dir, key) : eb.and([])), true, take);
  }
  // Tickets that owe nothing (no due time) come last in both directions. Reading the two parts
  // separately lets each be an index range in order, instead of sorting the whole filtered set.
  let rows: TicketSummaryRow[] = [];
  if (!after || after.value !== null) {
    const key = after && after.value !== null ? { value: after.value, id: after.id } : null;
    rows = await read(
      (eb) => eb.and([eb('t.due_at', 'is not', null), ...(key ? [afterKey(value, dir, key)] : [])]),
      true,
      take,
    );
  }
  // On a first page the count says whether any ticket without a due time is left to read.
  const nullsLeft = after !== null || total.atLeast || rows.length < total.n;
  if (rows.length < take && nullsLeft) {
    const fromId = after && after.value === null ? after.id : null;
    const afterId = (eb: QueueEb) => (fromId !== null ? [eb('t.id', cmp, fromId)] : []);
    let rest: TicketSummaryRow[];
    if (large && statuses.length > 0) {
      // One status at a time, "no due time" is then an index range in id order after the status
      // (status, due_at, id, …): the open work of a large view was otherwise read in full and sorted
      // by id (30 ms on PostgreSQL for "Free quota used up"). Ordered by due_at (null throughout) and
      // id, the index's own order: PostgreSQL does not take `is null` as an equality that leaves the
      // index in id order, and ordered by id alone it walked the primary key from the oldest ticket
      // (850 ms).
      rest = await readEach((eb) => eb.and([eb('t.due_at', 'is', null), ...afterId(eb)]), take - rows.length);
    } else {
      // Written so no index on due_at can serve it: without statistics the planner would take
      // "due_at is null, in id order" from tickets_due and walk every closed ticket (60-90 ms)
      // instead of the view's own few rows. Due times are epoch milliseconds, never negative.
      rest = await read(
        (eb) => eb.and([eb(eb.fn.coalesce('t.due_at', eb.lit(-1)), '=', -1), ...afterId(eb)]),
        false,
        take - rows.length,
      );
    }
    rows = [...rows, ...rest];
  }
  return rows;
}

export async function listQueue(
  db: Kysely<Database>,
  options: {
    filter: QueueFilter;
    sort: { field: QueueSortField; direction: 'asc' | 'desc' };
    after: QueueKey | null;
    limit: number;
    scope: QueueScope;
    /**
     * The total the first page counted, which the next pages return again instead of counting (the
     * cursor carries it); the first page (or a cursor without it) counts.
     */
    total?: QueueTotal | null;
    /** Tests lower it to run small data through the large-view reading. */
    countCap?: number;
  },
): Promise<{ rows: TicketSummaryRow[]; next: QueueKey | null; total: QueueTotal }> {
  const { filter, sort, after, limit, scope } = options;
  const total = options.total ?? (await countQueue(db, filter, scope, options.countCap));
  const found = await pageRows(db, filter, scope, sort, after, limit + 1, total);
  const rows = found.slice(0, limit);
  const last = rows[rows.length - 1];
  const next = found.length > limit && last ? { value: sortValueOf(last, sort.field), id: last.id } : null;
  return { rows, next, total };
}

function sortValueOf(row: TicketSummaryRow, field: QueueSortField): number | null {
  if (field === 'priority') return PRIORITY_ORDER.indexOf(row.priority);
  return row[field];
}

export function findTicketSummaryRow(
  db: Kysely<Database>,
  id: number,
): Promise<TicketSummaryRow | undefined> {
  return selectSummaryColumns(db).where('t.id', '=', id).executeTakeFirst();
}

/** A ticket's summary with what its detail adds (the intake decision, the rule version it came in under). */
export function findTicketDetailRow(db: Kysely<Database>, id: number) {
  return selectSummaryColumns(db)
    .select(['t.intake_decision', 't.rule_set_version'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** Ticket summaries by id, in no particular order. */
export function findTicketSummaryRows(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<TicketSummaryRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectSummaryColumns(db)
    .where('t.id', 'in', [...ids])
    .execute();
}

/** An unknown sender's tickets still without a customer, oldest first, but the one given. */
export async function unknownTicketsFrom(
  db: Kysely<Database>,
  senderEmail: string,
  exceptTicketId: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('id')
    .where('customer_id', 'is', null)
    .where('sender_email', '=', senderEmail)
    .where('id', '!=', exceptTicketId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
