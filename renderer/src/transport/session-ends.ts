// Why this window is not signed in, whichever call heard it first. Several calls are often in flight
// when a session ends (a lead deactivates someone, or it is signed out elsewhere): the first answer
// carries the reason and clears the cookie, so the calls after it only hear "nobody is signed in".
// Without this, the reason would be shown or lost depending on which answer came back first.
import type { ApiErrorShape, ClientApi } from '../../../shared/contract';

type SessionEndedListener = (error: ApiErrorShape) => void;
let sessionEndedListener: SessionEndedListener | null = null;

/** Hears every answer that says this window's session ended, whichever call received it. */
export function onSessionEnded(listener: SessionEndedListener | null): void {
  sessionEndedListener = listener;
}

function errorOf(result: unknown): ApiErrorShape | null {
  if (typeof result !== 'object' || result === null || !('ok' in result) || result.ok !== false) return null;
  if (!('error' in result)) return null;
  return result.error as ApiErrorShape;
}

const succeeded = (result: unknown) =>
  typeof result === 'object' && result !== null && 'ok' in result && result.ok === true;

/** Their refusals are about the credentials just typed, shown by the form that sent them. */
const SIGN_IN_CALLS = new Set<string>(['session.signIn', 'session.signInWithPassword']);

/**
 * The client API, with every "session ended" answer reported, and every later "not signed in" answer
 * told as the reason it ended, until this window signs in again or out on purpose.
 */
export function watchSessionEnds(raw: ClientApi): ClientApi {
  let endedBecause: ApiErrorShape | null = null;
  const wrapped = new Map<string, unknown>();
  // The Proxy's own target is a plain object: the preload's object may be frozen by the context
  // bridge (a Proxy over it could not return other functions), and the web client has no own keys.
  const watched = new Proxy(
    {},
    {
      get(_target, name) {
        const value: unknown = Reflect.get(raw, name);
        // The event subscription is not a call: it returns its unsubscribe function at once.
        if (typeof name !== 'string' || typeof value !== 'function' || name === 'subscribe') return value;
        let method = wrapped.get(name);
        if (!method) {
          const call = value as (input: unknown) => Promise<unknown>;
          method = async (input: unknown) => {
            if (name === 'session.signOut') endedBecause = null;
            const result: unknown = await call(input);
            if (SIGN_IN_CALLS.has(name)) {
              if (succeeded(result)) endedBecause = null;
              return result;
            }
            const error = errorOf(result);
            if (error?.code === 'deactivated' || error?.code === 'session_expired') {
              endedBecause = error;
              sessionEndedListener?.(error);
            } else if (error?.code === 'not_signed_in' && endedBecause) {
              return { ok: false, error: endedBecause };
            }
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
