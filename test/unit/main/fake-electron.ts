// A stand-in for the `electron` module (its binary cannot run here), recording what the shell asks
// of it. Test files mock 'electron' with `electronModule` and read `fake` to see what happened.
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

export const fake = {
  isPackaged: false,
  appListeners: new Map<string, Listener>(),
  ipcHandlers: new Map<string, Listener>(),
  windows: [] as { options: Record<string, unknown>; loaded: string[] }[],
  opened: [] as string[],
  state: {} as {
    permission?: Listener;
    permissionCheck?: Listener;
    headers?: Listener;
    ready?: () => void;
    readyCalled?: boolean;
  },
  /** The order of protocol calls relative to app readiness. */
  protocolLog: [] as string[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  notifications: [] as { options: { title: string; body: string }; shown: boolean; click?: Listener }[],
  sent: [] as unknown[][],
};

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
    return created;
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
    fake.windows[fake.windows.length - 1]?.loaded.push(`file:${file}`);
    return Promise.resolve();
  }
  loadURL(url: string) {
    fake.windows[fake.windows.length - 1]?.loaded.push(url);
    return Promise.resolve();
  }
}

export const electronModule = {
  app: {
    get isPackaged() {
      return fake.isPackaged;
    },
    setName: vi.fn(),
    enableSandbox: vi.fn(),
    whenReady: () =>
      new Promise<void>((resolve) => {
        fake.state.ready = () => {
          fake.state.readyCalled = true;
          fake.protocolLog.push('ready');
          resolve();
        };
      }),
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
  protocol: {
    registerSchemesAsPrivileged: (schemes: { scheme: string }[]) =>
      fake.protocolLog.push(`privileged:${schemes.map((s) => s.scheme).join(',')}`),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
      fake.protocolLog.push(`handle:${scheme}`);
      fake.protocolHandlers.set(scheme, handler);
    },
  },
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (plain: string) => Buffer.from(plain, 'utf8').reverse(),
    decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString('utf8'),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: Listener) => (fake.state.permission = handler),
      setPermissionCheckHandler: (handler: Listener) => (fake.state.permissionCheck = handler),
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
