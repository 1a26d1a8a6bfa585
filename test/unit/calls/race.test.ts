// Double booking on a real database: clients racing for one slot through one core, through two
// cores and through separate processes on the same file; the store's own guard against writers that
// skip the core's check; and the guard's refusal turned into a clear conflict.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { UpdateQueryNode, type KyselyPlugin } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../shared/contract';
import type { Core, Session } from '../../../electron/core/api/context';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { startCore } from '../../../electron/core/app';
import { CALL_OVERLAP_GUARD } from '../../../electron/core/store/migrations';
import { openSqlite } from '../../../electron/core/store/sqlite';
import { createTestCore, snapshot, type TestCore } from '../helpers/core';
import { nov, requestCall } from './helpers';

let core: TestCore;
let agent: Session;

beforeEach(async () => {
  core = await createTestCore();
  agent = await core.signedIn(core.ids.agent);
});
afterEach(() => core.dispose());

async function aliceScheduled() {
  return core.core.db
    .selectFrom('calls')
    .select(['id', 'starts_at', 'ends_at'])
    .where('agent_id', '=', core.ids.agent)
    .where('status', '=', 'scheduled')
    .execute();
}

function expectOneWinner(results: CallResult<unknown>[], loser: RegExp) {
  const won = results.filter((r) => r.ok);
  const lost = results.flatMap((r) => (r.ok ? [] : [r.error]));
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(results.length - 1);
  for (const error of lost) {
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(loser);
  }
}

describe('clients racing for one slot', () => {
  it('lets exactly one of several concurrent bookings through one core win', async () => {
    const calls = [];
    for (let i = 0; i < 6; i++) calls.push(await requestCall(core, agent));
    // Different windows, the same agent and overlapping times: everything waits on one write lock.
    const results = await Promise.all(
      calls.map((callId, i) =>
        core.dispatcher.call({ staffId: core.ids.agent }, 'calls.schedule', {
          callId,
          agentId: core.ids.agent,
          startsAt: nov(26, 11) + (i % 2) * 15 * 60_000,
        }),
      ),
    );
    expectOneWinner(
      results,
      /^Alice Agent already has a call from 11:(00|15) to 11:(30|45) GMT on Thu 26 Nov 2026/,
    );
    expect(await aliceScheduled()).toHaveLength(1);
  });

  it('lets exactly one booking win across processes on the same file', async () => {
    const script = fileURLToPath(new URL('./fixtures/book-elsewhere.ts', import.meta.url));
    const calls = [];
    for (let i = 0; i < 3; i++) calls.push(await requestCall(core, agent));
    const startsAt = nov(26, 11);
    const children = calls.map((callId) => {
      const job = { now: core.clock.now, agentId: core.ids.agent, callId, startsAt };
      const child = spawn(process.execPath, ['--import', 'tsx', script, core.file, JSON.stringify(job)], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      const lines = createInterface({ input: child.stdout });
      const next = () =>
        new Promise<string>((resolve, reject) => {
          lines.once('line', resolve);
          child.once('exit', (code) => reject(new Error(`book-elsewhere exited with ${code}`)));
        });
      return { child, ready: next(), next };
    });
    // Every process has its core open before any of them books, so they really book at once.
    for (const c of children) expect(await c.ready).toBe('ready');
    const outcomes = children.map((c) => c.next());
    for (const c of children) c.child.stdin.write('go\n');
    const results = (await Promise.all(outcomes)).map((line) => JSON.parse(line) as CallResult<unknown>);
    expectOneWinner(
      results,
      /^Alice Agent already has (a call from 11:00 to 11:30 GMT|another call overlapping)/,
    );
    expect(await aliceScheduled()).toEqual([expect.objectContaining({ starts_at: startsAt })]);
  }, 60_000);

  it('never leaves a booking unflagged for a customer a concurrent plan change took phone support from', async () => {
    const lead = await core.signedIn(core.ids.lead);
    for (const bookFirst of [true, false]) {
      const callId = await requestCall(core, agent);
      const customerId = core.ids.standardExpress;
      const booking = () =>
        core.dispatcher.call({ ...agent }, 'calls.schedule', {
          callId,
          agentId: core.ids.agent,
          startsAt: nov(26, 11),
        });
      const downgrade = () =>
        core.dispatcher.call({ ...lead }, 'customers.changePlan', {
          customerId,
          planId: 'standard',
          reason: 'Downgrade',
        });
      const [booked, changed] = bookFirst
        ? await Promise.all([booking(), downgrade()])
        : (await Promise.all([downgrade(), booking()])).reverse();
      expect(changed?.ok).toBe(true);
      const call = await core.call(agent, 'calls.get', { id: callId });
      // Whichever came first, the call is either refused or booked and flagged for review.
      if (booked?.ok) expect(call).toMatchObject({ status: 'scheduled', flaggedForReview: true });
      else {
        expect(booked?.error.code).toBe('rule_refused');
        expect(call).toMatchObject({ status: 'requested', flaggedForReview: true });
      }
      expect(call.entitled).toBe(false);
      await core.call(agent, 'calls.cancel', { callId, reason: 'Plan changed' });
      await core.call(lead, 'customers.changePlan', {
        customerId,
        planId: 'standard_express',
        reason: 'Back',
      });
    }
  });

  it('refuses in a second core on the same file what the first one booked', async () => {
    const first = await requestCall(core, agent);
    const second = await requestCall(core, agent);
    const other = await startCore({ dbFile: core.file, demo: false, now: () => core.clock.now });
    try {
      await core.call(agent, 'calls.schedule', {
        callId: first,
        agentId: core.ids.agent,
        startsAt: nov(26, 11),
      });
      const result = await other.dispatcher.call({ staffId: core.ids.agent }, 'calls.schedule', {
        callId: second,
        agentId: core.ids.agent,
        startsAt: nov(26, 11, 15),
      });
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'conflict',
          message: expect.stringMatching(/^Alice Agent already has a call from 11:00/),
        },
      });
      // And the second core's own connection cannot write the overlap behind the core's back.
      await expect(
        other.core.db
          .updateTable('calls')
          .set({
            status: 'scheduled',
            agent_id: core.ids.agent,
            starts_at: nov(26, 11, 15),
            ends_at: nov(26, 11, 45),
          })
          .where('id', '=', second)
          .execute(),
      ).rejects.toThrow(CALL_OVERLAP_GUARD);
    } finally {
      await other.close();
    }
  });
});

