// Receiving mail, as a lead sets it up: the mailbox settings against a real Dovecot, the check, the
// worker in serve mode reading mail put in by IMAP APPEND, an unknown sender's mail as a ticket in the
// Unknown customer view, linked from the ticket to a customer, and the attachment on the ticket.
import type { Page } from '@playwright/test';
import { startDovecot, type Dovecot } from '../support/dovecot';
import {
  SHOTS,
  apiSession,
  callOk,
  customersOnPlan,
  expectNoSeriousA11yViolations,
  queueRows,
  signIn,
  viewButton,
  test,
  expect,
  type StaffRow,
} from './support';

let dovecot: Dovecot;

test.beforeAll(async () => {
  dovecot = await startDovecot();
});
test.afterAll(async () => {
  await dovecot?.dispose();
});

function mail(from: string, subject: string, withFile: boolean): string {
  const head = [
    `From: ${from}`,
    'To: support@console.test',
    `Subject: ${subject}`,
    `Message-ID: <${subject.replace(/\W/g, '')}.mail-in-spec@e2e.test>`,
    'MIME-Version: 1.0',
  ];
  if (!withFile)
    return [...head, 'Content-Type: text/plain; charset=utf-8', '', 'Hello from the e2e mail.', ''].join(
      '\r\n',
    );
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Please see <b>the log</b>.</p><script>alert(1)</script>',
    '--b',
    'Content-Type: text/plain; name="error.log"',
    'Content-Disposition: attachment; filename="error.log"',
    '',
    'line 1: something failed',
    '--b--',
    '',
  ].join('\r\n');
}

function section(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true });
}

