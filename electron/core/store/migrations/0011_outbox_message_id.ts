import type { Migration } from './types';

/**
 * Every queued mail has its Message-ID from the moment it is queued (channels/message-id.ts), so a
 * customer's reply threads onto its ticket by In-Reply-To/References against every id we sent.
 * Mails queued before this migration never left the console: they keep no id.
 */
export const outboxMessageId: Migration = {
  name: '0011_outbox_message_id',
  async up(db) {
    await db.schema.alterTable('outbox').addColumn('message_id', 'text').execute();
    await db.schema.createIndex('outbox_message_id').unique().on('outbox').column('message_id').execute();
  },
};
