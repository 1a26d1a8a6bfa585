import type { Migration } from './types';

/**
 * Booking calls: why a call ended as it did, which e-mails belong to which call, a range index for
 * calendars, and the store's own guard against double-booking an agent.
 */
export const callScheduling: Migration = {
  name: '0005_call_scheduling',
  async up(db, dialect) {
    await db.schema.alterTable('calls').addColumn('status_note', 'text').execute();
    await db.schema
      .alterTable('outbox')
      .addColumn('call_id', 'integer', (c) => c.references('calls.id'))
      .execute();
    await db.schema.createIndex('outbox_call').on('outbox').columns(['call_id', 'created_at']).execute();
    // Day and week calendars read scheduled calls by time across all agents.
    await db.schema.createIndex('calls_status_starts').on('calls').columns(['status', 'starts_at']).execute();
    await dialect.createCallOverlapGuard(db);
  },
};