test('a lead connects the mailbox; mail becomes tickets; an unknown sender’s ticket is linked; the attachment downloads', async ({
  page,
  request,
}) => {
  const leadApi = await apiSession(request, 'lead');
  const staff = await callOk<StaffRow[]>(request, leadApi, 'staff.list');
  const lead = staff.find((s) => s.active && s.role === 'lead');
  if (!lead) throw new Error('no lead');
  const [customer] = await customersOnPlan(request, leadApi, 'standard');
  if (!customer) throw new Error('no standard customer');

  await signIn(page, lead.name);
  await section(page, 'Channels').click();
  await page.getByRole('tab', { name: 'Receiving mail' }).click();
  const panel = page.getByRole('tabpanel');
  await panel.getByLabel('Read this mailbox').check();
  await panel.getByLabel('IMAP server').fill(dovecot.host);
  await panel.getByLabel('Port').fill(String(dovecot.port));
  await panel.getByLabel('Security').selectOption('none');
  await panel.getByLabel('User').fill(dovecot.user);
  await panel.getByLabel('Password').fill(dovecot.password);
  await panel.getByLabel('Mailbox folder').fill('INBOX');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByText('Saved. The console reconnects with these settings.')).toBeVisible();
  await expect(panel.getByLabel('Password')).toHaveAttribute('placeholder', 'Stored; leave empty to keep it');

  await panel.getByRole('button', { name: 'Check the mailbox' }).click();
  await expect(panel.locator('.mail-in-check')).toHaveText(
    /^Signed in\. 0 mails in the mailbox, 0 not read by the console yet\./,
  );

  await dovecot.append(mail(`${customer.name} <${customer.accountEmail}>`, 'Export fails', true));
  await dovecot.append(mail('Nora <nora@newcomer.e2e.test>', 'Who am I', false));
  await dovecot.append(mail('Nora <nora@newcomer.e2e.test>', 'Me again', false));
  const recent = panel.getByRole('table', { name: 'Latest mails read' });
  await expect(recent.getByRole('row')).toHaveCount(4, { timeout: 15_000 });
  await expect(recent.locator('tr[data-outcome="ticket"]')).toContainText('Export fails');
  await expect(panel.locator('.mail-in-counts [data-outcome="unknown_sender"]')).toHaveText(
    '2 from unknown senders',
  );

  await expect(
    recent.locator('tr[data-outcome="unknown_sender"]').filter({ hasText: 'Who am I' }),
  ).toHaveCount(1);
  await expectNoSeriousA11yViolations(page, '.channels-section');
  await page.screenshot({ path: `${SHOTS}/mail-in-panel.png`, fullPage: true });

  // The unknown sender's mail is a ticket of its own, in the queue's Unknown customer view.
  await section(page, 'Queue').click();
  await viewButton(page, 'Unknown customer').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Unknown customer' })).toBeVisible();
  const row = queueRows(page).filter({ hasText: 'Who am I' });
  await expect(row).toContainText('Nora');
  await expect(row.locator('[data-unknown-customer]')).toHaveText('Unknown customer');
  await row.click();
  const ticket = page.locator('article.ticket');
  await expect(ticket.getByRole('heading', { name: 'Who am I' })).toBeVisible();
  await expect(ticket.locator('.ticket-meta [data-unknown-customer]')).toHaveText('Unknown customer');
  // The core decided nothing, and says why; an answer would be e-mailed to the sender.
  const intake = ticket.locator('.thread .decision').first();
  await expect(intake.locator('.outcome')).toHaveText('Not decided');
  await expect(intake.locator('.decision-reason')).toHaveText(
    /^No customer has the address nora@newcomer\.e2e\.test/,
  );
  // Said once, in the core's words: where the answer goes and that no quota counts it.
  const preview = ticket.locator('.composer-preview');
  await expect(preview.locator('[data-preview]')).toHaveCount(1);
  await expect(preview.locator('[data-preview="unknown-customer"]')).toHaveText(
    'The sender is not linked to a customer yet: the answer is mailed to nora@newcomer.e2e.test and counts toward no quota.',
  );
  const link = ticket.locator('.unknown-customer');
  await expect(link).toContainText('Nora <nora@newcomer.e2e.test> wrote from an address no customer has.');
  // Her later mail is a ticket of its own, which the link takes along (said before linking).
  const again = await queueRows(page).filter({ hasText: 'Me again' }).getAttribute('data-ticket-id');
  await expect(link.locator('[data-same-sender]')).toHaveText(
    `Linking also links this sender’s other tickets without a customer, oldest first: #${again}.`,
  );
  await expectNoSeriousA11yViolations(page, 'article.ticket');
  await page.screenshot({ path: `${SHOTS}/mail-in-unknown-ticket.png` });

  // Linked to the customer it is from: the rules decide it for their plan, the mark goes.
  await link.getByLabel('Find the customer').fill(customer.accountEmail);
  await link.getByRole('button', { name: 'Find' }).click();
  await link
    .getByRole('button', { name: `Link to ${customer.name}` })
    .first()
    .click();
  await expect(ticket.locator('.unknown-customer')).toHaveCount(0);
  await expect(ticket.locator('.ticket-meta')).toContainText(customer.name);
  await expect(intake.locator('.outcome')).toHaveText('Accepted');
  // Both have left the Unknown customer view.
  await expect(page.locator('.queue .count')).toHaveText('0 of 0 tickets');

  const status = await callOk<{ recent: { subject: string; ticketId: number | null }[] }>(
    request,
    leadApi,
    'channels.imap.get',
  );
  const ticketId = status.recent.find((r) => r.subject === 'Export fails')?.ticketId;
  expect(ticketId).toBeTruthy();
  await page.evaluate(`window.location.hash = '#/queue//ticket/${ticketId}'`);
  const thread = page.locator(`[data-message-id]`).first();
  await expect(thread.locator('.message-body')).toHaveText('Please see the log.');
  const download = page.waitForEvent('download');
  await thread.getByRole('button', { name: 'Download error.log' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('error.log');
  await page.screenshot({ path: `${SHOTS}/mail-in-ticket.png` });
});
