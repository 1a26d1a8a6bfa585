// A database written before SLA hours: migration 0006 rebuilds each ticket's SLA events from its
// messages and status, and the core measures those tickets at start against the rules in force.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore } from '../../../electron/core/app';
import { migrations } from '../../../electron/core/store/migrations';
import { migrate } from '../../../electron/core/store/migrator';
import { openSqlite, sqliteSchemaDialect } from '../../../electron/core/store/sqlite';

const WED = (h: number, m = 0) => Date.UTC(2026, 10, 25, h, m);
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sla-adopt-'));
  file = join(dir, 'old.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('tickets from before SLA hours', () => {
  it('are measured at start from the events the migration rebuilt, late ones breached at their time', async () => {
    const before = migrations.findIndex((m) => m.name === '0006_sla_hours');
    const { db } = openSqlite({ file });
    await migrate(db, sqliteSchemaDialect, () => WED(9), migrations.slice(0, before));
    await db
      .insertInto('staff')
      .values({
        name: 'Al',
        email: 'al@x.test',
        role: 'agent',
        zone: 'UTC',
        active: 1,
        capacity: null,
        last_signed_in_at: null,
        created_at: 0,
      })
      .execute();
    await db
      .insertInto('customers')
      .values({
        name: 'Cy',
        company: null,
        account_email: 'cy@x.test',
        zone: null,
        plan_id: 'standard',
        plan_since: 0,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    const ticket = {
      customer_id: 1,
      subject: 'Old',
      priority: 'normal' as const,
      assignee_id: null,
      updated_at: WED(10),
      clock_starts_at: WED(10),
      first_response_due_at: WED(14),
      last_customer_message_at: WED(10),
      last_staff_message_at: null,
      intake_outcome: 'accept' as const,
      intake_reason_code: 'email.accepted',
      intake_reason: 'Accepted',
      intake_decision: '{}',
      rule_set_version: 'quintadb@1',
      flagged_not_entitled: 0 as const,
    };
    // One answered in time, one never answered.
    await db
      .insertInto('tickets')
      .values([
        {
          ...ticket,
          channel: 'email',
          status: 'open',
          created_at: WED(10),
          first_response_at: WED(11),
          due_at: null,
        },
        {
          ...ticket,
          channel: 'email',
          status: 'new',
          created_at: WED(10),
          first_response_at: null,
          due_at: WED(14),
        },
      ])
      .execute();
    const message = {
      customer_id: 1,
      body: 'x',
      accepted: 1 as const,
      counts_toward_quota: 0 as const,
      decision: null,
    };
    await db
      .insertInto('messages')
      .values([
        {
          ...message,
          ticket_id: 1,
          author_kind: 'customer',
          author_staff_id: null,
          kind: 'question',
          created_at: WED(10),
        },
        {
          ...message,
          ticket_id: 1,
          author_kind: 'staff',
          author_staff_id: 1,
          kind: 'answer',
          created_at: WED(11),
        },
        {
          ...message,
          ticket_id: 2,
          author_kind: 'customer',
          author_staff_id: null,
          kind: 'question',
          created_at: WED(10),
        },
      ])
      .execute();
    await db.destroy();

    const running = await startCore({ dbFile: file, demo: false, now: () => WED(16) });
    try {
      const rows = await running.core.db.selectFrom('tickets').selectAll().orderBy('id').execute();
      expect(rows[0]).toMatchObject({
        sla_rule_version: 1,
        sla_plan_id: 'standard',
        first_response_business_ms: 60 * 60_000,
        first_response_by: 1,
        first_response_breached: 0,
        due_at: null,
      });
      expect(rows[1]).toMatchObject({
        sla_phase: 'first',
        due_at: WED(14),
        first_response_breached: 1,
        sla_breach_count: 1,
      });
      const breaches = await running.core.db.selectFrom('sla_breaches').selectAll().execute();
      expect(breaches).toMatchObject([{ ticket_id: 2, breached_at: WED(14), recorded_at: WED(16) }]);
    } finally {
      await running.close();
    }
  });
});
