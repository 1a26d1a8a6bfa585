import { sql, type Expression } from 'kysely';
import type { Migration } from './types';

/**
 * The outbox is delivered over SMTP (channels/mail-out/): each mail has a delivery state (queued →
 * sending → sent | failed → … → needs_attention; cancelled), how many times it was tried and when
 * the next try is due, a lease held while it is being handed to the server (a process that died
 * mid-send leaves a lease that runs out, and the mail is tried again, with the same Message-ID), and
 * what the server answered. `source_message_id` is the ticket message the mail announces, so the
 * ticket can show each message's delivery state. The old `status` column stays as the coarse
 * summary (pending, sent, failed) older readers know.
 */
export const outboxDelivery: Migration = {
  name: '0012_outbox_delivery',
  async up(db) {
    // One column per statement: SQLite adds one column at a time.
    await db.schema
      .alterTable('outbox')
      .addColumn('delivery', 'text', (c) =>
        c
          .notNull()
          .defaultTo('queued')
          .check(sqlIn('delivery', ['queued', 'sending', 'sent', 'failed', 'needs_attention', 'cancelled'])),
      )
      .execute();
    await db.schema
      .alterTable('outbox')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('outbox').addColumn('next_attempt_at', 'bigint').execute();
    await db.schema.alterTable('outbox').addColumn('lease_until', 'bigint').execute();
    await db.schema.alterTable('outbox').addColumn('handed_at', 'bigint').execute();
    await db.schema.alterTable('outbox').addColumn('last_error', 'text').execute();
    await db.schema.alterTable('outbox').addColumn('smtp_response', 'text').execute();
    await db.schema
      .alterTable('outbox')
      .addColumn('source_message_id', 'integer', (c) => c.references('messages.id'))
      .execute();
    // Mails recorded as sent or failed before the worker existed keep that outcome; a failed one
    // needs a lead's look rather than a silent retry.
    await sql`update outbox set delivery = case status when 'sent' then 'sent' when 'failed' then 'needs_attention' else 'queued' end`.execute(
      db,
    );
    await db.schema
      .createIndex('outbox_delivery_due')
      .on('outbox')
      .columns(['delivery', 'next_attempt_at', 'id'])
      .execute();
    await db.schema.createIndex('outbox_source_message').on('outbox').column('source_message_id').execute();
    await db.schema.createIndex('outbox_ticket').on('outbox').columns(['ticket_id', 'created_at']).execute();
  },
};

function sqlIn(column: string, values: readonly string[]): Expression<unknown> {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
