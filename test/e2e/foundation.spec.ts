// The shell: signing in and out, the default view, a failed call explained where the person acted,
// the customer panel on its own, and the dark theme.
import {
  expect,
  test,
  SHOTS,
  SIGNED_OUT_TEXT,
  apiSession,
  call,
  customersOnPlan,
  expectNoSeriousA11yViolations,
  onTeamServer,
  pageSession,
  queueCount,
  queueRows,
  signIn,
  viewCount,
} from './support';

test('sign in to the default view, its live count, and sign out', async ({ page }) => {
  // How fast the first rows paint is the benchmarks' business (queue_first_rows_cold_ms), not a
  // wall-clock assertion that fails whenever the machine is busy.
  await signIn(page);
  await expect(queueRows(page).first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Needs first response' })).toBeVisible();
  // The view's total comes from the store and matches the count beside the view's name.
  await expect(page.locator('.queue .count')).toHaveText(/^\d[\d,]* of \d[\d,]* tickets$/);
  const { total } = await queueCount(page);
  expect(await viewCount(page, 'Needs first response')).toBe(total);
  // Needs first response is sorted by SLA due.
  await expect(page.getByRole('columnheader', { name: /Time left/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('on a laptop-wide window a lead sees every section, who is signed in and the way out', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'Helena Novak');
  const inView = async (name: string) => {
    const box = await page.getByRole('button', { name, exact: true }).boundingBox();
    expect(box, name).not.toBeNull();
    expect(box!.x, name).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, name).toBeLessThanOrEqual(1280);
  };
  for (const name of ['Queue', 'Channels', 'Staff', 'Change password', 'Sign out']) await inView(name);
  await expect(page.getByRole('group', { name: 'Signed in' })).toContainText('Lead');
  await page.screenshot({ path: `${SHOTS}/topbar-1280.png` });
});

test('a failed call is explained in plain words where the person acted', async ({ page, request }) => {
  await signIn(page);
  await expect(queueRows(page).first()).toBeVisible();
  // Sign this window's session out from elsewhere: the next action in the page is now stale.
  const signedOut = await call(request, await pageSession(page), 'session.signOut');
  expect(signedOut.ok).toBe(true);

  await page.getByLabel('Channel').selectOption('chat');
  const alert = page.locator('.queue').getByRole('alert');
  await expect(alert).toContainText(SIGNED_OUT_TEXT);
  // One machine picks from a list; the team server asks for the e-mail and password again (the core
  // says which as data, whichever of the two refusals reached the queue).
  const chooseWho = 'Choose who you are working as, then try again.';
  const withPassword = 'Sign in again with your e-mail and password, then try again.';
  await expect(alert).toContainText(onTeamServer ? withPassword : chooseWho);
  await expect(alert).not.toContainText(onTeamServer ? chooseWho : withPassword);
  await expect(alert).not.toContainText('not_signed_in');
  await page.screenshot({ path: `${SHOTS}/queue-error.png` });
  await alert.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('customer panel: Free quota and refusal reasons, Enterprise Express manager', async ({
  page,
  request,
}) => {
  const session = await apiSession(request);
  const free = await customersOnPlan(request, session, 'free');
  // One who has used some messages, so the balance is not trivially 0 / 5.
  const freeCustomer = free.find((c) => c.quota && c.quota.used > 0 && c.quota.remaining >= 2);
  const express = (await customersOnPlan(request, session, 'enterprise_express'))[0];
  if (!freeCustomer || !express) throw new Error('demo data has Free and Enterprise Express customers');

  await signIn(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Customers' }).click();
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
  const tip = page.getByRole('tooltip').filter({ visible: true });
  await expect(tip).toContainText('topic');
  await expect(tip).toContainText('QuintaDB - Community');
  await expect(email).toHaveAccessibleDescription(/Free plan.*topic.*Community/);
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip').filter({ visible: true })).toHaveCount(0);

  // The same reason by keyboard focus.
  await panel.getByRole('button', { name: 'Topic allowed' }).focus();
  await page.keyboard.press('Tab');
  await expect(email).toBeFocused();
  await expect(page.getByRole('tooltip').filter({ visible: true })).toContainText('QuintaDB - Community');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip').filter({ visible: true })).toHaveCount(0);

  await expect(panel.locator('.quota-value')).toHaveText(`${freeCustomer.quota?.used ?? 0} / 5 used`);
  const community = panel.getByRole('link', { name: /QuintaDB - Community/ });
  await expect(community).toHaveAttribute('target', '_blank');
  await expect(community).toHaveAttribute('rel', 'noreferrer');
  await expect(panel.locator('.express-marker')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/customer-free.png` });
  await expectNoSeriousA11yViolations(page, '.customer-panel');

  await search.fill(express.name);
  await page.locator('.customers-table').getByRole('button', { name: express.name, exact: true }).click();
  const expressPanel = page.getByRole('complementary', { name: express.name });
  await expect(expressPanel.locator('.express-marker')).toHaveText(/Express/);
  await expect(expressPanel.getByRole('button', { name: 'Phone allowed' })).toBeVisible();
  await expect(expressPanel.getByRole('button', { name: 'Personal manager entitled' })).toBeVisible();
  await expect(expressPanel.locator('.quota')).toHaveCount(0);

  // Escape closes the panel and returns focus to where the person was.
  await expressPanel.getByRole('heading', { level: 2 }).focus();
  await page.keyboard.press('Escape');
  await expect(expressPanel).toHaveCount(0);
});

test('the dark theme follows the system, with the same contrast', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await signIn(page);
  await expect(queueRows(page).first()).toBeVisible();
  await queueRows(page).first().click();
  await expect(page.locator('.composer')).toBeVisible();
  await expect(page.locator('.customer-panel .entitlement-badge').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/ticket-dark.png` });
  await expectNoSeriousA11yViolations(page);
});
