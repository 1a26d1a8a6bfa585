import { sql } from 'kysely';
import type { ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { ChannelId, MessageKind, RuleUsage } from '../../../../shared/domain';
import type { CustomerRow, Database } from '../schema';
import { dialectOf } from '../dialect';
import { containsText } from '../sql';

/** The (channel, kind) pairs whose unanswered messages keep room for an answer (answerReservingKinds). */
export type ReservingKinds = readonly { channel: ChannelId; kind: MessageKind }[];

type CustomerEb = ExpressionBuilder<Database & { c: Database['customers'] }, 'c'>;

/**
 * The customer's quota messages kept for answers: every counted question of a reserving kind on a
 * ticket still in progress that no accepted staff answer has followed. A ticket solved or closed
 * without an answer releases its reservations (no answer is coming).
 */
export function quotaReservedSubquery(eb: CustomerEb, reserving: ReservingKinds) {
  return eb
    .selectFrom('messages as rq')
    .innerJoin('tickets as rt', 'rt.id', 'rq.ticket_id')
    .select((q) => q.fn.countAll<number>().as('n'))
    .whereRef('rq.customer_id', '=', 'c.id')
    .where('rq.counts_toward_quota', '=', 1)
    .where('rq.author_kind', '=', 'customer')
    .where('rt.status', 'not in', ['solved', 'closed'])
    .where((q) =>
      reserving.length === 0
        ? sql<SqlBool>`1 = 0`
        : q.or(reserving.map((r) => q.and([q('rt.channel', '=', r.channel), q('rq.kind', '=', r.kind)]))),
    )
    .where((q) =>
      q.not(
        q.exists(
          q
            .selectFrom('messages as ra')
            .select('ra.id')
            .whereRef('ra.ticket_id', '=', 'rq.ticket_id')
            .where('ra.kind', '=', 'answer')
            .where('ra.accepted', '=', 1)
            .where((a) =>
              a.or([
                a('ra.created_at', '>', a.ref('rq.created_at')),
                a.and([a('ra.created_at', '=', a.ref('rq.created_at')), a('ra.id', '>', a.ref('rq.id'))]),
              ]),
            ),
        ),
      ),
    );
}

/**
 * A customer's quota as the rules engine reads it. `quota_used` is customers.quota_spent, the count
 * the database keeps on every write to messages (0008): the one measure of spent quota.
 */
export function quotaColumns(eb: CustomerEb, reserving: ReservingKinds) {
  return [
    eb.ref('c.quota_spent').as('quota_used'),
    quotaReservedSubquery(eb, reserving).as('quota_reserved'),
  ];
}

/**
 * The customer's quota usage, read inside the caller's transaction when it is about to write. With a
 * ticket, also how many of the reservations that ticket holds (what an answer there may spend), in
 * the same query. A statement of its own after findCustomerForDecision's lock: a PostgreSQL statement
 * reads what committed before it began, so usage read in the locking statement could miss the
 * messages of the write whose lock it waited for.
 */
export async function quotaUsage(
  db: Kysely<Database>,
  reserving: ReservingKinds,
  customerId: number,
  ticketId?: number,
): Promise<RuleUsage> {
  const row = await db
    .selectFrom('customers as c')
    .select((eb) => usageColumns(eb, reserving, ticketId))
    .where('c.id', '=', customerId)
    .executeTakeFirst();
  return usageOfRow(row ?? {}, ticketId);
}

/** The quota columns, and with a ticket the reservations it holds, in the same query. */
function usageColumns(eb: CustomerEb, reserving: ReservingKinds, ticketId: number | undefined) {
  return [
    ...quotaColumns(eb, reserving),
    ...(ticketId === undefined
      ? []
      : [quotaReservedSubquery(eb, reserving).where('rq.ticket_id', '=', ticketId).as('ticket_reserved')]),
  ];
}

function usageOfRow(
  row: { quota_used?: number | null; quota_reserved?: number | null; ticket_reserved?: number | null },
  ticketId: number | undefined,
): RuleUsage {
  const usage: RuleUsage = {
    quotaUsed: Number(row.quota_used ?? 0),
    quotaReserved: Number(row.quota_reserved ?? 0),
  };
  if (ticketId === undefined || usage.quotaReserved === 0) return usage;
  return { ...usage, ticketReserved: Number(row.ticket_reserved ?? 0) };
}

/** Usage from a row read with quotaColumns. */
export function usageOf(row: { quota_used: number | null; quota_reserved: number | null }): RuleUsage {
  return { quotaUsed: Number(row.quota_used ?? 0), quotaReserved: Number(row.quota_reserved ?? 0) };
}

export function currentManagerSubquery(eb: CustomerEb) {
  return eb
    .selectFrom('manager_assignments as ma')
    .innerJoin('staff as ms', 'ms.id', 'ma.manager_id')
    .select('ms.name')
    .whereRef('ma.customer_id', '=', 'c.id')
    .where('ma.ended_at', 'is', null)
    .limit(1);
}

/**
 * The customer's row for a decision that spends quota, inside the writing transaction. On PostgreSQL
 * it is locked (FOR UPDATE) until the transaction ends, so two messages or intakes for one customer
 * decide one after the other on the balance the first left, while other customers' writes go on in
 * parallel. SQLite's write lock row already serialises every write.
 */
export function findCustomerForDecision(db: Kysely<Database>, id: number): Promise<CustomerRow | undefined> {
  const query = db.selectFrom('customers').selectAll().where('id', '=', id);
  return (dialectOf(db) === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

export function findCustomer(db: Kysely<Database>, id: number): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface CustomerListRow extends CustomerRow {
  quota_used: number | null;
  quota_reserved: number | null;
  manager_name: string | null;
}

export async function listCustomers(
  db: Kysely<Database>,
  reserving: ReservingKinds,
  options: {
    search?: string | undefined;
    planIds?: string[] | undefined;
    afterName?: [string, number] | null;
    limit: number;
  },
): Promise<{ rows: CustomerListRow[]; total: number }> {
  let base = db.selectFrom('customers as c');
  if (options.search) {
    const needle = options.search;
    base = base.where((eb) =>
      eb.or([
        containsText('c.name', needle),
        containsText('c.account_email', needle),
        containsText('c.company', needle),
      ]),
    );
  }
  if (options.planIds && options.planIds.length > 0) base = base.where('c.plan_id', 'in', options.planIds);
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let page = base
    .selectAll('c')
    .select((eb) => [...quotaColumns(eb, reserving), currentManagerSubquery(eb).as('manager_name')])
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(options.limit);
  if (options.afterName) {
    const [name, id] = options.afterName;
    page = page.where((eb) =>
      eb.or([eb('c.name', '>', name), eb.and([eb('c.name', '=', name), eb('c.id', '>', id)])]),
    );
  }
  const rows = await page.execute();
  return { rows, total: Number(totalRow.n) };
}

/** Customers by id with their quota use and manager, in no particular order. */
export function findCustomerListRows(
  db: Kysely<Database>,
  reserving: ReservingKinds,
  ids: readonly number[],
): Promise<CustomerListRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('customers as c')
    .selectAll('c')
    .select((eb) => [...quotaColumns(eb, reserving), currentManagerSubquery(eb).as('manager_name')])
    .where('c.id', 'in', [...ids])
    .execute();
}
