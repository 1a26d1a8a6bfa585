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

/** The header a team server names a newly issued session token in, for programmatic clients. */
export const SESSION_TOKEN_HEADER = 'x-support-session-token';

/**
 * The session a sign-in answer hands to a programmatic client: the token in SESSION_TOKEN_HEADER
 * or, failing that, a `sessionToken` string beside the signed-in person in the answer. This is the
 * one place that knows how the team server issues sessions.
 */
export function issuedSessionToken(headers: Headers, value: unknown): string | null {
  const fromHeader = headers.get(SESSION_TOKEN_HEADER);
  if (fromHeader && fromHeader.length >= 16 && fromHeader.length <= 1000) return fromHeader;
  if (typeof value === 'object' && value !== null && 'sessionToken' in value) {
    const token = (value as { sessionToken: unknown }).sessionToken;
    if (typeof token === 'string' && token.length >= 16 && token.length <= 1000) return token;
  }
  return null;
}
