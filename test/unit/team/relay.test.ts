// The team relay against the real serve-mode server on 127.0.0.1: calls and events relayed, the
// server stopped and started again under it (offline, backoff, back online, views told to refetch),
// and a session token issued at sign-in carried as a Bearer token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../../shared/contract';
import type { LinkState } from '../../../shared/desktop';
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

// A server that issues session tokens the way a team server does for programmatic clients: a
// token at sign-in, a Bearer token on every later request, events only for the signed-in.
describe('the team relay with bearer sessions', () => {
  let bearerServer: Server;
  let base: string;
  const ISSUED = 'issued-session-token-0123456789';
  const seen: { path: string; authorization: string | undefined }[] = [];
  const streams = new Set<ServerResponse>();

  beforeAll(async () => {
    bearerServer = createServer((req: IncomingMessage, res: ServerResponse) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      const signedIn = req.headers.authorization === `Bearer ${ISSUED}`;
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/api/events') {
        if (!signedIn) return json(401, { ok: false, error: { code: 'not_signed_in', message: 'Sign in.' } });
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      const staff = {
        id: 3,
        name: 'Lee Lead',
        role: 'lead',
        zone: 'Europe/Paris',
        active: true,
        email: 'lee@example.com',
      };
      req.resume();
      req.on('end', () => {
        if (req.url === '/api/call/session.signIn')
          return json(200, { ok: true, value: staff }, { 'x-support-session-token': ISSUED });
        if (req.url === '/api/call/session.current')
          return json(200, { ok: true, value: signedIn ? staff : null });
        if (req.url === '/api/call/session.signOut') return json(200, { ok: true, value: null });
        if (!signedIn)
          return json(401, { ok: false, error: { code: 'not_signed_in', message: 'Your session ended.' } });
        return json(200, { ok: true, value: [] });
      });
    });
    await new Promise<void>((resolve) => bearerServer.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(bearerServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    streams.forEach((s) => s.end());
    await new Promise((resolve) => bearerServer.close(resolve));
  });

  it('waits for a sign-in to open events, then sends the issued token as a Bearer token and forgets it at sign-out', async () => {
    const h = relayTo(base, freshCredentials(null));
    h.relay.start();
    // Reachable but events refused until sign-in: online, not offline.
    await vi.waitFor(() => expect(seen.some((s) => s.path === '/api/events')).toBe(true), WAIT);
    await vi.waitFor(() => expect(h.relay.state.status).toBe('online'), WAIT);
    expect(streams.size).toBe(0);

    const signIn = await h.relay.call('session.signIn', { staffId: 3 });
    expect(signIn).toMatchObject({ ok: true, value: { name: 'Lee Lead' } });
    expect(h.saved.at(-1)?.sessionToken).toBe(ISSUED);
    await vi.waitFor(() => expect(streams.size).toBe(1), WAIT);
    expect(seen.at(-1)).toEqual({ path: '/api/events', authorization: `Bearer ${ISSUED}` });
    expect(await h.relay.call('views.list', {})).toEqual({ ok: true, value: [] });
    expect(seen.at(-1)).toEqual({ path: '/api/call/views.list', authorization: `Bearer ${ISSUED}` });

    await h.relay.call('session.signOut', {});
    expect(h.saved.at(-1)?.sessionToken).toBeNull();
  });

  it('forgets a session the server no longer knows', async () => {
    const h = relayTo(base, { ...freshCredentials(null), sessionToken: 'revoked-session-token-000000' });
    expect(await h.relay.call('views.list', {})).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    expect(h.saved.at(-1)?.sessionToken).toBeNull();
    expect(h.relay.signedIn).toBe(false);
  });
});
