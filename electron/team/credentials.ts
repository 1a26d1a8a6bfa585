// What the desktop holds to talk to its team server on the person's behalf. All of it is secret
// (the session token signs in as the person; serve mode's access token opens the server), so it is
// only ever written to disk sealed by the operating system's keystore (electron/main: safeStorage).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export const teamCredentials = z
  .object({
    /** Names this desktop's sign-in to a server that keys sessions by a client id (serve mode). */
    clientSessionId: z.string().regex(/^[\w-]{8,64}$/),
    /** Serve mode's per-run access token, from the address the person typed. */
    accessToken: z.string().min(16).max(200).nullable(),
    /** The session token the server issued at sign-in (sent as a Bearer token); null when signed out. */
    sessionToken: z.string().min(16).max(1000).nullable(),
  })
  .strict();
export type TeamCredentials = z.infer<typeof teamCredentials>;

export function freshCredentials(accessToken: string | null): TeamCredentials {
  return { clientSessionId: randomUUID(), accessToken, sessionToken: null };
}

/** The headers every request to the team server carries for these credentials. */
export function authHeaders(credentials: TeamCredentials): Record<string, string> {
  const headers: Record<string, string> = { 'x-support-session': credentials.clientSessionId };
  if (credentials.accessToken) headers['x-support-token'] = credentials.accessToken;
  if (credentials.sessionToken) headers.authorization = `Bearer ${credentials.sessionToken}`;
  return headers;
}

/**
 * The sign-in methods. The team server hands a programmatic client its session in the answer when
 * asked to (`bearer: true`), so the relay always asks, keeps the token, and never lets it reach the
 * page.
 */
export const SIGN_IN_METHODS: ReadonlySet<string> = new Set(['session.signIn', 'session.signInWithPassword']);

/** The input as sent to the team server: a sign-in with a password asks for the token in the answer. */
export function relayedInput(method: string, input: unknown): unknown {
  if (method === 'session.signInWithPassword' && typeof input === 'object' && input !== null)
    return { ...input, bearer: true };
  return input;
}

/** The header a team server may name a newly issued session token in. */
export const SESSION_TOKEN_HEADER = 'x-support-session-token';

/**
 * The session a sign-in answer issued: `token` in the answer (the team server's
 * session.signInWithPassword with `bearer: true`), or SESSION_TOKEN_HEADER. This is the one place
 * that knows how the team server issues sessions.
 */
export function issuedSessionToken(headers: Headers, value: unknown): string | null {
  if (typeof value === 'object' && value !== null && 'token' in value) {
    const token = (value as { token: unknown }).token;
    if (typeof token === 'string' && token.length >= 16 && token.length <= 1000) return token;
  }
  const fromHeader = headers.get(SESSION_TOKEN_HEADER);
  if (fromHeader && fromHeader.length >= 16 && fromHeader.length <= 1000) return fromHeader;
  return null;
}

/** What the page sees of a sign-in answer: everything but the token, which stays in the main process. */
export function withoutToken(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'token' in value) return { ...value, token: null };
  return value;
}

/** Errors after which the server no longer knows the session (a wrong password is not one of them). */
export const SESSION_ENDED_CODES: ReadonlySet<string> = new Set([
  'not_signed_in',
  'session_expired',
  'deactivated',
]);
