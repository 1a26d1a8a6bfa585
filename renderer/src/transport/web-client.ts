// The serve-mode transport: every contract method becomes a POST to /api/call/<method>, and
// contract events arrive over one shared EventSource. Failures never throw: they come back as the
// same CallResult shape the Electron preload returns, so views handle one kind of error.
import {
  apiError,
  events as contractEvents,
  methodNames,
  type ApiErrorShape,
  type CallResult,
  type ClientApi,
  type EventName,
  type EventPayload,
} from '../../../shared/contract';

export interface WebClientOptions {
  /** The per-run token serve mode printed in the page URL; null when the page was opened without it. */
  token: string | null;
  /** Identifies this window's sign-in to the server. */
  sessionId: string;
  baseUrl?: string;
}

const unreachable: ApiErrorShape = {
  code: 'unavailable',
  message: 'The server did not answer. Check that serve mode is still running, then try again.',
};

const missingToken: ApiErrorShape = {
  code: 'not_signed_in',
  message:
    'This page was opened without its access token. Open the full address that serve mode printed (it ends with ?token=…).',
};

type AnyListener = (payload: EventPayload<EventName>) => void;

export function createWebClient(options: WebClientOptions): ClientApi {
  const base = options.baseUrl ?? '';

  async function call(method: string, input: unknown): Promise<CallResult<unknown>> {
    if (!options.token) return { ok: false, error: missingToken };
    let response: Response;
    try {
      response = await fetch(`${base}/api/call/${method}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-support-token': options.token,
          'x-support-session': options.sessionId,
        },
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
    return asCallResult(body, response.status);
  }

  const listeners = new Map<EventName, Set<AnyListener>>();
  let source: EventSource | null = null;
  let hadError = false;

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
    if (source || !options.token) return;
    source = new EventSource(`${base}/api/events?token=${encodeURIComponent(options.token)}`);
    source.addEventListener('error', () => {
      hadError = true;
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
    for (const event of Object.keys(contractEvents) as EventName[]) {
      source.addEventListener(event, (message: MessageEvent<string>) => {
        let json: unknown;
        try {
          json = JSON.parse(message.data);
        } catch {
          return;
        }
        const parsed = contractEvents[event].safeParse(json);
        if (parsed.success) emit(event, parsed.data);
        else console.warn(`[transport] ignored a malformed ${event} event`, parsed.error.issues);
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

  const client: Record<string, unknown> = {
    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set<AnyListener>();
      set.add(listener as AnyListener);
      listeners.set(event, set);
      openStream();
      return () => {
        set.delete(listener as AnyListener);
        closeStreamIfIdle();
      };
    },
  };
  for (const name of methodNames) client[name] = (input: unknown) => call(name, input);
  // Built from methodNames, so the object has exactly ClientApi's keys; TypeScript cannot see that
  // through the loop.
  return client as ClientApi;
}

function asCallResult(body: unknown, status: number): CallResult<unknown> {
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    if (body.ok === true && 'value' in body) return { ok: true, value: body.value };
    if (body.ok === false && 'error' in body) {
      const error = apiError.safeParse(body.error);
      if (error.success) return { ok: false, error: error.data };
    }
  }
  return {
    ok: false,
    error: { code: 'internal', message: `The server answered ${status} with an unexpected result.` },
  };
}
