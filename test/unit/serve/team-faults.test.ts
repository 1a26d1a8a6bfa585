// Faults against the real team server (`npm run server`, its own process) on a real PostgreSQL
// cluster of this file's own, over HTTP as clients see it:
// - sessions that are forged, expired, revoked, or whose holder was deactivated: typed errors (401),
//   nothing written, each refusal audited;
// - PostgreSQL restarted while clients keep working: a clear `unavailable`, then the same server
//   process serves them again and its event feed is back;
// - the server killed (SIGKILL) while clients write: every write it acknowledged is in the database
//   after a restart, each with its audit entry (no half-written record).
// The team server is PostgreSQL's by nature, so this file runs in the PostgreSQL pass only.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashToken } from '../../../electron/core/identity/tokens';
import { pgCtl } from '../../support/postgres';
import { rendererFolder } from '../../support/serve';
import { onPostgres } from '../../support/store';
import { TeamClient } from '../../support/team-client';
import { startTeamServer, type TeamServer } from '../../support/team-server';

let server: TeamServer;
/** The test's own look at the database: a pool, which gets over the restart below by itself. */
let db: pg.Pool;

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await db.query<T>(text, values)).rows;
}

async function client(role: 'agent' | 'lead' | 'account_manager', nth = 0): Promise<TeamClient> {
  const who = server.roster.filter((r) => r.active && r.role === role)[nth];
  if (!who) throw new Error(`no active ${role} #${nth}`);
  const c = new TeamClient(server.url);
  await c.signIn(who.email, server.password);
  return c;
}

/** A ticket of the queue's first page (demo data). */
async function someTicket(c: TeamClient, nth = 0): Promise<number> {
  const page = await c.ok<{ rows: { id: number }[] }>('queue.list', { limit: 50 });
  const row = page.rows[nth];
  if (!row) throw new Error('the demo data has no open tickets');
  return row.id;
}

const count = async (table: string) =>
  Number((await query<{ n: string }>(`select count(*) as n from ${table}`))[0]?.n);

