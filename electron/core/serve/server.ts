// Serve mode: the same core and contract over HTTP on 127.0.0.1, with server-sent events for the
// contract's events. Every data request must carry the per-run token printed in the URL.
// With `team` options the same server is the team server: it listens on the network (HTTP or
// HTTPS), has no per-run token, and authenticates each request by its session (team-auth.ts).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { events as contractEvents, type EventName, type EventPayload } from '../../../shared/contract';
import { MAX_POST_BYTES, WEBSITE_POSTS_PATH } from '../../../shared/website';
import type { Core, Session } from '../api/context';
import { receiveWebsitePost } from '../channels/website/intake';
import type { RunningCore } from '../app';
import { resolveActor } from '../identity/authenticate';
import { endsSessions } from '../identity/session-cache';
import {
  clearedCookie,
  httpStatusFor,
  isSecure,
  originAllowed,
  presentedToken,
  sessionCookie,
  type TeamOptions,
} from './team-auth';
import { createStaticFiles } from './static';

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
/** The longest an event waits for others to go out with it (clients must hear it within 1 s). */
const FAN_OUT_MS = 50;
const SESSION_HEADER = 'x-support-session';
const TOKEN_HEADER = 'x-support-token';

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticFiles = createStaticFiles(resolve(options.staticDir));
  const sessions = new Map<string, Session>();
  const team = options.team ?? null;
  /** Each event stream with the session token it was opened with (team server), to end it with it. */
  const streams = new Map<ServerResponse, string | null>();
  const { dispatcher, core } = options.running;
  let port = options.port;

  // Events go out together, a batch at most every FAN_OUT_MS: each write to a stream is a system
  // call that also does the receiving side's work on loopback, and a team's every write is heard by
  // every one of its clients. A batch is one text, serialised once, written once to each stream.
  let batch: string[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    flushTimer = null;
    const text = batch.join('');
    batch = [];
    for (const stream of streams.keys()) stream.write(text);
  };
  const unsubscribers = (Object.keys(contractEvents) as EventName[]).map((event) =>
    core.events.on(event, (payload) => {
      batch.push(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      flushTimer ??= setTimeout(flush, FAN_OUT_MS);
      if (team && event === 'data.changed' && endsSessions(payload as EventPayload<'data.changed'>)) {
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
        // The events not yet sent go with it: they include the one that ended the session.
        stream.end(batch.join(''));
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

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[serve] request failed', error);
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Server error.' } });
      else res.end();
    });
  };
  const server: Server = team?.tls
    ? createHttpsServer({ cert: team.tls.cert, key: team.tls.key }, onRequest)
    : createServer(onRequest);
  if (team) {
    // Node closes an idle kept-alive connection after 5 s; a client (the desktop's relay, a reverse
    // proxy) that sends on it just as it closes sees "socket hang up". Idle connections of a team's
    // clients are kept longer than the usual proxies' own idle timeouts (60 s), so they close first.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  // A client that asks before sending a body (Expect: 100-continue, as curl does for large ones)
  // hears at once that a body over the limit will not be read, and never sends it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const length = Number(req.headers['content-length']);
    if ((req.url ?? '').split('?')[0] === WEBSITE_POSTS_PATH && length > MAX_POST_BYTES) {
      return sendPostTooLarge(res);
    }
    if (length > MAX_BODY_BYTES) return sendTooLarge(res);
    res.writeContinue();
    onRequest(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only this machine's loopback names: a page on another site that rebinds its DNS name to
    // 127.0.0.1 still sends its own Host header and is turned away.
    const host = req.headers.host ?? '';
    // The team server answers to whatever name the network gives it; its cookie is SameSite=Strict.
    if (!team && host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return sendText(res, 421, 'Misdirected request.');
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      return sendText(res, 400, 'Bad request target.');
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    return staticFiles(req, res, url.pathname);
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
    if (url.pathname === WEBSITE_POSTS_PATH) return handleWebsitePost(core, req, res);
    const match = /^\/api\/call\/([A-Za-z.]+)$/.exec(url.pathname);
    if (!match || req.method !== 'POST') {
      return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'No such endpoint.' } });
    }
    if (team) return handleTeamCall(req, res, match[1] ?? '', team);
    const tokenHeader = req.headers[TOKEN_HEADER];
    if (!tokenMatches(typeof tokenHeader === 'string' ? tokenHeader : null)) {
      return sendJson(res, 401, {
        ok: false,
        error: {
          code: 'not_signed_in',
          message:
            'A valid token is required: open the full address serve mode printed (it ends with ?token=…).',
        },
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
      if (error instanceof BodyTooLargeError) return sendTooLarge(res);
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
      if (error instanceof BodyTooLargeError) return sendTooLarge(res);
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
        if (flushTimer) clearTimeout(flushTimer);
        flush();
        for (const stream of streams.keys()) stream.end();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/**
 * A body past the limit is read to its end and dropped, and only then refused: a server that
 * answers and closes while the client is still sending makes the client's system reset the
 * connection, and the client sees "connection reset" instead of the 413. A client still sending
 * far past the limit is cut off (it may see the reset then).
 */
const MAX_DRAINED_BYTES = 16 * MAX_BODY_BYTES;

/** The raw body, up to `limit` bytes (the website's signature is over the exact bytes sent). */
function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length']) > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAINED_BYTES) {
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLargeError());
        return;
      }
      if (tooLarge || size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return reject(new BodyTooLargeError());
      resolveBody(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req)).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('The request body is not valid JSON.');
  }
}

/**
 * The website's posts (channels/website/intake.ts): no token, session or Origin, since the website's
 * server calls it; each request is authenticated by its HMAC signature instead.
 */
async function handleWebsitePost(core: Core, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return sendJson(res, 405, {
      ok: false,
      error: { code: 'invalid_post', message: `Send posts with POST to ${WEBSITE_POSTS_PATH}.` },
    });
  }
  let body: Buffer;
  try {
    body = await readBody(req, MAX_POST_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return sendPostTooLarge(res);
  }
  const reply = await receiveWebsitePost(core, { headers: req.headers, body });
  sendJson(res, reply.status, reply.body, reply.headers);
}

function sendPostTooLarge(res: ServerResponse): void {
  res.setHeader('connection', 'close');
  sendJson(res, 413, {
    ok: false,
    error: {
      code: 'body_too_large',
      message: `A post is at most ${MAX_POST_BYTES.toLocaleString('en-US')} bytes.`,
    },
  });
}

/** 413, and the connection closes after it: the rest of an unread body must not be taken for a request. */
function sendTooLarge(res: ServerResponse): void {
  res.setHeader('connection', 'close');
  sendJson(res, 413, {
    ok: false,
    error: {
      code: 'invalid_input',
      message: `The request body is larger than ${MAX_BODY_BYTES.toLocaleString('en-US')} bytes.`,
    },
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
