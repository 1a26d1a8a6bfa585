// Serve mode's HTTP transport on a real port: token, Host check, content type, sessions, events.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../electron/core/serve/server';
import { request } from 'node:http';
import { createTestCore, snapshot, type TestCore } from '../helpers/core';
import { rendererFolder, send as sendTo } from '../../support/serve';

let core: TestCore;
let server: RunningServer;
const TOKEN = 'test-token-0123456789abcdef';

beforeAll(async () => {
  core = await createTestCore();
  const staticDir = rendererFolder(join(core.dir, 'renderer'), { 'assets/app.js': 'console.log(1)' });
  server = await startServer({ running: core, staticDir, port: 0, token: TOKEN });
});
afterAll(async () => {
  await server.close();
  await core.dispose();
});

const send = (path: string, options: Parameters<typeof sendTo>[2] = {}) => sendTo(server.port, path, options);

const apiHeaders = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  'x-support-token': TOKEN,
  'x-support-session': 'session-aaaaaaaa',
  ...extra,
});

describe('serve mode', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('serves the renderer with a strict CSP, and index.html for app routes', async () => {
    const page = await send('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect((await send('/assets/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await send('/queue/mine')).body).toContain('Support Console');
    expect((await send('/../../etc/passwd')).body).not.toContain('root:');
  });

  it('calls the contract with the token, keeping a session per client', async () => {
    const signIn = await send('/api/call/session.signIn', {
      method: 'POST',
      headers: apiHeaders(),
      body: JSON.stringify({ staffId: core.ids.agent }),
    });
    expect(JSON.parse(signIn.body)).toMatchObject({ ok: true, value: { name: 'Alice Agent' } });
    const queue = await send('/api/call/queue.list', { method: 'POST', headers: apiHeaders(), body: '{}' });
    expect(JSON.parse(queue.body)).toMatchObject({ ok: true, value: { total: 0 } });
    const other = await send('/api/call/queue.list', {
      method: 'POST',
      headers: apiHeaders({ 'x-support-session': 'session-bbbbbbbb' }),
      body: '{}',
    });
    expect(JSON.parse(other.body)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it.each([
    ['no token', { 'x-support-token': '' }, 401],
    ['a wrong token', { 'x-support-token': 'x'.repeat(TOKEN.length) }, 401],
    ['a form post', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['no session id', { 'x-support-session': '' }, 400],
    ['a foreign Host (DNS rebinding)', { host: 'evil.example' }, 421],
  ])('refuses a call with %s and changes nothing', async (_name, headers, status) => {
    const before = await snapshot(core.core.db);
    const reply = await send('/api/call/session.signIn', {
      method: 'POST',
      headers: apiHeaders(headers),
      body: JSON.stringify({ staffId: core.ids.lead }),
    });
    expect(reply.status).toBe(status);
    expect(await snapshot(core.core.db)).toEqual(before);
  });

  it('answers malformed JSON with a clear error', async () => {
    const reply = await send('/api/call/queue.list', {
      method: 'POST',
      headers: apiHeaders(),
      body: '{nope',
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: /not valid JSON/ },
    });
  });

  it('streams data.changed events to clients holding the token', async () => {
    const refused = await send(`/api/events?token=nope`);
    expect(refused.status).toBe(401);
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: `/api/events?token=${TOKEN}` },
        (res) => {
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            if (buffer.includes('event: data.changed')) {
              resolve(buffer);
              req.destroy();
            }
          });
        },
      );
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    const session = { staffId: core.ids.agent };
    await core.call(session, 'tickets.create', {
      customerId: core.ids.standard,
      channel: 'topic',
      subject: 'Live',
      body: 'B',
    });
    const frame = await received;
    const data = JSON.parse(frame.split('event: data.changed\ndata: ')[1]?.split('\n')[0] ?? '{}');
    expect(data.topics).toContain('tickets');
  });
});
