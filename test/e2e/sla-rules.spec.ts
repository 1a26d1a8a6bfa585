// SLA targets and holidays (issue #6), as a lead edits them and an agent reads them: the editor's
// checks and the core's refusals keep the draft and store nothing; a save becomes the next version
// in the history; and a ticket's "Why this due time?" timeline shows its target, its rule version,
// the business time counted and the closed hours skipped. The edit is undone through the API at the
// end, since every spec shares the one demo database.
import { type APIRequestContext, type Page } from '@playwright/test';
import {
  expect,
  test,
  SHOTS,
  apiSession,
  callOk,
  coreNow,
  expectNoSeriousA11yViolations,
  focusedElement,
  signIn,
  type StaffRow,
} from './support';

type Channel = 'topic' | 'email' | 'chat' | 'phone' | 'blog_comment';
interface SlaRules {
  version: number;
  label: string;
  targets: {
    id: string;
    channel: Channel;
    plans: string[];
    firstResponseMinutes: number;
    nextResponseMinutes: number;
    note?: string;
  }[];
  holidays: Record<Channel, string[]>;
}
interface Version {
  version: number;
  label: string;
  note: string;
  active: boolean;
  createdByName: string | null;
}
interface ReviewTicket {
  ticketId: number;
  subject: string;
  intakeOutcome: 'accept' | 'refuse';
  targetMinutes: number | null;
  outsideHours: boolean;
}
interface Explanation {
  ruleVersion: { version: number; label: string } | null;
  targets: { firstResponseMinutes: number; nextResponseMinutes: number } | null;
  timeline: { kind: string; projected: boolean }[];
}

const DAY = 86_400_000;

function section(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true });
}

async function staffNamed(request: APIRequestContext, role: string, zoneNot?: string): Promise<StaffRow> {
  const session = await apiSession(request);
  const staff = await callOk<(StaffRow & { zone: string })[]>(request, session, 'staff.list');
  const found = staff.find((s) => s.active && s.role === role && s.zone !== zoneNot);
  if (!found) throw new Error(`The demo data has no active ${role}`);
  return found;
}

/** Puts the targets and holidays back as they were (a new version with the old content). */
async function restore(request: APIRequestContext, lead: string, before: SlaRules): Promise<void> {
  const now = await callOk<SlaRules>(request, lead, 'rules.sla', {});
  await callOk(request, lead, 'rules.updateSla', {
    baseVersion: now.version,
    targets: before.targets,
    holidays: before.holidays,
    note: 'e2e: put the SLA targets and holidays back',
  });
}

