import type { Migration } from './types';

/**
 * What lets several processes share one database live (electron/core/live/).
 *
 * `live_events` is the change feed: every committed write appends the events it announced, in the
 * same transaction, so a process polling the table (processes sharing a SQLite file) sees exactly
 * the committed ones, in commit order. On PostgreSQL, NOTIFY carries the events and the table holds
 * only those too large for a notification's payload.
 *
 * `live_lease` is the one-row lease that elects the process running the timers (breach scheduler,
 * scheduled plan changes) on SQLite; PostgreSQL uses an advisory lock instead.
 */
export const live: Migration = {
  name: '0010_live',
  async up(db, dialect) {
    await db.schema
      .createTable('live_events')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      /** Wall-clock milliseconds (never the core's test clock): old rows are pruned by it. */
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('live_events_created').on('live_events').column('created_at').execute();
    await db.schema
      .createTable('live_lease')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      /** Wall-clock milliseconds after which another process may take the lease over. */
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
