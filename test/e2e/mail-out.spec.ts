// Sending mail on the fixed clock: the lead's outbox (filter by state, retry, cancel), the SMTP
// settings with the test mail against a real smtp-server on 127.0.0.1, and an answer's delivery
// state on its ticket once the worker handed it to that server. Checked with axe.
import type { Page } from '@playwright/test';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import {
  expect,
  test,
  SHOTS,
  apiSession,
  callOk,
  customersOnPlan,
  expectNoSeriousA11yViolations,
  focusedElement,
  signIn,
  type StaffRow,
} from './support';

let smtp: TestSmtpServer;
test.beforeAll(async () => {
  smtp = await startSmtpServer();
});
test.afterAll(async () => {
  await smtp.close();
});

function section(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true });
}

async function openBySearch(page: Page, subject: string): Promise<void> {
  await page.keyboard.press('/');
  const box = page.getByRole('combobox', { name: 'Search tickets and customers' });
  await box.fill(subject);
  const hit = page.getByRole('option').filter({ hasText: subject });
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page.getByRole('heading', { level: 2, name: subject })).toBeVisible();
  await expect.poll(() => focusedElement(page)).toBe('H2#ticket-title');
}

interface OutboxList {
  items: { id: number; state: string; toEmail: string }[];
  counts: Record<string, number>;
}

test('a lead works the outbox, sets up the SMTP server, and an answer shows as sent on its ticket', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const lead = await apiSession(request, 'lead');
  const staff = await callOk<StaffRow[]>(request, lead, 'staff.list');
  const leadName = staff.find((s) => s.active && s.role === 'lead')?.name ?? '';
  const before = await callOk<OutboxList>(request, lead, 'outbox.list', { state: 'needs_attention' });
  const attention = before.items[0];
  if (!attention) throw new Error('The demo data has a mail that needs attention');

  await signIn(page, leadName);
  await section(page, 'Channels').click();
  const outbox = page.locator('.outbox-panel');
  await expect(outbox.getByRole('heading', { name: 'Outbox', level: 2 })).toBeVisible();
  await expect(outbox.getByRole('status')).toContainText('No mail server is set up yet');

  // Filter by state with the keyboard: the select is a plain control.
  const filter = outbox.getByLabel('Show');
  await filter.focus();
  await filter.selectOption({ label: `Needs attention (${before.counts.needs_attention})` });
  const rows = outbox.locator('tbody tr');
  await expect(rows).toHaveCount(Math.min(50, before.counts.needs_attention ?? 0));
  await expect(rows.first()).toContainText('Needs attention');
  await expectNoSeriousA11yViolations(page, '.outbox-panel');
  await page.screenshot({ path: `${SHOTS}/outbox.png`, fullPage: true });

  // Retry it: it leaves this filter and waits in the queue, where a lead may cancel it.
  const retry = outbox.getByRole('button', { name: `Retry the mail to ${attention.toEmail}` }).first();
  await retry.focus();
  await page.keyboard.press('Enter');
  await expect(outbox.locator(`tr[data-outbox-id="${attention.id}"]`)).toHaveCount(0);
  await filter.selectOption('queued');
  const queuedRow = outbox.locator(`tr[data-outbox-id="${attention.id}"]`);
  await expect(queuedRow).toContainText('Queued');
  await queuedRow.getByRole('button', { name: /^Cancel the mail/ }).click();
  await expect(queuedRow).toHaveCount(0);
  await filter.selectOption('cancelled');
  await expect(outbox.locator(`tr[data-outbox-id="${attention.id}"]`)).toContainText('Cancelled');

  // The SMTP server: a wrong value is named, then the settings are saved and a test mail sent.
  await page.getByRole('tab', { name: 'Sending mail' }).click();
  const settings = page.locator('.mail-out-panel');
  await expect(settings.getByRole('heading', { name: 'Sending mail', level: 2 })).toBeVisible();
  await settings.getByRole('textbox', { name: 'Server' }).fill('smtp://127.0.0.1');
  await settings.getByLabel('Port', { exact: true }).fill(String(smtp.port));
  await settings.getByLabel('Security').selectOption('none');
  await settings.getByLabel('Sender address').fill('support@console.test');
  await settings.getByLabel('Sender name').fill('QuintaDB Support');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('alert')).toContainText('host');
  await settings.getByRole('textbox', { name: 'Server' }).fill('127.0.0.1');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByText('Saved.')).toBeVisible();
  await expect(settings).toContainText('Last saved');
  await settings.getByLabel('Test mail to').fill('lead@console.test');
  await settings.getByRole('button', { name: 'Send a test mail' }).click();
  await expect(settings.getByRole('status').filter({ hasText: 'accepted' })).toContainText(
    'The server accepted the test mail: 250',
  );
  expect(smtp.received.some((m) => m.to.includes('lead@console.test'))).toBe(true);
  await expectNoSeriousA11yViolations(page, '.mail-out-panel');
  await page.screenshot({ path: `${SHOTS}/smtp-settings.png`, fullPage: true });

  // An answer typed in the console reaches the server; its ticket says so.
  const agent = await apiSession(request, 'agent');
  const [customer] = await customersOnPlan(request, agent, 'standard');
  if (!customer) throw new Error('The demo data has a Standard customer');
  const subject = 'Delivery shown on the ticket (e2e)';
  const created = await callOk<{ ticket: { ticket: { id: number } } }>(request, agent, 'tickets.create', {
    customerId: customer.id,
    channel: 'email',
    subject,
    body: 'Does my answer arrive?',
  });
  await callOk(request, agent, 'messages.add', {
    ticketId: created.ticket.ticket.id,
    kind: 'answer',
    body: 'It does, by e-mail.',
  });
  await expect
    .poll(() => smtp.received.filter((m) => m.raw.includes('It does, by e-mail.')).length, {
      timeout: 20_000,
    })
    .toBe(1);
  await section(page, 'Queue').click();
  await openBySearch(page, subject);
  const delivery = page.locator('.message-delivery');
  await expect(delivery).toContainText('Sent');
  await expect(delivery).toContainText('Handed to the mail server');
  await expectNoSeriousA11yViolations(page, '.message-delivery');
  await page.screenshot({ path: `${SHOTS}/ticket-delivery.png`, fullPage: true });

  // The lead removes the SMTP settings (the test server stops after this spec): asked first, then gone.
  await section(page, 'Channels').click();
  await page.getByRole('tab', { name: 'Sending mail' }).click();
  await settings.getByRole('button', { name: 'Remove…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove the SMTP settings?' });
  await expect(confirm).toContainText('Mail in the outbox waits until a server is set again.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  expect((await callOk<{ configured: boolean }>(request, lead, 'channels.smtp.get', {})).configured).toBe(
    true,
  );
  await settings.getByRole('button', { name: 'Remove…' }).click();
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await expect(settings).toContainText('No mail server is set up yet.');
  await expect(settings.getByRole('button', { name: 'Remove…' })).toHaveCount(0);
  await expect(settings.getByRole('textbox', { name: 'Server' })).toHaveValue('');
  expect(await callOk(request, lead, 'channels.smtp.get', {})).toMatchObject({ configured: false, host: '' });
});
