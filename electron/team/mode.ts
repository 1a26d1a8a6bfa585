// Where the desktop app works, as one state machine the main process holds: unchosen (first run,
// the renderer shows the choice), local (the core on this computer's SQLite file) or team (the
// relay to a team server). Every contract call from a window goes through `call`, whichever it is;
// the renderer's data code cannot tell the difference.
import type { CallResult, EventName, EventPayload } from '../../shared/contract';
import { events as contractEvents } from '../../shared/contract';
import type { ChoiceProblem, ChooseResult, ConnectionState, ModeChoice } from '../../shared/desktop';
import type { Session } from '../core/api/context';
import type { RunningCore } from '../core/app';
import { authHeaders, freshCredentials, type TeamCredentials } from './credentials';
import { TeamRelay, type RelayOptions } from './relay';
import {
  openCredentials,
  readSettings,
  sealCredentials,
  writeSettings,
  type DesktopSettings,
  type SecretBox,
} from './settings';
import { AddressError, parseTeamServerAddress, type TeamServerAddress } from './server-url';
import { describeNetworkError } from './sse';

export interface ModeControllerOptions {
  settingsFile: string;
  secrets: SecretBox;
  /** Opens the core on this computer's database. */
  startLocal(): Promise<RunningCore>;
  /**
   * Whether this computer already has a database (an earlier version's, or one named by
   * SUPPORT_CONSOLE_DB): without a settings file, the app then keeps working on it without asking.
   */
  localDataExists(): boolean;
  onState(state: ConnectionState): void;
  onEvent<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Test seams for the relay (fetch, backoff, timeouts). */
  relay?: Pick<RelayOptions, 'fetch' | 'backoff' | 'random' | 'callTimeoutMs' | 'idleTimeoutMs'>;
  /** How long the first contact with a server may take before it counts as unreachable. */
  probeTimeoutMs?: number;
}

type Backend =
  | { mode: 'unchosen'; problem: ChoiceProblem | null }
  | { mode: 'local'; running: RunningCore; unsubscribe: () => void }
  | { mode: 'team'; relay: TeamRelay; address: TeamServerAddress; sessionKept: boolean };

const NOT_CHOSEN: CallResult<never> = {
  ok: false,
  error: {
    code: 'unavailable',
    message: 'Choose where Support Console works first: on this computer or with a team server.',
  },
};

export class ModeController {
  private backend: Backend = { mode: 'unchosen', problem: null };
  /** Choices run one at a time: a second click waits for the first to finish. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ModeControllerOptions) {}

  get state(): ConnectionState {
    const b = this.backend;
    if (b.mode === 'unchosen') return { mode: 'unchosen', problem: b.problem };
    if (b.mode === 'local') return { mode: 'local' };
    return { mode: 'team', server: b.address.base, link: b.relay.state, sessionKept: b.sessionKept };
  }

  /** The core on this computer, in local mode (its rule set names the external links allowed). */
  get localCore(): RunningCore | null {
    return this.backend.mode === 'local' ? this.backend.running : null;
  }

  /** Resumes what was chosen last time, or waits for the person's choice. */
  start(): Promise<void> {
    return this.serially(async () => {
      const read = readSettings(this.options.settingsFile);
      if (read.kind === 'unreadable') {
        this.become({ mode: 'unchosen', problem: { code: 'settings_unreadable', detail: read.detail } });
        return;
      }
      const settings: DesktopSettings | null = read.kind === 'read' ? read.settings : null;
      if (settings?.mode === 'team') {
        const credentials = openCredentials(this.options.secrets, settings.sealedCredentials);
        const address = { base: settings.server, accessToken: credentials?.accessToken ?? null };
        this.startTeam(address, credentials ?? freshCredentials(null));
        return;
      }
      if (settings?.mode === 'local' || (settings === null && this.options.localDataExists())) {
        const problem = await this.startLocal();
        if (problem) this.become({ mode: 'unchosen', problem });
        else if (settings === null) writeSettings(this.options.settingsFile, { version: 1, mode: 'local' });
        return;
      }
      this.become({ mode: 'unchosen', problem: null });
    });
  }

  /** One contract call from a window, to whichever backend is in use. */
  call(session: Session, method: string, input: unknown): Promise<CallResult<unknown>> {
    const b = this.backend;
    if (b.mode === 'local') return b.running.dispatcher.call(session, method, input);
    if (b.mode === 'team') return b.relay.call(method, input);
    return Promise.resolve(NOT_CHOSEN);
  }

  retry(): void {
    if (this.backend.mode === 'team') this.backend.relay.retryNow();
  }

