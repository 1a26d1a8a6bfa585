// The lead's SLA review (issue #6): a lead opens the review, filters by channel, drills down from a
// table, a heat map hour and back, opens a ticket, and exports CSV; an impossible custom period is
// explained and never sent. The demo data is read through the API first, as another desk would.
import { type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import {
  expect,
  test,
  SHOTS,
  apiSession,
  callOk,
  coreNow,
  expectNoSeriousA11yViolations,
  signIn,
  type StaffRow,
} from './support';

const DAY = 86_400_000;

interface ReviewRow {
  key: string;
  label: string;
  tickets: number;
  answered: number;
  firstResponseBreaches: number;
}
interface Review {
  totals: ReviewRow;
  byChannel: ReviewRow[];
  weekly: (ReviewRow & { weekStart: number })[];
}

async function lead(page: Page): Promise<{ name: string; session: string }> {
  const request = page.request;
  const session = await apiSession(request, 'lead');
  const staff = await callOk<StaffRow[]>(request, session, 'staff.list');
  const found = staff.find((s) => s.active && s.role === 'lead');
  if (!found) throw new Error('The demo data has an active lead');
  return { name: found.name, session };
}

async function openReview(page: Page, name: string): Promise<Locator> {
  await signIn(page, name);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'SLA hours' }).click();
  const filters = page.getByRole('form', { name: 'Review filters' });
  await expect(filters).toBeVisible();
  return filters;
}

