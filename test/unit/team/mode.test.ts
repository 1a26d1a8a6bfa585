// Where the desktop works, as the main process holds it: the first-run choice, resuming the last
// choice from the settings file, a team server chosen by its address (checked before it is kept),
// the session sealed at rest, and going back to the choice. Real cores on real SQLite files and the
// real serve-mode server on 127.0.0.1.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../../../shared/desktop';
import { startCore } from '../../../electron/core/app';
import { startServer, type RunningServer } from '../../../electron/core/serve/server';
import { ModeController } from '../../../electron/team/mode';
import { readSettings, type SecretBox } from '../../../electron/team/settings';
import { createTestCore, type TestCore } from '../helpers/core';

/** A busy machine is slow, not wrong: conditions are awaited for up to 10 s. */
const WAIT = { timeout: 10_000, interval: 20 };
const TOKEN = 'mode-test-token-0123456789';

/** A keystore stand-in: AES-GCM with a key only this "machine" has. */
function keystore(available = true): SecretBox {
  const key = randomBytes(32);
  return {
    available: () => available,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

let team: TestCore;
let server: RunningServer;
let dir: string | undefined;
const controllers: ModeController[] = [];

beforeAll(async () => {
  team = await createTestCore();
  server = await startServer({ running: team, staticDir: team.dir, port: 0, token: TOKEN });
});
afterAll(async () => {
  await server.close();
  await team.dispose();
});
afterEach(async () => {
  await Promise.all(controllers.splice(0).map((c) => c.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function controller(options: { box?: SecretBox; localData?: boolean } = {}) {
  // One folder per test: a second controller in the same test is the same computer restarted.
  if (!dir || !existsSync(dir)) dir = mkdtempSync(join(tmpdir(), 'sc-mode-'));
  const states: ConnectionState[] = [];
  const dbFile = join(dir, 'local.sqlite');
  const c = new ModeController({
    settingsFile: join(dir, 'desktop-settings.json'),
    secrets: options.box ?? keystore(),
    startLocal: () => startCore({ dbFile, demo: false }),
    localDataExists: () => options.localData ?? existsSync(dbFile),
    onState: (s) => states.push(s),
    onEvent: () => undefined,
    relay: { backoff: { baseMs: 20, maxMs: 100, jitter: 0 } },
  });
  controllers.push(c);
  return { c, states, settingsFile: join(dir, 'desktop-settings.json'), dbFile };
}

describe('the desktop mode', () => {
  it('asks on first run, and until then answers every call with a clear unavailable', async () => {
    const { c } = controller();
    await c.start();
    expect(c.state).toEqual({ mode: 'unchosen', problem: null });
    expect(await c.call({ staffId: null }, 'staff.list', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/Choose where Support Console works/) },
    });
  });

  it('keeps an existing local database without asking (an upgrade), and remembers it', async () => {
    const { c, settingsFile } = controller({ localData: true });
    await c.start();
    expect(c.state).toEqual({ mode: 'local' });
    expect(readSettings(settingsFile)).toEqual({ kind: 'read', settings: { version: 1, mode: 'local' } });
    expect(await c.call({ staffId: null }, 'session.current', {})).toEqual({ ok: true, value: null });
  });

  it('"On this computer" opens the local database and is resumed at the next start', async () => {
    const first = controller();
    await first.c.start();
    expect(await first.c.choose({ mode: 'local' })).toMatchObject({ ok: true, state: { mode: 'local' } });
    expect(existsSync(first.dbFile)).toBe(true);
    await first.c.close();

    const again = controller({ localData: false });
    await again.c.start();
    expect(again.c.state).toEqual({ mode: 'local' });
  });

  it.each([
    ['', 'empty'],
    ['http://support.example.com', 'insecure_url'],
    ['not a url at all', 'invalid_url'],
  ])('refuses the address %j (%s) and stays on the choice, writing nothing', async (address, code) => {
    const { c, settingsFile } = controller();
    await c.start();
    expect(await c.choose({ mode: 'team', address })).toMatchObject({ ok: false, error: { code } });
    expect(c.state.mode).toBe('unchosen');
    expect(existsSync(settingsFile)).toBe(false);
  });

  it('checks the server before keeping it: unreachable, not a console, token refused', async () => {
    const { c, settingsFile } = controller();
    await c.start();
    const free = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<h1>Welcome to nginx</h1>');
    });
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const web = (free.address() as AddressInfo).port;
    try {
      expect(await c.choose({ mode: 'team', address: `http://127.0.0.1:${web}` })).toMatchObject({
        ok: false,
        error: { code: 'not_a_console' },
      });
    } finally {
      await new Promise((resolve) => free.close(resolve));
    }
    expect(await c.choose({ mode: 'team', address: `http://127.0.0.1:${web}` })).toMatchObject({
      ok: false,
      error: { code: 'unreachable', message: expect.stringMatching(/ECONNREFUSED/) },
    });
    expect(await c.choose({ mode: 'team', address: `http://127.0.0.1:${server.port}/` })).toMatchObject({
      ok: false,
      error: { code: 'token_refused', message: expect.stringMatching(/\?token=/) },
    });
    expect(
      await c.choose({
        mode: 'team',
        address: `http://127.0.0.1:${server.port}/?token=wrong-token-00000000`,
      }),
    ).toMatchObject({ ok: false, error: { code: 'token_refused' } });
    expect(c.state.mode).toBe('unchosen');
    expect(existsSync(settingsFile)).toBe(false);
  });

  it('joins a team server, keeps the session sealed at rest, and resumes it signed in after a restart', async () => {
    const box = keystore();
    const first = controller({ box });
    await first.c.start();
    const chosen = await first.c.choose({
      mode: 'team',
      address: `http://127.0.0.1:${server.port}/?token=${TOKEN}`,
    });
    expect(chosen).toMatchObject({
      ok: true,
      state: { mode: 'team', server: `http://127.0.0.1:${server.port}` },
    });
    await vi.waitFor(
      () => expect(first.c.state).toMatchObject({ mode: 'team', link: { status: 'online' } }),
      WAIT,
    );
    expect(first.states.some((s) => s.mode === 'team' && s.link.status === 'online')).toBe(true);
    const session = { staffId: null };
    expect(await first.c.call(session, 'session.signIn', { staffId: team.ids.agent })).toMatchObject({
      ok: true,
    });

    // On disk: the server's address in clear, nothing secret readable.
    const text = readFileSync(first.settingsFile, 'utf8');
    expect(text).toContain(`http://127.0.0.1:${server.port}`);
    expect(text).not.toContain(TOKEN);
    await first.c.close();

    const again = controller({ box });
    await again.c.start();
    await vi.waitFor(
      () => expect(again.c.state).toMatchObject({ mode: 'team', link: { status: 'online' } }),
      WAIT,
    );
    expect(await again.c.call(session, 'session.current', {})).toMatchObject({
      ok: true,
      value: { id: team.ids.agent },
    });
  });

  it('without a system keystore keeps only the address: the person signs in again at the next start', async () => {
    const box = keystore(false);
    const first = controller({ box });
    await first.c.start();
    await first.c.choose({ mode: 'team', address: `http://127.0.0.1:${server.port}/?token=${TOKEN}` });
    expect(first.c.state).toMatchObject({ mode: 'team', sessionKept: false });
    const settings = readSettings(first.settingsFile);
    expect(settings).toMatchObject({ kind: 'read', settings: { mode: 'team', sealedCredentials: null } });
  });

  it('a settings file it cannot read brings back the choice, saying why', async () => {
    const { c, settingsFile } = controller();
    writeFileSync(settingsFile, '{"version":1,"mode":"team","server":"not a url"}');
    await c.start();
    expect(c.state).toMatchObject({ mode: 'unchosen', problem: { code: 'settings_unreadable' } });
  });

  it('a local database that cannot be opened brings back the choice with the reason', async () => {
    const { c, dbFile } = controller();
    writeFileSync(dbFile, 'this is not a database, and it is not empty either');
    await c.start();
    expect(c.state).toMatchObject({ mode: 'unchosen', problem: { code: 'local_failed' } });
  });

  it('"Change" leaves the team server, signing out there, and asks again at the next start', async () => {
    const { c, settingsFile } = controller();
    await c.start();
    await c.choose({ mode: 'team', address: `http://127.0.0.1:${server.port}/?token=${TOKEN}` });
    await vi.waitFor(() => expect(c.state).toMatchObject({ link: { status: 'online' } }), WAIT);
    await c.call({ staffId: null }, 'session.signIn', { staffId: team.ids.lead });
    expect(await c.choose({ mode: 'unchosen' })).toMatchObject({ ok: true, state: { mode: 'unchosen' } });
    expect(readSettings(settingsFile)).toEqual({ kind: 'read', settings: { version: 1, mode: 'unchosen' } });
  });
});
