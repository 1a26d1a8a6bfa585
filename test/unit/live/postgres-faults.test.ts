// PostgreSQL faults, on a cluster of this file's own (it is stopped and restarted): the leader's
// lock connection killed, and the server restarted under two running cores. Clients get a clear
// error while it is down, and everything recovers without restarting the cores.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startCore } from '../../../electron/core/app';
import { openStore } from '../../../electron/core/store';
import { admin, postgresBin, startCluster, type PgCluster } from '../../support/postgres';
import { insertFixtures, WEDNESDAY_10_UTC, type Fixtures } from '../helpers/core';
import { FAST } from './cores';
import type { Session } from '../../../electron/core/api/context';
import type { EventName } from '../../../shared/contract';

let cluster: PgCluster;
let url: string;
let ids: Fixtures;

beforeAll(async () => {
  cluster = await startCluster();
  await admin(cluster.url('postgres'), ['create database live_faults']);
  url = cluster.url('live_faults');
  const store = await openStore({ file: url });
  ids = await insertFixtures(store.db, WEDNESDAY_10_UTC);
  await store.close();
}, 120_000);

afterAll(() => {
  cluster.stop();
});

/** pg_ctl as the cluster's owner, with the options the cluster was started with. */
function pgCtl(action: 'stop' | 'start'): void {
  const data = join(cluster.dir, 'data');
  const options =
    action === 'start'
      ? [
          '-l',
          join(cluster.dir, 'server.log'),
          '-o',
          `-p ${cluster.port} -h 127.0.0.1 -k ${cluster.dir} -c fsync=off`,
        ]
      : ['-m', 'fast'];
  execFileSync(
    'runuser',
    ['-u', 'postgres', '--', join(postgresBin(), 'pg_ctl'), '-D', data, '-w', ...options, action],
    {
      stdio: 'ignore',
    },
  );
}

async function core() {
  const running = await startCore({ dbFile: url, demo: false, now: () => WEDNESDAY_10_UTC, live: FAST });
  const heard: { event: EventName; payload: unknown }[] = [];
  for (const event of ['data.changed', 'sla.warning', 'sla.breached'] as EventName[]) {
    running.core.events.on(event, (payload) => heard.push({ event, payload }));
  }
  const lead: Session = { staffId: null };
  const signIn = await running.dispatcher.invoke(lead, 'session.signIn', { staffId: ids.lead });
  if (!signIn.ok) throw new Error(signIn.error.message);
  return { ...running, heard, lead };
}

const topicsHeard = (heard: { event: EventName; payload: unknown }[]) =>
  heard.flatMap((h) => (h.event === 'data.changed' ? (h.payload as { topics: string[] }).topics : []));

it('moves leadership when the leader’s lock connection is killed', { timeout: 60_000 }, async () => {
  const a = await core();
  const b = await core();
  try {
    expect([a.leadership.isLeader, b.leadership.isLeader]).toEqual([true, false]);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // The session holding the advisory lock: the one whose lock is granted.
    const killed = await admin.query(`
      select pg_terminate_backend(l.pid) as done from pg_locks l
      where l.locktype = 'advisory' and l.granted`);
    expect(killed.rows).toEqual([{ done: true }]);
    // The old leader stops its timers; whoever takes the lock next leads, and only one does.
    await vi.waitFor(
      async () => {
        const holders = await admin.query(
          `select count(*)::int as n from pg_locks where locktype = 'advisory' and granted`,
        );
        expect(holders.rows[0]).toEqual({ n: 1 });
        expect(Number(a.leadership.isLeader) + Number(b.leadership.isLeader)).toBe(1);
      },
      { timeout: 5000, interval: 50 },
    );
    await admin.end();
  } finally {
    await a.close();
    await b.close();
  }
});

it(
  'reports a restarting server in words and recovers without a restart of the cores',
  { timeout: 90_000 },
  async () => {
    const a = await core();
    const b = await core();
    try {
      pgCtl('stop');
      const down = await a.dispatcher.call(a.lead, 'settings.update', { preBreachMinutes: 12 });
      expect(down).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      if (!down.ok) expect(down.error.message).toMatch(/database cannot be reached/);
      const read = await b.dispatcher.call(b.lead, 'settings.get', {});
      expect(read).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      // The leader lost its lock with its connection: no process runs the timers while the server is down.
      await vi.waitFor(() => expect(a.leadership.isLeader || b.leadership.isLeader).toBe(false), {
        timeout: 5000,
        interval: 50,
      });

      pgCtl('start');
      // Calls work again (the pool replaces its dead connections by itself).
      await vi.waitFor(
        async () => expect(await a.dispatcher.call(a.lead, 'settings.get', {})).toMatchObject({ ok: true }),
        { timeout: 10_000, interval: 100 },
      );
      // The listening connections are back: each core told its clients to refetch everything ...
      await vi.waitFor(() => expect(topicsHeard(b.heard)).toContain('rules'), {
        timeout: 10_000,
        interval: 50,
      });
      // ... and hears the other's writes again, within a second.
      const before = b.heard.length;
      const saved = await a.dispatcher.call(a.lead, 'settings.update', { preBreachMinutes: 12 });
      expect(saved.ok).toBe(true);
      await vi.waitFor(() => expect(topicsHeard(b.heard.slice(before))).toContain('settings'), {
        timeout: 1000,
        interval: 20,
      });
      // And one of them leads again.
      await vi.waitFor(() => expect(Number(a.leadership.isLeader) + Number(b.leadership.isLeader)).toBe(1), {
        timeout: 5000,
        interval: 50,
      });
    } finally {
      await a.close();
      await b.close();
    }
  },
);
