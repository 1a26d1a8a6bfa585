// Personal managers and plan changes, as the lead, an account manager and an agent work them:
// assigning from the suggestion on the lead overview, downgrading a customer and reading the
// consequences, working from My clients with the keyboard, and what an agent is (not) offered.
// The demo data is found through the API, as another desk would see it.
import { type APIRequestContext, type Page } from '@playwright/test';
import {
  expect,
  test,
  SHOTS,
  apiSession,
  callOk,
  customersOnPlan,
  expectNoSeriousA11yViolations,
  queueRows,
  signIn,
  type CustomerRow,
  type StaffRow,
} from './support';

interface ManagerLoad {
  staffId: number;
  name: string;
  load: number;
  capacity: number;
}
interface Overview {
  unmanaged: { id: number; name: string }[];
  managers: ManagerLoad[];
}
interface Suggestion {
  suggestion: ManagerLoad | null;
  candidates: ManagerLoad[];
}
interface ClientRow {
  customer: { id: number; name: string };
  openTickets: number;
  activitySinceSeen: boolean;
}

async function staffWithRole(request: APIRequestContext, role: string): Promise<StaffRow> {
  const session = await apiSession(request);
  const staff = await callOk<StaffRow[]>(request, session, 'staff.list');
  const found = staff.find((s) => s.active && s.role === role);
  if (!found) throw new Error(`The demo data has no active ${role}`);
  return found;
}

function section(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true });
}

/** A call request for the customer, logged as an agent would: a phone ticket with its call. */
async function requestCall(request: APIRequestContext, customerId: number): Promise<number> {
  const agent = await apiSession(request, 'agent');
  const created = await callOk<{ ticket: { ticket: { id: number } } }>(request, agent, 'tickets.create', {
    customerId,
    channel: 'phone',
    subject: 'Call about the renewal, accounts spec',
    body: 'Could we talk about the renewal by phone?',
    callRequest: {
      questions: ['Which plan fits our team?'],
      contactEmail: 'renewals@example.com',
      tool: 'skype',
    },
  });
  return created.ticket.ticket.id;
}

