// End-to-end tests of the renderer in Debian's Chromium against serve mode: the real core on a
// fresh demo database per run. Nothing is downloaded: the browser is the system's.
import { defineConfig } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from './test/e2e/chromium';

const port = Number(process.env.E2E_PORT ?? 5199);

// The config is evaluated again in every worker; environment variables set here are inherited by
// the workers, so the server, the tests and the database folder agree on one value per run.
process.env.SUPPORT_CONSOLE_TOKEN ??= `e2e-${randomBytes(18).toString('base64url')}`;
process.env.E2E_DB_DIR ??= mkdtempSync(join(tmpdir(), 'support-console-e2e-'));
// The run's fixed instant, a Wednesday morning with every channel open: the core starts on it (demo
// data seeded for it) and each page's clock is installed on the same instant (test/e2e/support.ts),
// so no assertion depends on the hour the suite happens to run. E2E_CLOCK_ORIGIN is the wall time
// the instant stands for; both clocks advance from it at the wall clock's pace.
process.env.E2E_NOW ??= '2026-11-25T10:00:00Z';
process.env.E2E_CLOCK_ORIGIN ??= String(Date.now());
const token = process.env.SUPPORT_CONSOLE_TOKEN;
const dbFile = join(process.env.E2E_DB_DIR, 'e2e.sqlite');
// E2E_STORE=postgres: the same specs against the real team server (`npm run server`) on a throwaway
// PostgreSQL cluster, everyone signing in with e-mail and password (test/e2e/team-postgres.ts).
const onPostgres = process.env.E2E_STORE === 'postgres';
const serveCommand = onPostgres
  ? `npx tsx test/e2e/team-postgres.ts --port ${port}`
  : `npx tsx electron/core/serve/cli.ts --db "${dbFile}" --port ${port}`;

export default defineConfig({
  testDir: 'test/e2e',
  // The desktop spec is about the desktop's own bridge (a stand-in for Electron's), which no server changes.
  testIgnore: onPostgres ? ['**/desktop.spec.ts'] : [],
  outputDir: 'test-results',
  // One shared server and database: tests that write (live updates) must not race each other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: serveCommand,
    url: `http://127.0.0.1:${port}/`,
    env: { SUPPORT_CONSOLE_TOKEN: token, SUPPORT_CONSOLE_NOW: process.env.E2E_NOW },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    // The PostgreSQL wrapper stops its cluster when told to stop.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
