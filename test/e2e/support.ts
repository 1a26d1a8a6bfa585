// Helpers shared by the e2e specs: opening the console with the run's token, signing in through
// the UI, and calling the contract directly as a second desk would.
import {
  test as base,
  expect,
  request as playwrightRequest,
  type APIRequestContext,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RosterEntry, TeamRunFile } from '../support/team-server';

export const SHOTS = 'artifacts/screenshots';

/**
 * The core's "now" in this run: the fixed instant serve mode started on (SUPPORT_CONSOLE_NOW, set by
 * playwright.config.ts), advanced by the wall time since. Use it wherever a spec needs "now".
 */
export function coreNow(): number {
  const start = Date.parse(process.env.E2E_NOW ?? '');
  const origin = Number(process.env.E2E_CLOCK_ORIGIN);
  if (!Number.isFinite(start) || !Number.isFinite(origin)) {
    throw new Error('E2E_NOW and E2E_CLOCK_ORIGIN are not set: run the tests through playwright.config.ts');
  }
  return start + (Date.now() - origin);
}

/** Puts a browser context (every page in it) on the core's clock; time then flows from there. */
export async function installCoreClock(context: BrowserContext): Promise<void> {
  await context.clock.install({ time: coreNow() });
}

/**
 * The specs' `test`: every page runs on the core's clock, so "today", ages and countdowns in the
 * browser agree with the demo data whatever hour the suite runs at.
 */
export const test = base.extend<{ coreClock: void }>({
  coreClock: [
    async ({ context }, use) => {
      await installCoreClock(context);
      await use();
    },
    { auto: true },
  ],
});
export { expect };

/**
 * E2E_STORE=postgres runs the specs against the real team server on PostgreSQL
 * (test/e2e/team-postgres.ts): people sign in with e-mail and password (the page keeps an HttpOnly
 * cookie, API calls carry a Bearer token) instead of picking a name under serve mode's token.
 */
export const onTeamServer = process.env.E2E_STORE === 'postgres';

/**
 * What a page says when its session was signed out elsewhere: one machine only lost who is working;
 * the team server ended a server-issued session, and says so (only an answer that says why a session
 * ended clears the page's cookie, so no call made at the same moment can lose the reason).
 */
export const SIGNED_OUT_TEXT = onTeamServer ? 'Your session has ended.' : 'You are not signed in any more.';

let teamRunFile: TeamRunFile | null = null;
/** Who is on the team server's team and their password, as its wrapper wrote them. */
export function teamRun(): TeamRunFile {
  if (!onTeamServer) throw new Error('teamRun() is for the team server run (E2E_STORE=postgres)');
  const dir = process.env.E2E_DB_DIR;
  if (!dir) throw new Error('E2E_DB_DIR is not set: run the tests through playwright.config.ts');
  teamRunFile ??= JSON.parse(readFileSync(join(dir, 'team.json'), 'utf8')) as TeamRunFile;
  return teamRunFile;
}

/** The team member a spec means: by name, or the first active one (of a role), as staff.list orders them. */
function teamMember(match: (entry: RosterEntry) => boolean): RosterEntry {
  const entry = teamRun().roster.find((e) => e.active && match(e));
  if (!entry) throw new Error('The team server has no such active staff member');
  return entry;
}

