// The renderer is loaded from app://console/, a custom privileged scheme, rather than file://: a
// page on file:// shares its origin with every other local file, and could read them. This handler
// serves only the built renderer's folder, refuses any path that leaves it, and sends the same
// Content-Security-Policy as serve mode with every answer. It uses only the web Request/Response
// types and node:fs, so tests drive it without Electron (electron/main/index.ts registers it with
// protocol.handle).
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../core/serve/security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** What registerSchemesAsPrivileged needs, before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  // standard: parsed like http (origin, relative URLs, storage); secure: like https, so the page
  // is a secure context; supportFetchAPI: its own assets can be fetched. No CORS, no service workers.
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    corsEnabled: false,
    allowServiceWorkers: false,
  },
} as const;

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

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });
}

/**
 * The file a URL names inside `root`, or the status to answer instead: 404 for another host or a
 * missing file, 400 for a malformed path, 403 for one that would leave the folder.
 */
export function resolveAppPath(root: string, raw: string): { file: string } | { status: 400 | 403 | 404 } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 404 };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400 };
  }
  // Encoded separators and NUL would let a path mean something else once it reaches the file system.
  if (path.includes('\0') || path.includes('\\')) return { status: 400 };
  const base = resolve(root);
  const file = resolve(base, `.${path === '/' ? '/index.html' : path}`);
  if (!file.startsWith(base + sep)) return { status: 403 };
  return { file };
}

export function createAppProtocolHandler(options: { root: string }): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed.');
    const resolved = resolveAppPath(options.root, request.url);
    if ('status' in resolved) {
      const text = { 400: 'Bad request.', 403: 'Forbidden.', 404: 'Not found.' }[resolved.status];
      return plain(resolved.status, text);
    }
    try {
      if (!(await stat(resolved.file)).isFile()) return plain(404, 'Not found.');
    } catch {
      return plain(404, 'Not found.');
    }
    const body = await readFile(resolved.file);
    const type = contentTypes[extname(resolved.file)] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'content-type': type,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      },
    });
  };
}
