// The desktop app's first-run choice, mode note and team-server banner. Electron cannot run here,
// so the page gets the desktop bridge (window.desktop) from a stand-in that plays the main
// process's part: the connection state and the answers to a choice. The data still comes from
// the real serve-mode server. What the main process does with a choice (the settings file, the
// relay, reconnecting) is tested for real in test/unit/team.
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, SHOTS, token } from './support';

const SERVER = 'https://support.example.com';

/** What the init scripts use of the page's globals (this file is compiled without the DOM
 * types). Written out in each script: the scripts run in the page, where nothing of this file exists. */
interface PageGlobals {
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  bridge: { calls: unknown[]; set(state: unknown): void };
}
const NOW = new Date('2026-11-25T10:00:00Z');

/** The bridge stand-in; `initial` is the main process's state when the page first opens. */
async function withBridge(page: Page, initial?: unknown): Promise<void> {
  if (initial !== undefined) {
    await page.addInitScript((state) => {
      if (!(globalThis as unknown as PageGlobals).sessionStorage.getItem('bridge-state'))
        (globalThis as unknown as PageGlobals).sessionStorage.setItem('bridge-state', JSON.stringify(state));
    }, initial);
  }
  await page.addInitScript(() => {
    type Listener = (state: unknown) => void;
    const listeners = new Set<Listener>();
    const saved = (globalThis as unknown as PageGlobals).sessionStorage.getItem('bridge-state');
    let state: unknown = saved ? JSON.parse(saved) : { mode: 'unchosen', problem: null };
    const calls: unknown[] = [];
    const online = (server: string) => ({
      mode: 'team',
      server,
      link: { status: 'online', since: Date.now(), attempt: 0, retryAt: null, problem: null },
      sessionKept: true,
    });
    Object.assign(globalThis, {
      bridge: {
        calls,
        set(next: unknown) {
          state = next;
          listeners.forEach((l) => l(next));
        },
      },
      desktop: {
        notify: () => Promise.resolve({ ok: true }),
        onNotificationClick: () => () => undefined,
        connection: () => Promise.resolve(state),
        onConnectionChange(listener: Listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        chooseMode(choice: { mode: string; address?: string }) {
          calls.push(choice);
          if (choice.mode === 'team' && choice.address?.startsWith('http://'))
            return Promise.resolve({
              ok: false,
              error: { code: 'insecure_url', message: 'Only an https address protects your password.' },
            });
          const next =
            choice.mode === 'team'
              ? online('https://support.example.com')
              : { mode: choice.mode, problem: null };
          (globalThis as unknown as PageGlobals).sessionStorage.setItem('bridge-state', JSON.stringify(next));
          return Promise.resolve({ ok: true, state: next });
        },
        retryConnection() {
          calls.push('retry');
          return Promise.resolve();
        },
      },
    });
  });
}

test.describe('the desktop app', () => {
  // Two accessibility scans and a reload in one test: more than the default budget on a busy machine.
  test.describe.configure({ timeout: 60_000 });
  test('first run: choose a team server by keyboard, told plainly what is wrong with an address', async ({
    page,
  }) => {
    await withBridge(page);
    await page.goto(`/?token=${token()}`);
    await expect(page.getByRole('heading', { name: 'Where will you work?' })).toBeVisible();
    const local = page.getByRole('radio', { name: /On this computer/ });
    await expect(local).toBeChecked();
    await expect(local).toBeFocused();
    await expectNoSeriousA11yViolations(page);

    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: /Connect to a team server/ })).toBeChecked();
    await page.keyboard.press('Tab');
    const address = page.getByRole('textbox', { name: 'Server address' });
    await expect(address).toBeFocused();
    await page.keyboard.type('http://support.example.com');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('Use an https address');
    await expect(address).toHaveAttribute('aria-invalid', 'true');
    await expect(address).toHaveValue('http://support.example.com');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SHOTS}/desktop-first-run.png` });

    await address.fill('support.example.com');
    await page.keyboard.press('Enter');
    // The page reloads into the console, on the sign-in screen, saying where it works.
    await expect(page.getByText(`Team server: ${SERVER}`)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Change…' })).toBeVisible();
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).bridge.calls)).toEqual([]);
  });

  test('team server out of reach: a banner with the next attempt, "Retry now", and the all-clear', async ({
    page,
  }) => {
    await page.clock.install({ time: NOW });
    await withBridge(page, {
      mode: 'team',
      server: SERVER,
      link: { status: 'online', since: NOW.getTime(), attempt: 0, retryAt: null, problem: null },
      sessionKept: false,
    });
    await page.goto(`/?token=${token()}`);
    await expect(page.getByText(`Team server: ${SERVER}`)).toBeVisible();
    await expect(page.getByText(/sign in at each start/)).toBeVisible();
    // From here time moves only when the test says so.
    await page.clock.pauseAt(new Date(NOW.getTime() + 10 * 60_000));

    await page.evaluate(() => {
      const now = Date.now();
      (globalThis as unknown as PageGlobals).bridge.set({
        mode: 'team',
        server: 'https://support.example.com',
        link: {
          status: 'offline',
          since: now,
          attempt: 2,
          retryAt: now + 5000,
          problem: { code: 'unreachable', detail: 'ECONNREFUSED' },
        },
        sessionKept: false,
      });
    });
    const alert = page.getByRole('alert');
    await expect(alert).toHaveText(`No connection to the team server ${SERVER}. The server does not answer.`);
    await expect(page.getByText('Trying again in 5 s.')).toBeVisible();
    await expect(page.getByText(/Nothing you type is lost/)).toBeVisible();
    await page.clock.runFor(2000);
    await expect(page.getByText('Trying again in 3 s.')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/desktop-offline-banner.png` });
    // The accessibility scan runs on timers of its own.
    await page.clock.resume();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Retry now' }).click();
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).bridge.calls)).toEqual(['retry']);

    await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).bridge.set({
        mode: 'team',
        server: 'https://support.example.com',
        link: { status: 'online', since: Date.now(), attempt: 0, retryAt: null, problem: null },
        sessionKept: false,
      }),
    );
    await expect(
      page.getByRole('status').filter({ hasText: 'Connected again to the team server.' }),
    ).toBeVisible();
    await page.clock.runFor(5000);
    await expect(page.getByText('Connected again to the team server.')).toBeHidden();
  });

  test('"Change…" on the sign-in screen brings back the choice', async ({ page }) => {
    await withBridge(page, { mode: 'local' });
    await page.goto(`/?token=${token()}`);
    await expect(page.getByText('Working on this computer.')).toBeVisible();
    await page.getByRole('button', { name: 'Change…' }).click();
    await expect(page.getByRole('heading', { name: 'Where will you work?' })).toBeVisible();
  });
});
