import { sql } from 'kysely';
import type { Migration } from './types';

/** Personal managers as a managed relationship: scheduled plan changes, client notes, "last looked", settings. */
export const accountManagement: Migration = {
  name: '0002_account_management',
  async up(db, dialect) {
    // A plan change can take effect later; until then it waits with no applied time.
    await db.schema.alterTable('plan_changes').addColumn('applied_at', 'bigint').execute();
    await sql`update plan_changes set applied_at = effective_at`.execute(db);
    await db.schema
      .createIndex('plan_changes_pending')
      .on('plan_changes')
      .columns(['applied_at', 'effective_at'])
      .execute();

    await db.schema
      .createTable('customer_notes')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('author_staff_id', 'integer', (c) => c.notNull().references('staff.id'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('customer_notes_customer')
      .on('customer_notes')
      .columns(['customer_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('client_views')
      .addColumn('manager_id', 'integer', (c) => c.notNull().references('staff.id'))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('client_views_pk', ['manager_id', 'customer_id'])
      .execute();

    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.references('staff.id'))
      .execute();
  },
};
