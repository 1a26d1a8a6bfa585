// The queue as an agent works it: views with live counts, filters, sort, paging by scrolling,
// columns, custom views, and live updates from another desk.
import {
  expect,
  test,
  SHOTS,
  apiSession,
  callOk,
  customersOnPlan,
  expectNoSeriousA11yViolations,
  queueCount,
  queueGrid,
  queueRows,
  signIn,
  viewButton,
  viewCount,
} from './support';

test('the narrow channel column shows a long channel name short and whole, the full name kept', async ({
  page,
}) => {
  await signIn(page);
  await viewButton(page, 'Blog comments').click();
  const blogCell = queueRows(page).first().locator('.col-channel');
  await expect(blogCell).toHaveText('BlogBlog comment');
  await expect(blogCell.locator('[title="Blog comment"]')).toBeVisible();
  expect(await blogCell.evaluate((cell) => cell.scrollWidth <= cell.clientWidth)).toBe(true);
});

test('switch views, filter, sort and scroll the queue', async ({ page }) => {
  await signIn(page);
  await expect(queueRows(page).first()).toBeVisible();

  // Every built-in view is listed with its count.
  for (const name of [
    'Needs first response',
    'Mine',
    'Unassigned',
    'Topics',
    'Email',
    'Chat',
    'Call requests',
    'Blog comments',
    'Due soon or breached',
    'Waiting for hours',
    'Refused at intake',
    'Free quota used up',
    'Unknown customer',
  ]) {
    await expect(viewButton(page, name)).toBeVisible();
  }
  await page.screenshot({ path: `${SHOTS}/queue.png` });
  await expectNoSeriousA11yViolations(page);

  // A channel view: only that channel, and the count the store gave the view.
  await viewButton(page, 'Email').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email' })).toBeVisible();
  await expect(viewButton(page, 'Email')).toHaveAttribute('aria-current', 'page');
  await expect(queueRows(page).first()).toBeVisible();
  expect(new Set(await queueRows(page).locator('.col-channel').allTextContents())).toEqual(
    new Set(['Email']),
  );
  expect((await queueCount(page)).total).toBe(await viewCount(page, 'Email'));

  // Refused at intake: every row carries the flag, with the engine's reason on it. On the fixed data
  // one refused ticket is still owed its courteous answer: a Free customer's topic over the quota.
  await viewButton(page, 'Refused at intake').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Refused at intake' })).toBeVisible();
  const refused = queueRows(page).filter({ hasText: 'Emre Fischer' });
  await expect(refused).toContainText('Monthly report totals are wrong');
  await expect(queueRows(page).locator('.flag-refused')).toHaveCount(await queueRows(page).count());
  await expect(refused.locator('.flag-refused')).toHaveAttribute(
    'title',
    /^The Free plan's 5 topic messages are used up \(5 of 5 used/,
  );

  // Filtering a view makes a working copy; the store filters and counts.
  await viewButton(page, 'Topics').click();
  await expect(queueRows(page).first()).toBeVisible();
  const topics = (await queueCount(page)).total;
  await page.getByLabel('Plan').selectOption('free');
  await expect(page.locator('.queue .count')).not.toHaveText(`${topics} of ${topics} tickets`);
  await expect(queueRows(page).first()).toBeVisible();
  expect(new Set(await queueRows(page).locator('.plan-badge .visually-hidden').allTextContents())).toEqual(
    new Set(['Free']),
  );
  await expect(page.getByRole('button', { name: 'Reset' })).toBeVisible();
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.locator('.queue .count')).toHaveText(
    new RegExp(`of ${topics.toLocaleString('en')} tickets$`),
  );

  // Sort by what arrived last: newest first, on the header and in the toolbar alike.
  await page.getByLabel('Sort').selectOption('created_at');
  await expect(page.getByRole('columnheader', { name: /^Age/ })).toHaveAttribute('aria-sort', 'descending');

  // Paging is the store's: scrolling to the end fetches the next page; the DOM keeps only what is in view.
  await page.getByLabel('Status').selectOption('any');
  await page.getByLabel('Channel').selectOption('all');
  await expect(queueRows(page).first()).toBeVisible();
  const before = await queueCount(page);
  // Every ticket of the demo (2,000): the store counts up to 1,000 and says "1,000+".
  expect(before).toMatchObject({ total: 1000, atLeast: true });
  expect(before.total).toBeGreaterThan(before.shown);
  await queueGrid(page).hover();
  await page.mouse.wheel(0, 50_000);
  await expect.poll(async () => (await queueCount(page)).shown).toBeGreaterThan(before.shown);
  expect(await queueRows(page).count()).toBeLessThan(80);
  await page.getByRole('button', { name: 'Reset' }).click();
});

