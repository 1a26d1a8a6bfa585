// "Three people on three machines work one queue live": a lead, an agent and an account manager,
// each a separate client with their own session and event stream, against two team server
// processes (`npm run server`) on one PostgreSQL database: the lead and the account manager on one,
// the agent on the other. A ticket logged by the lead reaches both others within a second; the
// agent and the account manager claim it at the same instant and exactly one wins, the other told
// who has it; the answer and a setting made through one process are in force through the other.
// The team server is PostgreSQL's by nature, so this file runs in the PostgreSQL pass only.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rendererFolder } from '../../support/serve';
import { onPostgres } from '../../support/store';
import { TeamClient } from '../../support/team-client';
import { spawnTeamServer, startTeamServer, type TeamServer } from '../../support/team-server';

const NOW = '2026-11-25T10:00:00Z';
let first: TeamServer;
let second: { process: ChildProcess; url: string };
const clients: TeamClient[] = [];

async function person(url: string, role: 'lead' | 'agent' | 'account_manager') {
  const who = first.roster.find((r) => r.active && r.role === role);
  if (!who) throw new Error(`the demo data has no active ${role}`);
  const client = new TeamClient(url);
  const staff = await client.signIn(who.email, first.password);
  await client.listen();
  clients.push(client);
  return { client, staff };
}

/** Every client hears of the ticket within a second of `since`. */
async function allHear(people: TeamClient[], ticketId: number, since: number): Promise<void> {
  await vi.waitFor(
    () => {
      for (const p of people) expect(p.heardTicket(ticketId, since)).toBeDefined();
    },
    { timeout: 1000, interval: 10 },
  );
}

