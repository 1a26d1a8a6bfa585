// The queue as an agent sees it, on the benchmark database (1,000,000 tickets): the time in Chromium
// to the first rows painted. The renderer marks 'queue-first-rows' (performance.mark, relative to
// the navigation's start) when the first page's rows are in the DOM. Figures (ms):
// - queue_first_rows_cold_ms (median of COLD_RUNS): from the spawn of the serve-mode process (Node
//   starting, our code and its libraries loading, the core starting, the database opening and its
//   migrations checked, the schedulers' first pass) to the first rows painted in a browser profile
//   that remembers nothing (no cached assets or compiled code; the page also waits for
//   views.list). Goal: at most 1,000 ms. Not included: launching the browser itself, which is
//   already running, as an agent's is (its launch is measured apart: browser_launch_ms). Our code
//   is built ahead, as the desktop app's is: serve-process.ts is bundled once, unmeasured, by
//   Vite's SSR build with the libraries electron-vite bundles into the main process
//   (scripts/bundled-deps.ts), the others loaded from node_modules.
// - core_start_ms: the part of the cold start up to the server listening; cold_page_ms the rest
//   (the browser asking for the page, loading it and the first rows).
// - queue_first_rows_cold_tsx_ms and core_start_tsx_ms: the same cold start through tsx (as
//   `npm run serve` runs it, compiling our TypeScript as it loads, its transform cache filled by an
//   unmeasured start), for comparison.
// - queue_first_rows_ms (median of the warm runs) and queue_first_rows_p95_ms: an agent coming back
//   to a running server.
//
// Each visit is a browser profile on disk, as the desktop app's window and an agent's browser have:
// Chromium keeps compiled code only for such profiles (an incognito context recompiles every script
// on every load), and a returning agent's start-up depends on it.
//
// Needs the built renderer (`npm run build`). The cold starts run serve mode as a child process; the
// warm runs serve from this process. All on a copy of the cached database, as `npm run serve` would
// run it.
import { chromium, type BrowserContext } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { build } from 'vite';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCore } from '../../electron/core/app';
import { startServer } from '../../electron/core/serve/server';
import { BUNDLED_DEPS } from '../../scripts/bundled-deps';
import { chromiumLaunchOptions } from '../e2e/chromium';
// The store bench's data set, seeded once and cached, and its fixed "now".
import { BENCH_NOW, benchDatabase } from './queue.bench';

const STATIC_DIR = resolve('out/renderer');
const COLD_RUNS = 3;
const WARM_RUNS = 9;
const WARM_UPS = 2;
const SETTLE_MS = 2_000;
const VIEWPORT = { width: 1440, height: 900 };
const SERVE_PROCESS = fileURLToPath(new URL('./serve-process.ts', import.meta.url));
/** Where the built serve process goes: under node_modules, so that its libraries resolve from there. */
const BUILT_DIR = resolve('node_modules/.cache/support-console-bench-serve');
const COLD_TOKEN = 'bench-cold-start-token-0123456789';

interface ServeProcess {
  child: ChildProcess;
  base: string;
  /** Epoch ms from spawning the process to its "Serving at" line. */
  listeningAfterMs: number;
}

/** How the serve process runs: our code built ahead (plain Node), or compiled as it loads by tsx. */
type ServeEntry = { built: string } | { tsx: string };

/**
 * Bundles serve-process.ts and our code into one ES module as electron-vite builds the desktop app's
 * main process: the same libraries bundled (BUNDLED_DEPS), the others left as imports from
 * node_modules.
 */
async function buildServeProcess(): Promise<string> {
  const name = `serve-process-${process.pid}.mjs`;
  await build({
    configFile: false,
    logLevel: 'warn',
    ssr: { noExternal: BUNDLED_DEPS },
    build: {
      ssr: SERVE_PROCESS,
      outDir: BUILT_DIR,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      rollupOptions: { output: { format: 'esm', entryFileNames: name } },
    },
  });
  return join(BUILT_DIR, name);
}

/** Starts serve mode as its own process and waits for its "Serving at" line. */
function spawnServe(entry: ServeEntry, file: string, startedAt: number): Promise<ServeProcess> {
  const script = 'built' in entry ? [entry.built] : ['--import', 'tsx', entry.tsx];
  const child = spawn(process.execPath, [...script, file, STATIC_DIR, String(BENCH_NOW)], {
    env: { ...process.env, SUPPORT_CONSOLE_TOKEN: COLD_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolveStart, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^Serving at (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
      if (match?.[1]) resolveStart({ child, base: match[1], listeningAfterMs: Date.now() - startedAt });
    });
    child.once('exit', (code) =>
      reject(new Error(`queue-ui bench: serve process exited (${code}): ${stderr}`)),
    );
  });
}

