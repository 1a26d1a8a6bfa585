// Phone calls as an agent works them (issue #4): a call request arrives for an Express customer,
// the agent opens it from the ticket, finds a slot, books it, sees it in the week calendar and on
// the customer panel, moves it (a refused link first: the refusal shows where they acted and the
// choice stays), and cancels it with a reason.
import { DateTime } from 'luxon';
import {
  coreNow,
  expect,
  test,
  SHOTS,
  apiSession,
  callOk,
  customersOnPlan,
  expectNoSeriousA11yViolations,
  signIn,
  type StaffRow,
} from './support';

type Member = StaffRow & { zone: string };

interface CallRow {
  id: number;
  ticketId: number;
  status: string;
  startsAt: number | null;
}

test('an agent books, moves and cancels a requested call', async ({ page, request }) => {
  test.setTimeout(120_000);
  const session = await apiSession(request, 'agent');
  const staff = await callOk<Member[]>(request, session, 'staff.list');
  const agent = staff.find((s) => s.active && s.role === 'agent');
  if (!agent) throw new Error('The demo has no active agent');
  const customers = await customersOnPlan(request, session, 'standard_express');
  const customer = customers[customers.length - 1];
  if (!customer) throw new Error('The demo has no Standard Express customer');
  const created = await callOk<{ ticket: { ticket: { id: number } } }>(request, session, 'tickets.create', {
    customerId: customer.id,
    channel: 'phone',
    subject: 'Please call me, calls spec',
    body: 'I would like a call about reports.',
    callRequest: {
      questions: ['How do reports group by month?', 'Can I export a chart?'],
      contactEmail: 'caller@customer.test',
      tool: 'google_meet',
    },
  });
  const ticketId = created.ticket.ticket.id;

  await signIn(page, agent.name);
  await page.evaluate(`window.location.hash = '#/queue//ticket/${ticketId}'`);
  await page.getByRole('button', { name: 'Find a slot…' }).click();

  // The request, as the customer sent it, with the slot finder.
  const side = page.locator('.calls-side');
  await expect(side.getByRole('heading', { name: `Call with ${customer.name}` })).toBeVisible();
  await expect(side).toContainText('How do reports group by month?');
  await expect(side).toContainText('caller@customer.test');
  await expect(side).toContainText('Entitled');
  const slots = side.locator('button.slot');
  await expect(slots.first()).toBeVisible({ timeout: 15_000 });
  await expect(slots.first()).toContainText('GMT');
  await page.screenshot({ path: `${SHOTS}/call-slots.png` });
  await expectNoSeriousA11yViolations(page, '.calls-side');

  await slots.first().click();
  await side.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(side.getByRole('status')).toContainText(
    'Booked; the invitation is on its way to caller@customer.test',
  );
  await expect(side.locator('.call-status')).toHaveText('Scheduled');

  const calls = await callOk<CallRow[]>(request, session, 'calls.list', { customerId: customer.id });
  const booked = calls.find((c) => c.ticketId === ticketId);
  expect(booked?.status).toBe('scheduled');

  await page.getByRole('button', { name: 'Calendar', exact: true }).click();
  const calendar = page.locator('.call-calendar');
  const item = calendar.locator(`button[data-call-id="${booked?.id}"]`);
  await calendar.getByRole('button', { name: 'Today' }).focus();
  // As many weeks ahead as the call is from the week the calendar opens on (this one; the next one
  // at a weekend), in the agent's zone; each press waits for its week's title, never for a guess.
  const opening = DateTime.fromMillis(coreNow(), { zone: agent.zone });
  const shown = (opening.weekday >= 6 ? opening.plus({ weeks: 1 }) : opening).startOf('week');
  const target = DateTime.fromMillis(booked?.startsAt ?? 0, { zone: agent.zone }).startOf('week');
  const title = calendar.getByRole('heading', { level: 2 });
  for (let i = 0; i < Math.round(target.diff(shown, 'weeks').weeks); i++) {
    const before = await title.textContent();
    await page.keyboard.press(']');
    await expect(title).not.toHaveText(before ?? '');
  }
  await expect(item.first()).toBeVisible();
  await expect(calendar.locator('.cal-open').first()).toBeAttached();
  await item.first().focus();
  await page.keyboard.press('Enter');
  await expect(side.getByRole('heading', { name: `Call with ${customer.name}` })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/calls-week.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page, '.call-calendar');
  // The day view: one column per agent of the team.
  await calendar.getByRole('button', { name: 'Day', exact: true }).click();
  await expect(calendar.locator('.cal-col').first()).toBeVisible();
  await calendar.getByRole('button', { name: 'Week', exact: true }).click();
  await expect(calendar.locator('.cal-col')).toHaveCount(7);

  // The customer panel beside the ticket lists the booked call.
  await page.evaluate(`window.location.hash = '#/queue//ticket/${ticketId}'`);
  const upcoming = page.locator('section[aria-labelledby="calls-title"]');
  await expect(upcoming.getByRole('button', { name: `#${ticketId}` })).toBeVisible();
  await expect(upcoming).toContainText('GMT');

  // Move it: a plain-http link is refused where the agent acted, and what they chose stays.
  await page.getByRole('button', { name: 'Open the call' }).click();
  await side.getByRole('button', { name: 'Reschedule…' }).click();
  const again = side.locator('.slot-finder button.slot');
  await expect(again.nth(1)).toBeVisible({ timeout: 15_000 });
  await again.nth(1).click();
  const linkBox = side.getByRole('textbox', { name: 'Meeting link' });
  await linkBox.fill('http://meet.example.com/abc');
  await side.getByRole('button', { name: 'Move the call', exact: true }).click();
  await expect(side.getByRole('alert')).toContainText('The call was not moved');
  await expect(linkBox).toHaveValue('http://meet.example.com/abc');
  await linkBox.fill('https://meet.google.com/abc-defg-hij');
  await side.getByRole('button', { name: 'Move the call', exact: true }).click();
  await expect(side.getByRole('status')).toContainText('Moved; an updated invitation');
  const moved = await callOk<CallRow>(request, session, 'calls.get', { id: booked?.id });
  expect(moved.startsAt).not.toBe(booked?.startsAt);

  // Cancel with a reason.
  await side.getByRole('button', { name: 'Cancel call…' }).click();
  await side.getByRole('textbox', { name: /Reason/ }).fill('The customer solved it by e-mail.');
  await side.getByRole('button', { name: 'Cancel the call' }).click();
  await expect(side.getByRole('status')).toContainText('Cancelled.');
  await expect(side.locator('.call-status')).toHaveText('Cancelled');
  await expect(side).toContainText('The customer solved it by e-mail.');
});

