// Working a ticket: the composer shows what a reply costs before it is written and stops when the
// rules refuse it; a refused e-mail gets the reply drafted from the rule; a failed send loses nothing.
import { type Page } from '@playwright/test';
import {
  expect,
  test,
  SHOTS,
  SIGNED_OUT_TEXT,
  apiSession,
  call,
  callOk,
  customersOnPlan,
  expectNoSeriousA11yViolations,
  focusedElement,
  openConsole,
  pageSession,
  queueRows,
  signIn,
  type CustomerRow,
} from './support';

interface Created {
  ticket: { ticket: { id: number } };
  decision: { outcome: 'accept' | 'refuse' };
}

/** Opens a ticket the way an agent would: "/" and its subject. */
async function openBySearch(page: Page, subject: string): Promise<void> {
  await page.keyboard.press('/');
  const box = page.getByRole('combobox', { name: 'Search tickets and customers' });
  await expect(box).toBeFocused();
  await box.fill(subject);
  const hit = page.getByRole('option').filter({ hasText: subject });
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page.getByRole('heading', { level: 2, name: subject })).toBeVisible();
  await expect.poll(() => focusedElement(page)).toBe('H2#ticket-title');
}

test("answer a Free customer's topic until the quota is used up: the composer stops with the reason", async ({
  page,
  request,
}) => {
  const session = await apiSession(request);
  const free = await customersOnPlan(request, session, 'free');
  const roomy = free
    .filter((c): c is CustomerRow & { quota: NonNullable<CustomerRow['quota']> } => c.quota !== null)
    .filter((c) => c.quota.remaining >= 3)
    .sort((a, b) => b.quota.remaining - a.quota.remaining);
  const customer = roomy[0];
  if (!customer) throw new Error('demo data has a Free customer with room for a question and answers');
  const subject = 'Export to CSV question, ticket spec';
  const created = await callOk<Created>(request, session, 'tickets.create', {
    customerId: customer.id,
    channel: 'topic',
    subject,
    body: 'How do I export the Orders table to CSV?',
  });
  expect(created.decision.outcome).toBe('accept');

  await signIn(page);
  await expect(queueRows(page).first()).toBeVisible();
  await openBySearch(page, subject);

  const composer = page.locator('.composer');
  const preview = composer.locator('.composer-preview');
  const panel = page.getByRole('complementary', { name: customer.name });
  const textarea = page.getByRole('textbox', { name: 'Reply to the customer' });
  // The question spent one message; each answer spends the next, up to the limit.
  for (let n = customer.quota.used + 2; n <= 5; n++) {
    await expect(preview.locator('[data-preview="quota"]')).toHaveText(
      `This answer is quota message ${n} of 5 on the Free plan.`,
    );
    await expect(preview.locator('[data-preview="email"]')).toHaveText(
      `The customer will be e-mailed at ${customer.accountEmail}.`,
    );
    await textarea.fill(`Answer number ${n}: use Export in the table's menu.`);
    await textarea.press('Control+Enter');
    await expect(composer.getByRole('status')).toHaveText(`Reply sent: quota message ${n} of 5 used.`);
    await expect(panel.locator('.quota-value')).toHaveText(`${n} / 5 used`);
    if (n < 5) {
      // Sent: the text area is empty again and keeps focus for the next answer.
      await expect(textarea).toHaveValue('');
      await expect(textarea).toBeFocused();
    }
  }

  // The balance is at its limit: the composer stops, with the rule's reason and the text to use instead.
  const refused = preview.locator('[data-preview="refused"]');
  await expect(refused).toContainText('The rules refuse a reply here');
  await expect(refused).toContainText('used up');
  await expect(refused).toContainText('QuintaDB - Community');
  await expect(composer.getByRole('button', { name: 'Send reply' })).toBeDisabled();
  // Nothing left to type into; the text area that had focus is gone, and focus did not fall away.
  await expect(textarea).toHaveCount(0);
  await expect.poll(() => focusedElement(page)).toBe('H2#ticket-title');
  await expect(composer.locator('.ready-body')).not.toBeEmpty();
  // The refused thing is our answer: the ready text says so, and no "copy" of a reply no channel can
  // send is offered; the one way left is the rule's notice by e-mail.
  await expect(composer.locator('.ready-body')).toContainText('so we cannot send our answer in the topic');
  await expect(composer.locator('.ready-body')).not.toContainText('new question');
  await expect(composer.getByRole('button', { name: 'Copy text' })).toHaveCount(0);
  await page.keyboard.press('r');
  await expect(composer.locator('.ready-body')).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/ticket-answer-refused-notice.png` });
  await composer.getByRole('button', { name: `E-mail this to ${customer.accountEmail}` }).click();
  await expect(composer.getByRole('status')).toHaveText(
    `Notice e-mailed to ${customer.accountEmail} and noted in the thread.`,
  );
  await expect(panel.locator('.quota')).toHaveAttribute('data-level', 'exhausted');
  await expect(page.locator('.ticket .thread .kind-answer')).toHaveCount(5 - customer.quota.used - 1);
  // Internal notes never count: the note tab still works.
  await composer.getByRole('button', { name: 'Internal note (n)' }).click();
  await expect(preview).toContainText('never count toward a quota');
  await composer.getByRole('button', { name: 'Reply (r)' }).click();
  await page.screenshot({ path: `${SHOTS}/ticket-quota-used-up.png` });
  await expectNoSeriousA11yViolations(page, '.ticket');
  await expectNoSeriousA11yViolations(page, '.customer-panel');
});

test('log a refused e-mail from a Free customer and send the reply drafted from the rule', async ({
  page,
  request,
}) => {
  const session = await apiSession(request);
  const customer = (await customersOnPlan(request, session, 'free')).at(-1);
  if (!customer) throw new Error('demo data has Free customers');

  await signIn(page);
  await expect(queueRows(page).first()).toBeVisible();
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: 'New ticket' });
  await expect(dialog).toBeVisible();
  const picker = dialog.getByRole('combobox', { name: 'Customer' });
  await expect(picker).toBeFocused();
  await picker.fill(customer.name);
  await dialog.getByRole('option').filter({ hasText: customer.accountEmail }).click();
  await expect(dialog.getByLabel('What arrived')).toHaveValue('email');
  const subject = 'Can I get help by e-mail, ticket spec';
  await dialog.getByLabel('Subject').fill(subject);
  await dialog.getByLabel('What the customer wrote').fill('Please answer me by e-mail, I do not use topics.');
  // The rules decide before anything is saved.
  const decision = dialog.locator('.intake-preview .decision');
  await expect(decision).toHaveAttribute('data-outcome', 'refuse');
  await expect(decision).toContainText('Email support is available on paid plans');
  await expect(decision).toContainText('QuintaDB - Community');
  await page.screenshot({ path: `${SHOTS}/new-ticket-refused.png` });
  await expectNoSeriousA11yViolations(page, 'dialog');
  await dialog.getByRole('button', { name: 'Save as refused' }).click();

  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: subject })).toBeVisible();
  await expect.poll(() => focusedElement(page)).toBe('H2#ticket-title');
  await expect(page.locator('.thread .decision').first()).toHaveAttribute('data-outcome', 'refuse');

  // "Answer with the rule": the reply is drafted from the refusal's reason and alternatives.
  const composer = page.locator('.composer');
  await composer.getByRole('button', { name: 'Answer with the rule' }).click();
  const textarea = page.getByRole('textbox', { name: 'Reply to the customer' });
  await expect(textarea).not.toHaveValue('');
  await expect(textarea).toBeFocused();
  const draft = await textarea.inputValue();
  expect(draft).toContain('QuintaDB - Community');
  // The agent edits it before sending.
  const signature = 'Best regards, the support team';
  await textarea.fill(`${draft}\n\n${signature}`);
  await expect(composer.locator('[data-preview="quota"]')).toContainText('does not count');
  await textarea.press('Control+Enter');
  await expect(composer.getByRole('status')).toHaveText('Reply sent.');
  const answer = page.locator('.thread .kind-answer').last();
  await expect(answer).toContainText(signature);
  await expect(answer).toContainText('QuintaDB - Community');
  await page.screenshot({ path: `${SHOTS}/ticket-rule-answer.png` });
});

test('a failed send keeps the draft, even across signing in again', async ({ page, request }) => {
  await signIn(page);
  await queueRows(page).first().click();
  const textarea = page.getByRole('textbox', { name: 'Reply to the customer' });
  await expect(textarea).toBeVisible();
  const ticketId = await page.locator('.ticket-id').textContent();
  const text = 'A careful answer that must not be lost, ticket spec';
  await textarea.fill(text);

  // Sign this window out from elsewhere, then send: the send fails where the agent acted.
  expect((await call(request, await pageSession(page), 'session.signOut')).ok).toBe(true);
  await textarea.press('Control+Enter');
  // The send's own alert (on the team server the ended session also closes the event stream, and the
  // preview, asked again, says the same in its own place).
  const alert = page
    .locator('.composer')
    .getByRole('alert')
    .filter({ hasText: 'The reply was not sent; your text is kept.' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(SIGNED_OUT_TEXT);
  await expect(textarea).toHaveValue(text);

  await alert.getByRole('button', { name: 'Sign in again' }).click();
  await signIn(page);
  await openConsole(page, `#/queue/needs_first_response/ticket/${ticketId?.replace('#', '')}`);
  await expect(page.getByRole('textbox', { name: 'Reply to the customer' })).toHaveValue(text);
});

