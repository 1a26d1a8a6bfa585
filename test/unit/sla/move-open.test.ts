// Issue #12 item 7: a holiday added for tomorrow must not leave the tickets already waiting due on
// the closed day. The lead previews what saving would move (how many, the new due times), chooses to
// move the open tickets onto the new version, and every move is audited per ticket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/api/context';
import { createTestCore, type TestCore } from '../helpers/core';

const utc = (d: number, h: number, m = 0) => Date.UTC(2026, 10, d, h, m); // November 2026
const WED = (h: number, m = 0) => utc(25, h, m);

let core: TestCore;
let agent: Session;
let lead: Session;
beforeEach(async () => {
  core = await createTestCore(WED(10));
  agent = await core.signedIn(core.ids.agent);
  lead = await core.signedIn(core.ids.lead);
});
afterEach(() => core.dispose());

async function email(subject: string, at: number): Promise<number> {
  core.clock.now = at;
  const { ticket } = await core.call(agent, 'tickets.create', {
    customerId: core.ids.standard,
    channel: 'email',
    subject,
    body: 'B',
  });
  return ticket.ticket.id;
}
const dueOf = async (id: number) =>
  (await core.core.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
    .due_at;

async function edit() {
  const current = await core.call(lead, 'rules.sla', {});
  // Thursday 26 November closed on every channel at once.
  return { baseVersion: current.version, targets: current.targets, holidaysEveryChannel: ['2026-11-26'] };
}

describe('moving open tickets onto a new rule version', () => {
  it('previews, then moves the waiting e-mail off the new holiday and audits it', async () => {
    // Wednesday 17:00 with 240 business minutes: 60 today, 180 Thursday → due Thursday 09:00.
    const waiting = await email('Waiting', WED(17));
    expect(await dueOf(waiting)).toBe(utc(26, 9));
    core.clock.now = WED(17, 30);

    const input = await edit();
    const preview = await core.call(lead, 'rules.previewSla', input);
    expect(preview.openTickets).toBe(1);
    expect(preview.moves).toEqual([
      { ticketId: waiting, subject: 'Waiting', channel: 'email', dueAt: utc(26, 9), newDueAt: utc(27, 9) },
    ]);
    // A preview changes nothing.
    expect(await dueOf(waiting)).toBe(utc(26, 9));
    expect(await core.call(lead, 'rules.versions', {})).toHaveLength(1);

    const saved = await core.call(lead, 'rules.updateSla', {
      ...input,
      moveOpenTickets: true,
      note: 'Thursday closed',
    });
    // The date is closed on every channel.
    for (const dates of Object.values(saved.holidays)) expect(dates).toContain('2026-11-26');
    expect(await dueOf(waiting)).toBe(utc(27, 9));
    const row = await core.core.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', waiting)
      .executeTakeFirstOrThrow();
    expect(row.sla_rule_version).toBe(saved.version);
    const audit = await core.call(lead, 'audit.list', { entity: 'ticket_sla' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityId: waiting, action: 'rules.updateSla', actorName: 'Leo Lead' });
    expect(JSON.stringify(audit[0]?.after)).toContain(`Moved onto rule version ${saved.version}`);
    const explained = await core.call(agent, 'sla.explain', { ticketId: waiting });
    expect(explained.ruleVersion?.version).toBe(saved.version);
  });

  it('without the choice, the waiting tickets keep their version and due time', async () => {
    const waiting = await email('Waiting', WED(17));
    core.clock.now = WED(17, 30);
    await core.call(lead, 'rules.updateSla', {
      ...(await edit()),
      note: 'Thursday closed, new tickets only',
    });
    expect(await dueOf(waiting)).toBe(utc(26, 9));
    expect(await core.call(lead, 'audit.list', { entity: 'ticket_sla' })).toHaveLength(0);
  });

  it('only a lead may preview, and a bad holiday is refused by name', async () => {
    const input = await edit();
    const refused = await core.dispatcher.invoke(agent, 'rules.previewSla', input);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await core.dispatcher.invoke(lead, 'rules.previewSla', {
      ...input,
      holidaysEveryChannel: ['2026-02-30'],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('invalid_input');
  });
});
