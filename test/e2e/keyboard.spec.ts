// Keyboard-first: every shortcut in the list, and focus never lost after an action.
import {
  expect,
  test,
  SHOTS,
  expectNoSeriousA11yViolations,
  focusedElement,
  queueRows,
  signIn,
} from './support';

const VIEWS_LOADING = 'Loading views…';

test('the shortcuts an agent uses all day', async ({ page }) => {
  const me = await signIn(page);
  await expect(queueRows(page).first()).toBeVisible();

  // j / k move the highlighted row.
  await page.keyboard.press('j');
  const first = queueRows(page).nth(0);
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await expect(queueRows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('k');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  const subject = (await first.locator('.col-subject .subject-text').textContent()) ?? '';

  // Enter opens it, focus on its title.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: subject })).toBeVisible();
  await expect.poll(() => focusedElement(page)).toBe('H2#ticket-title');
  await expect(page.locator('.composer-preview [data-preview]').first()).toBeVisible();
  await expect(page.locator('.customer-panel .entitlement-badge').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/ticket.png` });
  await expectNoSeriousA11yViolations(page);

  // j opens the next ticket while one is open; k goes back.
  await page.keyboard.press('j');
  await expect(page.getByRole('heading', { level: 2, name: subject })).toHaveCount(0);
  await page.keyboard.press('k');
  await expect(page.getByRole('heading', { level: 2, name: subject })).toBeVisible();

  // n: an internal note; Ctrl+Enter sends it; focus stays in the composer.
  await page.keyboard.press('n');
  const note = page.getByRole('textbox', { name: 'Internal note' });
  await expect(note).toBeFocused();
  await page.keyboard.type('Checked the logs: nothing unusual.');
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('.composer').getByRole('status')).toHaveText('Note added.');
  await expect(note).toBeFocused();
  await expect(page.locator('.thread .kind-internal_note').last()).toContainText('Checked the logs');
  // Escape leaves the composer for the ticket; the draft area keeps its place.
  await page.keyboard.press('Escape');
  await expect.poll(() => focusedElement(page)).toBe('H2#ticket-title');

  // r: the reply composer.
  await page.keyboard.press('r');
  await expect(page.getByRole('textbox', { name: 'Reply to the customer' })).toBeFocused();
  await page.keyboard.press('Escape');

  // a: assign to me.
  await page.keyboard.press('a');
  await expect(page.locator('.assignee')).toContainText(me);
  await expect.poll(() => focusedElement(page)).toBe('H2#ticket-title');

  // s: the status menu; choose with the arrows.
  await page.keyboard.press('s');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitemradio', { name: /Waiting on customer/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.ticket-state .status')).toHaveText('Waiting on customer');
  await expect(page.locator('.ticket-state .time-left')).toHaveText('paused (waiting on customer)');
  await expect(page.getByRole('button', { name: /^Status: Waiting on customer/ })).toBeFocused();

  // ? lists every shortcut.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const key of ['j', 'k', 'Enter', 'r', 'n', 'a', 's', '/', 'g', 'v', '?']) {
    await expect(
      help.locator('kbd', { hasText: new RegExp(`^${key.replace(/[?/]/g, '\\$&')}$`) }).first(),
    ).toBeVisible();
  }
  await page.screenshot({ path: `${SHOTS}/shortcuts.png` });
  await expectNoSeriousA11yViolations(page, 'dialog');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // / searches.
  await page.keyboard.press('/');
  const search = page.getByRole('combobox', { name: 'Search tickets and customers' });
  await expect(search).toBeFocused();
  await search.fill(subject);
  await expect(page.getByRole('option').filter({ hasText: subject }).first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/search.png` });
  await page.keyboard.press('Escape');
  await expect(search).toHaveCount(0);

  // Escape closes the ticket; focus goes back to the queue.
  await page.keyboard.press('Escape');
  await expect(page.locator('.ticket')).toHaveCount(0);
  await expect.poll(() => focusedElement(page)).toBe('DIV#queue-grid');
  // The grid itself answers the arrow keys.
  await page.keyboard.press('ArrowDown');
  await expect(queueRows(page).nth(1)).toHaveAttribute('aria-selected', 'true');

  // g then v: switch view without the mouse.
  await page.keyboard.press('g');
  await page.keyboard.press('v');
  const switcher = page.getByRole('combobox', { name: 'View name' });
  await expect(switcher).toBeFocused();
  await page.keyboard.type('Unassigned');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Unassigned' })).toBeVisible();
  await expect.poll(() => focusedElement(page)).toBe('DIV#queue-grid');

  // a on a highlighted row (no ticket open) claims it; the queue says so where the key was pressed.
  await expect(queueRows(page).first()).toBeVisible();
  await page.keyboard.press('j');
  await page.keyboard.press('a');
  await expect(page.locator('.queue .action-status')).toHaveText(`Assigned to ${me}.`);
  await expect.poll(() => focusedElement(page)).toBe('DIV#queue-grid');
});

test("j moves through a first start's rows before the views are listed", async ({ page }) => {
  // The first page is asked for before views.list (a built-in view is known without it): the keys
  // must work on the rows on screen while the list is still on its way.
  let release = () => {};
  const listed = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/call/views.list', async (route) => {
    await listed;
    await route.continue();
  });
  await signIn(page);
  await expect(queueRows(page).first()).toBeVisible();
  await page.keyboard.press('j');
  await expect(queueRows(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await expect(queueRows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  const nav = page.getByRole('navigation', { name: 'Queue views' });
  await expect(nav).toContainText(VIEWS_LOADING);
  release();
  await expect(nav).not.toContainText(VIEWS_LOADING);
  await expect(queueRows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
});

test('the highlighted row shows as selected over the SLA tint of an overdue ticket', async ({ page }) => {
  await signIn(page);
  // Needs first response, soonest due first: on the fixed clock its first ticket is overdue.
  const first = queueRows(page).first();
  await expect(first).toHaveClass(/sla-row-danger/);
  const tint = String(await first.evaluate('(row) => getComputedStyle(row).backgroundColor'));
  await page.keyboard.press('j');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  // The colour the stylesheet gives a selected row, resolved the way the page resolves it.
  const selected = await page.evaluate<string>(`(() => {
    const probe = document.createElement('div');
    probe.style.background = 'var(--row-selected)';
    document.body.append(probe);
    const color = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return color;
  })()`);
  expect(selected).not.toBe(tint);
  await expect(first).toHaveCSS('background-color', selected);
});

test('the ticket keys act only where the queue is on screen', async ({ page }) => {
  await signIn(page);
  await expect(queueRows(page).first()).toBeVisible();
  await page.keyboard.press('j');
  const first = queueRows(page).nth(0);
  await expect(first).toHaveAttribute('aria-selected', 'true');
  const assigneeBefore = await first.locator('.col-assignee').textContent();

  // In Customers, a and j must not claim or move a ticket nobody can see.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Customers' }).click();
  await page.locator('body').click({ position: { x: 5, y: 880 } });
  await page.keyboard.press('a');
  await page.keyboard.press('j');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Queue' }).click();
  await expect(queueRows(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(queueRows(page).nth(0).locator('.col-assignee')).toHaveText(assigneeBefore ?? '');
});
