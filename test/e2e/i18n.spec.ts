// English and French ship; the choice is kept, the default follows the browser, and the rules
// engine's reasons are shown in French from their codes.
import {
  expect,
  test,
  SHOTS,
  apiSession,
  callOk,
  customersOnPlan,
  openConsole,
  queueRows,
  signIn,
} from './support';

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

  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Clients', exact: true })
    .click();
  await page.getByRole('searchbox', { name: 'Rechercher un client' }).fill(customer.name);
  await page.locator('.customers-table').getByRole('button', { name: customer.name, exact: true }).click();
  const panel = page.getByRole('complementary', { name: customer.name });
  // The engine's channel.not_on_plan reason, rebuilt in French from its code and params.
  await panel.getByRole('button', { name: 'E-mail hors plan' }).focus();
  const tip = page.getByRole('tooltip').filter({ visible: true });
  await expect(tip).toContainText('E-mail\u202f: non inclus dans le plan Gratuit.');
  await expect(tip).toContainText('QuintaDB - Community');
  await expect(panel.locator('.quota-value')).toHaveText(`${customer.quota?.used ?? NaN} / 5 utilisés`);
  // The plan is named in French wherever the panel names it.
  await expect(panel.locator('.plan-line .plan-badge')).toHaveText('Gratuit');
  await expect(panel.getByRole('heading', { name: 'Quota du plan Gratuit' })).toBeVisible();
  await expect(panel).not.toContainText('Free');

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

/** The French names of the plans that include phone calls. */
const FRENCH_CALL_PLANS: Record<string, string> = {
  standard_express: 'Standard Express',
  professional_express: 'Professionnel Express',
  enterprise_express: 'Entreprise Express',
};

test('plan names are French wherever a plan is shown: queue, calls and the SLA review', async ({
  page,
  request,
}) => {
  // The calls list's first request, as the page asks for it: its plan is the one the detail names.
  const session = await apiSession(request);
  const [first] = await callOk<{ planId: string }[]>(request, session, 'calls.list', {
    statuses: ['requested', 'scheduled'],
    limit: 200,
  });
  const firstPlan = first ? FRENCH_CALL_PLANS[first.planId] : undefined;
  if (!firstPlan) throw new Error('The demo data has a call request on an Express plan');
  await signIn(page, 'Helena Novak');
  await expect(queueRows(page).first()).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  const sections = page.getByRole('navigation', { name: 'Sections' });

  // The queue's plan filter and its rows' badges.
  const plan = page.getByRole('combobox', { name: 'Plan', exact: true });
  await expect(plan.locator('option')).toHaveText([
    'Tous les plans',
    'Gratuit',
    'Standard',
    'Professionnel',
    'Entreprise',
    'Standard Express',
    'Professionnel Express',
    'Entreprise Express',
  ]);
  await plan.selectOption('professional');
  await expect(queueRows(page).first().locator('.plan-badge')).toHaveAttribute('title', 'Professionnel');
  await page.getByRole('button', { name: 'Rétablir' }).click();

  // The calls list: each request says its customer's plan.
  await sections.getByRole('button', { name: 'Appels' }).click();
  const calls = page.locator('.call-row');
  await expect(calls.first()).toBeVisible();
  const callText = (await calls.allTextContents()).join('\n');
  expect(callText).toMatch(/Express/);
  expect(callText).not.toMatch(/Professional|Enterprise/);
  await calls.first().click();
  await expect(page.locator('.call-facts')).toContainText(`Plan${firstPlan}`);
  await page.screenshot({ path: `${SHOTS}/calls-fr.png` });

  // The SLA review's table by plan.
  await sections.getByRole('button', { name: 'Heures de SLA' }).click();
  const byPlan = page.locator('[data-table="plan"] tbody th');
  await expect(byPlan.first()).toBeVisible();
  expect(await byPlan.allTextContents()).toContain('Gratuit');
  expect((await byPlan.allTextContents()).join(' ')).not.toMatch(/Free|Professional|Enterprise/);

  // The SLA rules editor names channels from the dictionary, not the rule set's English names.
  await page.getByRole('button', { name: 'Objectifs et jours fériés' }).click();
  const editor = page.locator('.rules-editor');
  const cards = editor.locator('.rules-holiday-card:not(.rules-every-channel) h4');
  await expect(cards).toHaveText(['Sujet', 'E-mail', 'Chat', 'Téléphone', 'Commentaire de blog']);
  await expect(editor.getByLabel('Nouveau jour férié pour Commentaire de blog')).toBeVisible();
  await expect(
    editor.getByRole('combobox', { name: 'Canal, ligne 1', exact: true }).locator('option'),
  ).toHaveText(['Sujet', 'E-mail', 'Chat', 'Téléphone', 'Commentaire de blog']);
  await expect(
    editor.getByRole('textbox', { name: /^Première réponse en minutes ouvrées, ligne 1 \(Sujet\)$/ }),
  ).toBeVisible();
  await expect(editor.locator('table.rules-table').first()).not.toContainText(/Topic|Blog comment|Phone/);

  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
});
