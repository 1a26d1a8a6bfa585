// The rules give Enterprise Express a personal manager: every Enterprise Express customer of the demo
// data is shown with theirs, in the customers list and in their panel. The few the demo leaves
// without one on purpose (the lead's overview exists to catch them) are exactly those the overview
// flags, and their panel says none is assigned yet instead of a name.
import {
  expect,
  test,
  apiSession,
  callOk,
  customersOnPlan,
  expectNoSeriousA11yViolations,
  signIn,
  type CustomerRow,
} from './support';

type ExpressRow = CustomerRow & { managerName: string | null };

test('every Enterprise Express customer is shown with their personal manager', async ({ page, request }) => {
  test.setTimeout(120_000);
  const lead = await apiSession(request, 'lead');
  const express = (await customersOnPlan(request, lead, 'enterprise_express')) as ExpressRow[];
  if (express.length === 0) throw new Error('The demo data has Enterprise Express customers');
  const { unmanaged } = await callOk<{ unmanaged: { id: number }[] }>(request, lead, 'overview.lead');
  // Those without a manager are the ones the lead is alerted to, and they are the exception.
  const withoutManager = express.filter((c) => c.managerName === null).map((c) => c.id);
  expect(withoutManager.sort((a, b) => a - b)).toEqual(unmanaged.map((c) => c.id).sort((a, b) => a - b));
  expect(withoutManager.length).toBeLessThanOrEqual(2);

  await signIn(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Customers' }).click();
  const search = page.getByRole('searchbox', { name: 'Search customers' });
  const table = page.locator('.customers-table');
  for (const customer of express) {
    await search.fill(customer.accountEmail);
    const name = page.getByRole('button', { name: customer.name, exact: true });
    const row = table.locator('tbody tr').filter({ has: name });
    await expect(row).toHaveCount(1);
    // The list's last column is the personal manager.
    await expect(row.locator('td').last()).toHaveText(customer.managerName ?? '—');
    await row.getByRole('button', { name: customer.name, exact: true }).click();
    const panel = page.getByRole('complementary', { name: customer.name });
    await expect(panel.getByRole('button', { name: 'Personal manager entitled' })).toBeVisible();
    if (customer.managerName !== null) {
      await expect(panel.locator('.manager-name')).toHaveText(
        new RegExp(`^${escape(customer.managerName)}, since `),
      );
      await expect(panel.getByText('No manager assigned yet.')).toHaveCount(0);
    } else {
      await expect(panel.locator('.manager-name')).toHaveCount(0);
      await expect(panel.getByText('No manager assigned yet.')).toBeVisible();
    }
    if (customer === express[0]) await expectNoSeriousA11yViolations(page, '.customer-panel');
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
