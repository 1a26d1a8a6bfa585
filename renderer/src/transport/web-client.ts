// The serve-mode transport: every contract method becomes a POST to /api/call/<method>, and
// contract events arrive over one shared EventSource. Failures never throw: they come back as the
// same CallResult shape the Electron preload returns, so views handle one kind of error.
//
// The contract's zod schemas are not loaded at start-up (building them costs more than the first
// page of the queue takes to arrive): methods are found by name, and the schemas are fetched
// (a separate chunk) when the first event needs validating.
import type { ApiErrorShape, CallResult, ClientApi, EventName, EventPayload } from '../../../shared/contract';
import type * as ContractModule from '../../../shared/contract';
import { errorCodes } from '../../../shared/vocabulary';
import { eventNames } from '../format/vocabulary';

export interface WebClientOptions {
  /**
   * The per-run token serve mode printed in the page URL. Null on a team server, where the session
   * cookie (HttpOnly, set by the server at sign-in) authenticates every request instead.
   */
  token: string | null;
  /** Identifies this window's sign-in to the server. */
  sessionId: string;
  baseUrl?: string;
}

let contract: Promise<typeof ContractModule> | null = null;
/**
 * The contract's schemas, loaded once. The console asks for them once its first rows are shown
 * (`prepareEvents`), so that events are not held up by the load when they start to arrive.
 */
export function loadContract(): Promise<typeof ContractModule> {
  contract ??= import('../../../shared/contract');
  return contract;
}

const unreachable: ApiErrorShape = {
  code: 'unavailable',
  message: 'The server did not answer. Check that serve mode is still running, then try again.',
};

/** An event stream the server closed (signed out) is opened again after a call succeeds, at most this often. */
const REOPEN_EVERY_MS = 5_000;

type AnyListener = (payload: EventPayload<EventName>) => void;

export function createWebClient(options: WebClientOptions): ClientApi {
  const base = options.baseUrl ?? '';

  async function call(method: string, input: unknown): Promise<CallResult<unknown>> {
    let response: Response;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token) {
      headers['x-support-token'] = options.token;
      headers['x-support-session'] = options.sessionId;
    }
    try {
      response = await fetch(`${base}/api/call/${method}`, {
        method: 'POST',
        headers,
        credentials: 'same-origin',
        body: JSON.stringify(input ?? {}),
        cache: 'no-store',
      });
    } catch {
      return { ok: false, error: unreachable };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `The server answered ${response.status} without a readable result.`,
        },
      };
    }
    const result = asCallResult(body, response.status);
    if (result.ok) reopenStream(method.startsWith('session.signIn'));
    return result;
  }

  const listeners = new Map<EventName, Set<AnyListener>>();
  let source: EventSource | null = null;
  let hadError = false;
  let lastOpened = 0;

  /** After a sign-in the stream the server refused (or closed at sign-out) can open again. */
  function reopenStream(signedIn: boolean): void {
    if (source || (!signedIn && Date.now() - lastOpened < REOPEN_EVERY_MS)) return;
    if ([...listeners.values()].some((set) => set.size > 0)) openStream();
  }

  function emit(event: EventName, payload: EventPayload<EventName>): void {
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`[transport] ${event} listener failed`, error);
      }
    }
  }

  function openStream(): void {
    if (source) return;
    lastOpened = Date.now();
    const opened = new EventSource(
      options.token ? `${base}/api/events?token=${encodeURIComponent(options.token)}` : `${base}/api/events`,
    );
    source = opened;
    opened.addEventListener('error', () => {
      hadError = true;
      // Refused (not signed in on a team server): the browser gives up; a later call reopens it.
      if (opened.readyState === EventSource.CLOSED && source === opened) source = null;
    });
    // EventSource reconnects by itself, but whatever changed while it was down was never sent:
    // tell every listener that everything may have changed so views refetch once.
    source.addEventListener('open', () => {
      if (!hadError) return;
      hadError = false;
      emit('data.changed', {
        topics: ['tickets', 'customers', 'messages', 'calls', 'staff', 'assignments'],
        ticketIds: [],
        customerIds: [],
      });
    });
    for (const event of eventNames) {
      source.addEventListener(event, (message: MessageEvent<string>) => {
        let json: unknown;
        try {
          json = JSON.parse(message.data);
        } catch {
          return;
        }
        void loadContract().then(({ events }) => {
          const parsed = events[event].safeParse(json);
          if (parsed.success) emit(event, parsed.data);
          else console.warn(`[transport] ignored a malformed ${event} event`, parsed.error.issues);
        });
      });
    }
  }

  function closeStreamIfIdle(): void {
    const anyone = [...listeners.values()].some((set) => set.size > 0);
    if (!anyone && source) {
      source.close();
      source = null;
    }
  }

  function subscribe<E extends EventName>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
  ): () => void {
    const set = listeners.get(event) ?? new Set<AnyListener>();
    set.add(listener as AnyListener);
    listeners.set(event, set);
    openStream();
    return () => {
      set.delete(listener as AnyListener);
      closeStreamIfIdle();
    };
  }

  const methods = new Map<string, (input: unknown) => Promise<CallResult<unknown>>>();
  const client = new Proxy(
    {},
    {
      get(_target, name) {
        if (name === 'subscribe') return subscribe;
        if (typeof name !== 'string') return undefined;
        let method = methods.get(name);
        if (!method) {
          method = (input: unknown) => call(name, input);
          methods.set(name, method);
        }
        return method;
      },
    },
  );
  // Every property is a method by that name (the server answers an unknown one with not_found), so
  // the proxy has every key ClientApi has; TypeScript cannot see that through a Proxy.
  return client as ClientApi;
}

function isApiError(value: unknown): value is ApiErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message, field } = value as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    (errorCodes as readonly string[]).includes(code) &&
    typeof message === 'string' &&
    (field === undefined || typeof field === 'string')
  );
}

function asCallResult(body: unknown, status: number): CallResult<unknown> {
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    if (body.ok === true && 'value' in body) return { ok: true, value: body.value };
    if (body.ok === false && 'error' in body && isApiError(body.error))
      return { ok: false, error: body.error };
  }
  return {
    ok: false,
    error: { code: 'internal', message: `The server answered ${status} with an unexpected result.` },
  };
}