describe.runIf(onPostgres)('the team server under faults', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    // The API only: a stand-in renderer, since the unit tests run before the build.
    const staticDir = rendererFolder(mkdtempSync(join(tmpdir(), 'sc-team-faults-')));
    server = await startTeamServer({ now: '2026-11-25T10:00:00Z', staticDir });
    db = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
    db.on('error', () => undefined);
    db.on('connect', (c) => c.on('error', () => undefined));
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await server?.stop();
  });

  it('refuses forged, expired, revoked and deactivated sessions with typed errors, writing nothing but the audit', async () => {
    const lead = await client('lead');
    const ticketId = await someTicket(lead);
    const note = { ticketId, kind: 'internal_note', body: 'Should never be written.' };

    const forged = new TeamClient(server.url);
    forged.token = 'A'.repeat(43);
    const expired = await client('agent', 0);
    const revoked = await client('agent', 1);
    const deactivated = await client('account_manager', 0);
    const deactivatedId = server.roster.filter((r) => r.active && r.role === 'account_manager')[0]!.id;

    // Expiry is time passing: the session's row is aged as a week would age it.
    await db.query('update staff_sessions set expires_at = 1 where token_hash = $1', [
      hashToken(expired.token!),
    ]);
    // Signing out ends the session on the server; this client keeps presenting its token.
    await revoked.ok('session.signOut');
    await lead.ok('staff.setActive', { staffId: deactivatedId, active: false });

    const messagesBefore = await count('messages');
    const auditBefore = Number(
      (await query<{ n: string }>(`select coalesce(max(id), 0) as n from audit_log`))[0]?.n,
    );
    const cases: [TeamClient, string, RegExp][] = [
      [forged, 'session_expired', /not known to the server/],
      [expired, 'session_expired', /maximum lifetime/],
      [revoked, 'session_expired', /signed out/],
      [deactivated, 'deactivated', /deactivated/],
    ];
    for (const [c, code, message] of cases) {
      const { status, result } = await c.raw('messages.add', note);
      expect(status).toBe(401);
      expect(result).toMatchObject({ ok: false, error: { code } });
      if (!result.ok) expect(result.error.message).toMatch(message);
      // Nor can the holder of such a token listen to the team's events.
      await expect(c.listen()).rejects.toThrow(/HTTP 401/);
      c.close();
    }
    expect(await count('messages')).toBe(messagesBefore);
    const refusals = await query<{ action: string; actor_staff_id: string | null; after: string }>(
      'select action, actor_staff_id, after::text from audit_log where id > $1 order by id',
      [auditBefore],
    );
    // One refusal per call (the forged token names nobody), and nothing else.
    expect(refusals.map((r) => r.action)).toEqual([
      'session.refused',
      'session.refused',
      'session.refused',
      'session.refused',
    ]);
    expect(refusals.map((r) => JSON.parse(r.after) as { code: string; method: string })).toEqual(
      cases.map(([, code]) => expect.objectContaining({ code, method: 'messages.add' })),
    );
    expect(refusals[0]?.actor_staff_id).toBeNull();
    expect(Number(refusals[3]?.actor_staff_id)).toBe(deactivatedId);
    await lead.ok('staff.setActive', { staffId: deactivatedId, active: true });
  });

  it('answers `unavailable` in words while PostgreSQL restarts, then serves the same clients again', async () => {
    const pid = server.process.pid;
    const agent = await client('agent', 2);
    const lead = await client('lead');
    await lead.listen();
    const ticketId = await someTicket(agent, 1);
    let stop = false;
    const answers: { code: string; message: string }[] = [];
    // Clients keep working through the outage, as a team does.
    const load = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!stop) {
          const result = await agent.call('tickets.get', { id: ticketId }).catch((error: Error) => ({
            ok: false as const,
            error: { code: 'transport', message: error.message },
          }));
          answers.push(result.ok ? { code: 'ok', message: '' } : result.error);
        }
      }),
    );
    try {
      await vi.waitFor(() => expect(answers.length).toBeGreaterThan(10), { timeout: 10_000, interval: 20 });
      pgCtl(server.cluster, 'stop');
      await vi.waitFor(() => expect(answers.at(-1)?.code).toBe('unavailable'), {
        timeout: 10_000,
        interval: 20,
      });
      expect(answers.at(-1)?.message).toMatch(/database cannot be reached/);
      pgCtl(server.cluster, 'start');
      await vi.waitFor(() => expect(answers.at(-1)?.code).toBe('ok'), { timeout: 15_000, interval: 50 });
    } finally {
      stop = true;
      await load;
    }
    // Only answers the contract knows: no transport failure, no `internal`.
    expect(new Set(answers.map((a) => a.code))).toEqual(new Set(['ok', 'unavailable']));
    expect(server.process.pid).toBe(pid);
    expect(server.process.exitCode).toBeNull();
    // Writes work and reach the other clients' streams again, within a second.
    await vi.waitFor(
      async () => {
        const since = Date.now();
        await agent.ok('messages.add', { ticketId, kind: 'internal_note', body: 'Back after the restart.' });
        await vi.waitFor(() => expect(lead.heardTicket(ticketId, since)).toBeDefined(), {
          timeout: 1000,
          interval: 20,
        });
      },
      { timeout: 15_000, interval: 200 },
    );
    lead.close();
  });

  it('loses no acknowledged write when the server is killed mid-write, and leaves no half-written one', async () => {
    const writers = await Promise.all([0, 1, 2, 3].map((n) => client('agent', n)));
    const ticketId = await someTicket(writers[0]!, 2);
    const marker = `kill-test-${Date.now()}`;
    const acknowledged: number[] = [];
    let sent = 0;
    let failed = 0;
    let stop = false;
    const load = Promise.all(
      writers.map(async (w, n) => {
        for (let i = 0; !stop; i++) {
          sent++;
          const result = await w
            .call<{ message: { id: number } }>('messages.add', {
              ticketId,
              kind: 'internal_note',
              body: `${marker} ${n}-${i}`,
            })
            .catch(() => null);
          if (result?.ok) acknowledged.push(result.value.message.id);
          else {
            failed++;
            break;
          }
        }
      }),
    );
    await vi.waitFor(() => expect(acknowledged.length).toBeGreaterThan(20), {
      timeout: 20_000,
      interval: 10,
    });
    server.process.kill('SIGKILL');
    await load;
    stop = true;
    // The kill cut writes in flight: their clients never heard back.
    expect(failed).toBeGreaterThan(0);

    const written = await query<{ id: string }>(`select id from messages where body like $1`, [
      `${marker} %`,
    ]);
    const ids = new Set(written.map((r) => Number(r.id)));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    // At most the writes cut in flight committed without their answer.
    expect(ids.size - acknowledged.length).toBeLessThanOrEqual(writers.length);
    // Each message that is there has its audit entry: one transaction, all or nothing.
    const unaudited = await query<{ id: string }>(
      `select m.id from messages m where m.body like $1
         and not exists (select 1 from audit_log a where a.entity = 'message' and a.entity_id = m.id)`,
      [`${marker} %`],
    );
    expect(unaudited).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(acknowledged.length);

    // The same database serves again after a restart, with every acknowledged note in the thread.
    await server.restart();
    const reader = await client('lead');
    const detail = await reader.ok<{ messages: { id: number }[] }>('tickets.get', { id: ticketId });
    const shown = new Set(detail.messages.map((m) => m.id));
    expect(acknowledged.filter((id) => !shown.has(id))).toEqual([]);
  });
});
