// The team server on a real port of 127.0.0.1: session cookies and their flags, Bearer tokens,
// forged sessions, cross-site requests, events for the signed-in only, and HTTPS with its own
// certificate (self-signed, made here with openssl).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../electron/core/identity/password';
import { newToken } from '../../../electron/core/identity/tokens';
import { startServer, type RunningServer } from '../../../electron/core/serve/server';
import { createTestCore, type TestCore } from '../helpers/core';

const FAST = { N: 2 ** 12, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';

let core: TestCore;
let server: RunningServer;
let staticDir: string;
let leadEmail: string;
let agentEmail: string;

beforeAll(async () => {
  core = await createTestCore(undefined, { identity: { scrypt: FAST, requirePasswords: true } });
  staticDir = join(core.dir, 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Support Console</title>');
  const hash = await hashPassword(PASSWORD, FAST);
  await core.core.db.updateTable('staff').set({ password_hash: hash }).execute();
  const emails = await core.core.db.selectFrom('staff').select(['id', 'email']).execute();
  leadEmail = emails.find((e) => e.id === core.ids.lead)!.email;
  agentEmail = emails.find((e) => e.id === core.ids.agent)!.email;
  server = await startServer({
    running: core,
    staticDir,
    port: 0,
    team: { host: '127.0.0.1', trustProxy: false },
  });
});
afterAll(async () => {
  await server.close();
  await core.dispose();
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json: { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } };
}

interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  port?: number;
  https?: { ca: Buffer };
}

function send(path: string, options: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = options.https ? httpsRequest : httpRequest;
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port ?? server.port,
        path,
        method: options.method ?? 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        ...(options.https ? { ca: options.https.ca, servername: 'localhost' } : {}),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          let json: Reply['json'] = { ok: false };
          try {
            json = JSON.parse(body) as Reply['json'];
          } catch {
            // Not JSON (text replies).
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(JSON.stringify(options.body));
    req.end();
  });
}

const signIn = (email: string, extra: Record<string, unknown> = {}, options: SendOptions = {}) =>
  send('/api/call/session.signInWithPassword', { ...options, body: { email, password: PASSWORD, ...extra } });

function cookieOf(reply: Reply): string {
  const header = reply.headers['set-cookie']?.[0];
  if (!header) throw new Error('no Set-Cookie');
  return header.split(';')[0]!;
}

