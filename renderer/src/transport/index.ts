// Chooses how the renderer talks to the core: inside Electron the preload has put `window.api` on
// the page; anywhere else (serve mode in a browser) the same ClientApi is built over HTTP.
import type { ApiErrorShape, ClientApi } from '../../../shared/contract';
import { createWebClient, loadContract } from './web-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    api?: ClientApi;
  }
}

export type TransportKind = 'electron' | 'web';

const SESSION_KEY = 'support-console.session';

/**
 * The server keys sign-in by this id. Keeping it for the tab's lifetime means a reload stays signed
 * in, while a second tab is a second person at the desk.
 */
function sessionId(): string {
  try {
    const existing = sessionStorage.getItem(SESSION_KEY);
    if (existing && /^[\w-]{8,64}$/.test(existing)) return existing;
    const fresh = crypto.randomUUID();
    sessionStorage.setItem(SESSION_KEY, fresh);
    return fresh;
  } catch {
    return crypto.randomUUID();
  }
}

function choose(): { api: ClientApi; kind: TransportKind } {
  if (window.api) return { api: window.api, kind: 'electron' };
  const token = new URLSearchParams(window.location.search).get('token');
  return { api: createWebClient({ token, sessionId: sessionId() }), kind: 'web' };
}

type SessionEndedListener = (error: ApiErrorShape) => void;
let sessionEndedListener: SessionEndedListener | null = null;

/**
 * Hears every answer that says this window's session ended, whichever call received it. Several
 * calls are often in flight when a lead deactivates someone: the first to arrive carries the reason
 * and clears the cookie, so the others only learn "nobody is signed in". Without this, the reason
 * would be shown or lost depending on which answer came back first.
 */
export function onSessionEnded(listener: SessionEndedListener | null): void {
  sessionEndedListener = listener;
}

function endedBy(result: unknown): ApiErrorShape | null {
  if (typeof result !== 'object' || result === null || !('ok' in result) || result.ok !== false) return null;
  if (!('error' in result)) return null;
  const error = result.error as ApiErrorShape;
  return error.code === 'deactivated' || error.code === 'session_expired' ? error : null;
}

/** Their refusals are about the credentials just typed, shown by the form that sent them. */
const SIGN_IN_CALLS = new Set<string>(['session.signIn', 'session.signInWithPassword', 'subscribe']);

function watchSessionEnds(raw: ClientApi): ClientApi {
  const wrapped = new Map<string, unknown>();
  // The Proxy's own target is a plain object: the preload's object may be frozen by the context
  // bridge (a Proxy over it could not return other functions), and the web client has no own keys.
  const watched = new Proxy(
    {},
    {
      get(_target, name) {
        const value: unknown = Reflect.get(raw, name);
        if (typeof name !== 'string' || typeof value !== 'function' || SIGN_IN_CALLS.has(name)) {
          return value;
        }
        let method = wrapped.get(name);
        if (!method) {
          method = async (input: unknown) => {
            const result: unknown = await (value as (input: unknown) => Promise<unknown>)(input);
            const ended = endedBy(result);
            if (ended) sessionEndedListener?.(ended);
            return result;
          };
          wrapped.set(name, method);
        }
        return method;
      },
    },
  );
  return watched as ClientApi;
}

const chosen = choose();

export const api: ClientApi = watchSessionEnds(chosen.api);
export const transportKind: TransportKind = chosen.kind;

/**
 * Gets ready to read events: over HTTP their shapes are checked against the contract's schemas,
 * which the first page does not load (zod and every schema cost more than the first rows). Called
 * once the first rows are shown. Inside Electron the preload checks them: nothing to do.
 */
export function prepareEvents(): void {
  if (chosen.kind === 'web') void loadContract();
}
export { SESSION_KEY };
