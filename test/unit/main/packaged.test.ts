// The shell as a packaged app on its first run: the page comes from app://, whatever
// ELECTRON_RENDERER_URL says; there is no database yet, so the window is asked where to work, and
// every contract call waits for that choice.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const app = { senderFrame: { url: 'app://console/index.html#/queue', parent: null }, sender: { id: 1 } };
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sc-packaged-'));
  fake.isPackaged = true;
  process.env.SUPPORT_CONSOLE_DATA_DIR = dir;
  process.env.SUPPORT_CONSOLE_NO_DEMO = '1';
  process.env.ELECTRON_RENDERER_URL = 'http://evil.example/';
  await import('../../../electron/main/index');
  fake.state.ready?.();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 });
});
afterAll(async () => {
  await fake.appListeners.get('will-quit')?.();
  delete process.env.SUPPORT_CONSOLE_DATA_DIR;
  delete process.env.SUPPORT_CONSOLE_NO_DEMO;
  delete process.env.ELECTRON_RENDERER_URL;
  rmSync(dir, { recursive: true, force: true });
});

describe('the packaged app', () => {
  it('loads its own page from app://, never the URL the environment names', () => {
    expect(fake.windows[0]?.loaded).toEqual(['app://console/index.html']);
  });

  it('gives notification permission to app:// only', () => {
    expect(fake.state.permissionCheck?.(null, 'notifications', 'app://console')).toBe(true);
    expect(fake.state.permissionCheck?.(null, 'notifications', 'http://evil.example')).toBe(false);
  });

  it('serves nothing outside the renderer folder over app://', async () => {
    const handler = fake.protocolHandlers.get('app');
    expect((await handler?.(new Request('app://console/..%2f..%2fpackage.json')))?.status).toBe(403);
    expect((await handler?.(new Request('app://console/%2e%2e/%2e%2e/package.json')))?.status).toBe(404);
  });

  it('asks where to work on first run, and answers calls with a clear "choose first"', async () => {
    expect(await fake.ipcHandlers.get('desktop:connection')?.(app)).toEqual({
      mode: 'unchosen',
      problem: null,
    });
    expect(await fake.ipcHandlers.get('api:staff.list')?.(app, {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('"On this computer" opens the database in the data folder and tells every window', async () => {
    fake.sent.length = 0;
    const result = await fake.ipcHandlers.get('desktop:choose-mode')?.(app, { mode: 'local' });
    expect(result).toEqual({ ok: true, state: { mode: 'local' } });
    expect(existsSync(join(dir, 'support-console.sqlite'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'desktop-settings.json'), 'utf8'))).toEqual({
      version: 1,
      mode: 'local',
    });
    expect(fake.sent).toContainEqual(['desktop:connection-changed', { mode: 'local' }]);
    expect(await fake.ipcHandlers.get('api:session.current')?.(app, {})).toEqual({ ok: true, value: null });
  });
});
