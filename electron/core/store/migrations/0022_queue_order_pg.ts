import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Two queue reads that PostgreSQL could not take in index order on the 1M-ticket set (SQLite already
 * could: its indexes end with the row id, which is the ticket id, and it takes `IS NULL` as an
 * equality):
 *
 * - A channel view's later pages: `(channel, status, due_at)` has no id, so the cursor's `(due_at, id)
 *   > (…)` was a filter on rows fetched from the table, and every ticket of the status past the
 *   cursor was read and sorted (2,500 rows, 2,100 buffers, for the second page of E-mail's "new").
 *   With the id the page is read from the index alone, in order, and stops when full. It replaces
 *   0001's index, its prefix.
 * - "Unassigned" by due time: PostgreSQL does not take `assignee_id IS NULL` as an equality that
 *   leaves `(assignee_id, status, due_at, id)` in due order, so each page sorted the unassigned work
 *   of the status. The unassigned tickets alone, in the view's order, serve it from the first entry.
 */
export const queueOrderPg: Migration = {
  name: '0022_queue_order_pg',
  async up(db) {
    await db.schema
      .createIndex('tickets_channel_status_due_id')
      .on('tickets')
      .columns(['channel', 'status', 'due_at', 'id'])
      .execute();
    await db.schema.dropIndex('tickets_channel_status_due').execute();
    await db.schema
      .createIndex('tickets_unassigned_status_due')
      .on('tickets')
      .columns(['status', 'due_at', 'id'])
      .where(sql.ref('assignee_id'), 'is', null)
      .execute();
  },
};
