import type { Migration } from './types';

/**
 * Queue views sorted by last change, in index order on a million tickets: "unassigned, recently
 * updated" (every status) read its 60,000 unassigned tickets and sorted them for each page, and an
 * agent's own tickets of one status by last change sorted theirs. Each index leads with what such a
 * view tests for equality (nobody, or one person; then the status), then the sort and the id the
 * cursor continues from, so a page reads its rows from the index alone and stops when it is full.
 */
export const queueScale: Migration = {
  name: '0017_queue_scale',
  async up(db) {
    await db.schema
      .createIndex('tickets_assignee_updated')
      .on('tickets')
      .columns(['assignee_id', 'updated_at', 'id'])
      .execute();
    await db.schema
      .createIndex('tickets_assignee_status_updated')
      .on('tickets')
      .columns(['assignee_id', 'status', 'updated_at', 'id'])
      .execute();
  },
};
