// Serve mode against hostile requests, on a real port: static files through sirv (caching by what a
// file is, security headers, SPA fallback, no way out of the folder), malformed paths, and bodies
// over the limit answered with a 413 the client can read instead of a reset connection.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../electron/core/serve/server';
import { request } from 'node:http';
import { createTestCore, snapshot, type TestCore } from '../helpers/core';
import { send as sendTo, type Reply } from '../../support/serve';

let core: TestCore;
let server: RunningServer;
const TOKEN = 'test-token-hardening-0123456789';
const SECRET = 'top-secret-outside-the-renderer';
const HASHED = '/assets/index-Ab_cD-12.js';

beforeAll(async () => {
  core = await createTestCore();
  // The renderer folder sits inside a folder that also holds a file nobody may read through HTTP.
  const staticDir = join(core.dir, 'site', 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(core.dir, 'site', 'secret.txt'), SECRET);
  writeFileSync(join(staticDir, '.env'), SECRET);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Support Console</title>');
  writeFileSync(join(staticDir, HASHED), 'console.log("hashed")');
  writeFileSync(join(staticDir, 'assets', 'plain.css'), 'body{}');
  writeFileSync(join(staticDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  server = await startServer({ running: core, staticDir, port: 0, token: TOKEN });
});
afterAll(async () => {
  await server.close();
  await core.dispose();
});

/** A request to this test's server (or, with `port`, another), the path sent exactly as given. */
const send = (path: string, options: Parameters<typeof sendTo>[2] & { port?: number } = {}) =>
  sendTo(options.port ?? server.port, path, options);

describe('static files', () => {
  it('never keeps index.html, for / and for app routes, and sends the security headers', async () => {
    for (const path of ['/', '/index.html', '/queue/mine', '/customers/12']) {
      const page = await send(path);
      expect(page.status, path).toBe(200);
      expect(page.body).toContain('Support Console');
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('lets a browser keep hashed assets for a year, and revalidate the rest', async () => {
    const hashed = await send(HASHED);
    expect(hashed.status).toBe(200);
    expect(hashed.headers['content-type']).toMatch(/javascript/);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(hashed.headers['x-content-type-options']).toBe('nosniff');

    const plain = await send('/assets/plain.css');
    expect(plain.headers['cache-control']).toBe('no-cache');
    const etag = String(plain.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    expect((await send('/assets/plain.css', { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await send('/favicon.svg')).headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing file with 404, not with the page', async () => {
    const missing = await send('/assets/index-Zz_zZ-99.js');
    expect(missing.status).toBe(404);
    expect(missing.body).not.toContain('Support Console');
  });

  it.each([
    '/../secret.txt',
    '/../../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '//secret.txt',
    '/.env',
    '/%2eenv',
  ])('keeps %s inside the renderer folder', async (path) => {
    const reply = await send(path);
    expect(reply.body).not.toContain(SECRET);
    expect([200, 400, 404]).toContain(reply.status);
  });

  it.each(['/%E0%A4%A', '/%', '/%ff', '/assets/%C3', '/queue/%zz', '/%00', '/a%0Db'])(
    'answers the malformed path %s with 400',
    async (path) => {
      const reply = await send(path);
      expect(reply.status).toBe(400);
      expect(reply.body).toMatch(/^Bad path: /);
    },
  );

  it('refuses other methods with 405', async () => {
    const reply = await send('/', { method: 'POST' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });

  it('says so when the renderer is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sc-unbuilt-'));
    const other = await startServer({ running: core, staticDir: empty, port: 0, token: TOKEN });
    try {
      const reply = await send('/', { port: other.port });
      expect(reply.status).toBe(503);
      expect(reply.body).toMatch(/npm run build/);
    } finally {
      await other.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('request bodies over the limit', () => {
  const headers = {
    'content-type': 'application/json',
    'x-support-token': TOKEN,
    'x-support-session': 'session-hardening',
  };
  /** A JSON body of `bytes` bytes, in 64 KiB chunks as a client streams it. */
  const bigBody = (bytes: number): Buffer[] => {
    const text = Buffer.from(`{"text":"${'x'.repeat(bytes - 11)}"}`);
    const chunks: Buffer[] = [];
    for (let at = 0; at < text.length; at += 65_536) chunks.push(text.subarray(at, at + 65_536));
    return chunks;
  };

  it.each([
    ['with its length declared', 3_000_000, true],
    ['sent in chunks with no length', 3_000_000, false],
    ['just over the limit', 1_000_001, true],
  ])('answers a body %s with a 413 the client reads, and changes nothing', async (_n, bytes, declared) => {
    const before = await snapshot(core.core.db);
    const chunks = bigBody(bytes);
    const reply = await send('/api/call/tickets.create', {
      method: 'POST',
      headers: declared ? { ...headers, 'content-length': bytes } : headers,
      chunks,
    });
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe('close');
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'The request body is larger than 1,000,000 bytes.' },
    });
    expect(await snapshot(core.core.db)).toEqual(before);
  });

  it('tells a client that asks first (Expect: 100-continue) not to send it', async () => {
    const reply = await new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
      let continued = false;
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/call/tickets.create',
          method: 'POST',
          headers: { ...headers, 'content-length': 50_000_000, expect: '100-continue' },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, continued }));
        },
      );
      req.on('continue', () => (continued = true));
      req.on('error', reject);
    });
    expect(reply).toEqual({ status: 413, continued: false });
  });

  it('still reads a body under the limit after a client asks first', async () => {
    const body = Buffer.from('{}');
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/call/rules.summary',
          method: 'POST',
          headers: { ...headers, 'content-length': body.length, expect: '100-continue' },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        },
      );
      req.on('continue', () => req.end(body));
      req.on('error', reject);
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true });
  });
});