test('custom view: save the filters, sort and columns under a name, then delete it', async ({ page }) => {
  await signIn(page);
  await viewButton(page, 'Email').click();
  await expect(queueRows(page).first()).toBeVisible();

  // Hide a column, move another, resize a third.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Assignee' }).uncheck();
  await page.getByRole('button', { name: 'Move Status left' }).click();
  await page.getByRole('button', { name: 'Make Subject wider' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('columnheader', { name: 'Assignee' })).toHaveCount(0);
  const headers = await page.getByRole('columnheader').allTextContents();
  expect(headers.findIndex((h) => h.startsWith('Status'))).toBeLessThan(
    headers.findIndex((h) => h.startsWith('Customer')),
  );
  // Dragging the header's edge resizes too.
  const customer = page.getByRole('columnheader', { name: 'Customer' });
  const box = await customer.boundingBox();
  if (!box) throw new Error('no Customer header');
  await page.mouse.move(box.x + box.width - 3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + 57, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await customer.boundingBox())?.width ?? 0).toBeGreaterThan(box.width + 30);

  await page.getByLabel('Plan').selectOption('standard');
  const name = 'Standard e-mails, queue spec';
  await page.getByRole('button', { name: 'Save view…' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Save as new view' }).click();
  await expect(viewButton(page, name)).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const count = await viewCount(page, name);
  expect((await queueCount(page)).total).toBe(count);

  // Another view, then back: the saved filters, sort and columns come with it.
  await viewButton(page, 'Chat').click();
  await expect(page.getByRole('columnheader', { name: 'Assignee' })).toBeVisible();
  await viewButton(page, name).click();
  await expect(page.getByRole('columnheader', { name: 'Assignee' })).toHaveCount(0);
  await expect(page.getByLabel('Plan')).toHaveValue('standard');
  await expect(page.getByLabel('Channel')).toHaveValue('email');
  expect((await customer.boundingBox())?.width ?? 0).toBeGreaterThan(box.width + 30);

  await page.getByRole('button', { name: `Delete view ${name}` }).click();
  await page
    .getByRole('group', { name: `Delete the view ${name}?` })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(viewButton(page, name)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Needs first response' })).toBeVisible();
});

test('views and counts update live when another desk writes', async ({ page, request }) => {
  await signIn(page);
  await viewButton(page, 'Email').click();
  await expect(queueRows(page).first()).toBeVisible();
  await page.getByLabel('Sort').selectOption('created_at');
  const emailBefore = await viewCount(page, 'Email');
  const { total: before } = await queueCount(page);

  const session = await apiSession(request);
  const customer = (await customersOnPlan(request, session, 'professional'))[0];
  if (!customer) throw new Error('demo data has no Professional customer');
  const subject = 'Live update check, queue spec';
  await callOk(request, session, 'tickets.create', {
    customerId: customer.id,
    channel: 'email',
    subject,
    body: 'Created by the e2e test from another session.',
  });

  // No reload: the row arrives, the view's total and the count in the navigation move together.
  await expect(queueRows(page).filter({ hasText: subject })).toBeVisible();
  await expect(page.locator('.queue .count')).toHaveText(
    new RegExp(`of ${(before + 1).toLocaleString('en')} tickets$`),
  );
  await expect.poll(() => viewCount(page, 'Email')).toBe(emailBefore + 1);
  await page.getByRole('button', { name: 'Reset' }).click();
});

test('views that change with time alone are counted again every minute', async ({ page }) => {
  // The page runs on a fake clock (support.ts): a minute passes without anyone waiting for it.
  await signIn(page);
  await viewButton(page, 'Due soon or breached').click();
  await expect(queueRows(page).first()).toBeVisible();

  const counted = page.waitForRequest((r) => r.url().includes('/api/call/views.list'));
  const listed = page.waitForRequest((r) => r.url().includes('/api/call/queue.list'));
  await page.clock.runFor(61_000);
  await counted;
  await listed;
  await expect(queueRows(page).first()).toBeVisible();
});