test('a lead changes a target and adds a holiday: checked, refused without loss, then saved as a new version', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const lead = await apiSession(request, 'lead');
  const before = await callOk<SlaRules>(request, lead, 'rules.sla', {});
  const versionsBefore = await callOk<Version[]>(request, lead, 'rules.versions', {});
  const row = before.targets.findIndex((t) => t.id === 'sla.blog_comment.free');
  const target = before.targets[row];
  if (!target) throw new Error('The default rules have a blog comment target for Free');
  // A date well ahead of the fixed instant, so that no ticket of the other specs is moved by it.
  const holiday = '2029-12-25';

  try {
    const leadName = (await staffNamed(request, 'lead')).name;
    await signIn(page, leadName);
    await section(page, 'SLA hours').click();
    await page.getByRole('button', { name: 'Targets and holidays' }).click();
    const editor = page.locator('.rules-editor');
    await expect(editor.getByRole('heading', { name: 'Response targets and holidays' })).toBeVisible();
    await expect(editor).toContainText(`Editing version ${before.version} (${before.label})`);
    const first = editor.getByRole('textbox', {
      name: `First response in business minutes, row ${row + 1} (Blog comment)`,
    });
    await expect(first).toHaveValue(String(target.firstResponseMinutes));
    // The minutes read as hours and opening days beside the field.
    await expect(editor.locator(`#rules-targets-${row}-firstResponseMinutes-reading`)).toHaveText(
      '= 48 business hours (2 days)',
    );
    await expectNoSeriousA11yViolations(page, '.rules-editor');

    // A zero target and no why: named where they are, and nothing is sent.
    await first.fill('0');
    await first.blur();
    await expect(first).toHaveAttribute('aria-invalid', 'true');
    await expect(editor.locator(`#rules-targets-${row}-firstResponseMinutes-issue`)).toHaveText(
      'A target must be at least 1 minute.',
    );
    await expect(editor.getByText('Unsaved changes')).toBeVisible();
    await editor.getByRole('button', { name: 'Save new version' }).click();
    const summary = editor.locator('#rules-issue-summary');
    await expect(summary).toContainText('Nothing was saved: 2 problems to fix first.');
    await expect(summary).toContainText(
      `Row ${row + 1}, first response: A target must be at least 1 minute.`,
    );
    await expect(summary).toContainText('Why: Say why you are changing the rules.');
    await expect(summary).toBeFocused();
    // Each problem in the summary takes the keyboard to its field.
    await summary.getByRole('button', { name: /first response/ }).click();
    await expect(first).toBeFocused();
    expect(await callOk<Version[]>(request, lead, 'rules.versions', {})).toHaveLength(versionsBefore.length);

    // A date typed twice is refused at once, on the card it belongs to.
    const email = editor
      .locator('.rules-holiday-card')
      .filter({ has: page.getByRole('heading', { name: 'Email' }) });
    await expect(email).toContainText('Mon–Fri 06:00–18:00 GMT');
    await expect(email).toContainText('zone UTC');
    const dateInput = email.getByLabel('New holiday for Email');
    await dateInput.fill(holiday);
    await dateInput.press('Enter');
    const label = 'Tue 25 Dec 2029';
    await expect(email.getByRole('list', { name: 'Holidays of Email' })).toContainText(label);
    await dateInput.fill(holiday);
    await email.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(email.getByRole('alert')).toHaveText(`${label} is already a holiday of Email.`);

    // Someone else saves first: the editor says so, and the core refuses this draft without losing it.
    await first.fill(String(target.firstResponseMinutes + 20));
    const note = editor.getByRole('textbox', { name: /^Why \(required/ });
    await note.fill('e2e: slower Free blog answers; Christmas off');
    const other = await callOk<SlaRules>(request, lead, 'rules.updateSla', {
      baseVersion: before.version,
      targets: before.targets,
      holidays: {},
      note: 'e2e: the same rules, saved from another desk',
    });
    await expect(editor.locator('.rules-banner')).toContainText(
      `Version ${other.version} was saved elsewhere and is now in force.`,
    );
    await editor.getByRole('button', { name: 'Save new version' }).click();
    const refused = editor.locator('.rules-form-error').getByRole('alert');
    await expect(refused).toContainText(
      'Nothing was saved; your changes are kept. Someone changed this at the same time.',
    );
    await expect(first).toHaveValue(String(target.firstResponseMinutes + 20));
    await expect(note).toHaveValue('e2e: slower Free blog answers; Christmas off');
    expect((await callOk<Version[]>(request, lead, 'rules.versions', {}))[0]?.version).toBe(other.version);

    // Start again from the version in force, make the same edit and save it.
    await editor.getByRole('button', { name: 'Load the version in force (discards these changes)' }).click();
    await expect(editor).toContainText(`Editing version ${other.version} (${other.label})`);
    await expect(first).toHaveValue(String(target.firstResponseMinutes));
    await first.fill(String(target.firstResponseMinutes + 20));
    await expect(editor.locator(`#rules-targets-${row}-firstResponseMinutes-reading`)).toHaveText(
      '= 48 h 20 min of business time (2 days)',
    );
    await expect(editor).toContainText(`was ${target.firstResponseMinutes}`);
    await dateInput.fill(holiday);
    await dateInput.press('Enter');
    await expect(email.getByRole('list', { name: 'Holidays of Email' })).toContainText(label);
    await note.fill('e2e: slower Free blog answers; Christmas off');
    // Before saving, the effect on the open tickets is shown: the slower Free blog target would move
    // the waiting Free blog comments' due times (the date years ahead moves none).
    await editor.getByRole('button', { name: 'Preview open tickets' }).click();
    const moved = editor.locator('.rules-move-result');
    await expect(moved).toContainText(/\d+ open tickets? would move; \d+ due times? changes?\./);
    await expect(moved.locator('tbody tr').first()).toContainText('(Blog comment)');
    await expect(editor.getByRole('checkbox', { name: /Move the open tickets/ })).not.toBeChecked();
    // The editor scrolls inside the section: a tall window shows all of it at once.
    await page.setViewportSize({ width: 1440, height: 2000 });
    await page.locator('#main').evaluate('(main) => main.scrollTo(0, 0)');
    await page.screenshot({ path: `${SHOTS}/sla-rules.png` });
    if (process.env.E2E_DARK_SHOTS) {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: `${process.env.E2E_DARK_SHOTS}/sla-rules-dark.png` });
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await note.press('Control+Enter');
    const saved = other.version + 1;
    await expect(editor.getByRole('status').filter({ hasText: 'Saved as' })).toHaveText(
      `Saved as version ${saved}. New tickets are measured against it; existing tickets keep their version.`,
    );
    await expect(editor.getByText('Unsaved changes')).toBeHidden();
    await expect(editor).toContainText(`Editing version ${saved}`);

    // The core stored it as the version in force, with who and why.
    const versions = await callOk<Version[]>(request, lead, 'rules.versions', {});
    expect(versions[0]).toMatchObject({
      version: saved,
      active: true,
      createdByName: leadName,
      note: 'e2e: slower Free blog answers; Christmas off',
    });
    const stored = await callOk<SlaRules>(request, lead, 'rules.sla', {});
    expect(stored.targets.find((t) => t.id === 'sla.blog_comment.free')?.firstResponseMinutes).toBe(
      target.firstResponseMinutes + 20,
    );
    expect(stored.holidays.email).toContain(holiday);

    // The history lists it first, in force; viewing it shows what it changed, read-only.
    const history = editor.locator('.rules-history');
    const newest = history.locator('tbody tr').first();
    await expect(newest).toContainText(String(saved));
    await expect(newest).toContainText(leadName);
    await expect(newest).toContainText('e2e: slower Free blog answers; Christmas off');
    await expect(newest).toContainText('In force');
    const view = newest.getByRole('button', { name: `View version ${saved}` });
    await view.click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`^Version ${saved} `) });
    await expect(dialog).toContainText(`Changes from version ${other.version}`);
    await expect(dialog).toContainText(
      `Blog comment (Free): first response ${target.firstResponseMinutes} min (48 h) → ${target.firstResponseMinutes + 20} min (48 h 20 min)`,
    );
    await expect(dialog).toContainText(`Holiday added: ${label} (Email).`);
    await expect(dialog.getByRole('textbox')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, 'dialog.rules-version-dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(view).toBeFocused();
  } finally {
    await restore(request, lead, before);
  }
});

