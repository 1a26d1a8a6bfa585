// Pre-breach warnings as the agent meets them: the countdown in business time, the row marked in
// the queue, the alert behind the top bar's bell and the desktop notification (the web Notification API in
// serve mode; the browser's Notification is replaced by a recorder, since a headless browser shows
// nothing to look at), and the lead's setting of the window, with bad input refused.
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
  viewButton,
  type StaffRow,
} from './support';

interface SlaStatus {
  ticketId: number;
  businessMinutesLeft: number | null;
  warning: boolean;
}

async function setWindow(request: APIRequestContext, lead: string, minutes: number) {
  await callOk(request, lead, 'settings.update', { preBreachMinutes: minutes });
}

/** Records what the console hands to the browser's Notification API, with permission granted. */
async function recordNotifications(page: Page) {
  // A string: the test project's tsconfig has no DOM types.
  await page.addInitScript(`
    const shown = [];
    window.__notifications = shown;
    window.__clickNotification = (text) => {
      const found = shown.find((n) => n.title.includes(text));
      if (found && found.instance.onclick) found.instance.onclick();
      return Boolean(found);
    };
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission() { return Promise.resolve('granted'); }
      constructor(title, options = {}) { this.onclick = null; shown.push({ title, body: options.body, tag: options.tag, instance: this }); }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
  `);
}

function notifications(page: Page) {
  return page.evaluate<{ title: string; body?: string }[]>(
    'window.__notifications.map(({ title, body, tag }) => ({ title, body, tag }))',
  );
}

