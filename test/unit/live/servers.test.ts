// Two serve-mode servers on one database, as two team servers behind one address would run: a
// browser connected to one hears, over its event stream, what a browser saved through the other.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../electron/core/serve/server';
import { sharedDatabase, type SharedDatabase } from './cores';

const TOKEN = 'live-test-token-0123456789';
let db: SharedDatabase;
const servers: RunningServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await db.dispose();
  rmSync(dir, { recursive: true, force: true });
});

let dir = '';

function staticDir(): string {
  dir = mkdtempSync(join(tmpdir(), 'support-console-live-static-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Support Console</title>');
  return dir;
}

/** An event stream on `server`: resolves with the first frame of `event` whose data matches. */
function listen(server: RunningServer, event: string, matches: (data: { topics: string[] }) => boolean) {
  let ready!: () => void;
  const connected = new Promise<void>((resolve) => (ready = resolve));
  const frame = new Promise<{ topics: string[] }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: `/api/events?token=${TOKEN}` },
      (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          if (buffer.includes(': connected')) ready();
          for (const block of buffer.split('\n\n')) {
            const [head, body] = block.split('\n');
            if (head !== `event: ${event}` || !body?.startsWith('data: ')) continue;
            const data = JSON.parse(body.slice('data: '.length)) as { topics: string[] };
            if (!matches(data)) continue;
            resolve(data);
            req.destroy();
          }
        });
      },
    );
    req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    req.end();
  });
  return { connected, frame };
}

async function call(server: RunningServer, session: string, method: string, input: unknown) {
  const body = JSON.stringify(input);
  return new Promise<{ ok: boolean }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/api/call/${method}`,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-support-token': TOKEN,
          'x-support-session': session,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(JSON.parse(text) as { ok: boolean }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

it('streams a change saved through one server to the browsers of the other within a second', async () => {
  db = await sharedDatabase();
  const renderer = staticDir();
  for (const running of [await db.start(), await db.start()]) {
    servers.push(await startServer({ running, staticDir: renderer, port: 0, token: TOKEN }));
  }
  const [one, two] = servers;
  if (!one || !two) throw new Error('two servers');
  const stream = listen(two, 'data.changed', (d) => d.topics.includes('settings'));
  await stream.connected;
  expect(await call(one, 'lead-browser-1', 'session.signIn', { staffId: db.ids.lead })).toMatchObject({
    ok: true,
  });
  const saved = Date.now();
  expect(await call(one, 'lead-browser-1', 'settings.update', { preBreachMinutes: 45 })).toMatchObject({
    ok: true,
  });
  await expect(stream.frame).resolves.toMatchObject({ topics: ['settings'] });
  expect(Date.now() - saved).toBeLessThan(1000);
  // And the other server serves the new value at once.
  expect(await call(two, 'agent-browser-2', 'session.signIn', { staffId: db.ids.agent })).toMatchObject({
    ok: true,
  });
  expect(await call(two, 'agent-browser-2', 'settings.get', {})).toMatchObject({
    ok: true,
    value: { preBreachMinutes: 45 },
  });
});
