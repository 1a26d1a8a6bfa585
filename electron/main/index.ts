// The Electron shell: one hardened window around the core. Everything that does not need Electron
// lives in electron/core and runs (and is tested) under plain Node.
import { app, BrowserWindow, ipcMain, Notification, session, shell, webContents } from 'electron';
import { join } from 'node:path';
import { events as contractEvents, type EventName } from '../../shared/contract';
import { NOTIFICATION_CLICK_CHANNEL } from '../../shared/desktop';
import type { Session } from '../core/api/context';
import { startCore, type RunningCore } from '../core/app';
import { APP_NAME, defaultDatabaseFile } from '../core/paths';
import { CONTENT_SECURITY_POLICY } from '../core/serve/security';
import { externalLinkAllowlist, isAllowedExternalLink } from './external-links';
import { appUrlMatcher, EVENT_CHANNEL, registerContract } from './ipc';
import { electronNativeBinding } from './native-binding';
import { registerNotifications } from './notifications';

const devServerUrl = process.env.ELECTRON_RENDERER_URL ?? null;
const indexFile = join(__dirname, '../renderer/index.html');
const isAppUrl = appUrlMatcher({ indexFile: devServerUrl ? null : indexFile, devServerUrl });
const sessions = new Map<number, Session>();

app.setName(APP_NAME);
app.enableSandbox();

async function main(): Promise<void> {
  await app.whenReady();
  let running: RunningCore;
  try {
    running = await startCore({
      dbFile: process.env.SUPPORT_CONSOLE_DB ?? defaultDatabaseFile(),
      rulesFile: process.env.SUPPORT_CONSOLE_RULES,
      demo: process.env.SUPPORT_CONSOLE_NO_DEMO !== '1',
      nativeBinding: electronNativeBinding(app.getAppPath(), process.versions.electron),
    });
  } catch (error) {
    console.error(`Support Console could not start: ${(error as Error).message}`);
    app.exit(1);
    return;
  }
  const allowlist = externalLinkAllowlist(running.core.rules);

  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'notifications'),
  );
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  registerContract(ipcMain, {
    dispatcher: running.dispatcher,
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
  // Every contract event reaches every window (data.changed, and the SLA warnings and breaches).
  for (const name of Object.keys(contractEvents) as EventName[]) {
    running.core.events.on(name, (payload) => {
      for (const window of BrowserWindow.getAllWindows()) {
        if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
      }
    });
  }

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
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
  app.on('will-quit', () => void running.close());
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
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(indexFile);
}

void main();
