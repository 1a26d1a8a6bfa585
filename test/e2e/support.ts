// Helpers shared by the e2e specs: opening the console with the run's token, signing in through
// the UI, and calling the contract directly as a second desk would.
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';

export const token = (): string => {
  const value = process.env.SUPPORT_CONSOLE_TOKEN;
  if (!value) throw new Error('SUPPORT_CONSOLE_TOKEN is not set: run the tests through playwright.config.ts');
  return value;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export async function call<T>(
  request: APIRequestContext,
  session: string,
  method: string,
  input: unknown = {},
): Promise<Result<T>> {
  const response = await request.post(`/api/call/${method}`, {
    headers: { 'x-support-token': token(), 'x-support-session': session, 'content-type': 'application/json' },
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

/** A signed-in API session, as another staff member's window would have. */
export async function apiSession(request: APIRequestContext): Promise<string> {
  const session = `e2e-${randomUUID()}`;
  const staff = await callOk<{ id: number; active: boolean }[]>(request, session, 'staff.list');
  const someone = staff.find((s) => s.active);
  if (!someone) throw new Error('The demo data has no active staff member');
  await callOk(request, session, 'session.signIn', { staffId: someone.id });
  return session;
}

export async function openConsole(page: Page): Promise<void> {
  await page.goto(`/?token=${token()}`);
}

/** Signs in through the UI as the first staff member offered; returns their name. */
export async function signIn(page: Page): Promise<string> {
  await openConsole(page);
  const choice = page.locator('.staff-choice').first();
  await expect(choice).toBeVisible();
  const name = (await choice.locator('.staff-name').textContent()) ?? '';
  await choice.getByRole('radio').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('group', { name: 'Signed in' })).toContainText(name);
  return name;
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
