import type { ExpressionBuilder, Kysely } from 'kysely';
import type { CustomerRow, Database } from '../schema';
import { dialectOf } from '../dialect';
import { containsText } from '../sql';

/** The quota messages a customer has spent: one indexed count, always read inside the writing transaction. */
export async function quotaUsed(db: Kysely<Database>, customerId: number): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customer_id', '=', customerId)
    .where('counts_toward_quota', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function quotaUsedSubquery(eb: ExpressionBuilder<Database & { c: Database['customers'] }, 'c'>) {
  return eb
    .selectFrom('messages as qm')
    .select((q) => q.fn.countAll<number>().as('n'))
    .whereRef('qm.customer_id', '=', 'c.id')
    .where('qm.counts_toward_quota', '=', 1);
}

export function currentManagerSubquery(eb: ExpressionBuilder<Database & { c: Database['customers'] }, 'c'>) {
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
  manager_name: string | null;
}

export async function listCustomers(
  db: Kysely<Database>,
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
    .select((eb) => [quotaUsedSubquery(eb).as('quota_used'), currentManagerSubquery(eb).as('manager_name')])
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
  ids: readonly number[],
): Promise<CustomerListRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('customers as c')
    .selectAll('c')
    .select((eb) => [quotaUsedSubquery(eb).as('quota_used'), currentManagerSubquery(eb).as('manager_name')])
    .where('c.id', 'in', [...ids])
    .execute();
}
