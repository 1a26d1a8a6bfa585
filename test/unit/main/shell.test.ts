// The Electron shell, loaded with `electron` mocked: the window's security settings, the CSP, the
// navigation and window.open denials, and the contract registered on ipcMain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../shared/contract';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const appListeners = new Map<string, Listener>();
  const ipcHandlers = new Map<string, Listener>();
  const windows: { options: Record<string, unknown>; loaded: string[] }[] = [];
  const opened: string[] = [];
  const state: {
    permission?: Listener;
    headers?: Listener;
    ready?: () => void;
  } = {};
  const notifications: { options: { title: string; body: string }; shown: boolean; click?: Listener }[] = [];
  const sent: unknown[][] = [];
  return { appListeners, ipcHandlers, windows, opened, state, notifications, sent };
});

vi.mock('electron', () => {
  const created: BrowserWindow[] = [];
  class BrowserWindow {
    webContents = { id: fake.windows.length + 1, send: (...args: unknown[]) => fake.sent.push(args) };
    options: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      this.options = options;
      fake.windows.push({ options, loaded: [] });
      created.push(this);
    }
    static getAllWindows() {
      return [];
    }
    static fromWebContents(contents: unknown) {
      return created.find((w) => w.webContents === contents) ?? null;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    show() {}
    focus() {}
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    loadFile(file: string) {
      fake.windows[fake.windows.length - 1]?.loaded.push(file);
      return Promise.resolve();
    }
    loadURL(url: string) {
      fake.windows[fake.windows.length - 1]?.loaded.push(url);
      return Promise.resolve();
    }
  }
  return {
    app: {
      setName: vi.fn(),
      enableSandbox: vi.fn(),
      whenReady: () => new Promise<void>((resolve) => (fake.state.ready = resolve)),
      getAppPath: () => process.cwd(),
      on: (event: string, listener: Listener) => fake.appListeners.set(event, listener),
      exit: vi.fn(),
      quit: vi.fn(),
    },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, listener: Listener) => fake.ipcHandlers.set(channel, listener),
      removeHandler: (channel: string) => fake.ipcHandlers.delete(channel),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (fake.state.permission = handler),
        webRequest: { onHeadersReceived: (handler: Listener) => (fake.state.headers = handler) },
      },
    },
    shell: { openExternal: (url: string) => fake.opened.push(url) },
    webContents: { fromId: (id: number) => created.find((w) => w.webContents.id === id)?.webContents },
    Notification: class {
      static isSupported() {
        return true;
      }
      record: (typeof fake.notifications)[number];
      constructor(options: { title: string; body: string }) {
        this.record = { options, shown: false };
        fake.notifications.push(this.record);
      }
      on(event: string, listener: Listener) {
        if (event === 'click') this.record.click = listener;
      }
      show() {
        this.record.shown = true;
      }
    },
  };
});

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sc-shell-'));
  process.env.SUPPORT_CONSOLE_DB = join(dir, 'shell.sqlite');
  process.env.SUPPORT_CONSOLE_NO_DEMO = '1';
  await import('../../../electron/main/index');
  fake.state.ready?.();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 });
});
afterAll(async () => {
  await fake.appListeners.get('will-quit')?.();
  delete process.env.SUPPORT_CONSOLE_DB;
  delete process.env.SUPPORT_CONSOLE_NO_DEMO;
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
    expect(fake.windows[0]?.loaded[0]).toMatch(/renderer[\\/]index\.html$/);
  });

  it('registers every contract method on ipcMain, and the notification bridge', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(
      [...methodNames.map((m) => `api:${m}`), 'desktop:notify'].sort(),
    );
  });

  it('shows an Electron notification for the app page, and a click opens its ticket in that window', async () => {
    const handler = fake.ipcHandlers.get('desktop:notify');
    const appUrl = `file://${fake.windows[0]?.loaded[0]}`;
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

  it('grants no permission but notifications', () => {
    const answers: [string, boolean][] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      fake.state.permission?.({}, permission, (granted: boolean) => answers.push([permission, granted]));
    }
    expect(answers).toEqual([
      ['media', false],
      ['geolocation', false],
      ['notifications', true],
      ['openExternal', false],
    ]);
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
