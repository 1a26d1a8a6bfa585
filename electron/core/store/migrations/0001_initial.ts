import { sql, type Expression } from 'kysely';
import type { Migration } from './types';

export const initial: Migration = {
  name: '0001_initial',
  async up(db, dialect) {
    await db.schema
      .createTable('customers')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('company', 'text')
      .addColumn('account_email', 'text', (c) => c.notNull().unique())
      .addColumn('zone', 'text')
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('plan_since', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('customers_plan').on('customers').columns(['plan_id', 'name']).execute();
    await db.schema.createIndex('customers_name').on('customers').column('name').execute();

    await db.schema
      .createTable('staff')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) =>
        c.notNull().check(sqlIn('role', ['agent', 'account_manager', 'lead'])),
      )
      .addColumn('zone', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('capacity', 'integer')
      .addColumn('last_signed_in_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('plan_changes')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('from_plan_id', 'text')
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('effective_at', 'bigint', (c) => c.notNull())
      .addColumn('changed_by', 'integer', (c) => c.references('staff.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('plan_changes_customer')
      .on('plan_changes')
      .columns(['customer_id', 'effective_at'])
      .execute();

    await db.schema
      .createTable('tickets')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('channel', 'text', (c) =>
        c.notNull().check(sqlIn('channel', ['topic', 'email', 'chat', 'phone', 'blog_comment'])),
      )
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sqlIn('status', ['new', 'open', 'waiting_customer', 'solved', 'closed'])),
      )
      .addColumn('priority', 'text', (c) =>
        c.notNull().check(sqlIn('priority', ['low', 'normal', 'high', 'urgent'])),
      )
      .addColumn('assignee_id', 'integer', (c) => c.references('staff.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('clock_starts_at', 'bigint', (c) => c.notNull())
      .addColumn('first_response_at', 'bigint')
      .addColumn('first_response_due_at', 'bigint')
      .addColumn('due_at', 'bigint')
      .addColumn('last_customer_message_at', 'bigint')
      .addColumn('last_staff_message_at', 'bigint')
      .addColumn('intake_outcome', 'text', (c) =>
        c.notNull().check(sqlIn('intake_outcome', ['accept', 'refuse'])),
      )
      .addColumn('intake_reason_code', 'text', (c) => c.notNull())
      .addColumn('intake_reason', 'text', (c) => c.notNull())
      .addColumn('intake_decision', 'text', (c) => c.notNull())
      .addColumn('rule_set_version', 'text', (c) => c.notNull())
      .addColumn('flagged_not_entitled', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // The queue's views filter on status/channel/assignee/outcome and sort by due time or age.
    await db.schema
      .createIndex('tickets_status_due')
      .on('tickets')
      .columns(['status', 'due_at', 'id'])
      .execute();
    await db.schema
      .createIndex('tickets_assignee_status_due')
      .on('tickets')
      .columns(['assignee_id', 'status', 'due_at', 'id'])
      .execute();
    await db.schema
      .createIndex('tickets_channel_status_created')
      .on('tickets')
      .columns(['channel', 'status', 'created_at', 'id'])
      .execute();
    await db.schema.createIndex('tickets_created').on('tickets').columns(['created_at', 'id']).execute();
    await db.schema
      .createIndex('tickets_outcome_created')
      .on('tickets')
      .columns(['intake_outcome', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('tickets_customer_created')
      .on('tickets')
      .columns(['customer_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('messages')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('author_kind', 'text', (c) => c.notNull().check(sqlIn('author_kind', ['customer', 'staff'])))
      .addColumn('author_staff_id', 'integer', (c) => c.references('staff.id'))
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sqlIn('kind', ['question', 'answer', 'blog_comment', 'internal_note'])),
      )
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('accepted', 'integer', (c) => c.notNull())
      .addColumn('counts_toward_quota', 'integer', (c) => c.notNull())
      .addColumn('decision', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('messages_ticket')
      .on('messages')
      .columns(['ticket_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('messages_customer_quota')
      .on('messages')
      .columns(['customer_id', 'counts_toward_quota'])
      .execute();

    await db.schema
      .createTable('calls')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('agent_id', 'integer', (c) => c.references('staff.id'))
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sqlIn('status', ['requested', 'scheduled', 'done', 'no_show', 'cancelled'])),
      )
      .addColumn('questions', 'text', (c) => c.notNull())
      .addColumn('contact_email', 'text', (c) => c.notNull())
      .addColumn('tool', 'text', (c) => c.notNull().check(sqlIn('tool', ['skype', 'google_meet'])))
      .addColumn('customer_zone', 'text')
      .addColumn('starts_at', 'bigint')
      .addColumn('ends_at', 'bigint')
      .addColumn('link', 'text')
      .addColumn('ical_uid', 'text', (c) => c.notNull().unique())
      .addColumn('ical_sequence', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('flagged_for_review', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('calls_agent_starts')
      .on('calls')
      .columns(['agent_id', 'starts_at'])
      .execute();
    await db.schema
      .createIndex('calls_customer_starts')
      .on('calls')
      .columns(['customer_id', 'starts_at'])
      .execute();

    await db.schema
      .createTable('manager_assignments')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('manager_id', 'integer', (c) => c.notNull().references('staff.id'))
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('ended_at', 'bigint')
      .addColumn('assigned_by', 'integer', (c) => c.references('staff.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('ended_reason', 'text')
      .execute();
    await db.schema
      .createIndex('manager_assignments_customer')
      .on('manager_assignments')
      .columns(['customer_id', 'ended_at'])
      .execute();
    await db.schema
      .createIndex('manager_assignments_manager')
      .on('manager_assignments')
      .columns(['manager_id', 'ended_at'])
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor_staff_id', 'integer', (c) => c.references('staff.id'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'integer')
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .execute();
    await db.schema
      .createIndex('audit_entity')
      .on('audit_log')
      .columns(['entity', 'entity_id', 'at'])
      .execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
      .addColumn('to_email', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('attachment', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['pending', 'sent', 'failed'])))
      .addColumn('sent_at', 'bigint')
      .execute();
    await db.schema.createIndex('outbox_status').on('outbox').columns(['status', 'created_at']).execute();
  },
};

/** A CHECK constraint that keeps an enumerated text column inside its allowed values. */
function sqlIn(column: string, values: readonly string[]): Expression<unknown> {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
