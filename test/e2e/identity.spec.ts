// The team server in a real browser: its first lead made with `npm run server -- create-lead`,
// sign-in with e-mail and password, the lock-out message, a lead inviting someone who then signs
// in, and deactivation ending that person's session on their screen at once.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admin, withDatabase } from '../support/postgres';
import { SHOTS, expectNoSeriousA11yViolations, onTeamServer, teamRun } from './support';

const port = Number(process.env.E2E_PORT ?? 5199) + 1;
const baseURL = `http://127.0.0.1:${port}`;
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const LEAD = { email: 'lea.lead@team.test', name: 'Léa Lead', password: 'lead password 2026' };
const LOCKED = { email: 'lou.locked@team.test', name: 'Lou Locked', password: 'lou password 2026' };

let dir: string;
let server: ChildProcess;

test.use({ baseURL });
// Each test signs in several times, and scrypt is meant to be slow on a busy machine.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'support-console-team-e2e-'));
  // On the PostgreSQL run, a database of its own in the run's cluster; otherwise a SQLite file.
  let database = join(dir, 'team.sqlite');
  if (onTeamServer) {
    await admin(teamRun().clusterUrl, ['create database identity_e2e']);
    database = withDatabase(teamRun().clusterUrl, 'identity_e2e');
  }
  const created = spawnSync(
    tsx,
    [
      'electron/core/serve/team-cli.ts',
      'create-lead',
      '--database',
      database,
      '--email',
      LEAD.email,
      '--name',
      LEAD.name,
      '--zone',
      'Europe/Paris',
    ],
    { input: `${LEAD.password}\n`, encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(`create-lead failed: ${created.stderr}`);
  server = spawn(
    tsx,
    ['electron/core/serve/team-cli.ts', '--database', database, '--listen', `127.0.0.1:${port}`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    let err = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Team server at ')) resolve();
    });
    server.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    server.on('exit', (code) => reject(new Error(`team server exited ${code}: ${err}`)));
  });
});

