// English and French ship; the choice is kept, the default follows the browser, and the rules
// engine's reasons are shown in French from their codes.
import { expect, test, SHOTS, apiSession, customersOnPlan, openConsole, queueRows, signIn } from './support';

test('switch to French: the interface and the rules’ reasons follow, and the choice is kept', async ({
  page,
  request,
}) => {
  const session = await apiSession(request);
  const customer = (await customersOnPlan(request, session, 'free'))[0];
  if (!customer) throw new Error('demo data has Free customers');

  await signIn(page);
  await expect(queueRows(page).first()).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Sans première réponse' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /Temps restant/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.screenshot({ path: `${SHOTS}/queue-fr.png` });

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Clients' }).click();
  await page.getByRole('searchbox', { name: 'Rechercher un client' }).fill(customer.name);
  await page.locator('.customers-table').getByRole('button', { name: customer.name, exact: true }).click();
  const panel = page.getByRole('complementary', { name: customer.name });
  // The engine's channel.not_on_plan reason, rebuilt in French from its code and params.
  await panel.getByRole('button', { name: 'E-mail hors plan' }).focus();
  const tip = page.getByRole('tooltip').filter({ visible: true });
  await expect(tip).toContainText('non inclus dans le plan Free');
  await expect(tip).toContainText('QuintaDB - Community');
  await expect(panel.locator('.quota-value')).toHaveText(/^\d \/ 5 utilisés$/);

  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Langue' })).toHaveValue('fr');
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('the default language follows the browser', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await openConsole(page);
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Langue' })).toHaveValue('fr');
  await context.close();
});
