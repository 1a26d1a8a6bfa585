// app://console/ serves the built renderer folder and nothing else, with the policy headers, on a
// real folder of files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppPath } from '../../../electron/main/app-protocol';

let dir: string;
let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sc-app-protocol-'));
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Support Console</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), 'not for the page');
  // A sibling folder whose name starts like the root's: a naive prefix check would let it through.
  mkdirSync(join(dir, 'renderer-evil'));
  writeFileSync(join(dir, 'renderer-evil', 'x.js'), 'evil');
  handler = createAppProtocolHandler({ root });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the app:// protocol', () => {
  it.each([
    ['app://console/', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://console/index.html', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://console/index.html?x=1#/queue', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://console/assets/index-abc123.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['app://console/assets/index-abc123.css', 'text/css; charset=utf-8', 'body{}'],
  ])('serves %s as %s with the policy headers', async (url, type, start) => {
    const response = await handler(new Request(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toMatch(new RegExp(`^${start.replace(/[()]/g, '\\$&')}`));
  });

  it.each([
    ['app://console/..%2fsecret.txt', 403],
    ['app://console/..%2F..%2F..%2Fetc%2Fpasswd', 403],
    ['app://console/..%2frenderer-evil/x.js', 403],
    ['app://console/%2e%2e/secret.txt', 404],
    ['app://console/assets/..%5c..%5csecret.txt', 400],
    ['app://console/index.html%00.js', 400],
    ['app://console/%E0%A4%A', 400],
    ['app://console/%', 400],
    ['app://console/missing.js', 404],
    ['app://console/assets', 404],
    ['app://other/index.html', 404],
  ])('refuses %s with %i', async (url, status) => {
    const response = await handler(new Request(url));
    expect(response.status).toBe(status);
    expect(await response.text()).not.toMatch(/not for the page|evil|root:/);
  });

  it('answers only GET and HEAD', async () => {
    expect(
      (await handler(new Request('app://console/index.html', { method: 'POST', body: 'x' }))).status,
    ).toBe(405);
    const head = await handler(new Request('app://console/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('resolves a path inside the folder to its file', () => {
    expect(resolveAppPath(root, 'app://console/assets/index-abc123.js')).toEqual({
      file: join(root, 'assets', 'index-abc123.js'),
    });
  });
});