test.afterAll(() => {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function openStaff(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Staff' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();
}

/** The lead invites someone in the Staff section; returns the link shown to pass on. */
async function invite(page: Page, who: { email: string; name: string }): Promise<string> {
  await openStaff(page);
  const form = page.locator('.staff-invite');
  await form.getByLabel('E-mail').fill(who.email);
  await form.getByLabel('Name').fill(who.name);
  await form.getByLabel('Role').selectOption('agent');
  await form.getByRole('button', { name: 'Create invitation' }).click();
  const link = form.getByLabel(`Invitation link for ${who.name}`);
  await expect(link).toHaveValue(/#\/invite\/[A-Za-z0-9_-]{43}$/);
  return link.inputValue();
}

/** The invitee opens the link in their own browser and chooses a password. */
async function accept(browser: Browser, link: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Join the support team' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('New password again').fill(password);
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your account is ready' })).toBeVisible();
  return { context, page };
}

test('the first lead signs in with e-mail and password; the sign-in screen shows no staff list', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByText('Sign in with your work e-mail and password.')).toBeVisible();
  await expect(page.locator('.staff-choice')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: `${SHOTS}/team-sign-in.png` });

  await page.getByLabel('E-mail').fill(LEAD.email);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The e-mail address and password do not match.');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');

  await signInWithPassword(page, LEAD.email, LEAD.password);
  await expect(page.getByRole('group', { name: 'Signed in' })).toContainText(LEAD.name);
  // Reload: the HttpOnly cookie keeps the window signed in.
  await page.reload();
  await expect(page.getByRole('group', { name: 'Signed in' })).toContainText(LEAD.name);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('a lead invites someone, who chooses a password and signs in; deactivation signs them out at once', async ({
  page,
  browser,
}) => {
  await signInWithPassword(page, LEAD.email, LEAD.password);
  const link = await invite(page, { email: 'zoe.zimmer@team.test', name: 'Zoé Zimmer' });
  await expect(page.locator('.staff-invitations')).toContainText('Zoé Zimmer');
  await expectNoSeriousA11yViolations(page, '.staff-section');
  await page.screenshot({ path: `${SHOTS}/team-staff.png` });

  const invitee = await accept(browser, link, 'zoe chose this password');
  await expect(invitee.page.getByLabel('E-mail')).toHaveValue('zoe.zimmer@team.test');
  await invitee.page.getByLabel('Password', { exact: true }).fill('zoe chose this password');
  await invitee.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(invitee.page.getByRole('group', { name: 'Signed in' })).toContainText('Zoé Zimmer');
  // An agent has no Staff section.
  await expect(
    invitee.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Staff' }),
  ).toHaveCount(0);

  // The link works once.
  const again = await browser.newPage();
  await again.goto(link);
  await expect(again.getByRole('alert')).toContainText('already used');
  await again.close();

  const row = page.locator('.staff-table tr', { hasText: 'Zoé Zimmer' });
  await expect(row).toContainText('1 open session');
  await row.getByRole('button', { name: 'Deactivate Zoé Zimmer' }).click();
  await row.getByRole('group', { name: 'Deactivate' }).getByRole('button', { name: 'Deactivate' }).click();
  await expect(row).toContainText('Deactivated');

  // Zoé's window learns at once, without acting, and says why.
  await expect(invitee.page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(invitee.page.getByRole('alert')).toContainText('This account was deactivated by a lead.');
  await invitee.page.screenshot({ path: `${SHOTS}/team-deactivated.png` });
  await invitee.context.close();
});

test('five wrong passwords lock sign-in, and the screen says until when', async ({ page, browser }) => {
  await signInWithPassword(page, LEAD.email, LEAD.password);
  const link = await invite(page, LOCKED);
  const invitee = await accept(browser, link, LOCKED.password);
  const screen = invitee.page;
  for (let i = 1; i <= 4; i++) {
    await screen.getByLabel('Password', { exact: true }).fill(`wrong password ${i}`);
    await screen.getByRole('button', { name: 'Sign in' }).click();
    await expect(screen.getByRole('alert')).toContainText('do not match');
  }
  await screen.getByLabel('Password', { exact: true }).fill('wrong password 5');
  await screen.getByRole('button', { name: 'Sign in' }).click();
  const alert = screen.getByRole('alert');
  await expect(alert).toContainText('Sign-in is locked after too many wrong passwords.');
  await expect(alert).toContainText(/Try again after (?:\w{3} \d{1,2} \w{3} )?\d{2}:\d{2}, or ask a lead\./);
  // Even the right password waits for the end of the lock.
  await screen.getByLabel('Password', { exact: true }).fill(LOCKED.password);
  await screen.getByRole('button', { name: 'Sign in' }).click();
  await expect(alert).toContainText('Sign-in is locked');
  await expectNoSeriousA11yViolations(screen);
  await screen.screenshot({ path: `${SHOTS}/team-locked.png` });

  // The lead sees the lock in the Staff section.
  await page.reload();
  await openStaff(page);
  await expect(page.locator('.staff-table tr', { hasText: LOCKED.name })).toContainText('Locked until');
  await invitee.context.close();
});

test('a signed-in person changes their password; the old one no longer works', async ({ page }) => {
  await signInWithPassword(page, LEAD.email, LEAD.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change your password' });
  await dialog.getByLabel('Current password').fill(LEAD.password);
  await dialog.getByLabel('New password', { exact: true }).fill('a new lead password');
  await dialog.getByLabel('New password again').fill('a new lead password');
  await expectNoSeriousA11yViolations(page, 'dialog');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.getByRole('status')).toContainText('Password changed');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Signed out once the sign-in form is back: navigating before that could abort the sign-out's
  // answer (and its cleared cookie) and reload into the old session.
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await signInWithPassword(page, LEAD.email, LEAD.password);
  await expect(page.getByRole('alert')).toContainText('do not match');
  await signInWithPassword(page, LEAD.email, 'a new lead password');
  await expect(page.getByRole('group', { name: 'Signed in' })).toContainText(LEAD.name);
});