test.describe('pre-breach warnings', () => {
  let lead: string;
  test.beforeAll(async ({ request }) => {
    lead = await apiSession(request, 'lead');
    // Off first: the scheduler forgets what it already announced, so this test's warnings are new.
    await setWindow(request, lead, 0);
  });
  test.afterAll(async ({ request }) => {
    await setWindow(request, lead, 30);
  });

  test('an agent’s own ticket nearing its deadline is marked, announced and notified', async ({
    page,
    request,
  }) => {
    // Many steps, each waiting on the page: more than the default 30 s on a loaded machine.
    test.setTimeout(90_000);
    await recordNotifications(page);
    const staff = await callOk<StaffRow[]>(request, lead, 'staff.list');
    const agent = staff.find((s) => s.active && s.role === 'agent');
    if (!agent) throw new Error('The demo data has no active agent');
    await signIn(page, agent.name);
    // The bell in the top bar: the list of alerts and the desktop-notification switch.
    const bell = page.getByRole('button', { name: /^SLA alerts/ });
    await bell.click();
    await expect(page.getByRole('switch', { name: 'Desktop notifications' })).toBeChecked();
    await page.keyboard.press('Escape');
    await expect(bell).toBeFocused();
    await expect(page.locator('.popover.sla-alerts')).toHaveCount(0);

    const customer = (await customersOnPlan(request, lead, 'standard'))[0];
    if (!customer) throw new Error('The demo data has Standard customers');
    const created = await callOk<{ ticket: { ticket: { id: number } } }>(request, lead, 'tickets.create', {
      customerId: customer.id,
      channel: 'topic',
      subject: 'Export stops at 10,000 rows',
      body: 'The CSV export stops after 10,000 rows.',
    });
    const ticketId = created.ticket.ticket.id;
    await callOk(request, lead, 'tickets.assign', { ticketId, assigneeId: agent.id });
    const [before] = await callOk<SlaStatus[]>(request, lead, 'sla.status', { ticketIds: [ticketId] });
    expect(before?.businessMinutesLeft).toBeGreaterThan(0);
    expect(before?.warning).toBe(false);

    // The window now reaches this ticket's deadline: the core warns, the console tells its assignee.
    await setWindow(request, lead, Math.ceil(before!.businessMinutesLeft!) + 5);
    await expect
      .poll(
        async () =>
          (await callOk<SlaStatus[]>(request, lead, 'sla.status', { ticketIds: [ticketId] }))[0]?.warning,
      )
      .toBe(true);

    // Nothing floats over the work: the bell counts, a live region reads it out, the list is a click away.
    await expect(bell).toHaveAccessibleName('SLA alerts: 1 ticket', { timeout: 10_000 });
    await expect(page.locator('.sla-alerts-anchor [role="status"]')).not.toBeEmpty();
    // On the fixed data this agent's other tickets are far from their deadlines or already late:
    // the window holds this ticket alone, so the alert and the notification name it.
    expect(
      (
        await callOk<{ tickets: SlaStatus[] }>(request, lead, 'sla.warnings', { assigneeId: agent.id })
      ).tickets.map((t) => t.ticketId),
    ).toEqual([ticketId]);
    await bell.click();
    const own = page.locator(`.sla-alerts li[data-ticket-id="${ticketId}"]`);
    await expect(page.locator('.sla-alerts li')).toHaveCount(1);
    await expect(own).toContainText(`#${ticketId}`);
    await expect
      .poll(async () => (await notifications(page)).map((n) => n.title))
      .toEqual([expect.stringContaining(`#${ticketId}`)]);
    await expectNoSeriousA11yViolations(page, '.sla-alerts');
    await page.screenshot({ path: `${SHOTS}/sla-alerts-menu.png` });
    await page.keyboard.press('Escape');

    // In "Mine", the row is marked whatever columns are shown, and the countdown is business time.
    await viewButton(page, 'Mine').click();
    const row = queueRows(page).and(page.locator(`[data-ticket-id="${ticketId}"]`));
    await expect(row).toHaveAttribute('data-sla-level', 'warn');
    await expect(row).toHaveClass(/sla-row-warn/);
    await expect(row.locator('.time-left')).toHaveText(/left/);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SHOTS}/sla-prebreach-queue.png` });

    // A click on the desktop notification opens its ticket.
    expect(await page.evaluate<boolean>(`window.__clickNotification('#${ticketId}')`)).toBe(true);
    await expect(page.locator('#ticket-title')).toBeFocused();
    await expect(page.locator('.ticket .ticket-id')).toHaveText(`#${ticketId}`);
    await page.keyboard.press('Escape');
    // So does the alert in the console, which then goes away.
    await bell.click();
    await own.getByRole('button', { name: 'Open' }).click();
    await expect(page.locator('#ticket-title')).toBeFocused();
    await bell.click();
    await expect(page.locator('.sla-alerts')).toBeVisible();
    await expect(own).toHaveCount(0);
    await page.keyboard.press('Escape');

    // A reload shows what is still inside the window in the console, without notifying again. The
    // console decides whether to notify in the same step that lists the alert, so once the alert
    // is listed that decision has been taken.
    await page.reload();
    await expect(page.locator('.sla-alerts-count')).toBeVisible({ timeout: 10_000 });
    await bell.click();
    await expect(own).toContainText(`#${ticketId}`);
    expect(await notifications(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  test('the lead sets the window; a bad value is refused and changes nothing', async ({ page, request }) => {
    await setWindow(request, lead, 30);
    await signIn(
      page,
      (await callOk<StaffRow[]>(request, lead, 'staff.list')).find((s) => s.role === 'lead')!.name,
    );
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'SLA hours' })
      .click();
    await page.getByRole('button', { name: 'Targets and holidays' }).click();
    const setting = page.locator('.sla-setting');
    const field = setting.getByLabel('Warn this long before a deadline:');
    await expect(field).toHaveValue('30');

    await field.fill('-5');
    await setting.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(setting.getByRole('alert')).toContainText('whole number of minutes from 0 to 10000');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    expect((await callOk<{ preBreachMinutes: number }>(request, lead, 'settings.get')).preBreachMinutes).toBe(
      30,
    );

    await field.fill('45');
    await setting.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(
      setting.getByRole('status').filter({ hasText: 'warnings 45 business minutes' }),
    ).toBeVisible();
    expect((await callOk<{ preBreachMinutes: number }>(request, lead, 'settings.get')).preBreachMinutes).toBe(
      45,
    );
    await expectNoSeriousA11yViolations(page, '.sla-setting');
  });
});
