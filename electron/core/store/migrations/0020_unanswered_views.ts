import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Three built-in views, each read in its sort order from an index of its own tickets on a million
 * tickets (each status one range, as the queue reads a large view one status at a time):
 *
 * - "Refused at intake" (unanswered refusals, oldest first) walked every refused ticket in creation
 *   order for each status, most of them closed, to find none in "open": 490 ms a statement.
 * - "Needs first response" (unanswered accepted tickets by due time) sorted or skipped the answered
 *   ones of each status: 16 ms a statement.
 * - "Free quota used up" walked open work by due time and looked up every ticket's customer in the
 *   table (0008's index has the customer, but after due_at and before the id the cursor sorts by, so
 *   the planner could not use it for the page's order): 20 ms a statement. With the id before the
 *   customer one index gives the order and the customer, and replaces both 0001's (status, due_at,
 *   id), its prefix, and 0008's.
 *
 * The unanswered indexes are partial, so they hold the few tickets still owed an answer, not the
 * million; both databases use them when the query states the same conditions. Below: the spent
 * customers' index with their id, and the breach scheduler's per-channel look-up.
 */
export const unansweredViews: Migration = {
  name: '0020_unanswered_views',
  async up(db) {
    await db.schema
      .createIndex('tickets_unanswered_accepted_due')
      .on('tickets')
      .columns(['status', 'due_at', 'id'])
      .where(sql<boolean>`intake_outcome = 'accept' and first_response_at is null`)
      .execute();
    await db.schema
      .createIndex('tickets_unanswered_refused_created')
      .on('tickets')
      .columns(['status', 'created_at', 'id'])
      .where(sql<boolean>`intake_outcome = 'refuse' and first_response_at is null`)
      .execute();
    await db.schema
      .createIndex('tickets_status_due_id_customer')
      .on('tickets')
      .columns(['status', 'due_at', 'id', 'customer_id'])
      .execute();
    await db.schema.dropIndex('tickets_status_due').execute();
    await db.schema.dropIndex('tickets_status_due_customer').execute();
    // The spent customers that view probes against, from the index alone on PostgreSQL too (SQLite's
    // indexes end with the row id already; PostgreSQL's read every customer's row for its id).
    await db.schema
      .createIndex('customers_plan_quota_spent_id')
      .on('customers')
      .columns(['plan_id', 'quota_spent', 'id'])
      .execute();
    await db.schema.dropIndex('customers_plan_quota_spent').execute();
    // The breach scheduler's next wake-up, per channel: the earliest unbreached deadline of a channel
    // after its warning window. By (breached, due_at) alone it walked every other channel's
    // deadlines to reach a quiet channel's first (15 ms on the 1M set, on every pass, in the
    // process that serves the queue).
    await db.schema
      .createIndex('tickets_sla_channel_due')
      .on('tickets')
      .columns(['sla_phase_breached', 'channel', 'due_at'])
      .execute();
  },
};
