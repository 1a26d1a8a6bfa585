// The team server's side of HTTP authentication: the session token from an HttpOnly cookie
// (browsers) or an Authorization: Bearer header (programmatic clients such as the desktop app), the
// cookie's flags, and the cross-site request checks. The core decides who the token belongs to;
// this module only carries it.
import type { IncomingMessage } from 'node:http';
import type { CallResult } from '../../../shared/contract';

export interface TeamOptions {
  /** The address to listen on (0.0.0.0, a LAN address, 127.0.0.1 behind a proxy). */
  host: string;
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer } | undefined;
  /** Behind a reverse proxy: believe its X-Forwarded-Proto and X-Forwarded-Host. */
  trustProxy: boolean;
}

/** Over HTTPS the cookie takes the __Host- prefix: Secure, Path=/, no Domain, set by this host only. */
const COOKIE_SECURE = '__Host-support-session';
const COOKIE_PLAIN = 'support-session';

function firstHeader(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : (first.split(',')[0]?.trim() ?? null);
}

export function isSecure(req: IncomingMessage, team: TeamOptions): boolean {
  if (team.tls) return true;
  return team.trustProxy && firstHeader(req, 'x-forwarded-proto') === 'https';
}

/** The origin the browser sees: this server's, or the proxy's in front of it. */
export function publicOrigin(req: IncomingMessage, team: TeamOptions): string {
  const host = (team.trustProxy ? firstHeader(req, 'x-forwarded-host') : null) ?? req.headers.host ?? '';
  return `${isSecure(req, team) ? 'https' : 'http'}://${host}`;
}

export interface Presented {
  token: string | null;
  via: 'cookie' | 'bearer' | null;
}

export function presentedToken(req: IncomingMessage): Presented {
  const authorization = req.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return { token: match?.[1] ?? '', via: 'bearer' };
  }
  const cookies = parseCookies(req.headers.cookie);
  const token = cookies.get(COOKIE_SECURE) ?? cookies.get(COOKIE_PLAIN) ?? null;
  return { token, via: token === null ? null : 'cookie' };
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

export function sessionCookie(token: string, secure: boolean, maxAgeMs: number): string {
  const name = secure ? COOKIE_SECURE : COOKIE_PLAIN;
  const flags = ['Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.floor(maxAgeMs / 1000)}`];
  if (secure) flags.push('Secure');
  return `${name}=${token}; ${flags.join('; ')}`;
}

export function clearedCookie(secure: boolean): string {
  const name = secure ? COOKIE_SECURE : COOKIE_PLAIN;
  return `${name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/**
 * A browser on another site may send a simple cross-site POST with our cookie; SameSite=Strict
 * keeps the cookie off it, the JSON content type forces a preflight we never answer, and this
 * refuses any request whose Origin is not ours. Clients that are not browsers send no Origin.
 */
export function originAllowed(req: IncomingMessage, team: TeamOptions): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return firstHeader(req, 'sec-fetch-site') !== 'cross-site';
  return origin === publicOrigin(req, team);
}

const unauthorized = new Set(['not_signed_in', 'session_expired', 'deactivated', 'wrong_password']);

/** An HTTP status that says what the typed error says, for proxies, logs and plain HTTP clients. */
export function httpStatusFor(result: CallResult<unknown>): number {
  if (result.ok) return 200;
  if (unauthorized.has(result.error.code)) return 401;
  if (result.error.code === 'forbidden') return 403;
  if (result.error.code === 'locked_out') return 429;
  return 200;
}