  choose(choice: ModeChoice): Promise<ChooseResult> {
    return this.serially(async (): Promise<ChooseResult> => {
      if (choice.mode === 'unchosen') {
        await this.stopBackend({ signOut: true });
        writeSettings(this.options.settingsFile, { version: 1, mode: 'unchosen' });
        this.become({ mode: 'unchosen', problem: null });
        return { ok: true, state: this.state };
      }
      if (choice.mode === 'local') {
        if (this.backend.mode === 'local') return { ok: true, state: this.state };
        await this.stopBackend({ signOut: true });
        const problem = await this.startLocal();
        if (problem) {
          this.become({ mode: 'unchosen', problem });
          return { ok: false, error: { code: problem.code, message: problem.detail } };
        }
        writeSettings(this.options.settingsFile, { version: 1, mode: 'local' });
        return { ok: true, state: this.state };
      }
      let address: TeamServerAddress;
      try {
        address = parseTeamServerAddress(choice.address);
      } catch (error) {
        if (error instanceof AddressError)
          return { ok: false, error: { code: error.code, message: error.message } };
        throw error;
      }
      const credentials = freshCredentials(address.accessToken);
      const problem = await this.probe(address, credentials);
      if (problem) return { ok: false, error: { code: problem.code, message: problem.detail } };
      await this.stopBackend({ signOut: true });
      this.startTeam(address, credentials);
      return { ok: true, state: this.state };
    });
  }

  async close(): Promise<void> {
    await this.serially(() => this.stopBackend({ signOut: false }));
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private become(backend: Backend): void {
    this.backend = backend;
    this.options.onState(this.state);
  }

  private async startLocal(): Promise<ChoiceProblem | null> {
    let running: RunningCore;
    try {
      running = await this.options.startLocal();
    } catch (error) {
      return { code: 'local_failed', detail: (error as Error).message };
    }
    const offs = (Object.keys(contractEvents) as EventName[]).map((name) =>
      running.core.events.on(name, (payload) => this.options.onEvent(name, payload)),
    );
    this.become({ mode: 'local', running, unsubscribe: () => offs.forEach((off) => off()) });
    return null;
  }

  private startTeam(address: TeamServerAddress, credentials: TeamCredentials): void {
    const sessionKept = this.options.secrets.available();
    const save = (next: TeamCredentials) =>
      writeSettings(this.options.settingsFile, {
        version: 1,
        mode: 'team',
        server: address.base,
        sealedCredentials: sealCredentials(this.options.secrets, next),
      });
    save(credentials);
    const relay = new TeamRelay({
      ...this.options.relay,
      address,
      credentials,
      saveCredentials: save,
      onState: () => {
        if (this.backend.mode === 'team' && this.backend.relay === relay) this.options.onState(this.state);
      },
      onEvent: (name, payload) => {
        if (this.backend.mode === 'team' && this.backend.relay === relay) this.options.onEvent(name, payload);
      },
    });
    this.become({ mode: 'team', relay, address, sessionKept });
    relay.start();
  }

  private async stopBackend(options: { signOut: boolean }): Promise<void> {
    const b = this.backend;
    if (b.mode === 'local') {
      b.unsubscribe();
      await b.running.close();
    } else if (b.mode === 'team') {
      // Leaving a team server ends the session there too (best effort: it may be out of reach).
      if (options.signOut && b.relay.signedIn) await b.relay.call('session.signOut', {});
      b.relay.stop();
    }
    this.backend = { mode: 'unchosen', problem: null };
  }

  /** First contact: is a Support Console server answering at this address, and does it let us in? */
  private async probe(
    address: TeamServerAddress,
    credentials: TeamCredentials,
  ): Promise<ChoiceProblem | null> {
    const doFetch = this.options.relay?.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(`${address.base}/api/call/session.current`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders(credentials) },
        body: '{}',
        signal: AbortSignal.timeout(this.options.probeTimeoutMs ?? 10_000),
        redirect: 'error',
      });
    } catch (error) {
      const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
      return {
        code: 'unreachable',
        detail: timedOut ? 'The server did not answer in time.' : describeNetworkError(error),
      };
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // Not JSON: a web page or a proxy's error, judged by the status below.
    }
    const isCallResult =
      typeof body === 'object' && body !== null && 'ok' in body && typeof body.ok === 'boolean';
    if (response.status === 401 && isCallResult) {
      return {
        code: 'token_refused',
        detail: address.accessToken
          ? 'The server refused the access token in this address; it changes every time serve mode starts.'
          : 'This server asks for an access token: paste the whole address it printed (ending in ?token=…).',
      };
    }
    if (response.status >= 500)
      return { code: 'server_error', detail: `The server answered ${response.status}.` };
    if (!isCallResult) {
      return {
        code: 'not_a_console',
        detail: `${address.base} answered ${response.status}, not as a Support Console server.`,
      };
    }
    return null;
  }
}
