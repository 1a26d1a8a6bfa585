// The desktop bridge's mode and connection channels (see shared/desktop.ts), registered on an
// ipcMain-like object like the contract: only the app's own top-level page may ask, and a choice is
// acted on only when the schema accepts it.
import {
  CHOOSE_MODE_CHANNEL,
  CONNECTION_CHANNEL,
  RETRY_CONNECTION_CHANNEL,
  modeChoice,
  type ChooseResult,
  type ConnectionState,
  type ModeChoice,
} from '../../shared/desktop';
import type { InvokeEventLike, IpcMainLike } from './ipc';

export interface ConnectionOptions {
  isAppUrl(url: string): boolean;
  state(): ConnectionState;
  choose(choice: ModeChoice): Promise<ChooseResult>;
  retry(): void;
}

const refused = {
  ok: false,
  error: { code: 'forbidden', message: 'Accepted only from the Support Console window.' },
} as const satisfies ChooseResult;

function fromApp(event: InvokeEventLike, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function registerConnection(ipcMain: IpcMainLike, options: ConnectionOptions): () => void {
  ipcMain.handle(CONNECTION_CHANNEL, (event) => (fromApp(event, options.isAppUrl) ? options.state() : null));
  ipcMain.handle(CHOOSE_MODE_CHANNEL, async (event, ...args): Promise<ChooseResult> => {
    if (!fromApp(event, options.isAppUrl)) return refused;
    const parsed = args.length === 1 ? modeChoice.safeParse(args[0]) : null;
    if (!parsed?.success) {
      const issue = parsed?.error.issues[0];
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: issue
            ? `${issue.path.join('.') || 'choice'}: ${issue.message}`
            : 'A choice is one object.',
        },
      };
    }
    return options.choose(parsed.data);
  });
  ipcMain.handle(RETRY_CONNECTION_CHANNEL, (event) => {
    if (fromApp(event, options.isAppUrl)) options.retry();
  });
  return () =>
    [CONNECTION_CHANNEL, CHOOSE_MODE_CHANNEL, RETRY_CONNECTION_CHANNEL].forEach((c) =>
      ipcMain.removeHandler(c),
    );
}
