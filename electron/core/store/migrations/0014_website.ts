import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * The website's intake endpoint (channels/website/): its settings (one row: switched on or off,
 * the shared signing secret sealed by Core.secrets, the rotated-out secret and until when it still
 * signs), every post it accepted with its idempotency key and the answer given (so the same post
 * sent again gets the same answer and makes no second message), and the requests it refused before
 * writing anything, kept briefly for the lead to see what the website got wrong.
 */
export const website: Migration = {
  name: '0014_website',
  async up(db, dialect) {
    await db.schema
      .createTable('website_channel')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('secret_sealed', 'text')
      .addColumn('secret_created_at', 'bigint')
      .addColumn('previous_secret_sealed', 'text')
      .addColumn('previous_valid_until', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('staff.id'))
      .execute();
    await db.schema
      .createTable('website_posts')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      // Unique: of two identical posts racing on PostgreSQL, the second insert fails and re-reads.
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      // SHA-256 of the raw body, hex: the same key with another body is refused.
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('reason_code', 'text', (c) => c.notNull())
      // The answer as sent (shared/website.ts websiteAnswer), JSON.
      .addColumn('answer', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('website_posts_received').on('website_posts').column('received_at').execute();
    await db.schema
      .createTable('website_rejections')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('idempotency_key', 'text')
      .execute();
    await db.schema.createIndex('website_rejections_at').on('website_rejections').column('at').execute();
  },
};