/** "1,234" → 1234. */
function count(text: string | null): number {
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

/** The review once the numbers on screen are those of the filters shown (not the previous ones). */
function settled(page: Page): Locator {
  return page.locator('.review-body:not([data-stale])');
}

test('a lead opens the review, filters, drills down and exports', async ({ page, request }) => {
  test.setTimeout(120_000);
  const me = await lead(page);
  // The demo spreads its tickets over the last 30 days: several weeks, every channel.
  const now = coreNow();
  const api = await callOk<Review>(request, me.session, 'sla.review', { from: now - 30 * DAY, to: now });
  expect(api.weekly.filter((w) => w.tickets > 0).length).toBeGreaterThanOrEqual(4);
  const channel = [...api.byChannel].sort((a, b) => b.tickets - a.tickets)[0];
  if (!channel) throw new Error('The demo data has tickets in the last 30 days');

  const filters = await openReview(page, me.name);
  await expect(filters.getByLabel('Period', { exact: true })).toHaveValue('last30');
  await expect(filters).toContainText('Europe/London');
  const totals = page.locator('.stat-strip');
  await expect(totals.locator('[data-stat="tickets"]')).toHaveText(/^\d[\d,]*$/);
  const allTickets = count(await totals.locator('[data-stat="tickets"]').textContent());
  expect(allTickets).toBeGreaterThan(100);
  await expect(totals.locator('[data-stat="frMedian"]')).toHaveText(/\d+ (min|h)/);
  await expect(totals.locator('[data-stat="withinTarget"]')).toHaveText(/^\d+(\.\d)?%$/);
  const channelTable = page.locator('[data-table="channel"]');
  await expect(channelTable.locator('tbody tr')).toHaveCount(api.byChannel.length);
  await expect(page.getByRole('img', { name: /^Weekly trend chart, \d+ weeks/ })).toBeVisible();
  await expect(page.locator('.review-notes')).toContainText('quintadb@');

  // Every part of the review, the weekly table open, in both themes.
  await page.locator('.trend-table summary').click();
  await expect(page.locator('.trend-table tbody tr').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, '.sla-view');
  await page.setViewportSize({ width: 1440, height: 2300 });
  await page.screenshot({ path: `${SHOTS}/sla-review.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page, '.sla-view');
  await page.screenshot({ path: `${SHOTS}/sla-review-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Filter by the busiest channel: one row, and the totals are that row.
  await filters.getByLabel('Channel', { exact: true }).selectOption(channel.key);
  await expect(settled(page).locator('[data-table="channel"] tbody tr')).toHaveCount(1);
  const row = channelTable.locator(`tbody tr[data-key="${channel.key}"]`);
  const rowTickets = count(await row.locator('button[data-measure="tickets"]').textContent());
  expect(rowTickets).toBeLessThan(allTickets);
  await expect(totals.locator('[data-stat="tickets"]')).toHaveText(
    new Intl.NumberFormat('en-GB').format(rowTickets),
  );

  // Drill down from the channel's missed first responses: the dialog lists exactly that many tickets.
  const opener = row.locator('button[data-measure="first_response_breached"]');
  const missed = count(await opener.textContent());
  expect(missed).toBeGreaterThan(0);
  await opener.click();
  const dialog = page.getByRole('dialog', { name: /^First response missed: / });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.drill-count')).toHaveAttribute('data-total', String(missed));
  await expect(dialog.locator('tbody tr')).toHaveCount(Math.min(50, missed));
  await expect(dialog.locator('tbody tr').first().locator('.flag-danger')).toHaveText('No');
  await expectNoSeriousA11yViolations(page, 'dialog.review-drill');
  await page.screenshot({ path: `${SHOTS}/sla-review-drill.png` });

  // The drill's tickets as CSV: one line per ticket under the header.
  const [ticketsCsv] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: /^Export “First response missed: .*” as CSV$/ }).click(),
  ]);
  expect(ticketsCsv.suggestedFilename()).toMatch(/^sla-tickets-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const ticketLines = (await readFile(await ticketsCsv.path(), 'utf8')).trimEnd().split('\r\n');
  expect(ticketLines[0]).toBe(
    'ticket_id,created_at,channel,plan,agent,subject,intake,first_response_at,first_response_minutes,target_minutes,within_target,breaches,rule_version,arrived_outside_hours',
  );
  expect(ticketLines).toHaveLength(missed + 1);

  // Escape closes the drill-down and puts focus back on the number.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // The channel table as CSV.
  const [channelCsv] = await Promise.all([
    page.waitForEvent('download'),
    channelTable.getByRole('button', { name: 'Export “By channel” as CSV' }).click(),
  ]);
  expect(channelCsv.suggestedFilename()).toMatch(/^sla-channel-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const channelLines = (await readFile(await channelCsv.path(), 'utf8')).trimEnd().split('\r\n');
  expect(channelLines[0]).toBe(
    'key,label,tickets,answered,first_response_median_minutes,first_response_p90_minutes,within_target,first_response_breaches,breaches',
  );
  expect(channelLines[1]).toMatch(new RegExp(`^${channel.key},[^,]+,${rowTickets},`));

  // The heat map: the arrow keys move between hours; an hour's number opens its arrivals.
  const heat = page.locator('.heat-table');
  const firstCell = heat.locator('[data-r="0"][data-c="0"]');
  await firstCell.focus();
  await page.keyboard.press('ArrowRight');
  await expect(heat.locator('[data-r="0"][data-c="1"]')).toBeFocused();
  const busyHour = heat.locator('tbody .heat-cell:not([aria-disabled])').first();
  const arrivals = count(await busyHour.textContent());
  expect(arrivals).toBeGreaterThan(0);
  await busyHour.click();
  const hourDialog = page.getByRole('dialog', { name: /^Arrivals: \w+ \d\d:00–\d\d:00 UTC$/ });
  await expect(hourDialog.locator('.drill-count')).toHaveAttribute('data-total', String(arrivals));

  // A ticket of the list opens in the queue.
  const first = hourDialog.locator('tbody tr').first();
  const subject = (await first.locator('.drill-subject button').textContent()) ?? '';
  await first.locator('.drill-subject button').click();
  await expect(hourDialog).toBeHidden();
  await expect(page.locator('#ticket-title')).toContainText(subject);

  // Back in the review, the filters were kept.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'SLA hours' }).click();
  await expect(filters.getByLabel('Channel', { exact: true })).toHaveValue(channel.key);
});

test('an impossible custom period is explained and nothing is asked', async ({ page }) => {
  const me = await lead(page);
  const filters = await openReview(page, me.name);
  await expect(page.locator('.stat-strip [data-stat="tickets"]')).toBeVisible();
  let sent = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/call/sla.review')) sent++;
  });

  await filters.getByLabel('To', { exact: true }).fill('2020-01-01');
  await expect(filters.getByLabel('Period', { exact: true })).toHaveValue('custom');
  const error = filters.getByRole('alert');
  await expect(error).toContainText('The last day (Wed 1 Jan 2020) is before the first day');
  await expect(filters.getByLabel('To', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.stat-strip')).toHaveCount(0);

  await filters.getByLabel('From', { exact: true }).fill('2018-06-01');
  await expect(error).toContainText('longer than 400 days');
  expect(sent).toBe(0);

  // A possible period is asked for at once (the demo has nothing that long ago). The page asks as it
  // renders a period (no delay), in the order the periods were typed: had either impossible period
  // been asked for, its request would be counted before this one.
  await filters.getByLabel('From', { exact: true }).fill('2019-12-01');
  await expect(error).toBeHidden();
  await expect(page.getByText('No ticket arrived in this period with these filters.')).toBeVisible();
  expect(sent).toBe(1);
});