describe.runIf(onPostgres)('three people on three machines', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    // The API only: a stand-in renderer, since the unit tests run before the build.
    const staticDir = rendererFolder(mkdtempSync(join(tmpdir(), 'sc-team-three-')));
    first = await startTeamServer({ now: NOW, staticDir });
    second = await spawnTeamServer(first.databaseUrl, 0, { now: NOW, staticDir });
  }, 180_000);

  afterAll(async () => {
    clients.forEach((c) => c.close());
    second?.process.kill('SIGTERM');
    await first?.stop();
  });

  it('work one queue live across two server processes', async () => {
    const lead = await person(first.url, 'lead');
    const manager = await person(first.url, 'account_manager');
    const agent = await person(second.url, 'agent');
    expect(new URL(agent.client.baseUrl).port).not.toBe(new URL(lead.client.baseUrl).port);

    // The lead logs a call-in for a paying customer; both colleagues see it arrive.
    const customers = await lead.client.ok<{ rows: { id: number }[] }>('customers.list', {
      planIds: ['professional'],
      limit: 1,
    });
    const customerId = customers.rows[0]?.id;
    if (!customerId) throw new Error('the demo data has no Professional customer');
    let since = Date.now();
    const created = await lead.client.ok<{ ticket: { ticket: { id: number } } }>('tickets.create', {
      customerId,
      channel: 'email',
      subject: 'Three desks, one queue',
      body: 'Can someone tell me how to share a form?',
    });
    const ticketId = created.ticket.ticket.id;
    await allHear([manager.client, agent.client], ticketId, since);
    // It is in the agent's queue, served by the other process.
    const queue = await agent.client.ok<{ rows: { id: number }[] }>('queue.list', {
      filter: { assignee: { kind: 'none' }, statuses: ['new', 'open'] },
      sort: { field: 'created_at', direction: 'desc' },
      limit: 20,
    });
    expect(queue.rows.map((r) => r.id)).toContain(ticketId);

    // The agent (second process) and the account manager (first) claim it at the same instant.
    since = Date.now();
    const [byAgent, byManager] = await Promise.all([
      agent.client.call('tickets.assign', { ticketId, assigneeId: agent.staff.id, expectedAssigneeId: null }),
      manager.client.call('tickets.assign', {
        ticketId,
        assigneeId: manager.staff.id,
        expectedAssigneeId: null,
      }),
    ]);
    const results = [byAgent, byManager];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const winner = byAgent.ok ? agent : manager;
    const lost = byAgent.ok ? byManager : byAgent;
    expect(lost).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!lost.ok)
      expect(lost.error.message).toBe(`${winner.staff.name} has this ticket now; nothing changed.`);
    await allHear([lead.client, manager.client, agent.client], ticketId, since);
    const seen = await lead.client.ok<{ ticket: { assigneeId: number | null } }>('tickets.get', {
      id: ticketId,
    });
    expect(seen.ticket.assigneeId).toBe(winner.staff.id);

    // The winner answers; the other two see it within a second, whichever process they are on.
    since = Date.now();
    await winner.client.ok('messages.add', { ticketId, kind: 'answer', body: 'Open the form, then Share.' });
    const others = [lead, manager, agent].filter((p) => p !== winner).map((p) => p.client);
    await allHear(others, ticketId, since);
    const thread = await agent.client.ok<{ messages: { kind: string }[] }>('tickets.get', { id: ticketId });
    expect(thread.messages.map((m) => m.kind)).toContain('answer');

    // A setting the lead saves through the first process is in force through the second at once.
    const before = await agent.client.ok<{ preBreachMinutes: number }>('settings.get');
    const next = before.preBreachMinutes === 25 ? 35 : 25;
    await lead.client.ok('settings.update', { preBreachMinutes: next });
    expect(await agent.client.ok('settings.get')).toMatchObject({ preBreachMinutes: next });
    // And nobody but the lead may save it: refused where the agent acted, nothing changed.
    const refused = await agent.client.raw('settings.update', { preBreachMinutes: 5 });
    expect(refused.status).toBe(403);
    expect(await lead.client.ok('settings.get')).toMatchObject({ preBreachMinutes: next });
  });

  it('ends a session in every process at once: signed out, password changed or deactivated through one, refused by the other on the next call', async () => {
    const lead = await person(first.url, 'lead');
    const [agentA, agentB] = first.roster.filter((r) => r.active && r.role === 'agent');
    if (!agentA || !agentB) throw new Error('the demo data has fewer than two active agents');
    /** Signed in through the first process; the same token presented to the second one. */
    const signedIn = async (email: string) => {
      const here = new TeamClient(first.url);
      await here.signIn(email, first.password);
      const there = new TeamClient(second.url);
      there.token = here.token;
      // The second process has found the session good on a call: what it knows must not outlive it.
      await there.ok('session.current');
      await there.ok('queue.list', { limit: 1 });
      return { here, there };
    };

    const signedOut = await signedIn(agentA.email);
    await signedOut.here.ok('session.signOut');
    expect(await signedOut.there.raw('queue.list', { limit: 1 })).toMatchObject({
      status: 401,
      result: { ok: false, error: { code: 'session_expired', message: expect.stringMatching(/signed out/) } },
    });

    const other = await signedIn(agentA.email);
    const changer = new TeamClient(first.url);
    await changer.signIn(agentA.email, first.password);
    // Signing in told every process to forget what it knew of sessions: the second learns it again.
    await other.there.ok('queue.list', { limit: 1 });
    const fresh = `${first.password} changed`;
    await changer.ok('session.changePassword', { currentPassword: first.password, newPassword: fresh });
    expect(await other.there.raw('queue.list', { limit: 1 })).toMatchObject({
      status: 401,
      result: { ok: false, error: { code: 'session_expired', message: expect.stringMatching(/password/) } },
    });
    // The one who changed it stays signed in, in both processes.
    const kept = new TeamClient(second.url);
    kept.token = changer.token;
    await kept.ok('queue.list', { limit: 1 });

    const deactivated = await signedIn(agentB.email);
    await lead.client.ok('staff.setActive', { staffId: agentB.id, active: false });
    expect(await deactivated.there.raw('queue.list', { limit: 1 })).toMatchObject({
      status: 401,
      result: { ok: false, error: { code: 'deactivated' } },
    });
    await lead.client.ok('staff.setActive', { staffId: agentB.id, active: true });
  });
});