test('an agent reads why a ticket is due when it is: target, rule version, counted and closed time', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const lead = await apiSession(request, 'lead');
  // An e-mail that arrived while the channel was closed: its clock skipped closed hours. On the fixed
  // data the newest of the last week is answered, measured against version 1.
  const now = coreNow();
  const drill = await callOk<{ rows: ReviewTicket[] }>(request, lead, 'sla.reviewTickets', {
    from: now - 7 * DAY,
    to: now + 60_000,
    channel: 'email',
    measure: 'arrivals_outside_hours',
    limit: 40,
  });
  const ticket = drill.rows.find((r) => r.intakeOutcome === 'accept' && r.targetMinutes !== null);
  if (!ticket) throw new Error('The demo data has an e-mail ticket that arrived outside hours');
  const explained = await callOk<Explanation>(request, lead, 'sla.explain', { ticketId: ticket.ticketId });
  expect(explained.timeline.map((e) => e.kind).slice(0, 3)).toEqual(['arrival', 'closed', 'counted']);
  expect(explained.timeline.filter((e) => e.projected)).toEqual([]);
  const version = explained.ruleVersion;
  if (!version || !explained.targets) throw new Error('The ticket is measured against a rule version');
  expect(version.version).toBe(1);
  // A later version in force (the same content): the ticket keeps the one it arrived under.
  const inForce = await callOk<SlaRules>(request, lead, 'rules.sla', {});
  const later = await callOk<SlaRules>(request, lead, 'rules.updateSla', {
    baseVersion: inForce.version,
    targets: inForce.targets,
    holidays: inForce.holidays,
    note: 'e2e: a later version, the same rules',
  });
  expect(later.version).toBeGreaterThan(1);

  // An agent who is not in GMT, so that times show in their zone with GMT beside.
  const agent = await staffNamed(request, 'agent', 'UTC');
  await signIn(page, agent.name);
  await page.evaluate(`window.location.hash = '#/queue//ticket/${ticket.ticketId}'`);
  await expect(page.getByRole('heading', { level: 2, name: ticket.subject })).toBeVisible();

  const button = page.getByRole('button', { name: 'Why this due time?' });
  await button.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Why this due time? Ticket #${ticket.ticketId}` });
  await expect(dialog).toBeVisible();
  const facts = dialog.locator('.explain-facts');
  await expect(facts).toContainText(
    `First response within ${explained.targets.firstResponseMinutes} business minutes`,
  );
  await expect(facts).toContainText(`Version ${version.version} (${version.label})`);
  await expect(facts).toContainText('Email: Mon–Fri 06:00–18:00 GMT');
  await expect(facts).toContainText('this ticket keeps version 1');
  await expect(dialog).toContainText('It arrived while the channel was closed: counting started when it');
  const timeline = dialog.locator('.explain-timeline');
  await expect(timeline.locator('[data-kind="arrival"]')).toHaveCount(1);
  await expect(timeline.locator('[data-kind="arrival"]')).toContainText('First response owed within');
  const counted = timeline.locator('[data-kind="counted"]').first();
  await expect(counted).toContainText('Counted 39 min');
  await expect(counted).toContainText('Total 39 min of 120 min (2 h).');
  await expect(timeline.locator('[data-kind="closed"]').first()).toContainText('Channel closed');
  await expect(timeline.locator('[data-kind="now"]')).toHaveCount(1);
  // Times in the agent's zone, with GMT beside.
  await expect(timeline.locator('[data-kind="arrival"] .gmt')).toContainText('GMT');
  await expect(timeline.locator('[data-projected]')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'dialog.explain-dialog');
  await page.screenshot({ path: `${SHOTS}/sla-explain.png` });
  if (process.env.E2E_DARK_SHOTS) {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${process.env.E2E_DARK_SHOTS}/sla-explain-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog
      .locator('.dialog-content')
      .evaluate('(content) => content.scrollTo(0, content.scrollHeight)');
    await page.screenshot({ path: `${process.env.E2E_DARK_SHOTS}/sla-explain-end.png` });
  }

  // Escape closes the dialog only (the ticket stays open), and the keyboard is back on the button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: ticket.subject })).toBeVisible();
  expect(await focusedElement(page)).toBe('BUTTON');

  // A ticket still owed its first response: the timeline runs on to its deadline, marked as what
  // happens if nothing else does.
  const customer = (
    await callOk<{ rows: { id: number }[] }>(request, lead, 'customers.list', {
      planIds: ['standard'],
      limit: 1,
    })
  ).rows[0];
  if (!customer) throw new Error('The demo data has Standard customers');
  const owed = await callOk<{ ticket: { ticket: { id: number } } }>(request, lead, 'tickets.create', {
    customerId: customer.id,
    channel: 'email',
    subject: 'When is my answer due?',
    body: 'Asked on the fixed Wednesday morning.',
  });
  const owedId = owed.ticket.ticket.id;
  await page.evaluate(`window.location.hash = '#/queue//ticket/${owedId}'`);
  await expect(page.getByRole('heading', { level: 2, name: 'When is my answer due?' })).toBeVisible();
  await page.getByRole('button', { name: 'Why this due time?' }).click();
  const owedDialog = page.getByRole('dialog', { name: `Why this due time? Ticket #${owedId}` });
  await expect(owedDialog.locator('.explain-facts')).toContainText(`Version ${later.version}`);
  await expect(owedDialog.locator('[data-projected]').first()).toContainText('if nothing else happens');
});
