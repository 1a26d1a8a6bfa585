// The queue as an agent sees it, on the 100,000-ticket benchmark database: the time in Chromium
// from opening the queue's address (already signed in) to its first rows painted. The renderer
// marks 'queue-first-rows' (performance.mark, relative to the navigation's start) when the first
// page's rows are in the DOM. Figures (ms): queue_first_rows_ms (median of the warm runs),
// queue_first_rows_p95_ms, and queue_first_rows_cold_ms (a first visit: nothing remembered in the
// browser, so the page waits for views.list before asking for rows).
//
// Each visit is a browser profile on disk, as the desktop app's window and an agent's browser have:
// Chromium keeps compiled code only for such profiles (an incognito context recompiles every script
// on every load), and a returning agent's start-up depends on it.
//
// Needs the built renderer (`npm run build`). Serve mode runs in this process on a copy of the
// cached database, as `npm run serve` would run it.
import { chromium, type BrowserContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCore } from '../../electron/core/app';
import { startServer } from '../../electron/core/serve/server';
import { chromiumLaunchOptions } from '../e2e/chromium';
// The store bench's data set (100,000 tickets), seeded once and cached, and its fixed "now".
import { BENCH_NOW, benchDatabase } from './queue.bench';

const STATIC_DIR = resolve('out/renderer');
const WARM_RUNS = 9;
const WARM_UPS = 2;
const SETTLE_MS = 2_000;
const VIEWPORT = { width: 1440, height: 900 };

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] ?? 0;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

export async function benchQueueUi(): Promise<Record<string, number>> {
  if (!existsSync(join(STATIC_DIR, 'index.html'))) {
    throw new Error(
      'queue-ui bench: the renderer is not built (no out/renderer/index.html); run `npm run build`.',
    );
  }
  const cached = await benchDatabase();
  // A copy per run: starting the core may write (due plan changes, schedulers).
  const dir = join(tmpdir(), `support-console-ui-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'queue-ui.sqlite');
  copyFileSync(cached, file);

  const running = await startCore({ dbFile: file, demo: false, now: () => BENCH_NOW });
  const server = await startServer({ running, staticDir: STATIC_DIR, port: 0 });
  const contexts: BrowserContext[] = [];
  try {
    const agent = await running.core.db
      .selectFrom('staff')
      .select('id')
      .where('role', '=', 'agent')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const base = `http://127.0.0.1:${server.port}`;
    const queueUrl = `${base}/?token=${server.token}#/queue/needs_first_response`;

    /**
     * A browser profile of its own whose tab is already signed in as the agent (the server keys
     * sign-in by session id).
     */
    async function signedInContext(): Promise<BrowserContext> {
      const session = `bench-${randomUUID()}`;
      const response = await fetch(`${base}/api/call/session.signIn`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-support-token': server.token,
          'x-support-session': session,
        },
        body: JSON.stringify({ staffId: agent.id }),
      });
      const result = (await response.json()) as { ok: boolean };
      if (!result.ok) throw new Error('queue-ui bench: could not sign in');
      const context = await chromium.launchPersistentContext(mkdtempSync(join(dir, 'profile-')), {
        ...chromiumLaunchOptions,
        headless: true,
        viewport: VIEWPORT,
        locale: 'en-GB',
      });
      contexts.push(context);
      await context.addInitScript(
        `sessionStorage.setItem('support-console.session', ${JSON.stringify(session)});`,
      );
      return context;
    }

    async function firstRows(context: BrowserContext): Promise<number> {
      const page = await context.newPage();
      try {
        await page.goto(queueUrl);
        // A function, not a string: the page's CSP forbids evaluating strings. (`performance` is
        // typed here by Node's globals; the function runs in the page.)
        const handle = await page.waitForFunction(
          () => performance.getEntriesByName('queue-first-rows')[0]?.startTime,
          undefined,
          { timeout: 30_000 },
        );
        const ms = Number(await handle.jsonValue());
        // What the page asks for after its first rows (views and their counts, staff, clocks) is
        // left to finish, so the next run starts on an idle server rather than behind it.
        await page.waitForTimeout(SETTLE_MS);
        return ms;
      } finally {
        await page.close();
      }
    }

    // A first visit: no view remembered, so the rows wait for views.list.
    const fresh = await signedInContext();
    const cold = await firstRows(fresh);
    await fresh.close();

    // An agent coming back: the same browser profile remembers the last view (localStorage) and
    // has the assets and their compiled code cached. Unmeasured loads warm the server's statements
    // and the caches (Chromium keeps compiled code from a script's second load on).
    const context = await signedInContext();
    for (let i = 0; i < WARM_UPS; i++) await firstRows(context);
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await firstRows(context));
    await context.close();

    return {
      queue_first_rows_ms: round(percentile(warm, 0.5)),
      queue_first_rows_p95_ms: round(percentile(warm, 0.95)),
      queue_first_rows_cold_ms: round(cold),
    };
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    await server.close();
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