function stopServe(serve: ServeProcess): Promise<void> {
  return new Promise((done) => {
    if (serve.child.exitCode !== null) return done();
    serve.child.removeAllListeners('exit');
    serve.child.once('exit', () => done());
    serve.child.kill('SIGTERM');
  });
}

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

  const contexts: BrowserContext[] = [];

  /** A browser profile of its own whose tab will use `session` (the server keys sign-in by it). */
  async function profileFor(session: string): Promise<BrowserContext> {
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

  async function signIn(base: string, token: string, session: string, staffId: number): Promise<void> {
    const response = await fetch(`${base}/api/call/session.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-support-token': token, 'x-support-session': session },
      body: JSON.stringify({ staffId }),
    });
    const result = (await response.json()) as { ok: boolean };
    if (!result.ok) throw new Error('queue-ui bench: could not sign in');
  }

  /** Opens the queue and waits for its first rows; the page's performance entries say when. */
  async function firstRows(context: BrowserContext, url: string): Promise<{ ms: number; paintedAt: number }> {
    const page = await context.newPage();
    try {
      await page.goto(url);
      // A function, not a string: the page's CSP forbids evaluating strings. (`performance` is
      // typed here by Node's globals; the function runs in the page.)
      const handle = await page.waitForFunction(
        () => {
          const mark = performance.getEntriesByName('queue-first-rows')[0];
          return mark ? [mark.startTime, performance.timeOrigin + mark.startTime] : undefined;
        },
        undefined,
        { timeout: 60_000 },
      );
      const [ms, paintedAt] = (await handle.jsonValue()) as [number, number];
      // What the page asks for after its first rows (views and their counts, staff, clocks) is
      // left to finish, so the next run starts on an idle server rather than behind it.
      await page.waitForTimeout(SETTLE_MS);
      return { ms, paintedAt };
    } finally {
      await page.close();
    }
  }

  // The first agent of the database, read before any server opens it.
  const probe = await startCore({ dbFile: file, demo: false, now: () => BENCH_NOW });
  const agent = await probe.core.db
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'agent')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await probe.close();

  /**
   * One cold start: a new serve process and a browser profile that remembers nothing. The profile
   * (the browser running) is ready before the clock starts.
   */
  async function coldStart(entry: ServeEntry): Promise<{ ms: number; coreMs: number }> {
    const session = `bench-${randomUUID()}`;
    const fresh = await profileFor(session);
    const startedAt = Date.now();
    const serve = await spawnServe(entry, file, startedAt);
    try {
      await signIn(serve.base, COLD_TOKEN, session, agent.id);
      const { paintedAt } = await firstRows(
        fresh,
        `${serve.base}/?token=${COLD_TOKEN}#/queue/needs_first_response`,
      );
      return { ms: paintedAt - startedAt, coreMs: serve.listeningAfterMs };
    } finally {
      await fresh.close();
      await stopServe(serve);
    }
  }

  // What launching the browser costs, apart: the cold start does not include it.
  const launchStarted = performance.now();
  const launched = await profileFor(`bench-${randomUUID()}`);
  const browserLaunchMs = performance.now() - launchStarted;
  await launched.close();

  // Our code built ahead, as the desktop app's is; one unmeasured start warms the OS's file cache.
  const built: ServeEntry = { built: await buildServeProcess() };
  const cold: { ms: number; coreMs: number }[] = [];
  try {
    await stopServe(await spawnServe(built, file, Date.now()));
    for (let i = 0; i < COLD_RUNS; i++) cold.push(await coldStart(built));
  } finally {
    rmSync(built.built, { force: true });
  }
  // Through tsx, as `npm run serve` runs: one unmeasured start fills tsx's transform cache.
  const tsx: ServeEntry = { tsx: SERVE_PROCESS };
  await stopServe(await spawnServe(tsx, file, Date.now()));
  const coldTsx = await coldStart(tsx);

  const running = await startCore({ dbFile: file, demo: false, now: () => BENCH_NOW });
  const server = await startServer({ running, staticDir: STATIC_DIR, port: 0 });
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const queueUrl = `${base}/?token=${server.token}#/queue/needs_first_response`;
    const signedInContext = async (): Promise<BrowserContext> => {
      const session = `bench-${randomUUID()}`;
      await signIn(base, server.token, session, agent.id);
      return profileFor(session);
    };

    // An agent coming back: the same browser profile remembers the last view (localStorage) and
    // has the assets and their compiled code cached. Unmeasured loads warm the server's statements
    // and the caches (Chromium keeps compiled code from a script's second load on).
    const context = await signedInContext();
    for (let i = 0; i < WARM_UPS; i++) await firstRows(context, queueUrl);
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push((await firstRows(context, queueUrl)).ms);
    await context.close();

    const median = percentile(
      cold.map((c) => c.ms),
      0.5,
    );
    const medianRun = cold.find((c) => c.ms === median) ?? { ms: median, coreMs: 0 };
    return {
      queue_first_rows_ms: round(percentile(warm, 0.5)),
      queue_first_rows_p95_ms: round(percentile(warm, 0.95)),
      queue_first_rows_cold_ms: round(median),
      core_start_ms: round(medianRun.coreMs),
      cold_page_ms: round(medianRun.ms - medianRun.coreMs),
      queue_first_rows_cold_tsx_ms: round(coldTsx.ms),
      core_start_tsx_ms: round(coldTsx.coreMs),
      browser_launch_ms: round(browserLaunchMs),
    };
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    await server.close();
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