describe('the team server over HTTP', () => {
  it('signs a browser in with an HttpOnly, SameSite=Strict cookie and keeps the token out of the page', async () => {
    const reply = await signIn(leadEmail);
    expect(reply.status).toBe(200);
    expect(reply.json.value).toMatchObject({ staff: { id: core.ids.lead }, token: null });
    const header = reply.headers['set-cookie']?.[0] ?? '';
    expect(header).toMatch(/^support-session=[A-Za-z0-9_-]{43}; /);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
    expect(header).toContain('Path=/');
    expect(header).toContain('Max-Age=604800');
    // Plain HTTP: a Secure cookie would never come back.
    expect(header).not.toContain('Secure');
    expect(reply.body).not.toContain(cookieOf(reply).split('=')[1]!);

    const accounts = await send('/api/call/staff.accounts', {
      body: {},
      headers: { cookie: cookieOf(reply) },
    });
    expect(accounts.status).toBe(200);
    expect(accounts.json.ok).toBe(true);
  });

  it('gives a programmatic client its token and accepts it as Bearer', async () => {
    const reply = await signIn(agentEmail, { bearer: true });
    const token = reply.json.value?.token as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const current = await send('/api/call/session.current', {
      body: {},
      headers: { authorization: `Bearer ${token}` },
    });
    expect(current.json.value).toMatchObject({ id: core.ids.agent });
    expect(current.headers['set-cookie']).toBeUndefined();
  });

  it.each([
    ['no credentials', {}, 'not_signed_in'],
    ['a forged Bearer token', { authorization: `Bearer ${newToken()}` }, 'session_expired'],
    ['a forged cookie', { cookie: `support-session=${newToken()}` }, 'session_expired'],
    ['a malformed Authorization header', { authorization: 'Basic bGVhZDpwYXNz' }, 'not_signed_in'],
  ])('answers 401 to %s', async (_name, headers, code) => {
    const reply = await send('/api/call/queue.list', { body: {}, headers });
    expect(reply.status).toBe(401);
    expect(reply.json.error?.code).toBe(code);
  });

  it('ignores a staff id in the body: the picker is refused on a team server', async () => {
    const reply = await send('/api/call/session.signIn', { body: { staffId: core.ids.lead } });
    expect(reply.status).toBe(403);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('answers a wrong password with 401 and a lock-out with 429 and its end', async () => {
    const wrong = await signIn(core.ids.manager ? 'maria.manager@support.test' : '', {
      password: 'wrong password!',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error?.code).toBe('wrong_password');
    for (let i = 0; i < 4; i++) await signIn('maria.manager@support.test', { password: 'wrong password!' });
    const locked = await signIn('maria.manager@support.test');
    expect(locked.status).toBe(429);
    expect(locked.json.error).toMatchObject({ code: 'locked_out', until: core.clock.now + 15 * 60_000 });
  });

  it('refuses requests from another site and bodies that are not JSON', async () => {
    const cookie = cookieOf(await signIn(leadEmail));
    const crossSite = await send('/api/call/staff.accounts', {
      body: {},
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const fetchMeta = await send('/api/call/staff.accounts', {
      body: {},
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(fetchMeta.status).toBe(403);
    const sameSite = await send('/api/call/staff.accounts', {
      body: {},
      headers: { cookie, origin: `http://127.0.0.1:${server.port}` },
    });
    expect(sameSite.status).toBe(200);
    const form = await send('/api/call/staff.accounts', {
      body: {},
      headers: { cookie, 'content-type': 'text/plain' },
    });
    expect(form.status).toBe(415);
  });

  it('signs out: the cookie is cleared and the old one no longer works', async () => {
    const cookie = cookieOf(await signIn(leadEmail));
    const out = await send('/api/call/session.signOut', { body: {}, headers: { cookie } });
    expect(out.headers['set-cookie']?.[0]).toMatch(/^support-session=; .*Max-Age=0/);
    const after = await send('/api/call/staff.accounts', { body: {}, headers: { cookie } });
    expect(after.status).toBe(401);
    expect(after.json.error?.code).toBe('session_expired');
  });

  it('streams events only to the signed-in, and ends the stream of someone deactivated', async () => {
    const denied = await send('/api/events', { method: 'GET' });
    expect(denied.status).toBe(401);
    const lead = cookieOf(await signIn(leadEmail));
    const agent = cookieOf(await signIn(agentEmail));
    const ended = new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, path: '/api/events', headers: { cookie: agent } },
        (res) => {
          expect(res.statusCode).toBe(200);
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            text += c;
            if (text.includes(': connected')) {
              void send('/api/call/staff.setActive', {
                body: { staffId: core.ids.agent, active: false },
                headers: { cookie: lead },
              });
            }
          });
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(await ended).toContain('event: data.changed');
    const kicked = await send('/api/call/queue.list', { body: {}, headers: { cookie: agent } });
    expect(kicked.status).toBe(401);
    expect(kicked.json.error?.code).toBe('deactivated');
    await send('/api/call/staff.setActive', {
      body: { staffId: core.ids.agent, active: true },
      headers: { cookie: lead },
    });
  });

  it('behind a proxy that says HTTPS (--trust-proxy), sets a Secure __Host- cookie', async () => {
    const proxied = await startServer({
      running: core,
      staticDir,
      port: 0,
      team: { host: '127.0.0.1', trustProxy: true },
    });
    try {
      const reply = await signIn(
        leadEmail,
        {},
        {
          port: proxied.port,
          headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'support.example.com' },
        },
      );
      const header = reply.headers['set-cookie']?.[0] ?? '';
      expect(header).toMatch(/^__Host-support-session=/);
      expect(header).toContain('; Secure');
      // The origin check follows the proxy's public name.
      const ok = await send('/api/call/session.current', {
        port: proxied.port,
        body: {},
        headers: {
          cookie: cookieOf(reply),
          origin: 'https://support.example.com',
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'support.example.com',
        },
      });
      expect(ok.json.value).toMatchObject({ id: core.ids.lead });
      // Without --trust-proxy the same headers are not believed.
      const plain = await signIn(leadEmail, {}, { headers: { 'x-forwarded-proto': 'https' } });
      expect(plain.headers['set-cookie']?.[0]).toMatch(/^support-session=/);
    } finally {
      await proxied.close();
    }
  });

  it('serves HTTPS with its own certificate, with Secure cookies', async () => {
    const dir = join(core.dir, 'tls');
    mkdirSync(dir, { recursive: true });
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const cert = readFileSync(join(dir, 'cert.pem'));
    const tlsServer = await startServer({
      running: core,
      staticDir,
      port: 0,
      team: { host: '127.0.0.1', trustProxy: false, tls: { cert, key: readFileSync(join(dir, 'key.pem')) } },
    });
    try {
      expect(tlsServer.url).toBe(`https://127.0.0.1:${tlsServer.port}/`);
      const reply = await signIn(leadEmail, {}, { port: tlsServer.port, https: { ca: cert } });
      expect(reply.status).toBe(200);
      const header = reply.headers['set-cookie']?.[0] ?? '';
      expect(header).toMatch(/^__Host-support-session=.*; HttpOnly; SameSite=Strict; .*Secure/);
      const page = await send('/', { method: 'GET', port: tlsServer.port, https: { ca: cert } });
      expect(page.body).toContain('Support Console');
      // Plain HTTP to the HTTPS port gets nothing useful.
      await expect(send('/api/call/session.current', { port: tlsServer.port, body: {} })).rejects.toThrow();
    } finally {
      await tlsServer.close();
    }
  });
});