test('the New-ticket dialog keeps its buttons in view at 900 px high, call details and decision open', async ({
  page,
  request,
}) => {
  const session = await apiSession(request);
  const customer = (await customersOnPlan(request, session, 'enterprise_express'))[0];
  if (!customer) throw new Error('demo data has Enterprise Express customers');
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  await expect(queueRows(page).first()).toBeVisible();
  await page.getByRole('button', { name: 'New ticket' }).click();
  const dialog = page.getByRole('dialog', { name: 'New ticket' });
  await dialog.getByRole('combobox', { name: 'Customer' }).fill(customer.name);
  await dialog.getByRole('option').filter({ hasText: customer.accountEmail }).click();
  // The tallest form: a call request, with its questions, and the rules' decision shown.
  await dialog.getByLabel('What arrived').selectOption('phone');
  await dialog.getByLabel('Subject').fill('Please call me about our reports');
  await dialog.getByLabel('What the customer wrote').fill('A call about reports, please.');
  await dialog
    .getByLabel('Questions sent in advance (one per line)')
    .fill('How do reports group by month?\nCan I export a chart?');
  await dialog.getByLabel('E-mail for communication').fill('reports@customer.test');
  await expect(dialog.locator('.intake-preview .decision')).toHaveAttribute('data-outcome', 'accept');
  await expect(dialog.getByRole('button', { name: 'Save ticket', exact: true })).toBeInViewport({ ratio: 1 });
  await expect(dialog.getByRole('button', { name: 'Cancel', exact: true })).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: `${SHOTS}/new-ticket-900.png` });
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toHaveCount(0);
});
