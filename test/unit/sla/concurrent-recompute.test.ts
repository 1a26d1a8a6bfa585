// Two writes recomputing one ticket's clock at once on PostgreSQL: an answer (its response event)
// and the breach scheduler, each in its own process. Without a lock on the ticket the scheduler read
// the events before the answer committed and then overwrote the answer's result: the ticket lost its
// first response (seen as a flaky SLA review under load). SQLite's write lock serialises whole writes,
// so the race exists only on PostgreSQL.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type RunningCore } from '../../../electron/core/app';
import { runWrite } from '../../../electron/core/api/write';
import { recordSlaEvent } from '../../../electron/core/sla/record';
import { onPostgres } from '../../support/store';
import { createTestCore, type TestCore } from '../helpers/core';

const WED = (h: number, m = 0) => Date.UTC(2026, 10, 25, h, m);

let core: TestCore;
let other: RunningCore;

beforeEach(async () => {
  core = await createTestCore(WED(10));
  if (onPostgres) other = await startCore({ dbFile: core.file, demo: false, now: () => core.clock.now });
});
afterEach(async () => {
  if (onPostgres) await other.close();
  await core.dispose();
});

/** Resolves once some connection of this database waits for a row lock. */
async function someoneWaitsForALock(): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ waiting: number }>`
      select count(*)::int as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(core.core.db);
    if ((rows[0]?.waiting ?? 0) > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe.runIf(onPostgres)('an answer and the breach scheduler recomputing one ticket at once', () => {
  it('keeps the answer: the later write reads what the earlier one committed', async () => {
    const agent = await core.signedIn(core.ids.agent);
    const { ticket } = await core.call(agent, 'tickets.create', {
      customerId: core.ids.standardExpress,
      channel: 'email',
      subject: 'Late answer',
      body: 'Hello',
    });
    const ticketId = ticket.ticket.id;
    // A second overdue ticket gives the scheduler's write a breach of its own, so it commits.
    await core.call(agent, 'tickets.create', {
      customerId: core.ids.standardExpress,
      channel: 'email',
      subject: 'Nobody answers',
      body: 'Hello?',
    });
    // Past the 120-minute target: the scheduler has a breach to record, the answer a late response.
    core.clock.now = WED(15);

    let commitAnswer = () => {};
    const held = new Promise<void>((resolve) => (commitAnswer = resolve));
    // The answer's write as messages.add makes it, held open after its recompute (row updated).
    const answer = runWrite(other.core, 'messages.add', core.ids.agent, async (w) => {
      await recordSlaEvent(
        other.core,
        w,
        ticketId,
        { kind: 'response', at: WED(15), staffId: core.ids.agent },
        WED(15),
      );
      await held;
    });
    // Only start the scheduler once the answer's write is in (its response event exists, uncommitted).
    for (;;) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation
        where c.relname = 'tickets' and l.mode = 'RowExclusiveLock'`.execute(core.core.db);
      if ((rows[0]?.n ?? 0) > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const tick = core.sla.tick();
    await someoneWaitsForALock();
    commitAnswer();
    await Promise.all([answer, tick]);

    const stored = await core.core.db
      .selectFrom('tickets')
      .select(['first_response_by', 'first_response_breached', 'sla_phase_breached'])
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(stored.first_response_by).toBe(core.ids.agent);
    expect(stored.first_response_breached).toBe(1);
  });
});
