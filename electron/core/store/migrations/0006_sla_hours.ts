import { sql, type Expression } from 'kysely';
import type { Migration } from './types';

/**
 * SLA hours: the rule set versions tickets are measured against, each ticket's SLA events (the
 * clock is a pure function of them), the breaches recorded at their true time, and the per-ticket
 * results the lead's review aggregates without replaying any clock.
 */
export const slaHours: Migration = {
  name: '0006_sla_hours',
  async up(db, dialect) {
    await db.schema
      .createTable('rule_set_versions')
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('rule_set_id', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull().unique())
      .addColumn('json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
      .addColumn('note', 'text', (c) => c.notNull())
      .execute();

    // One statement per column: SQLite adds a single column per ALTER TABLE.
    const columns: [string, 'integer' | 'bigint' | 'text', boolean][] = [
      ['sla_rule_version', 'integer', false],
      ['sla_plan_id', 'text', false],
      ['first_response_target_minutes', 'integer', false],
      ['next_response_target_minutes', 'integer', false],
      ['first_response_business_ms', 'bigint', false],
      ['first_response_by', 'integer', false],
      ['first_response_breached', 'integer', true],
      ['sla_phase', 'text', false],
      ['sla_phase_breached', 'integer', true],
      ['sla_breach_count', 'integer', true],
    ];
    for (const [name, type, flag] of columns) {
      await db.schema
        .alterTable('tickets')
        .addColumn(name, type, (c) => (flag ? c.notNull().defaultTo(0) : c))
        .execute();
    }

    await db.schema
      .createTable('sla_events')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) =>
        c
          .notNull()
          .check(sqlIn('kind', ['arrival', 'customer_message', 'response', 'pause', 'resume', 'close'])),
      )
      .addColumn('staff_id', 'integer', (c) => c.references('staff.id'))
      .execute();
    await db.schema
      .createIndex('sla_events_ticket')
      .on('sla_events')
      .columns(['ticket_id', 'at', 'id'])
      .execute();

    await db.schema
      .createTable('sla_breaches')
      .addColumn('id', 'integer', (c) => dialect.autoId(c))
      .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
      .addColumn('phase', 'text', (c) => c.notNull().check(sqlIn('phase', ['first', 'next'])))
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('breached_at', 'bigint', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .addColumn('rule_version', 'integer')
      // The scheduler and the handlers may both see the same missed deadline: it is recorded once.
      .addUniqueConstraint('sla_breaches_once', ['ticket_id', 'phase', 'due_at'])
      .execute();
    await db.schema.createIndex('sla_breaches_breached').on('sla_breaches').column('breached_at').execute();

    // The breach scheduler's two questions: which deadlines have passed unrecorded, and which is next.
    await db.schema
      .createIndex('tickets_sla_due')
      .on('tickets')
      .columns(['sla_phase_breached', 'due_at'])
      .execute();
    // The lead's review reads one date range of tickets and only these columns: a covering index
    // keeps a month of a million-ticket database to one range scan, never touching the wide rows.
    await db.schema
      .createIndex('tickets_sla_review')
      .on('tickets')
      .columns([
        'created_at',
        'channel',
        'sla_plan_id',
        'intake_outcome',
        'first_response_target_minutes',
        'first_response_business_ms',
        'first_response_breached',
        'first_response_at',
        'sla_breach_count',
        'first_response_by',
        'assignee_id',
        'clock_starts_at',
        'sla_rule_version',
      ])
      .execute();

    // Tickets written before SLA hours get their events back from what the database still shows:
    // the arrival, accepted customer messages and staff answers, and the status they ended in. The
    // core adopts them at start (sla/record.ts), measuring them against the rule set then in force.
    await sql`insert into sla_events (ticket_id, at, kind, staff_id)
      select id, created_at, 'arrival', null from tickets order by id`.execute(db);
    await sql`insert into sla_events (ticket_id, at, kind, staff_id)
      select ticket_id, created_at,
        case when author_kind = 'staff' then 'response' else 'customer_message' end,
        case when author_kind = 'staff' then author_staff_id else null end
      from messages
      where accepted = 1 and kind <> 'internal_note'
      order by id`.execute(db);
    await sql`insert into sla_events (ticket_id, at, kind, staff_id)
      select id, updated_at, case when status = 'closed' then 'close' else 'pause' end, null
      from tickets where status in ('waiting_customer', 'solved', 'closed')
      order by id`.execute(db);
  },
};

function sqlIn(column: string, values: readonly string[]): Expression<unknown> {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
