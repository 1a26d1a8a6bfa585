// Serve mode: the same core and contract over HTTP on 127.0.0.1, with server-sent events for the
// contract's events. Every data request must carry the per-run token printed in the URL.
// With `team` options the same server is the team server: it listens on the network (HTTP or
// HTTPS), has no per-run token, and authenticates each request by its session (team-auth.ts).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { events as contractEvents, type EventName } from '../../../shared/contract';
import type { Session } from '../api/context';
import type { RunningCore } from '../app';
import { resolveActor } from '../identity/authenticate';
import { CONTENT_SECURITY_POLICY } from './security';
import {
  clearedCookie,
  httpStatusFor,
  isSecure,
  originAllowed,
  presentedToken,
  sessionCookie,
  type TeamOptions,
} from './team-auth';

export interface ServeOptions {
  running: RunningCore;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  port: number;
  token?: string;
  /** Serve as the team server: on the network, authenticated by session instead of a token. */
  team?: TeamOptions;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;
const MAX_SESSIONS = 500;
const SESSION_HEADER = 'x-support-session';
const TOKEN_HEADER = 'x-support-token';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  const sessions = new Map<string, Session>();
  const team = options.team ?? null;
  /** Each event stream with the session token it was opened with (team server), to end it with it. */
  const streams = new Map<ServerResponse, string | null>();
  const { dispatcher, core } = options.running;
  let port = options.port;

  const unsubscribers = (Object.keys(contractEvents) as EventName[]).map((event) =>
    core.events.on(event, (payload) => {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of streams.keys()) stream.write(frame);
      if (team && event === 'data.changed' && (payload as { topics: string[] }).topics.includes('staff')) {
        void endRevokedStreams();
      }
    }),
  );

  /** A deactivated or signed-out person stops receiving events at once, not at their next call. */
  async function endRevokedStreams(): Promise<void> {
    for (const [stream, streamToken] of streams) {
      const { actor } = await resolveActor(options.running.core, { staffId: null, token: streamToken });
      if (!actor) {
        streams.delete(stream);
        stream.end();
      }
    }
  }

  function tokenMatches(candidate: string | null | undefined): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  function sessionFor(id: string): Session {
    let session = sessions.get(id);
    if (!session) {
      if (sessions.size >= MAX_SESSIONS) {
        const oldest = sessions.keys().next().value;
        if (oldest !== undefined) sessions.delete(oldest);
      }
      session = { staffId: null };
      sessions.set(id, session);
    }
    return session;
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[serve] request failed', error);
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Server error.' } });
      else res.end();
    });
  };
  const server: Server = team?.tls
    ? createHttpsServer({ cert: team.tls.cert, key: team.tls.key }, listener)
    : createServer(listener);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only this machine's loopback names: a page on another site that rebinds its DNS name to
    // 127.0.0.1 still sends its own Host header and is turned away.
    const host = req.headers.host ?? '';
    // The team server answers to whatever name the network gives it; its cookie is SameSite=Strict.
    if (!team && host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return sendText(res, 421, 'Misdirected request.');
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    return serveStatic(res, url.pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/api/events') {
      let streamToken: string | null = null;
      if (team) {
        streamToken = presentedToken(req).token;
        const { actor } = await resolveActor(options.running.core, { staffId: null, token: streamToken });
        if (!actor) return sendText(res, 401, 'Sign in first.');
      } else if (!tokenMatches(url.searchParams.get('token')))
        return sendText(res, 401, 'A valid token is required.');
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.set(res, streamToken);
      req.on('close', () => streams.delete(res));
      return;
    }
    const match = /^\/api\/call\/([A-Za-z.]+)$/.exec(url.pathname);
    if (!match || req.method !== 'POST') {
      return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'No such endpoint.' } });
    }
    if (team) return handleTeamCall(req, res, match[1] ?? '', team);
    const tokenHeader = req.headers[TOKEN_HEADER];
    if (!tokenMatches(typeof tokenHeader === 'string' ? tokenHeader : null)) {
      return sendJson(res, 401, {
        ok: false,
        error: { code: 'not_signed_in', message: 'A valid token is required.' },
      });
    }
    // A JSON content type cannot be sent cross-site without a preflight we never answer.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, {
        ok: false,
        error: { code: 'invalid_input', message: 'Send the input as application/json.' },
      });
    }
    const sessionHeader = req.headers[SESSION_HEADER];
    const sessionId =
      typeof sessionHeader === 'string' && /^[\w-]{8,64}$/.test(sessionHeader) ? sessionHeader : null;
    if (!sessionId) {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'invalid_input', message: `Send a session id in the ${SESSION_HEADER} header.` },
      });
    }
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (error) {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'invalid_input', message: (error as Error).message },
      });
    }
    const result = await dispatcher.call(sessionFor(sessionId), match[1] ?? '', body);
    sendJson(res, 200, result);
  }

  /** One call on the team server: the session comes from the cookie or Bearer token, never the body. */
  async function handleTeamCall(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    teamOptions: TeamOptions,
  ): Promise<void> {
    if (!originAllowed(req, teamOptions)) {
      return sendJson(res, 403, {
        ok: false,
        error: { code: 'forbidden', message: 'Requests from another site are refused.' },
      });
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, {
        ok: false,
        error: { code: 'invalid_input', message: 'Send the input as application/json.' },
      });
    }
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (error) {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'invalid_input', message: (error as Error).message },
      });
    }
    const presented = presentedToken(req);
    const userAgent = req.headers['user-agent'];
    const session: Session = {
      staffId: null,
      token: presented.token,
      client: typeof userAgent === 'string' ? userAgent : null,
    };
    const result = await dispatcher.call(session, method, body);
    const secure = isSecure(req, teamOptions);
    const headers: Record<string, string> = {};
    if (session.token && session.token !== presented.token && presented.via !== 'bearer') {
      headers['set-cookie'] = sessionCookie(
        session.token,
        secure,
        options.running.core.identity.sessionMaxMs,
      );
    } else if (!session.token && presented.via === 'cookie') {
      headers['set-cookie'] = clearedCookie(secure);
    }
    sendJson(res, httpStatusFor(result), result, headers);
  }

  function serveStatic(res: ServerResponse, pathname: string): void {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = resolve(join(staticRoot, relative || 'index.html'));
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) return sendText(res, 403, 'Forbidden.');
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticRoot, 'index.html');
    if (!existsSync(file)) {
      return sendText(
        res,
        503,
        'The renderer is not built: run `npm run build`, then start serve mode again.',
      );
    }
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': type.startsWith('text/html') ? 'no-store' : 'public, max-age=3600',
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, team?.host ?? '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const listenHost = team?.host ?? '127.0.0.1';
  const shownHost = listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  const heartbeat = setInterval(() => {
    for (const stream of streams.keys()) stream.write(': ping\n\n');
  }, 25_000);
  heartbeat.unref();

  return {
    server,
    port,
    token,
    url: team
      ? `${team.tls ? 'https' : 'http'}://${shownHost}:${port}/`
      : `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((done) => {
        clearInterval(heartbeat);
        unsubscribers.forEach((off) => off());
        for (const stream of streams.keys()) stream.end();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`The request body is larger than ${MAX_BODY_BYTES} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolveBody({});
      try {
        resolveBody(JSON.parse(text));
      } catch {
        reject(new Error('The request body is not valid JSON.'));
      }
    });
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
