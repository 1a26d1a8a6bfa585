// The team relay: the desktop's main process talking to a team server on the renderer's behalf.
// Calls go out as the serve-mode HTTP API (POST /api/call/<method>), events come in over its
// server-sent event stream, and the link's health is one small state machine the window shows as a
// banner: connecting → online → offline (retrying with backoff) → connecting …
//
// Nothing here needs Electron: the main process wires it to IPC, and tests run it against a real
// server on 127.0.0.1.
import {
  apiError,
  events as contractEvents,
  methods,
  type CallResult,
  type EventName,
  type EventPayload,
  type MethodName,
} from '../../shared/contract';
import { dataTopics } from '../../shared/contract';
import type { LinkProblem, LinkState } from '../../shared/desktop';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import {
  authHeaders,
  issuedSessionToken,
  relayedInput,
  SESSION_ENDED_CODES,
  SIGN_IN_METHODS,
  withoutToken,
  type TeamCredentials,
} from './credentials';
import type { TeamServerAddress } from './server-url';
import { describeNetworkError, EventStreamError, readEventStream } from './sse';

export interface RelayOptions {
  address: TeamServerAddress;
  credentials: TeamCredentials;
  /** Called whenever the credentials change (a sign-in issued a session, a sign-out ended it). */
  saveCredentials(credentials: TeamCredentials): void;
  onState(state: LinkState): void;
  onEvent<E extends EventName>(name: E, payload: EventPayload<E>): void;
  fetch?: typeof fetch;
  backoff?: BackoffOptions;
  random?: () => number;
  now?: () => number;
  /** A call that takes longer is answered as unavailable (default 20 s). */
  callTimeoutMs?: number;
  /** The event stream silent this long is taken for dead (default 60 s; the server pings every 25 s). */
  idleTimeoutMs?: number;
}

const NETWORK_CODES_BEFORE_SENDING = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
]);

/** Everything may have changed while the stream was down: views refetch what they show. */
const EVERYTHING_CHANGED: EventPayload<'data.changed'> = {
  topics: [...dataTopics],
  ticketIds: [],
  customerIds: [],
};

function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

function isEventName(name: string): name is EventName {
  return Object.hasOwn(contractEvents, name);
}

