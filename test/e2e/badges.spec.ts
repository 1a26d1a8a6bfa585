// Entitlement badges, as the rules engine computes them (customers.get → entitlements), wherever a
// customer appears: here a Standard Express customer beside one of their tickets.
import {
  expect,
  test,
  SHOTS,
  apiSession,
  callOk,
  customersOnPlan,
  expectNoSeriousA11yViolations,
  signIn,
} from './support';

test('the badges of a Standard Express customer', async ({ page, request }) => {
  const session = await apiSession(request);
  const customer = (await customersOnPlan(request, session, 'standard_express'))[0];
  if (!customer) throw new Error('demo data has a Standard Express customer');
  const subject = 'Phone call about reports, badges spec';
  await callOk(request, session, 'tickets.create', {
    customerId: customer.id,
    channel: 'topic',
    subject,
    body: 'Could we talk about the monthly report?',
  });

  await signIn(page);
  await page.keyboard.press('/');
  await page.getByRole('combobox', { name: 'Search tickets and customers' }).fill(subject);
  await page.getByRole('option').filter({ hasText: subject }).click();
  const panel = page.getByRole('complementary', { name: customer.name });
  await expect(panel).toBeVisible();

  // Plan and the Express marker.
  await expect(panel.locator('.plan-line .plan-badge')).toHaveText('Standard Express');
  await expect(panel.locator('.express-marker')).toHaveText(/Express/);
  // Every channel Standard Express has, each with the rule's reason on hover and on focus.
  for (const channel of ['Topic', 'Email', 'Chat', 'Phone', 'Blog comment']) {
    await expect(panel.getByRole('button', { name: `${channel} allowed` })).toBeVisible();
  }
  const phone = panel.getByRole('button', { name: 'Phone allowed' });
  await phone.focus();
  const tip = page.getByRole('tooltip').filter({ visible: true });
  await expect(tip).toContainText('Phone support is included in the Standard Express plan');
  await expect(tip).toContainText('Skype or Google Meet');
  await page.keyboard.press('Escape');
  await panel.getByRole('button', { name: 'Email allowed' }).hover();
  await expect(page.getByRole('tooltip').filter({ visible: true })).toContainText('Standard Express');
  await page.mouse.move(0, 0);

  // Open now, or when it opens: in the agent's zone with GMT beside it for the GMT channels.
  for (const channel of ['email', 'chat', 'phone']) {
    await expect(panel.locator(`[data-channel="${channel}"] .open-state`)).toHaveText(
      /^(Open now|Opens .+ \(\d\d:\d\d GMT\))$/,
    );
  }
  await expect(panel.locator('[data-channel="topic"] .open-state')).toHaveText('Open now');
  // No Free quota, no personal manager on Standard Express, with the reason.
  await expect(panel.locator('.quota')).toHaveCount(0);
  const manager = panel.getByRole('button', { name: 'Personal manager not on plan' });
  await manager.focus();
  await expect(page.getByRole('tooltip').filter({ visible: true })).toContainText('Enterprise Express');
  await page.keyboard.press('Escape');
  // One tooltip at a time: focus moving on while the pointer still rests on another badge shows
  // only the focused one's.
  await manager.blur();
  await panel.getByRole('button', { name: 'Email allowed' }).hover();
  await expect(page.getByRole('tooltip').filter({ visible: true })).toContainText('Email support');
  await manager.focus();
  await expect(page.getByRole('tooltip').filter({ visible: true })).toHaveCount(1);
  await expect(page.getByRole('tooltip').filter({ visible: true })).toContainText('Enterprise Express');
  await page.keyboard.press('Escape');
  await page.mouse.move(0, 0);
  await expect(panel.getByRole('heading', { name: 'Upcoming calls' })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Other tickets' })).toBeVisible();
  await expect(panel.getByRole('button', { name: subject })).toBeVisible();

  await page.screenshot({ path: `${SHOTS}/customer-standard-express.png` });
  await expectNoSeriousA11yViolations(page, '.customer-panel');
});
