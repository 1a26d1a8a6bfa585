import { sql } from 'kysely';
import { OPEN_WORK_SQL, type Migration } from './types';

/**
 * "Free quota used up" on a million tickets: open work whose customer is on a quota plan and has
 * spent it. Both sides are large (52,000 open tickets, 11,000 spent customers) and what they share is
 * small (1,250 tickets of 1,160 customers), so reading either side and testing the other cost 15–35 ms
 * a statement on PostgreSQL, 18 ms a page on SQLite, however the test was written.
 *
 * Each customer now carries the number of their tickets that are open work, kept by the database
 * (SchemaDialect.createOpenTicketCounter), so the spent customers who have any are one range of a
 * partial index; their open tickets are then found through a partial index of the open work by
 * customer. The statuses are COUNTED_OPEN_STATUSES, the product's open work, frozen with this
 * migration. The open-work index's condition is written `(status in (…)) is true`, which no index
 * on the status can take as a range: the queries state it so, and PostgreSQL, which judged the open
 * work with a due time to be a handful of tickets (it takes "open" and "has a due time" as
 * independent), then has no cheaper-looking way in than the customers (it walked the open work by
 * status instead, and tested each ticket against the 1,160 customers one by one: 66–130 ms).
 */
export const openWorkByCustomer: Migration = {
  name: '0023_open_work_by_customer',
  async up(db, dialect) {
    await db.schema
      .alterTable('customers')
      .addColumn('open_tickets', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // Only customers with open work are written: the rest keep the default, and a million-ticket
    // database rewrites a fraction of its customers instead of all of them.
    await sql`
      update customers set open_tickets = (
        select count(*) from tickets t
        where t.customer_id = customers.id and t.status in (${sql.raw(OPEN_WORK_SQL)})
      )
      where id in (
        select customer_id from tickets
        where customer_id is not null and status in (${sql.raw(OPEN_WORK_SQL)})
      )`.execute(db);
    await dialect.createOpenTicketCounter(db);
    await db.schema
      .createIndex('customers_quota_open_work')
      .on('customers')
      .columns(['plan_id', 'quota_spent', 'id'])
      .where(sql<boolean>`open_tickets > 0`)
      .execute();
    await db.schema
      .createIndex('tickets_open_work_customer')
      .on('tickets')
      .columns(['customer_id', 'due_at', 'id'])
      .where(sql<boolean>`(status in (${sql.raw(OPEN_WORK_SQL)})) is true`)
      .execute();
  },
};
