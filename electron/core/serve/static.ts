// The built renderer over HTTP, served by sirv: the files are listed once at start-up and only
// those are ever sent (a path outside the folder, a dotfile or a file added later is not a file here),
// app routes fall back to index.html, and caching follows what each file is.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';
import { CONTENT_SECURITY_POLICY } from './security';

/**
 * Vite names what it bundles `assets/<name>-<hash>.<ext>`: a new build gives a changed file a new
 * name, so a browser may keep these for a year without asking again.
 */
const HASHED_ASSET = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;
export const CACHE_HASHED = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files: never kept, so a new build is picked up on reload. */
export const CACHE_PAGE = 'no-store';
/** Anything else (an icon): kept, but checked against its ETag before each use. */
export const CACHE_OTHER = 'no-cache';

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => void;

export function createStaticFiles(staticDir: string): StaticHandler {
  const index = join(staticDir, 'index.html');
  const built = existsSync(index);
  const indexFile = built ? statSync(index) : null;
  /** sirv answers app routes with index.html under the route's own path, so the file decides. */
  const isPage = (pathname: string, stats: Stats) =>
    /\.html?$/.test(pathname) ||
    (indexFile !== null && stats.ino === indexFile.ino && stats.dev === indexFile.dev);
  const files = sirv(staticDir, {
    // The app's routes ("/queue/mine") get index.html; a missing file with an extension is a 404.
    single: true,
    etag: true,
    dotfiles: false,
    setHeaders(res, pathname, stats) {
      res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('cross-origin-opener-policy', 'same-origin');
      res.setHeader('cross-origin-resource-policy', 'same-origin');
      res.setHeader(
        'cache-control',
        isPage(pathname, stats) ? CACHE_PAGE : HASHED_ASSET.test(pathname) ? CACHE_HASHED : CACHE_OTHER,
      );
    },
    onNoMatch(_req, res) {
      sendText(res, 404, 'Not found.');
    },
  });

  return (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendText(res, 405, 'Method not allowed.');
    }
    if (!built) {
      return sendText(
        res,
        503,
        'The renderer is not built: run `npm run build`, then start serve mode again.',
      );
    }
    const problem = pathProblem(pathname);
    if (problem !== null) return sendText(res, 400, `Bad path: ${problem}.`);
    files(req, res);
  };
}

/**
 * A path that cannot name a file: broken percent-encoding ("/%E0%A4%A", "/%", "/%ff") is the
 * client's mistake (400), not a server error, and so is a decoded NUL or other control character.
 * (decodeURIComponent also refuses an encoded lone surrogate: it is not UTF-8.)
 */
function pathProblem(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return 'its percent-encoding is malformed';
  }
  // No file name holds a control character; tab and line breaks included, unlike message text.
  return /\p{Cc}/u.test(decoded) ? 'it contains a control character' : null;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}
