// The Electron shell: one hardened window around the core, or around the relay to a team server.
// Everything that does not need Electron lives in electron/core and electron/team and runs (and is
// tested) under plain Node; this file only wires it to Electron.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  ipcMain,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  webContents,
} from 'electron';
import { CONNECTION_CHANGED_CHANNEL, NOTIFICATION_CLICK_CHANNEL } from '../../shared/desktop';
import type { Session } from '../core/api/context';
import { startCore } from '../core/app';
import { APP_NAME, defaultDatabaseFile, defaultDataDir } from '../core/paths';
import { defaultRuleSet } from '../core/rules';
import { CONTENT_SECURITY_POLICY } from '../core/serve/security';
import { ModeController } from '../team/mode';
import { SETTINGS_FILE_NAME } from '../team/settings';
import { APP_INDEX_URL, APP_ORIGIN, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { registerConnection } from './connection';
import { externalLinkAllowlist, isAllowedExternalLink } from './external-links';
import { appUrlMatcher, EVENT_CHANNEL, registerContract } from './ipc';
import { electronNativeBinding } from './native-binding';
import { registerNotifications } from './notifications';
import { safeStorageBox } from './secrets';

// A packaged app never loads its page from a URL the environment names: only from its own files.
const devServerUrl = app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null);
const appOrigin = devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN;
const isAppUrl = appUrlMatcher({ devServerUrl });
const sessions = new Map<number, Session>();

app.setName(APP_NAME);
app.enableSandbox();
// Before ready, as Electron requires: app:// is parsed like https and is a secure context.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

function broadcast(channel: string, ...args: unknown[]): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed()) window.webContents.send(channel, ...args);
  }
}

async function main(): Promise<void> {
  await app.whenReady();
  protocol.handle(
    APP_SCHEME_PRIVILEGES.scheme,
    createAppProtocolHandler({ root: join(__dirname, '../renderer') }),
  );

  const dbFile = process.env.SUPPORT_CONSOLE_DB ?? defaultDatabaseFile();
  const mode = new ModeController({
    settingsFile: join(defaultDataDir(), SETTINGS_FILE_NAME),
    secrets: safeStorageBox(safeStorage),
    startLocal: () =>
      startCore({
        dbFile,
        rulesFile: process.env.SUPPORT_CONSOLE_RULES,
        demo: process.env.SUPPORT_CONSOLE_NO_DEMO !== '1',
        // Packaged, the driver in the app was rebuilt for Electron at packaging; only development
        // needs the separate build scripts/start.mjs makes.
        nativeBinding: app.isPackaged
          ? undefined
          : electronNativeBinding(app.getAppPath(), process.versions.electron),
      }),
    localDataExists: () => process.env.SUPPORT_CONSOLE_DB !== undefined || existsSync(dbFile),
    // Every contract event reaches every window (data.changed, and the SLA warnings and breaches).
    onEvent: (name, payload) => broadcast(EVENT_CHANNEL, name, payload),
    onState: (state) => broadcast(CONNECTION_CHANGED_CHANNEL, state),
  });
  await mode.start();

  // Notifications are the one permission, and only for the app's own page; everything else is
  // refused when asked for and reported as denied when checked.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permission === 'notifications' && isAppUrl(details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      permission === 'notifications' && requestingOrigin === appOrigin,
  );
  // app:// answers carry the policy themselves; this covers the dev server in development.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  registerContract(ipcMain, {
    dispatcher: { call: (windowSession, method, input) => mode.call(windowSession, method, input) },
    isAppUrl,
    sessionFor: (senderId) => {
      let s = sessions.get(senderId);
      if (!s) {
        s = { staffId: null };
        sessions.set(senderId, s);
      }
      return s;
    },
  });
  registerConnection(ipcMain, {
    isAppUrl,
    state: () => mode.state,
    async choose(choice) {
      const result = await mode.choose(choice);
      // Sign-ins on this computer belong to the database they were made on.
      if (result.ok) sessions.clear();
      return result;
    },
    retry: () => mode.retry(),
  });
  registerNotifications(ipcMain, {
    isAppUrl,
    supported: () => Notification.isSupported(),
    show: (notification, senderId) => {
      const shown = new Notification({ title: notification.title, body: notification.body });
      // A click brings the window that asked to the front and lets it open the ticket.
      shown.on('click', () => {
        const contents = webContents.fromId(senderId);
        const window = contents ? BrowserWindow.fromWebContents(contents) : null;
        if (!contents || !window || window.isDestroyed()) return;
        if (window.isMinimized()) window.restore();
        window.show();
        window.focus();
        contents.send(NOTIFICATION_CLICK_CHANNEL, notification.ticketId);
      });
      shown.show();
    },
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // The rule set in force names the community link: this computer's, or the default in team mode.
      const allowlist = externalLinkAllowlist(mode.localCore?.core.rules ?? defaultRuleSet);
      if (isAllowedExternalLink(url, allowlist)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void mode.close());
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    title: APP_NAME,
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    },
  });
  const id = window.webContents.id;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => sessions.delete(id));
  void window.loadURL(devServerUrl ?? APP_INDEX_URL);
}

void main();
