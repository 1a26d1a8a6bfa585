// The team relay against the real serve-mode server on 127.0.0.1: calls and events relayed, the
// server stopped and started again under it (offline, backoff, back online, views told to refetch),
// and a session token issued at sign-in carried as a Bearer token.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../../shared/contract';
import type { LinkState } from '../../../shared/desktop';
import { hashPassword } from '../../../electron/core/identity/password';
import { startServer, type RunningServer } from '../../../electron/core/serve/server';
import { freshCredentials, type TeamCredentials } from '../../../electron/team/credentials';
import { TeamRelay } from '../../../electron/team/relay';
import { createTestCore, type TestCore } from '../helpers/core';

/** A busy machine is slow, not wrong: conditions are awaited for up to 10 s. */
const WAIT = { timeout: 10_000, interval: 20 };
const TOKEN = 'relay-test-token-0123456789';
const FAST = { baseMs: 20, maxMs: 200, jitter: 0 };

let core: TestCore;
let server: RunningServer;
let port: number;

beforeAll(async () => {
  core = await createTestCore();
  server = await startServer({ running: core, staticDir: core.dir, port: 0, token: TOKEN });
  port = server.port;
});
afterAll(async () => {
  await server.close();
  await core.dispose();
});

interface Harness {
  relay: TeamRelay;
  states: LinkState[];
  events: [EventName, unknown][];
  saved: TeamCredentials[];
  requests: string[];
}

const relays: TeamRelay[] = [];
afterEach(() => relays.splice(0).forEach((r) => r.stop()));

function relayTo(base: string, credentials: TeamCredentials): Harness {
  const harness: Harness = {
    relay: undefined as unknown as TeamRelay,
    states: [],
    events: [],
    saved: [],
    requests: [],
  };
  const counting: typeof fetch = (input, init) => {
    harness.requests.push(String(input));
    return fetch(input, init);
  };
  harness.relay = new TeamRelay({
    address: { base, accessToken: credentials.accessToken },
    credentials,
    saveCredentials: (c) => harness.saved.push(c),
    onState: (s) => harness.states.push(s),
    onEvent: (name, payload) => harness.events.push([name, payload]),
    fetch: counting,
    backoff: FAST,
    random: () => 0.5,
  });
  relays.push(harness.relay);
  return harness;
}

