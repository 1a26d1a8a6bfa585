// The Electron shell, loaded with `electron` mocked: the window's security settings, the app://
// scheme, the CSP, permissions, the navigation and window.open denials, and the contract and the
// desktop bridge registered on ipcMain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../shared/contract';
import { fake } from './fake-electron';

type Listener = (...args: unknown[]) => unknown;

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sc-shell-'));
  process.env.SUPPORT_CONSOLE_DB = join(dir, 'shell.sqlite');
  process.env.SUPPORT_CONSOLE_DATA_DIR = dir;
  process.env.SUPPORT_CONSOLE_NO_DEMO = '1';
  // Honoured in development only: this run is not packaged.
  process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
  await import('../../../electron/main/index');
  fake.state.ready?.();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 });
});
afterAll(async () => {
  await fake.appListeners.get('will-quit')?.();
  delete process.env.SUPPORT_CONSOLE_DB;
  delete process.env.SUPPORT_CONSOLE_DATA_DIR;
  delete process.env.SUPPORT_CONSOLE_NO_DEMO;
  delete process.env.ELECTRON_RENDERER_URL;
  rmSync(dir, { recursive: true, force: true });
});

describe('the Electron shell', () => {
  it('opens one window with context isolation, the sandbox and no Node integration', () => {
    const prefs = fake.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('loads the dev server only in development (this run is not packaged)', () => {
    expect(fake.windows[0]?.loaded).toEqual(['http://localhost:5173/']);
  });

  it('registers app:// as privileged before the app is ready, and serves it once ready', () => {
    expect(fake.protocolLog).toEqual(['privileged:app', 'ready', 'handle:app']);
    expect(fake.protocolHandlers.has('app')).toBe(true);
  });

  it('registers every contract method on ipcMain, and the notification bridge', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(
      [
        ...methodNames.map((m) => `api:${m}`),
        'desktop:notify',
        'desktop:connection',
        'desktop:choose-mode',
        'desktop:retry-connection',
      ].sort(),
    );
  });

  it('shows an Electron notification for the app page, and a click opens its ticket in that window', async () => {
    const handler = fake.ipcHandlers.get('desktop:notify');
    const appUrl = 'http://localhost:5173/#/queue';
    const notification = {
      title: 'Ticket #7: 20 min left',
      body: 'Export fails',
      tag: 'warning-7@1',
      ticketId: 7,
    };
    const refused = await handler?.(
      { senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 1 } },
      notification,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fake.notifications).toHaveLength(0);

    const result = await handler?.(
      { senderFrame: { url: appUrl, parent: null }, sender: { id: 1 } },
      notification,
    );
    expect(result).toEqual({ ok: true });
    expect(fake.notifications).toHaveLength(1);
    expect(fake.notifications[0]).toMatchObject({
      options: { title: 'Ticket #7: 20 min left', body: 'Export fails' },
      shown: true,
    });
    fake.notifications[0]?.click?.();
    expect(fake.sent).toContainEqual(['desktop:notification-click', 7]);
  });

  it('sends a strict Content-Security-Policy with every response', () => {
    let headers: Record<string, string[]> = {};
    fake.state.headers?.({ responseHeaders: {} }, (r: { responseHeaders: Record<string, string[]> }) => {
      headers = r.responseHeaders;
    });
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/default-src 'self'; script-src 'self'/);
  });

  it('grants no permission but notifications, and those only to the app page', () => {
    const answers: [string, string, boolean][] = [];
    for (const [permission, page] of [
      ['media', 'http://localhost:5173/'],
      ['geolocation', 'http://localhost:5173/'],
      ['notifications', 'http://localhost:5173/#/queue'],
      ['notifications', 'https://evil.example/'],
      ['openExternal', 'http://localhost:5173/'],
    ] as const) {
      fake.state.permission?.(
        {},
        permission,
        (granted: boolean) => answers.push([permission, page, granted]),
        {
          requestingUrl: page,
        },
      );
    }
    expect(answers.map(([p, page, granted]) => `${p} ${page} ${granted}`)).toEqual([
      'media http://localhost:5173/ false',
      'geolocation http://localhost:5173/ false',
      'notifications http://localhost:5173/#/queue true',
      'notifications https://evil.example/ false',
      'openExternal http://localhost:5173/ false',
    ]);
  });

  it('answers permission checks the same way: notifications for the app origin, nothing else', () => {
    const check = fake.state.permissionCheck;
    expect(check?.(null, 'notifications', 'http://localhost:5173')).toBe(true);
    expect(check?.(null, 'notifications', 'https://evil.example')).toBe(false);
    expect(check?.(null, 'media', 'http://localhost:5173')).toBe(false);
    expect(check?.(null, 'clipboard-read', 'http://localhost:5173')).toBe(false);
  });

  it('works on this computer when a database is named, and tells the page so over the bridge', async () => {
    const connection = fake.ipcHandlers.get('desktop:connection');
    expect(
      await connection?.({ senderFrame: { url: 'http://localhost:5173/', parent: null }, sender: { id: 1 } }),
    ).toEqual({
      mode: 'local',
    });
    expect(
      await connection?.({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 1 } }),
    ).toBeNull();
    const choose = fake.ipcHandlers.get('desktop:choose-mode');
    expect(
      await choose?.(
        { senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 1 } },
        { mode: 'unchosen' },
      ),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await choose?.(
        { senderFrame: { url: 'http://localhost:5173/', parent: null }, sender: { id: 1 } },
        { mode: 'team', address: 42 },
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/^address/) },
    });
  });

  it('denies navigation away from the app, webviews and window.open, opening only allowlisted links outside', () => {
    const handlers = new Map<string, Listener>();
    let openHandler: Listener = () => undefined;
    const contents = {
      on: (event: string, listener: Listener) => handlers.set(event, listener),
      setWindowOpenHandler: (handler: Listener) => (openHandler = handler),
    };
    fake.appListeners.get('web-contents-created')?.({}, contents);

    const navigation = { preventDefault: vi.fn() };
    handlers.get('will-navigate')?.(navigation, 'https://evil.example/');
    expect(navigation.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    handlers.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    expect(openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'https://t.me/QuintaDB_Community' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://t.me/QuintaDB_Community']);
  });

  it('refuses IPC from a page that is not the app', async () => {
    const handler = fake.ipcHandlers.get('api:staff.list');
    const result = await handler?.(
      { senderFrame: { url: 'https://evil.example/', parent: null }, sender: { id: 1 } },
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
