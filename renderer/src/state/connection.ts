// Where the desktop app works and the health of its link to a team server, mirrored from the main
// process over the desktop bridge (shared/desktop.ts). In a browser (serve mode) there is no
// bridge and nothing to choose: `desktop` is false and the state stays null.
import { create } from 'zustand';
import type { ChooseResult, ConnectionState, ModeChoice } from '../../../shared/desktop';
import { useSession } from './session';

interface ConnectionStore {
  /** Whether this page runs in the desktop app. */
  desktop: boolean;
  /** null until the main process has answered (and always in a browser). */
  state: ConnectionState | null;
  choose(choice: ModeChoice): Promise<ChooseResult>;
  retry(): void;
}

const bridge = typeof window === 'undefined' ? undefined : window.desktop;

export const useConnection = create<ConnectionStore>()(() => ({
  desktop: bridge !== undefined,
  state: null,
  async choose(choice) {
    if (!bridge) return { ok: false, error: { code: 'forbidden', message: 'Not in the desktop app.' } };
    const result = await bridge.chooseMode(choice);
    // Everything the page loaded belongs to the old place: start it again on the new one.
    if (result.ok) window.location.reload();
    return result;
  },
  retry() {
    void bridge?.retryConnection();
  },
}));

function receive(state: ConnectionState | null): void {
  if (!state) return;
  const before = useConnection.getState().state;
  useConnection.setState({ state });
  // Started while the server was out of reach, the sign-in screen shows that error: once the link
  // is back, the session is checked again so it fills in by itself.
  const wasDown = before?.mode === 'team' && before.link.status !== 'online';
  const session = useSession.getState();
  if (wasDown && state.mode === 'team' && state.link.status === 'online' && session.restoreError) {
    void session.restore();
  }
}

if (bridge) {
  bridge.onConnectionChange(receive);
  void bridge.connection().then(receive);
}
