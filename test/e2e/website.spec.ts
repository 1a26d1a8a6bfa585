// The lead's website panel (Channels → Website) on the fixed clock: creating the signing secret
// (shown once), switching the channel on, a real signed post sent to the endpoint appearing in the
// recent posts, a badly signed one among the refused requests, and a test post showing the
// customer's text in French. Checked with axe.
import { createHmac } from 'node:crypto';
import { type APIRequestContext, type Page } from '@playwright/test';
import {
  expect,
  test,
  SHOTS,
  apiSession,
  callOk,
  coreNow,
  customersOnPlan,
  expectNoSeriousA11yViolations,
  signIn,
  type StaffRow,
} from './support';

function section(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true });
}

/** A post signed as docs/WEBSITE-INTAKE.md says a website signs it. */
async function sendPost(request: APIRequestContext, secret: string, post: unknown, key: string) {
  const body = JSON.stringify(post);
  const timestamp = String(Math.floor(coreNow() / 1000));
  const signature = `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  return request.post('/api/website/v1/posts', {
    headers: {
      'content-type': 'application/json',
      'x-support-timestamp': timestamp,
      'x-support-signature': signature,
      'idempotency-key': key,
    },
    data: body,
  });
}

test('a lead sets up the website channel and sees what the website posts', async ({ page, request }) => {
  test.setTimeout(90_000);
  const lead = await apiSession(request, 'lead');
  const staff = await callOk<StaffRow[]>(request, lead, 'staff.list');
  const leadName = staff.find((s) => s.active && s.role === 'lead')?.name ?? '';
  const [customer] = await customersOnPlan(request, lead, 'standard_express');
  if (!customer) throw new Error('The demo data has a Standard Express customer');

  await signIn(page, leadName);
  await section(page, 'Channels').click();
  await page.getByRole('tab', { name: 'Website' }).click();
  const panel = page.locator('.website-panel');
  await expect(panel.getByRole('heading', { name: 'Website', level: 2 })).toBeVisible();
  await expect(panel).toContainText('No secret yet');
  const toggle = panel.getByRole('checkbox', { name: 'Take posts from the website' });
  await expect(toggle).toBeDisabled();
  await expect(panel.getByRole('textbox', { name: 'Endpoint' })).toHaveValue(
    /^http:\/\/127\.0\.0\.1:\d+\/api\/website\/v1\/posts$/,
  );
  await expectNoSeriousA11yViolations(page, '.website-panel');

  await panel.getByRole('button', { name: 'Create the secret' }).click();
  const secretField = panel.getByRole('textbox', { name: /The new secret/ });
  await expect(secretField).toHaveValue(/^[A-Za-z0-9_-]{43}$/);
  const secret = await secretField.inputValue();
  await expect(panel).toContainText('Secret created');
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(panel).toContainText('The website channel is on.');

  const accepted = await sendPost(
    request,
    secret,
    {
      kind: 'topic_question',
      language: 'en',
      customer: { accountEmail: customer.accountEmail },
      subject: 'Posted from the website (e2e)',
      body: 'How do I share a form?',
    },
    `e2e-${coreNow()}`,
  );
  expect(accepted.status()).toBe(200);
  const answer = (await accepted.json()) as { ok: boolean; value: { outcome: string; customerText: string } };
  expect(answer).toMatchObject({ ok: true, value: { outcome: 'accept' } });
  const refused = await sendPost(
    request,
    'not the secret',
    { kind: 'topic_question' },
    `e2e-bad-${coreNow()}`,
  );
  expect(refused.status()).toBe(401);

  const recent = panel.locator('table[aria-labelledby="website-recent-title"] tbody tr');
  await expect(recent).toHaveCount(1);
  await expect(recent.first()).toContainText(customer.name);
  await expect(recent.first()).toContainText('Accepted');
  await expect(recent.first()).toContainText('Topic question');
  const rejections = panel.locator('table[aria-labelledby="website-rejections-title"] tbody tr');
  await expect(rejections.first()).toContainText('Bad signature');
  await expect(rejections.first()).toContainText('401');

  await panel.getByRole('textbox', { name: 'Customer’s account e-mail' }).fill(customer.accountEmail);
  await panel.getByRole('combobox', { name: 'Language of the answer' }).selectOption('fr');
  await panel.getByRole('button', { name: 'Send the test' }).click();
  const result = panel.locator('.website-test-result');
  await expect(result).toContainText('The test post would be accepted.');
  await expect(result.locator('blockquote')).toContainText('Votre question a bien été reçue.');
  // The test wrote nothing: still one post.
  await expect(recent).toHaveCount(1);

  await expectNoSeriousA11yViolations(page, '.website-panel');
  await page.screenshot({ path: `${SHOTS}/website-settings.png`, fullPage: true });

  // The same panel in French: the core's data, the renderer's words.
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('fr');
  await expect(panel.getByRole('heading', { name: 'Site web', level: 2 })).toBeVisible();
  await expect(panel).toContainText('Le canal du site web est activé.');
  await expect(recent.first()).toContainText('Accepté');
  await expect(rejections.first()).toContainText('Signature invalide');
  await expectNoSeriousA11yViolations(page, '.website-panel');
  await page.screenshot({ path: `${SHOTS}/website-settings.fr.png`, fullPage: true });
  await page.getByRole('combobox', { name: 'Langue', exact: true }).selectOption('en');
});