describe('the store’s own guard', () => {
  it('refuses any scheduled call overlapping another of the same agent, however it is written', async () => {
    const booked = await requestCall(core, agent);
    await core.call(agent, 'calls.schedule', {
      callId: booked,
      agentId: core.ids.agent,
      startsAt: nov(26, 11),
    });
    const callId = await requestCall(core, agent);
    const db = core.core.db;
    const place = (agentId: number | null, start: number, end: number) =>
      db
        .updateTable('calls')
        .set({ status: 'scheduled', agent_id: agentId, starts_at: start, ends_at: end })
        .where('id', '=', callId)
        .execute();
    const before = await snapshot(db);

    await expect(place(core.ids.agent, nov(26, 11), nov(26, 11, 30))).rejects.toThrow(CALL_OVERLAP_GUARD);
    await expect(place(core.ids.agent, nov(26, 10, 45), nov(26, 11, 1))).rejects.toThrow(CALL_OVERLAP_GUARD);
    await expect(place(core.ids.agent, nov(26, 11, 29), nov(26, 12))).rejects.toThrow(CALL_OVERLAP_GUARD);
    await expect(place(core.ids.agent, nov(26, 10), nov(26, 13))).rejects.toThrow(CALL_OVERLAP_GUARD);
    await expect(place(null, nov(26, 12), nov(26, 12, 30))).rejects.toThrow(/without an agent/);
    await expect(place(core.ids.agent, nov(26, 12), nov(26, 12))).rejects.toThrow(/empty time range/);
    const row = await db.selectFrom('calls').selectAll().where('id', '=', booked).executeTakeFirstOrThrow();
    const { id: _id, ...copy } = row;
    await expect(
      db
        .insertInto('calls')
        .values({ ...copy, ical_uid: 'another@test' })
        .execute(),
    ).rejects.toThrow(CALL_OVERLAP_GUARD);
    expect(await snapshot(db)).toEqual(before);

    // Touching is not overlapping (the buffer is the core's business), and other agents are free.
    await place(core.ids.agent, nov(26, 11, 30), nov(26, 12));
    await db
      .updateTable('calls')
      .set({ agent_id: core.ids.otherAgent, starts_at: nov(26, 11), ends_at: nov(26, 11, 30) })
      .where('id', '=', callId)
      .execute();
    // A cancelled call holds no time.
    await db.updateTable('calls').set({ status: 'cancelled' }).where('id', '=', booked).execute();
    await db.updateTable('calls').set({ agent_id: core.ids.agent }).where('id', '=', callId).execute();
    expect(await aliceScheduled()).toEqual([
      { id: callId, starts_at: nov(26, 11), ends_at: nov(26, 11, 30) },
    ]);
  });

  it('turns the guard’s refusal into a conflict naming the agent and the time', async () => {
    // About SQLite's single writer, so on a SQLite file whatever the suite's store; on PostgreSQL a
    // real concurrent transaction does the same (store/postgres.test.ts).
    await core.dispose();
    core = await createTestCore(undefined, { store: 'sqlite' });
    agent = await core.signedIn(core.ids.agent);
    const callId = await requestCall(core, agent);
    const slipped = await requestCall(core, agent);
    // Stands in for a writer that slips a booking in between the core's check and its write (as a
    // read-committed PostgreSQL transaction could): SQLite's write lock keeps other connections
    // out, so the booking is slipped in on the core's own connection, inside its transaction.
    const { db, raw } = openSqlite({ file: core.file });
    let armed = true;
    const slipIn: KyselyPlugin = {
      transformQuery({ node }) {
        const setsStatus =
          UpdateQueryNode.is(node) &&
          (node.updates ?? []).some((u) => JSON.stringify(u.column).includes('"status"'));
        if (armed && setsStatus) {
          armed = false;
          raw
            .prepare(
              `update calls set status = 'scheduled', agent_id = ?, starts_at = ?, ends_at = ? where id = ?`,
            )
            .run(core.ids.agent, nov(26, 11), nov(26, 11, 30), slipped);
        }
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    // A core like any other on this file, but writing through the connection with the plugin.
    const other = await startCore({ dbFile: core.file, demo: false, now: () => core.clock.now });
    const sneaky: Core = { ...other.core, db: db.withPlugin(slipIn) };
    try {
      const before = await snapshot(core.core.db);
      const result = await createDispatcher(sneaky, { checkOutputs: true }).call(
        { staffId: core.ids.agent },
        'calls.schedule',
        { callId, agentId: core.ids.agent, startsAt: nov(26, 11) },
      );
      expect(armed).toBe(false);
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'conflict',
          message:
            'Alice Agent already has another call overlapping Thu 26 Nov 2026, 11:00–11:30 GMT; nothing was booked.',
          field: 'startsAt',
        },
      });
      expect(await snapshot(core.core.db)).toEqual(before);
    } finally {
      await db.destroy();
      await other.close();
    }
  });
});
