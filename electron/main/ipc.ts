// Registers the contract on an ipcMain-like object. It takes an interface rather than Electron's
// ipcMain so tests can drive it without Electron, and it trusts nothing from the renderer: the sender
// must be the app's own top-level page, and the core validates the input against the contract's zod
// schema before any handler runs.
import type { MethodName } from '../../shared/contract';
import { methodNames } from '../../shared/contract';
import type { Session } from '../core/api/context';
import type { Dispatcher } from '../core/api/dispatch';
import { APP_HOST, APP_SCHEME } from './app-protocol';

export const CALL_CHANNEL_PREFIX = 'api:';
export const EVENT_CHANNEL = 'api:event';

export interface FrameLike {
  url: string;
  /** null for a top-level frame. */
  parent: unknown;
}

export interface InvokeEventLike {
  senderFrame: FrameLike | null;
  sender: { id: number };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface RegisterOptions {
  /** Where calls go: the core on this computer, or the relay to a team server (electron/team/mode.ts). */
  dispatcher: Pick<Dispatcher, 'call'>;
  /** Whether a URL is the app's own page (the built index.html, or the dev server in development). */
  isAppUrl(url: string): boolean;
  /** The session of the window that sent the message. */
  sessionFor(senderId: number): Session;
}

export function channelFor(method: MethodName): string {
  return `${CALL_CHANNEL_PREFIX}${method}`;
}

export function registerContract(ipcMain: IpcMainLike, options: RegisterOptions): () => void {
  for (const method of methodNames) {
    ipcMain.handle(channelFor(method), async (event, ...args) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !options.isAppUrl(frame.url)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'Calls are accepted only from the Support Console window.' },
        };
      }
      if (args.length > 1) {
        return { ok: false, error: { code: 'invalid_input', message: `${method} takes one argument.` } };
      }
      return options.dispatcher.call(options.sessionFor(event.sender.id), method, args[0]);
    });
  }
  return () => methodNames.forEach((method) => ipcMain.removeHandler(channelFor(method)));
}

/**
 * The app's page: in production app://console/index.html (electron/main/app-protocol.ts), in
 * development the dev server's origin. Compared as parsed URLs so query strings and fragments
 * cannot smuggle another page in.
 */
export function appUrlMatcher(options: { devServerUrl: string | null }): (url: string) => boolean {
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (options.devServerUrl) return url.origin === new URL(options.devServerUrl).origin;
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.pathname === '/index.html';
  };
}