export const token = (): string => {
  const value = process.env.SUPPORT_CONSOLE_TOKEN;
  if (!value) throw new Error('SUPPORT_CONSOLE_TOKEN is not set: run the tests through playwright.config.ts');
  return value;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export interface Quota {
  used: number;
  limit: number;
  remaining: number;
}

export interface CustomerRow {
  id: number;
  name: string;
  accountEmail: string;
  planId: string;
  planName: string;
  quota: Quota | null;
}

export interface StaffRow {
  id: number;
  name: string;
  role: string;
  active: boolean;
}

export interface TicketRow {
  id: number;
  subject: string;
  channel: string;
  status: string;
  customerId: number;
  intakeOutcome: 'accept' | 'refuse';
}

export async function call<T>(
  request: APIRequestContext,
  session: string,
  method: string,
  input: unknown = {},
): Promise<Result<T>> {
  const headers: Record<string, string> = onTeamServer
    ? { authorization: `Bearer ${session}` }
    : { 'x-support-token': token(), 'x-support-session': session };
  const response = await request.post(`/api/call/${method}`, {
    headers: { ...headers, 'content-type': 'application/json' },
    data: input,
  });
  return (await response.json()) as Result<T>;
}

export async function callOk<T>(
  request: APIRequestContext,
  session: string,
  method: string,
  input: unknown = {},
) {
  const result = await call<T>(request, session, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** The server the run's specs talk to (playwright.config.ts's baseURL). */
const serverUrl = (): string => `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 5199)}`;

/** A signed-in API session, as another staff member's window would have. */
export async function apiSession(request: APIRequestContext, role?: string): Promise<string> {
  if (onTeamServer) {
    const someone = teamMember((e) => role === undefined || e.role === role);
    // A context of its own: the server also sets its cookie on a sign-in, and `page.request` shares
    // the page's cookie jar, which would sign the page in behind the spec's back.
    const own = await playwrightRequest.newContext({ baseURL: serverUrl() });
    let result: Result<{ token: string | null }>;
    try {
      const response = await own.post('/api/call/session.signInWithPassword', {
        headers: { 'content-type': 'application/json' },
        data: { email: someone.email, password: teamRun().password, bearer: true },
      });
      result = (await response.json()) as Result<{ token: string | null }>;
    } finally {
      await own.dispose();
    }
    if (!result.ok || !result.value.token) throw new Error(`Cannot sign ${someone.email} in over the API`);
    return result.value.token;
  }
  const session = `e2e-${randomUUID()}`;
  const staff = await callOk<StaffRow[]>(request, session, 'staff.list');
  const someone = staff.find((s) => s.active && (role === undefined || s.role === role));
  if (!someone) throw new Error('The demo data has no active staff member');
  await callOk(request, session, 'session.signIn', { staffId: someone.id });
  return session;
}

/** Customers of a plan, all of them (the demo has a few hundred). */
export async function customersOnPlan(
  request: APIRequestContext,
  session: string,
  planId: string,
): Promise<CustomerRow[]> {
  const rows: CustomerRow[] = [];
  let cursor: string | null = null;
  do {
    const page: { rows: CustomerRow[]; nextCursor: string | null } = await callOk(
      request,
      session,
      'customers.list',
      { planIds: [planId], limit: 200, cursor },
    );
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

export async function openConsole(page: Page, hash = ''): Promise<void> {
  await page.goto(onTeamServer ? `/${hash}` : `/?token=${token()}${hash}`);
}

/** The session the page signed in with, to act on it from outside as another window would. */
export async function pageSession(page: Page): Promise<string> {
  if (onTeamServer) {
    const cookie = (await page.context().cookies()).find((c) => /support-session$/.test(c.name));
    if (!cookie) throw new Error('The page holds no session cookie');
    return cookie.value;
  }
  // A string expression: the test project's tsconfig has no DOM types.
  const session = await page.evaluate<string | null>("sessionStorage.getItem('support-console.session')");
  if (!session) throw new Error('The page holds no session id');
  return session;
}

/**
 * Signs in through the UI (as the first staff member offered, or the one named); returns their name.
 * On the team server: with their e-mail and password.
 */
export async function signIn(page: Page, who?: string): Promise<string> {
  if (onTeamServer) {
    const member = teamMember((e) => who === undefined || e.name.includes(who));
    // A fresh sign-in, as the picker is on one machine: whatever session the browser held is dropped.
    await page.context().clearCookies();
    await openConsole(page);
    await page.getByLabel('E-mail').fill(member.email);
    await page.getByLabel('Password', { exact: true }).fill(teamRun().password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('group', { name: 'Signed in' })).toContainText(member.name);
    return member.name;
  }
  await openConsole(page);
  const choice = who
    ? page.locator('.staff-choice').filter({ hasText: who })
    : page.locator('.staff-choice').first();
  await expect(choice).toBeVisible();
  const name = (await choice.locator('.staff-name').textContent()) ?? '';
  await choice.getByRole('radio').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('group', { name: 'Signed in' })).toContainText(name);
  return name;
}

export function queueGrid(page: Page): Locator {
  return page.locator('#queue-grid');
}

/** The rows of the queue that are in the DOM (the grid is virtualized). */
export function queueRows(page: Page): Locator {
  return page.locator('#queue-grid [role="row"][data-ticket-id]');
}

/**
 * The view's count line: "50 of 1,234 tickets" → { shown: 50, total: 1234, atLeast: false }; "50 of
 * 1,000+ tickets" (the store stopped counting at its cap) → { shown: 50, total: 1000, atLeast: true }.
 */
export async function queueCount(page: Page): Promise<{ shown: number; total: number; atLeast: boolean }> {
  // Right after a change of view or sort the line is empty until the new page arrives.
  await expect(page.locator('.queue .count')).toHaveText(/^[\d,]+ of [\d,]+\+? tickets$/);
  const text = (await page.locator('.queue .count').textContent()) ?? '';
  const match = /^([\d,]+) of ([\d,]+)(\+?) tickets$/.exec(text.trim());
  if (!match) throw new Error(`Unexpected count line "${text}"`);
  return {
    shown: Number(match[1]?.replace(/,/g, '')),
    total: Number(match[2]?.replace(/,/g, '')),
    atLeast: match[3] === '+',
  };
}

/** The view's button in the views navigation (named "Email 58 tickets", or "Email (Modified) 58 tickets"). */
export function viewButton(page: Page, name: string): Locator {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page
    .getByRole('navigation', { name: 'Queue views' })
    .getByRole('button', { name: new RegExp(`^${escaped}( \\(Modified\\))? [\\d,]+\\+? tickets?$`) });
}

export async function viewCount(page: Page, name: string): Promise<number> {
  const text = (await viewButton(page, name).locator('.view-count').textContent()) ?? '';
  return Number(/^([\d,]+)/.exec(text.trim())?.[1]?.replace(/,/g, '') ?? NaN);
}

/** The element that has focus, described for assertions ("H2#ticket-title"). */
export async function focusedElement(page: Page): Promise<string> {
  // A string expression: the test project's tsconfig has no DOM types.
  return page.evaluate<string>(
    "(() => { const a = document.activeElement; return a ? a.tagName + (a.id ? '#' + a.id : '') : 'none'; })()",
  );
}

/** axe-core on what is on screen; only serious and critical findings fail the test. */
export async function expectNoSeriousA11yViolations(page: Page, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, serious.join('\n')).toEqual([]);
}
