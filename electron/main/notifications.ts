// Native notifications for the renderer (see shared/desktop.ts). Registered on an ipcMain-like
// object, like the contract, so the checks run in tests without Electron: only the app's own
// top-level page may ask, with exactly one payload that the schema accepts.
import { desktopNotification, NOTIFY_CHANNEL, type NotifyResult } from '../../shared/desktop';
import type { DesktopNotification } from '../../shared/desktop';
import type { IpcMainLike } from './ipc';

export interface NotificationOptions {
  isAppUrl(url: string): boolean;
  /** Shows it (Electron's Notification in the app) for the window that asked. */
  show(notification: DesktopNotification, senderId: number): void;
  /** Whether this system can show notifications at all. */
  supported(): boolean;
}

export function registerNotifications(ipcMain: IpcMainLike, options: NotificationOptions): () => void {
  ipcMain.handle(NOTIFY_CHANNEL, (event, ...args): NotifyResult => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !options.isAppUrl(frame.url)) {
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: 'Notifications are accepted only from the Support Console window.',
        },
      };
    }
    if (args.length !== 1) {
      return { ok: false, error: { code: 'invalid_input', message: 'A notification is one object.' } };
    }
    const parsed = desktopNotification.safeParse(args[0]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'notification';
      return {
        ok: false,
        error: { code: 'invalid_input', message: `${field}: ${issue?.message ?? 'invalid'}` },
      };
    }
    if (!options.supported()) {
      return { ok: false, error: { code: 'unavailable', message: 'This system cannot show notifications.' } };
    }
    options.show(parsed.data, event.sender.id);
    return { ok: true };
  });
  return () => ipcMain.removeHandler(NOTIFY_CHANNEL);
}