test('a lead assigns from the suggestion, then downgrades the customer and reads the consequences', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const lead = await staffWithRole(request, 'lead');
  const leadApi = await apiSession(request, 'lead');
  const before = await callOk<Overview>(request, leadApi, 'overview.lead');
  // The fixed data has two Enterprise Express customers without a manager.
  expect(before.unmanaged.map((c) => c.name)).toEqual(['Omar Dubois', 'Marta Khalil']);
  const target = before.unmanaged[0]!;
  const suggested = (
    await callOk<Suggestion>(request, leadApi, 'managers.suggest', { customerId: target.id })
  ).suggestion;
  if (!suggested) throw new Error('The demo data has an account manager under capacity');

  await signIn(page, lead.name);
  // A lead manages no clients of their own: the tab is every manager's clients, named so.
  await expect(section(page, 'Managed clients')).toBeVisible();
  await expect(section(page, 'My clients')).toHaveCount(0);
  await section(page, 'Lead overview').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lead overview' })).toBeVisible();

  // The alert lists every Enterprise Express customer without a manager.
  const alert = page.getByRole('alert').filter({ hasText: 'no personal manager' });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('listitem')).toHaveCount(2);
  const loadRow = page.locator(`.loads-table tr[data-manager-id="${suggested.staffId}"]`);
  await expect(loadRow).toContainText(`${suggested.load} of ${suggested.capacity} clients`);
  await expect(
    page.getByRole('switch', { name: 'Offer a client’s new tickets to their manager first' }),
  ).toBeChecked();
  await expectNoSeriousA11yViolations(page, '.overview-view');

  // Assign from the suggestion: it comes pre-selected, with why.
  await alert.getByRole('button', { name: `Assign a manager to ${target.name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Personal manager for ${target.name}` });
  await expect(dialog).toContainText(`Suggested: ${suggested.name} has the lightest load`);
  await expect(dialog.getByRole('radio', { name: new RegExp(suggested.name) })).toBeChecked();
  await expect(dialog.getByLabel('Reason (kept in the history)')).not.toHaveValue('');
  await expectNoSeriousA11yViolations(page, 'dialog');
  await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: `${suggested.name} now manages ${target.name}` }),
  ).toBeVisible();

  // The alert shrinks (and stays until none is left); the manager carries one more client.
  await expect(alert.getByRole('listitem')).toHaveCount(1);
  await expect(alert.getByRole('button', { name: `Assign a manager to ${target.name}` })).toHaveCount(0);
  await expect(loadRow).toContainText(`${suggested.load + 1} of ${suggested.capacity} clients`);
  const recent = page.getByRole('region', { name: 'Recent assignment changes' });
  await expect(recent.locator('tbody tr').first()).toContainText(target.name);
  // The overview scrolls inside the window: a taller window shows all of it in the screenshot.
  await page.setViewportSize({ width: 1440, height: 1180 });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SHOTS}/lead-overview.png` });
  await page.setViewportSize({ width: 1440, height: 900 });

  // A call request that the downgrade will flag (Enterprise has no phone support).
  const callTicket = await requestCall(request, target.id);

  // Open the customer from the recent changes, and move them to Enterprise.
  await recent.locator('tbody tr').first().getByRole('button', { name: target.name }).click();
  const panel = page.getByRole('complementary', { name: target.name });
  await expect(panel.locator('.manager-name')).toContainText(`${suggested.name}, since`);
  // The call request is among the customer's upcoming calls.
  await expect(panel.getByRole('button', { name: `#${callTicket}`, exact: true })).toBeVisible();
  await panel.getByRole('button', { name: 'Change plan…' }).click();
  const planDialog = page.getByRole('dialog', { name: `Change the plan of ${target.name}` });
  await expect(planDialog.getByRole('radio', { name: 'Now' })).toBeChecked();
  await planDialog.getByLabel('New plan').selectOption({ label: 'Enterprise' });
  await planDialog.getByLabel('Reason (recorded with the change)').fill('Moved to Enterprise at renewal');
  // A time before the current plan began: the core refuses, and says why, in the dialog.
  await planDialog.getByRole('radio', { name: 'At a set time' }).check();
  await planDialog.getByLabel(/^Date and time in /).fill('2001-01-01T09:00');
  await expect(planDialog).toContainText('GMT');
  await planDialog.getByRole('button', { name: 'Schedule change' }).click();
  const refusal = planDialog.getByRole('alert');
  await expect(refusal).toContainText('The plan was not changed.');
  await expect(refusal).toContainText('before the current plan took effect');
  await planDialog.getByRole('radio', { name: 'Now' }).check();
  await expectNoSeriousA11yViolations(page, 'dialog');
  await planDialog.getByRole('button', { name: 'Change plan', exact: true }).click();
  await expect(planDialog).toBeHidden();

  const summary = panel.getByRole('status').filter({ hasText: 'Plan changed' });
  await expect(summary).toContainText('Plan changed: Enterprise Express → Enterprise');
  await expect(summary.locator('[data-consequence="assignment-ended"]')).toHaveText(
    `Personal manager assignment ended: ${suggested.name} (reason: plan changed).`,
  );
  await expect(summary.locator('[data-consequence="tickets-flagged"]')).toContainText(
    /\d+ open tickets? flagged: (its|their) channel is not on the new plan\./,
  );
  await expect(
    summary
      .locator('[data-consequence="tickets-flagged"]')
      .getByRole('button', { name: `Ticket #${callTicket}` }),
  ).toBeVisible();
  await expect(summary.locator('[data-consequence="calls-flagged"]')).toContainText(
    /\d+ upcoming calls? flagged for review: the new plan has no phone support\./,
  );
  await expect(summary).toContainText('Nothing was deleted');
  // The rules are re-evaluated at once: phone is no longer on the plan, nor is a manager.
  await expect(panel.locator('.plan-line .plan-badge')).toHaveText('Enterprise');
  await expect(panel.getByRole('button', { name: 'Phone not on plan' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Personal manager not on plan' })).toBeVisible();
  await expect(panel.getByRole('button', { name: /Assign manager|Reassign/ })).toHaveCount(0);
  // The history keeps the ended assignment, with why it ended.
  const ended = panel.locator('.manager-history .history-item').first();
  await expect(ended).toContainText(suggested.name);
  await expect(ended).toContainText('Ended: plan changed');
  // Tall enough to show the panel from the customer's name down to the manager history.
  await page.setViewportSize({ width: 1440, height: 1240 });
  await panel.evaluate('(el) => el.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS}/plan-change-consequences.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectNoSeriousA11yViolations(page, '.customer-panel');

  // The flagged ticket link leads to the ticket, flagged as not on plan.
  await summary
    .locator('[data-consequence="tickets-flagged"]')
    .getByRole('button', { name: `Ticket #${callTicket}` })
    .click();
  await expect(page.locator('#ticket-title')).toBeVisible();
  await expect(page.locator('.ticket .flag-danger').first()).toHaveText('Not on plan');
});

test('an account manager works from My clients with the keyboard', async ({ page, request }) => {
  test.setTimeout(120_000);
  const manager = await staffWithRole(request, 'account_manager');
  // The manager's own view of their book, through a session of theirs that never marks anything seen.
  const managerApi = await apiSession(request, 'account_manager');
  const book = await callOk<ClientRow[]>(request, managerApi, 'clients.list', {});
  const client = book[0];
  if (!client || book.length < 2) throw new Error(`${manager.name} has at least two clients in the demo`);
  // Something new for the client: an e-mail, which the manager is offered first.
  const agent = await apiSession(request, 'agent');
  await callOk(request, agent, 'tickets.create', {
    customerId: client.customer.id,
    channel: 'email',
    subject: 'Question about exports, accounts spec',
    body: 'How do I export the monthly report?',
  });
  const clients = await callOk<ClientRow[]>(request, managerApi, 'clients.list', {});

  await signIn(page, manager.name);
  await expect(section(page, 'Lead overview')).toHaveCount(0);
  await section(page, 'My clients').click();
  const table = page.getByRole('table', { name: 'Clients, one per row' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(clients.length);
  const row = table.locator(`tr[data-customer-id="${client.customer.id}"]`);
  await expect(row.locator('.activity-dot')).toBeVisible();

  // Sort by a click on a header, then by keyboard on another.
  const openHeader = table.getByRole('columnheader', { name: /Open tickets/ });
  await openHeader.getByRole('button').click();
  await expect(openHeader).toHaveAttribute('aria-sort', 'descending');
  const most = Math.max(...clients.map((c) => c.openTickets), 1);
  await expect(rows.first().locator('.col-open')).toContainText(`${most} open`);
  const clientHeader = table.getByRole('columnheader', { name: /^Client/ });
  await clientHeader.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(clientHeader).toHaveAttribute('aria-sort', 'ascending');
  await page.keyboard.press('Enter');
  await expect(clientHeader).toHaveAttribute('aria-sort', 'descending');

  // Filter: by text, and to new activity only.
  await page.getByLabel('Filter clients').fill(client.customer.name);
  await expect(row).toBeVisible();
  expect(await rows.count()).toBeLessThan(clients.length);
  await page.getByLabel('Filter clients').fill('');
  await expect(rows).toHaveCount(clients.length);
  await page.getByLabel('New activity only').check();
  await expect(row).toBeVisible();
  await expect(rows.locator('.activity-dot')).toHaveCount(await rows.count());
  await page.getByLabel('New activity only').uncheck();
  await page.screenshot({ path: `${SHOTS}/my-clients.png` });
  await expectNoSeriousA11yViolations(page, '.clients-view');

  // One keystroke from a client to its tickets: the queue, filtered to that client.
  await row.focus();
  await page.keyboard.press('t');
  await expect(page.getByRole('button', { name: 'One customer', exact: true })).toBeVisible();
  await expect(queueRows(page).first()).toBeVisible();
  expect(new Set(await queueRows(page).locator('.col-customer .link-button').allTextContents())).toEqual(
    new Set([client.customer.name]),
  );
  await page.getByRole('button', { name: 'One customer', exact: true }).click();

  // Back in My clients: a note, written from the keyboard.
  await section(page, 'My clients').click();
  await expect(row).toBeVisible();
  await row.focus();
  await page.keyboard.press('n');
  const noteField = page.getByLabel('New note (seen by staff only)');
  await expect(noteField).toBeFocused();
  const note = 'Prefers calls on Tuesdays, accounts spec';
  await noteField.fill(note);
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Note added to ${client.customer.name}.` }),
  ).toBeVisible();
  const notes = page.getByRole('region', { name: `Notes on ${client.customer.name}` });
  await expect(notes).toContainText(note);
  await expect(row.locator('.col-note')).toContainText(note);

  // m marks the client seen: the activity marker goes.
  await row.focus();
  await page.keyboard.press('m');
  await expect(
    page.getByRole('status').filter({ hasText: `${client.customer.name}: marked as seen.` }),
  ).toBeVisible();
  await expect(row.locator('.activity-dot')).toHaveCount(0);
  await expect(row.locator('.col-activity')).toHaveText('Nothing new');

  // o opens the client beside the list; their own manager may change the plan, not delete it.
  await page.keyboard.press('o');
  const panel = page.getByRole('complementary', { name: client.customer.name });
  await expect(panel.getByRole('heading', { name: client.customer.name })).toBeFocused();
  await expect(panel.getByRole('button', { name: 'Change plan…' })).toBeEnabled();
  await expect(panel.getByRole('button', { name: /Assign manager|Reassign|End assignment/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(row).toBeFocused();
});

test('an agent sees who the manager is, but no assign or plan controls', async ({ page, request }) => {
  const agent = await staffWithRole(request, 'agent');
  const session = await apiSession(request, 'agent');
  const customers = (await customersOnPlan(request, session, 'enterprise_express')) as (CustomerRow & {
    managerName: string | null;
  })[];
  const managed = customers.find((c) => c.managerName !== null);
  if (!managed?.managerName)
    throw new Error('The demo data has an Enterprise Express customer with a manager');

  await signIn(page, agent.name);
  await expect(section(page, 'My clients')).toHaveCount(0);
  await expect(section(page, 'Lead overview')).toHaveCount(0);
  await section(page, 'Customers').click();
  await page.getByLabel('Search customers').fill(managed.name);
  await page.getByRole('button', { name: managed.name, exact: true }).first().click();
  const panel = page.getByRole('complementary', { name: managed.name });
  await expect(panel.locator('.manager-name')).toContainText(`${managed.managerName}, since`);
  await expect(panel.locator('.manager-history')).toContainText(managed.managerName);
  await expect(
    panel.getByRole('button', { name: /Assign manager|Reassign|End assignment|Change plan/ }),
  ).toHaveCount(0);
});
