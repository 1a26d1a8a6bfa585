import { expect, test } from '@playwright/test';
import { apiSession, call, callOk, expectNoSeriousA11yViolations, signIn } from './support';

interface CustomerRow {
  id: number;
  name: string;
  planId: string;
  quota: { used: number; limit: number; remaining: number } | null;
}

const SHOTS = 'artifacts/screenshots';

test('sign in, read the queue, filter it, page it, sign out', async ({ page }) => {
  const started = Date.now();
  await signIn(page);
  // The shell must be usable quickly: sign-in to a filled queue.
  const queue = page.getByRole('table');
  const rows = queue.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(Date.now() - started).toBeLessThan(5_000);
  await expect(page.locator('.count')).toHaveText(/^\d+ of \d+ tickets$/);

  // Sorted by due time by default.
  await expect(page.getByRole('columnheader', { name: /Due/ })).toHaveAttribute('aria-sort', 'ascending');
  await page.screenshot({ path: `${SHOTS}/queue.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel('Channel').selectOption('email');
  await expect(queue.locator('tbody td.col-channel').first()).toHaveText('Email');
  const channels = await queue.locator('tbody td.col-channel').allTextContents();
  expect(new Set(channels)).toEqual(new Set(['Email']));

  await page.getByLabel('Channel').selectOption('all');
  await page.getByLabel('Status').selectOption('all');
  await page.getByLabel('Refused at intake only').check();
  await expect(rows.first().getByRole('button', { name: 'Refused at intake' })).toBeVisible();
  const flagged = await rows.count();
  await expect(rows.getByRole('button', { name: 'Refused at intake' })).toHaveCount(flagged);
  // The refusal's reason is on the flag, for hover and focus alike.
  await rows.first().getByRole('button', { name: 'Refused at intake' }).focus();
  await expect(page.getByRole('tooltip').filter({ visible: true })).toBeVisible();

  await page.getByLabel('Refused at intake only').uncheck();
  const count = page.locator('.count');
  await expect(count).toHaveText(/^50 of \d+ tickets$/);
  const total = Number((await count.textContent())?.match(/of (\d+)/)?.[1]);
  if (total > 50) {
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(count).toHaveText(new RegExp(`^${Math.min(100, total)} of ${total} tickets$`));
  }

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('customer panel: Free quota and refusal reasons, Enterprise Express marker', async ({
  page,
  request,
}) => {
  const session = await apiSession(request);
  const free = await callOk<{ rows: CustomerRow[] }>(request, session, 'customers.list', {
    planIds: ['free'],
    limit: 200,
  });
  // A Free customer with room for a question (2 messages), so Topic is still an alternative to
  // offer; preferably one who has used some, so the balance is not trivially 0 / 5.
  const roomy = free.rows.filter((c) => c.quota && c.quota.remaining >= 2);
  const freeCustomer = roomy.find((c) => (c.quota?.used ?? 0) > 0) ?? roomy[0];
  const express = await callOk<{ rows: CustomerRow[] }>(request, session, 'customers.list', {
    planIds: ['enterprise_express'],
    limit: 1,
  });
  const expressCustomer = express.rows[0];
  expect(freeCustomer && expressCustomer, 'demo data has Free and Enterprise Express customers').toBeTruthy();
  if (!freeCustomer || !expressCustomer) return;

  await signIn(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Customers' }).click();
  const search = page.getByRole('searchbox', { name: 'Search customers' });
  await search.fill(freeCustomer.name);
  await page
    .locator('.customers-table')
    .getByRole('button', { name: freeCustomer.name, exact: true })
    .click();

  const panel = page.getByRole('complementary', { name: freeCustomer.name });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();

  // Email on Free: refused, and the rule's sentence points to Topic and the community group.
  const email = panel.getByRole('button', { name: 'Email not on plan' });
  await email.hover();
  const emailTip = page.getByRole('tooltip').filter({ visible: true });
  await expect(emailTip).toBeVisible();
  await expect(emailTip).toContainText('topic');
  await expect(emailTip).toContainText('QuintaDB - Community');
  await expect(email).toHaveAccessibleDescription(/Free plan.*topic.*Community/);
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip').filter({ visible: true })).toHaveCount(0);

  // The same reason by keyboard: Tab from the Topic badge onto the Chat badge's neighbour.
  await panel.getByRole('button', { name: 'Topic allowed' }).focus();
  await page.keyboard.press('Tab');
  await expect(email).toBeFocused();
  await expect(page.getByRole('tooltip').filter({ visible: true })).toContainText('QuintaDB - Community');
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Chat not on plan' })).toBeFocused();
  await expect(page.getByRole('tooltip').filter({ visible: true })).toContainText(
    'Chat support is available on paid plans',
  );
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip').filter({ visible: true })).toHaveCount(0);

  await expect(panel.locator('.quota-value')).toHaveText(/^\d \/ 5 used$/);
  await expect(panel.locator('.quota-value')).toHaveText(`${freeCustomer.quota?.used ?? 0} / 5 used`);
  const community = panel.getByRole('link', { name: /QuintaDB - Community/ });
  await expect(community).toHaveAttribute('target', '_blank');
  await expect(community).toHaveAttribute('rel', 'noreferrer');
  await expect(panel.locator('.express-marker')).toHaveCount(0);

  await page.screenshot({ path: `${SHOTS}/customer-free.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page);

  await search.fill(expressCustomer.name);
  await page
    .locator('.customers-table')
    .getByRole('button', { name: expressCustomer.name, exact: true })
    .click();
  const expressPanel = page.getByRole('complementary', { name: expressCustomer.name });
  await expect(expressPanel.locator('.express-marker')).toHaveText(/Express/);
  await expect(expressPanel.getByRole('button', { name: 'Phone allowed' })).toBeVisible();
  await expect(expressPanel.getByRole('button', { name: 'Personal manager entitled' })).toBeVisible();
  await expect(expressPanel.locator('.quota')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/customer-enterprise-express.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page, '.customer-panel');

  // Escape closes the panel and returns focus to where the person was.
  await expressPanel.getByRole('heading', { level: 2 }).focus();
  await page.keyboard.press('Escape');
  await expect(expressPanel).toHaveCount(0);
});

test('a customer opens from the queue row', async ({ page }) => {
  await signIn(page);
  const first = page.locator('tbody td.col-customer').first().getByRole('button');
  const name = (await first.textContent()) ?? '';
  await first.click();
  await expect(page.getByRole('complementary', { name })).toBeVisible();
  await expect(page.locator('.customer-panel .entitlement-badge').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/queue-with-customer.png`, fullPage: true });
  // The dark theme follows the system setting; its contrast is checked like the light one.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/queue-with-customer-dark.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page);
});

test('the queue updates live when another desk creates a ticket', async ({ page, request }) => {
  await signIn(page);
  // Newest first, so the new ticket lands on the first page whatever its due time.
  await page.getByRole('button', { name: /^Age/ }).click();
  await expect(page.getByRole('columnheader', { name: /Age/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.locator('tbody tr').first()).toBeVisible();
  const before = Number((await page.locator('.count').textContent())?.match(/of (\d+)/)?.[1]);

  const session = await apiSession(request);
  const customers = await callOk<{ rows: CustomerRow[] }>(request, session, 'customers.list', {
    planIds: ['professional'],
    limit: 1,
  });
  const customer = customers.rows[0];
  if (!customer) throw new Error('demo data has no Professional customer');
  const subject = `Live update check ${Date.now()}`;
  await callOk(request, session, 'tickets.create', {
    customerId: customer.id,
    channel: 'topic',
    subject,
    body: 'Created by the e2e test from another session.',
  });

  await expect(page.getByRole('row').filter({ hasText: subject })).toBeVisible();
  await expect(page.locator('.count')).toHaveText(new RegExp(`of ${before + 1} tickets$`));
});

test('a failed call is explained in plain words where the person acted', async ({ page, request }) => {
  await signIn(page);
  await expect(page.locator('tbody tr').first()).toBeVisible();
  // Sign this window's session out from elsewhere: the next action in the page is now stale.
  // A string expression: the test project's tsconfig has no DOM types.
  const session = await page.evaluate<string | null>("sessionStorage.getItem('support-console.session')");
  expect(session).toBeTruthy();
  const signedOut = await call(request, session ?? '', 'session.signOut');
  expect(signedOut.ok).toBe(true);

  await page.getByLabel('Channel').selectOption('chat');
  const alert = page.locator('.queue').getByRole('alert');
  await expect(alert).toContainText('You are not signed in any more.');
  await expect(alert).toContainText('Choose who you are working as');
  await expect(alert).not.toContainText('not_signed_in');
  await page.screenshot({ path: `${SHOTS}/queue-error.png`, fullPage: true });
  await alert.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});