export class TeamRelay {
  private credentials: TeamCredentials;
  private link: LinkState;
  private stream: AbortController | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private stopped = true;
  /** The last stream was refused for want of a sign-in: it is opened again after one. */
  private waitingForSignIn = false;
  private hasBeenOnline = false;
  private readonly doFetch: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: RelayOptions) {
    this.credentials = options.credentials;
    this.doFetch = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.link = { status: 'connecting', since: this.now(), attempt: 0, retryAt: null, problem: null };
  }

  get state(): LinkState {
    return this.link;
  }

  get signedIn(): boolean {
    return this.credentials.sessionToken !== null;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearRetry();
    this.stream?.abort();
    this.stream = null;
  }

  /** Tries again now instead of waiting for the backoff (the banner's "Retry now"). */
  retryNow(): void {
    if (this.stopped || this.link.status === 'connecting' || this.link.status === 'online') return;
    this.clearRetry();
    this.connect();
  }

  /**
   * One contract call, relayed. Never throws: a server that cannot be reached answers
   * `unavailable` with what became of the request, and the link starts reconnecting.
   */
  async call(method: string, input: unknown): Promise<CallResult<unknown>> {
    if (!isMethodName(method))
      return { ok: false, error: { code: 'not_found', message: `Unknown method "${method}".` } };
    const spec = methods[method];
    // Checked here too, so bad input is refused at once and never travels.
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `input to ${method}${field ? `: ${field}` : ''}: ${issue?.message ?? 'invalid'}`,
          ...(field ? { field } : {}),
        },
      };
    }
    let response: Response;
    try {
      response = await this.doFetch(`${this.options.address.base}/api/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders(this.credentials) },
        body: JSON.stringify(relayedInput(method, input ?? {})),
        signal: AbortSignal.timeout(this.options.callTimeoutMs ?? 20_000),
        redirect: 'error',
      });
    } catch (error) {
      return this.unreachable(error);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return this.serverFault(response.status, 'without a readable result');
    }
    // The server is there whatever it said: a link that was down comes back now.
    if (this.link.status === 'offline') this.retryNow();
    const result = this.readResult(method, body, response.status);
    if (result.ok && SIGN_IN_METHODS.has(method)) {
      const token = issuedSessionToken(response.headers, result.value);
      if (token) this.updateCredentials({ ...this.credentials, sessionToken: token });
      return { ok: true, value: withoutToken(result.value) };
    }
    if (method === 'session.signOut' && result.ok)
      this.updateCredentials({ ...this.credentials, sessionToken: null });
    // The server no longer knows the session (expired, revoked, deactivated): forgotten here too.
    if (
      !result.ok &&
      response.status === 401 &&
      SESSION_ENDED_CODES.has(result.error.code) &&
      this.credentials.sessionToken
    )
      this.updateCredentials({ ...this.credentials, sessionToken: null });
    return result;
  }

  private readResult(method: MethodName, body: unknown, status: number): CallResult<unknown> {
    if (typeof body === 'object' && body !== null && 'ok' in body) {
      if (body.ok === true && 'value' in body) {
        const value = methods[method].output.safeParse(body.value);
        if (value.success) return { ok: true, value: value.data };
        const issue = value.error.issues[0];
        return this.serverFault(
          status,
          `with data this app does not understand (${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}); the server may run another version`,
        );
      }
      if (body.ok === false && 'error' in body) {
        const error = apiError.safeParse(body.error);
        if (error.success) return { ok: false, error: error.data };
      }
    }
    return this.serverFault(status, 'with an unexpected result');
  }

  private serverFault(status: number, what: string): CallResult<unknown> {
    return {
      ok: false,
      error: { code: 'internal', message: `The team server answered ${status} ${what}.` },
    };
  }

  private unreachable(error: unknown): CallResult<unknown> {
    const detail = describeNetworkError(error);
    const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
    const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
    const neverSent = typeof code === 'string' && NETWORK_CODES_BEFORE_SENDING.has(code);
    this.lost({ code: 'unreachable', detail: timedOut ? 'The server did not answer in time.' : detail });
    return {
      ok: false,
      error: {
        code: 'unavailable',
        message: neverSent
          ? `The team server cannot be reached (${detail}). Nothing was sent; what you typed is kept. Try again once the connection is back.`
          : `The team server did not confirm this (${timedOut ? 'no answer in time' : detail}). It may or may not have been saved: check before sending it again. What you typed is kept.`,
      },
    };
  }

  private updateCredentials(next: TeamCredentials): void {
    const signedInBefore = this.credentials.sessionToken !== null;
    this.credentials = next;
    this.options.saveCredentials(next);
    // A stream refused for want of a sign-in is opened again with the new session.
    if (!signedInBefore && next.sessionToken !== null && this.waitingForSignIn) {
      this.waitingForSignIn = false;
      this.stream?.abort();
      this.clearRetry();
      this.connect();
    }
  }

  private setLink(next: Omit<LinkState, 'since'>): void {
    const since = next.status === this.link.status ? this.link.since : this.now();
    this.link = { ...next, since };
    this.options.onState(this.link);
  }

  private connect(): void {
    if (this.stopped) return;
    this.stream?.abort();
    const controller = new AbortController();
    this.stream = controller;
    this.setLink({ status: 'connecting', attempt: this.attempt, retryAt: null, problem: this.link.problem });
    const url = new URL(`${this.options.address.base}/api/events`);
    if (this.credentials.accessToken) url.searchParams.set('token', this.credentials.accessToken);
    readEventStream({
      url: url.toString(),
      headers: authHeaders(this.credentials),
      fetch: this.doFetch,
      signal: controller.signal,
      idleTimeoutMs: this.options.idleTimeoutMs ?? 60_000,
      onOpen: () => {
        if (controller.signal.aborted) return;
        const cameBack = this.hasBeenOnline;
        this.hasBeenOnline = true;
        this.attempt = 0;
        this.waitingForSignIn = false;
        this.setLink({ status: 'online', attempt: 0, retryAt: null, problem: null });
        if (cameBack) this.options.onEvent('data.changed', EVERYTHING_CHANGED);
      },
      onEvent: ({ event, data }) => {
        if (controller.signal.aborted || !isEventName(event)) return;
        let json: unknown;
        try {
          json = JSON.parse(data);
        } catch {
          return;
        }
        const parsed = contractEvents[event].safeParse(json);
        if (parsed.success) this.options.onEvent(event, parsed.data as EventPayload<typeof event>);
      },
    }).then(
      () => undefined,
      (error: unknown) => {
        if (controller.signal.aborted || this.stopped) return;
        const status = error instanceof EventStreamError ? error.status : null;
        const message = error instanceof Error ? error.message : String(error);
        if ((status === 401 || status === 403) && !this.signedIn) {
          // Reachable, but events are for signed-in people only: the stream waits for a sign-in.
          this.waitingForSignIn = true;
          this.hasBeenOnline = true;
          this.attempt = 0;
          this.setLink({ status: 'online', attempt: 0, retryAt: null, problem: null });
          return;
        }
        const problem: LinkProblem =
          // No answer, or a stream that was open and ended (a restart, a dropped connection).
          status === null || status === 200
            ? { code: 'unreachable', detail: message }
            : status === 401 || status === 403
              ? { code: 'refused', detail: message }
              : status === 404
                ? { code: 'not_a_console', detail: message }
                : { code: 'server_error', detail: message };
        this.lost(problem);
      },
    );
  }

  /** The link is down: say so and schedule the next attempt. */
  private lost(problem: LinkProblem): void {
    if (this.stopped) return;
    if (this.link.status === 'offline' && this.retryTimer) {
      // Already waiting: keep the schedule, refresh the reason.
      this.setLink({ ...this.link, problem });
      return;
    }
    this.stream?.abort();
    this.stream = null;
    const delay = backoffDelay(this.attempt, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random);
    this.attempt += 1;
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
    this.setLink({ status: 'offline', attempt: this.attempt, retryAt: this.now() + delay, problem });
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