describe('the team relay against serve mode', () => {
  it('relays calls with the access token and keeps its own sign-in', async () => {
    const { relay } = relayTo(`http://127.0.0.1:${port}`, freshCredentials(TOKEN));
    relay.start();
    await vi.waitFor(() => expect(relay.state.status).toBe('online'), WAIT);
    expect(await relay.call('session.current', {})).toEqual({ ok: true, value: null });
    const signIn = await relay.call('session.signIn', { staffId: core.ids.agent });
    expect(signIn).toMatchObject({ ok: true, value: { id: core.ids.agent, name: 'Alice Agent' } });
    expect(await relay.call('session.current', {})).toMatchObject({
      ok: true,
      value: { id: core.ids.agent },
    });
    const queue = await relay.call('queue.list', {});
    expect(queue.ok).toBe(true);
  });

  it('refuses bad input before anything travels, naming the field', async () => {
    const h = relayTo(`http://127.0.0.1:${port}`, freshCredentials(TOKEN));
    const result = await h.relay.call('tickets.get', { id: 'seven' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    expect(await h.relay.call('no.such', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(h.requests).toEqual([]);
  });

  it('answers a refused access token as the server does, without pretending to be offline', async () => {
    const { relay } = relayTo(`http://127.0.0.1:${port}`, freshCredentials('wrong-token-0123456789'));
    expect(await relay.call('staff.list', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(relay.state.status).toBe('connecting');
  });

  it('passes on the events of writes made by someone else, checked against the contract', async () => {
    const h = relayTo(`http://127.0.0.1:${port}`, freshCredentials(TOKEN));
    h.relay.start();
    await vi.waitFor(() => expect(h.relay.state.status).toBe('online'), WAIT);
    const lead = await core.signedIn(core.ids.lead);
    await core.call(lead, 'settings.update', { callBufferMinutes: 25 });
    await vi.waitFor(
      () =>
        expect(h.events).toContainEqual(['data.changed', expect.objectContaining({ topics: ['settings'] })]),
      WAIT,
    );
  });

  it('goes offline when the server stops, retries with backoff, and comes back with a refetch for everything', async () => {
    const h = relayTo(`http://127.0.0.1:${port}`, freshCredentials(TOKEN));
    h.relay.start();
    await vi.waitFor(() => expect(h.relay.state.status).toBe('online'), WAIT);
    await h.relay.call('session.signIn', { staffId: core.ids.agent });

    await server.close();
    await vi.waitFor(() => expect(h.relay.state.status).toBe('offline'), WAIT);
    expect(h.relay.state.problem?.code).toBe('unreachable');
    expect(h.relay.state.retryAt).not.toBeNull();
    // A send while the server is down fails clearly: nothing was sent (refused connection) or, on a
    // pooled connection the server had closed, it may not have arrived; either way the text stays.
    const send = await h.relay.call('tickets.get', { id: 1 });
    expect(send).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(!send.ok && send.error.message).toMatch(
      /(Nothing was sent|may or may not have been saved).*what you typed is kept/i,
    );
    // Attempts keep coming, further and further apart.
    await vi.waitFor(() => expect(h.relay.state.attempt).toBeGreaterThanOrEqual(3), WAIT);
    const delays = new Map<number, number>();
    for (const s of h.states)
      if (s.status === 'offline' && s.retryAt !== null && !delays.has(s.attempt))
        delays.set(s.attempt, s.retryAt - s.since);
    expect(delays.get(1)).toBe(20);
    expect(delays.get(3)).toBeGreaterThan(delays.get(2) ?? Infinity);

    server = await startServer({ running: core, staticDir: core.dir, port, token: TOKEN });
    await vi.waitFor(() => expect(h.relay.state.status).toBe('online'), WAIT);
    expect(h.relay.state).toMatchObject({ attempt: 0, retryAt: null, problem: null });
    expect(h.events).toContainEqual([
      'data.changed',
      expect.objectContaining({ topics: expect.arrayContaining(['tickets', 'messages', 'settings']) }),
    ]);
    // Serve mode keeps sign-ins in memory: after its restart, the relay's next call is answered.
    expect(await h.relay.call('session.current', {})).toEqual({ ok: true, value: null });
  });

  it('"Retry now" tries at once instead of waiting for the backoff', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = new TeamRelay({
      address: { base: `http://127.0.0.1:${closedPort}`, accessToken: null },
      credentials: freshCredentials(null),
      saveCredentials: () => undefined,
      onState: () => undefined,
      onEvent: () => undefined,
      backoff: { baseMs: 60_000, maxMs: 60_000, jitter: 0 },
    });
    relays.push(unreachable);
    unreachable.start();
    await vi.waitFor(() => expect(unreachable.state.status).toBe('offline'), WAIT);
    const scheduled = unreachable.state.retryAt;
    unreachable.retryNow();
    await vi.waitFor(() => expect(unreachable.state.attempt).toBe(2), WAIT);
    expect(unreachable.state.retryAt).toBeGreaterThan(scheduled ?? 0);
    expect(unreachable.state.problem?.detail).toMatch(/ECONNREFUSED/);
  });
});

// The team server itself (identity's): sign-in with e-mail and password, the session as a Bearer
// token, events for the signed-in only.
describe('the team relay against the team server', () => {
  const FAST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };
  const PASSWORD = 'correct horse battery';
  let teamCore: TestCore;
  let teamServer: RunningServer;
  let base: string;
  let agentEmail: string;
  let leadEmail: string;

  beforeAll(async () => {
    teamCore = await createTestCore(undefined, { identity: { scrypt: FAST_SCRYPT, requirePasswords: true } });
    const hash = await hashPassword(PASSWORD, FAST_SCRYPT);
    await teamCore.core.db.updateTable('staff').set({ password_hash: hash }).execute();
    const people = await teamCore.core.db.selectFrom('staff').select(['id', 'email']).execute();
    agentEmail = people.find((p) => p.id === teamCore.ids.agent)?.email ?? '';
    leadEmail = people.find((p) => p.id === teamCore.ids.lead)?.email ?? '';
    teamServer = await startServer({
      running: teamCore,
      staticDir: teamCore.dir,
      port: 0,
      team: { host: '127.0.0.1', trustProxy: false },
    });
    base = `http://127.0.0.1:${teamServer.port}`;
  });
  afterAll(async () => {
    await teamServer.close();
    await teamCore.dispose();
  });

  it('waits for a sign-in to open events, keeps the issued token from the page, sends it as a Bearer token, forgets it at sign-out', async () => {
    const h = relayTo(base, freshCredentials(null));
    h.relay.start();
    // Reachable, events refused until sign-in: online, not offline.
    await vi.waitFor(() => expect(h.relay.state.status).toBe('online'), WAIT);
    expect(await h.relay.call('session.current', {})).toEqual({ ok: true, value: null });

    const signIn = await h.relay.call('session.signInWithPassword', {
      email: agentEmail,
      password: PASSWORD,
    });
    expect(signIn).toMatchObject({ ok: true, value: { staff: { id: teamCore.ids.agent }, token: null } });
    const token = h.saved.at(-1)?.sessionToken;
    expect(token).toEqual(expect.any(String));
    expect(JSON.stringify(signIn)).not.toContain(token ?? 'no token');
    expect(await h.relay.call('session.current', {})).toMatchObject({
      ok: true,
      value: { id: teamCore.ids.agent },
    });

    // The event stream opens with the session: a lead's change on another desktop arrives.
    const lead = relayTo(base, freshCredentials(null));
    expect(
      await lead.relay.call('session.signInWithPassword', { email: leadEmail, password: PASSWORD }),
    ).toMatchObject({
      ok: true,
    });
    await vi.waitFor(async () => {
      expect(await lead.relay.call('settings.update', { callBufferMinutes: 20 })).toMatchObject({ ok: true });
      expect(h.events).toContainEqual(['data.changed', expect.objectContaining({ topics: ['settings'] })]);
    }, WAIT);

    expect(await h.relay.call('session.signOut', {})).toEqual({ ok: true, value: null });
    expect(h.saved.at(-1)?.sessionToken).toBeNull();
    expect(await h.relay.call('session.current', {})).toEqual({ ok: true, value: null });
  });

  it('a wrong password keeps nothing', async () => {
    const h = relayTo(base, freshCredentials(null));
    const result = await h.relay.call('session.signInWithPassword', {
      email: agentEmail,
      password: 'wrong password!',
    });
    expect(result.ok).toBe(false);
    expect(h.saved).toEqual([]);
  });

  it('forgets a session the server no longer knows', async () => {
    const h = relayTo(base, {
      ...freshCredentials(null),
      sessionToken: 'revoked-session-token-000000000000',
    });
    const result = await h.relay.call('views.list', {});
    expect(result.ok).toBe(false);
    expect(h.saved.at(-1)?.sessionToken).toBeNull();
    expect(h.relay.signedIn).toBe(false);
  });
});
