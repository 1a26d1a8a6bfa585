import type { Migration } from './types';

/**
 * Saved queue views per staff member, and the indexes that keep every built-in view's first page
 * and count fast on 100,000 tickets. Each index leads with the columns a view tests for equality, so
 * the planner picks it without statistics (a fresh or just-seeded database has none).
 */
export const queueViews: Migration = {
  name: '0003_queue_views',
  async up(db, dialect) {
    await db.schema
      .createTable('saved_views')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('filter', 'text', (c) => c.notNull())
      .addColumn('sort', 'text', (c) => c.notNull())
      .addColumn('columns', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('saved_views_staff_name', ['staff_id', 'name'])
      .execute();

    // Needs first response, Waiting for hours, Refused at intake: outcome, unanswered, status and
    // (for waiting) the clock start, then the sort columns, so counts and pages never read a ticket
    // row (a row costs a page read; a view's rows are scattered over the table).
    await db.schema
      .createIndex('tickets_unanswered')
      .on('tickets')
      .columns(['intake_outcome', 'first_response_at', 'status', 'clock_starts_at', 'due_at', 'created_at'])
      .execute();
    // The channel views, sorted by due time, from the index alone.
    await db.schema
      .createIndex('tickets_channel_status_due')
      .on('tickets')
      .columns(['channel', 'status', 'due_at'])
      .execute();
    // Free quota used up: open work probed against the spent-customer list, from the index alone.
    await db.schema
      .createIndex('tickets_status_customer')
      .on('tickets')
      .columns(['status', 'customer_id', 'due_at'])
      .execute();
    // The spent-customer list: one range over counted messages, grouped by customer in index order.
    await db.schema
      .createIndex('messages_quota_customer')
      .on('messages')
      .columns(['counts_toward_quota', 'customer_id'])
      .execute();
    // Large views (no status filter, or closed work) sorted by due time, priority or last change
    // read their first page in index order instead of sorting every matching ticket.
    await db.schema.createIndex('tickets_due').on('tickets').columns(['due_at', 'id']).execute();
    await db.schema.createIndex('tickets_priority').on('tickets').columns(['priority', 'id']).execute();
    await db.schema
      .createIndex('tickets_status_updated')
      .on('tickets')
      .columns(['status', 'updated_at', 'id'])
      .execute();
  },
};