test('the calls list tells requests apart: subject and request date on every row', async ({ page }) => {
  await signIn(page, 'Helena Novak');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Calls' }).click();
  const rows = page.locator('.call-row');
  await expect(rows.first()).toBeVisible();
  const texts = await rows.allTextContents();
  expect(new Set(texts).size).toBe(texts.length);
  // Lucas Rossi's two scheduled calls share status, plan and tool; their subjects tell them apart.
  const rossi = rows.filter({ hasText: 'Lucas Rossi' });
  await expect(rossi).toHaveCount(2);
  await expect(rossi.locator('.call-row-subject')).toHaveText([
    'Special characters broken after import',
    'Import PDF into Clients',
  ]);
  for (const row of await rows.all()) {
    await expect(row.locator('.call-row-subject')).not.toBeEmpty();
    await expect(row).toContainText(/Requested \w{3} \d{1,2} \w{3} · /);
  }
  const haddad = rows.filter({ hasText: 'Change account e-mail address' });
  await expect(haddad).toHaveCount(1);
  await expect(haddad).toContainText('Tomás Haddad');
  await expect(haddad).toContainText('Requested Tue 24 Nov · Professional Express · Google Meet');
  await page.screenshot({ path: `${SHOTS}/calls-list.png` });
});

test('on a weekend the calendar opens on the coming week, where three calls at once read as one and "+2"', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const lead = await apiSession(request, 'lead');
  const customers = await customersOnPlan(request, lead, 'enterprise_express');
  // Three requests, booked at one time on Monday 30 November with three agents.
  const monday = Date.parse('2026-11-30T00:00:00Z');
  const callIds: number[] = [];
  for (const customer of customers.slice(0, 3)) {
    const created = await callOk<{ ticket: { ticket: { id: number } } }>(request, lead, 'tickets.create', {
      customerId: customer.id,
      channel: 'phone',
      subject: `Overlapping call with ${customer.name}`,
      body: 'A call at the same time as two others.',
      callRequest: { questions: ['Can we talk?'], contactEmail: 'overlap@customer.test', tool: 'skype' },
    });
    const calls = await callOk<(CallRow & { subject: string })[]>(request, lead, 'calls.list', {
      customerId: customer.id,
      statuses: ['requested'],
    });
    const call = calls.find((c) => c.ticketId === created.ticket.ticket.id);
    if (!call) throw new Error('The call request was not recorded');
    callIds.push(call.id);
  }
  const { slots } = await callOk<{ slots: { startsAt: number; agents: { id: number }[] }[] }>(
    request,
    lead,
    'calls.slots',
    { callId: callIds[0], from: monday, days: 1 },
  );
  const slot = slots.find((s) => s.agents.length >= 3);
  if (!slot) throw new Error('Three agents are free at one time on Monday');
  for (const [i, callId] of callIds.entries()) {
    await callOk(request, lead, 'calls.schedule', {
      callId,
      agentId: slot.agents[i]!.id,
      startsAt: slot.startsAt,
    });
  }

  // Saturday 28 November: this week's calls are over, so the week view opens on the next one.
  await page.clock.setSystemTime(new Date('2026-11-28T10:00:00Z'));
  await signIn(page, 'Helena Novak');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Calls' }).click();
  await page.getByRole('button', { name: 'Calendar', exact: true }).click();
  const calendar = page.locator('.call-calendar');
  await expect(calendar.locator('.cal-col')).toHaveCount(7);
  const monCol = calendar.locator('.cal-col').first();
  await expect(monCol).toHaveAttribute('aria-label', 'Mon 30 Nov');
  // One call keeps a readable lane; the other two are one "+2" block that opens the day.
  const shown = monCol.locator('button.cal-call:not(.cal-more)');
  await expect(shown).toHaveCount(1);
  // Half a narrow column: the start time and the name, the agent only in the title.
  await expect(shown.locator('.cal-call-time')).toHaveText(/^\d{2}:\d{2}$/);
  await expect(shown.locator('.cal-call-agent')).toHaveCount(0);
  const more = monCol.locator('button.cal-more');
  await expect(more).toHaveText('+2');
  await expect(more).toHaveAccessibleName(
    /^Mon 30 Nov: 2 more calls, \d{2}:\d{2}–\d{2}:\d{2}: show the day$/,
  );
  await page.screenshot({ path: `${SHOTS}/calls-week-overlap.png` });
  await expectNoSeriousA11yViolations(page, '.call-calendar');
  await more.click();
  // The day view: a column per agent, each call readable in its own.
  await expect(calendar.getByRole('button', { name: 'Day', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  for (const callId of callIds) {
    await expect(calendar.locator(`button[data-call-id="${callId}"]`)).toBeVisible();
  }
  await page.screenshot({ path: `${SHOTS}/calls-day-overlap.png` });
});
