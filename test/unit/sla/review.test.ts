// The lead's SLA review checked against a small fixture computed by hand, its drill-down and CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/api/context';
import { toCsv } from '../../../electron/core/sla/csv';
import { percentile } from '../../../electron/core/sla/review';
import { createTestCore, type TestCore } from '../helpers/core';

const WED = (h: number, m = 0) => Date.UTC(2026, 10, 25, h, m);
const FROM = Date.UTC(2026, 10, 23); // Monday
const TO = Date.UTC(2026, 10, 30); // next Monday

let core: TestCore;
let alice: Session;
let bob: Session;
let lead: Session;
const t: Record<string, number> = {};

/*
 * The fixture, all on Wednesday 25 November 2026 (inside every channel's hours):
 *
 *   ticket  arrives  channel  plan              target  answered by  after   first response
 *   T1      10:00    topic    standard          480     Alice        30      met
 *   T2      10:05    topic    standard          480     Bob          60      met
 *   T3      10:10    topic    standard_express  240     Alice        120     met
 *   T4      10:15    email    standard          240     Bob          240     met (exactly on time)
 *   T5      10:20    email    standard_express  120     Alice        300     missed at 12:20
 *   T6      10:25    topic    standard_express  240     nobody       —       missed at 14:25 (read at 20:00)
 *   T7      10:30    email    free              —       refused at intake: an arrival, not measured
 *
 * Answered times sorted: 30, 60, 120, 240, 300. Nearest-rank median: rank ceil(0.5 × 5) = 3 → 120;
 * p90: rank ceil(0.9 × 5) = 5 → 300. Met 4 of the 6 whose outcome is known → 4/6.
 */
beforeAll(async () => {
  core = await createTestCore(WED(10));
  alice = await core.signedIn(core.ids.agent);
  bob = await core.signedIn(core.ids.otherAgent);
  lead = await core.signedIn(core.ids.lead);
  const arrive = async (name: string, at: number, customerId: number, channel: 'topic' | 'email') => {
    core.clock.now = at;
    const { ticket } = await core.call(alice, 'tickets.create', {
      customerId,
      channel,
      subject: name === 'T5' ? 'Export, "urgent"' : `Question ${name}`,
      body: 'Hello',
    });
    t[name] = ticket.ticket.id;
  };
  await arrive('T1', WED(10), core.ids.standard, 'topic');
  await arrive('T2', WED(10, 5), core.ids.standard, 'topic');
  await arrive('T3', WED(10, 10), core.ids.standardExpress, 'topic');
  await arrive('T4', WED(10, 15), core.ids.standard, 'email');
  await arrive('T5', WED(10, 20), core.ids.standardExpress, 'email');
  await arrive('T6', WED(10, 25), core.ids.standardExpress, 'topic');
  await arrive('T7', WED(10, 30), core.ids.free, 'email');
  const answer = async (name: string, at: number, as: Session) => {
    core.clock.now = at;
    await core.call(as, 'messages.add', { ticketId: t[name], kind: 'answer', body: 'Answer' });
  };
  await answer('T1', WED(10, 30), alice);
  await answer('T2', WED(11, 5), bob);
  await answer('T3', WED(12, 10), alice);
  await answer('T4', WED(14, 15), bob);
  await answer('T5', WED(15, 20), alice);
  core.clock.now = WED(20);
  await core.sla.tick();
});
afterAll(() => core.dispose());

const row = (
  key: string,
  label: string,
  tickets: number,
  answered: number,
  frMedian: number | null,
  frP90: number | null,
  withinTarget: number | null,
  firstResponseBreaches: number,
  breaches: number,
) => ({ key, label, tickets, answered, frMedian, frP90, withinTarget, firstResponseBreaches, breaches });

describe('the SLA review of the hand-computed fixture', () => {
  it('gives exactly the numbers computed by hand', async () => {
    const r = await core.call(lead, 'sla.review', { from: FROM, to: TO });
    expect(r.totals).toEqual(row('all', 'All tickets', 6, 5, 120, 300, 4 / 6, 2, 2));
    expect(r.byChannel).toEqual([
      // topic: T1 30, T2 60, T3 120 answered; T6 missed. Median rank 2 of 3 → 60, p90 rank 3 → 120.
      row('topic', 'Topic', 4, 3, 60, 120, 3 / 4, 1, 1),
      // email: T4 240 met, T5 300 missed.
      row('email', 'Email', 2, 2, 240, 300, 1 / 2, 1, 1),
    ]);
    expect(r.byPlan).toEqual([
      row('standard', 'Standard', 3, 3, 60, 240, 1, 0, 0),
      row('standard_express', 'Standard Express', 3, 2, 120, 300, 1 / 3, 2, 2),
    ]);
    expect(r.byAgent).toEqual([
      row(String(core.ids.agent), 'Alice Agent', 3, 3, 120, 300, 2 / 3, 1, 1),
      row(String(core.ids.otherAgent), 'Bob Agent', 2, 2, 60, 240, 1, 0, 0),
      row('none', 'Nobody', 1, 0, null, null, 0, 1, 1),
    ]);
    expect(r.weekly).toEqual([
      { ...row('2026-11-23', 'Week of 2026-11-23', 6, 5, 120, 300, 4 / 6, 2, 2), weekStart: FROM },
    ]);
    expect(r.ruleVersions).toEqual([{ version: 1, label: 'quintadb@1', tickets: 7 }]);
  });

  it('lays arrivals by hour of the week over each channel’s hours', async () => {
    const { heatmap } = await core.call(lead, 'sla.review', { from: FROM, to: TO });
    expect(heatmap.zone).toBe('UTC');
    // Seven arrivals (the refused one included), all on Wednesday between 10:00 and 11:00.
    expect(heatmap.arrivals[2]?.[10]).toBe(7);
    expect(heatmap.arrivals.flat().reduce((a, b) => a + b, 0)).toBe(7);
    expect(heatmap.arrivalsOutsideHours.flat().reduce((a, b) => a + b, 0)).toBe(0);
    const email = heatmap.openMinutes.find((c) => c.channel === 'email');
    expect(email?.minutes[0]?.slice(5, 8)).toEqual([0, 60, 60]); // Monday 05:00, 06:00, 07:00
    expect(email?.minutes[0]?.[18]).toBe(0);
    expect(email?.minutes[5]?.[10]).toBe(0); // Saturday
    const phone = heatmap.openMinutes.find((c) => c.channel === 'phone');
    expect(phone?.minutes[2]?.slice(14, 16)).toEqual([60, 0]);
    expect(
      heatmap.openMinutes
        .find((c) => c.channel === 'topic')
        ?.minutes.flat()
        .every((m) => m === 60),
    ).toBe(true);
  });

  it('filters by channel, plan and agent', async () => {
    const email = await core.call(lead, 'sla.review', { from: FROM, to: TO, channel: 'email' });
    expect(email.totals).toEqual(row('all', 'All tickets', 2, 2, 240, 300, 1 / 2, 1, 1));
    const express = await core.call(lead, 'sla.review', { from: FROM, to: TO, planId: 'standard_express' });
    expect(express.totals.tickets).toBe(3);
    const bobs = await core.call(lead, 'sla.review', { from: FROM, to: TO, agentId: core.ids.otherAgent });
    expect(bobs.totals).toEqual(row('all', 'All tickets', 2, 2, 60, 240, 1, 0, 0));
    const nobody = await core.call(lead, 'sla.review', { from: FROM, to: TO, agentId: 'none' });
    expect(nobody.totals.tickets).toBe(1);
    const before = await core.call(lead, 'sla.review', { from: FROM, to: WED(10, 10) });
    expect(before.totals.tickets).toBe(2);
  });

  it('drills down from any number to its tickets, paged', async () => {
    const ids = async (input: Record<string, unknown>) =>
      (await core.call(lead, 'sla.reviewTickets', { from: FROM, to: TO, limit: 200, ...input })).rows.map(
        (r) => r.ticketId,
      );
    expect(await ids({})).toEqual([t.T1, t.T2, t.T3, t.T4, t.T5, t.T6]);
    expect(await ids({ channel: 'email', measure: 'first_response_breached' })).toEqual([t.T5]);
    expect(await ids({ measure: 'within_target' })).toEqual([t.T1, t.T2, t.T3, t.T4]);
    expect(await ids({ agentId: 'none' })).toEqual([t.T6]);
    expect(await ids({ planId: 'standard', measure: 'answered' })).toEqual([t.T1, t.T2, t.T4]);
    expect(await ids({ weekday: 2, hour: 10, measure: 'arrivals' })).toEqual([
      t.T1,
      t.T2,
      t.T3,
      t.T4,
      t.T5,
      t.T6,
      t.T7,
    ]);
    expect(await ids({ weekday: 3, measure: 'arrivals' })).toEqual([]);
    expect(await ids({ weekStart: FROM, measure: 'breached' })).toEqual([t.T5, t.T6]);

    const first = await core.call(lead, 'sla.reviewTickets', { from: FROM, to: TO, limit: 4 });
    expect(first.total).toBe(6);
    expect(first.rows.map((r) => r.ticketId)).toEqual([t.T1, t.T2, t.T3, t.T4]);
    const second = await core.call(lead, 'sla.reviewTickets', {
      from: FROM,
      to: TO,
      limit: 4,
      cursor: first.nextCursor,
    });
    expect(second.rows.map((r) => r.ticketId)).toEqual([t.T5, t.T6]);
    expect(second.nextCursor).toBeNull();
    expect(first.rows[3]).toMatchObject({
      channel: 'email',
      planId: 'standard',
      planName: 'Standard',
      agentName: 'Bob Agent',
      firstResponseMinutes: 240,
      targetMinutes: 240,
      withinTarget: true,
      breaches: 0,
      ruleVersion: 1,
    });
    expect(second.rows[1]).toMatchObject({ agentId: null, withinTarget: false, firstResponseMinutes: null });
  });

  it('exports every table as RFC 4180 CSV', async () => {
    const csv = async (table: string, extra: Record<string, unknown> = {}) =>
      core.call(lead, 'sla.csv', { table, from: FROM, to: TO, ...extra });
    const channel = await csv('channel');
    expect(channel.filename).toBe('sla-channel-2026-11-23-to-2026-11-29.csv');
    expect(channel.contentType).toBe('text/csv');
    expect(channel.text).toBe(
      'key,label,tickets,answered,first_response_median_minutes,first_response_p90_minutes,within_target,first_response_breaches,breaches\r\n' +
        'topic,Topic,4,3,60,120,0.75,1,1\r\n' +
        'email,Email,2,2,240,300,0.5,1,1\r\n',
    );
    expect((await csv('plan')).text.split('\r\n')[2]).toBe(
      `standard_express,Standard Express,3,2,120,300,${1 / 3},2,2`,
    );
    expect((await csv('agent')).text.split('\r\n')[3]).toBe('none,Nobody,1,0,,,0,1,1');
    expect((await csv('weekly')).text.split('\r\n')[1]).toBe(
      `2026-11-23,2026-11-23,Week of 2026-11-23,6,5,120,300,${4 / 6},2,2`,
    );
    const heat = (await csv('heatmap')).text.split('\r\n');
    expect(heat[0]).toBe(
      'weekday,hour_utc,arrivals,arrivals_outside_hours,topic_open_minutes,email_open_minutes,chat_open_minutes,phone_open_minutes,blog_comment_open_minutes',
    );
    expect(heat).toHaveLength(1 + 7 * 24 + 1);
    expect(heat[1 + 2 * 24 + 10]).toBe('Wed,10,7,0,60,60,60,60,60');
    const tickets = (await csv('tickets', { channel: 'email', measure: 'first_response_breached' })).text;
    const lines = tickets.split('\r\n');
    expect(lines).toHaveLength(3);
    // A subject with a comma and quotes is quoted, its quotes doubled.
    expect(lines[1]).toContain(',"Export, ""urgent""",');
    expect(lines[1]?.startsWith(`${t.T5},2026-11-25T10:20:00.000Z,email,Standard Express,Alice Agent,`)).toBe(
      true,
    );
  });

  it('is for leads only, over a sensible range', async () => {
    const refused = await core.dispatcher.call(alice, 'sla.review', { from: FROM, to: TO });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const backwards = await core.dispatcher.call(lead, 'sla.review', { from: TO, to: FROM });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'to' } });
    const tooLong = await core.dispatcher.call(lead, 'sla.review', {
      from: FROM,
      to: FROM + 401 * 86_400_000,
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'to' } });
    const badCursor = await core.dispatcher.call(lead, 'sla.reviewTickets', {
      from: FROM,
      to: TO,
      cursor: 'xyz',
    });
    expect(badCursor).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'cursor' } });
    const badTable = await core.dispatcher.call(lead, 'sla.csv', { table: 'secrets', from: FROM, to: TO });
    expect(badTable).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'table' } });
    const unknown = await core.dispatcher.call(alice, 'sla.explain', { ticketId: 424242 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', field: 'ticketId' } });
    const status = await core.dispatcher.call(alice, 'sla.status', { ticketIds: [] });
    expect(status).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'ticketIds' } });
    const version = await core.dispatcher.call(alice, 'rules.sla', { version: 99 });
    expect(version).toMatchObject({ ok: false, error: { code: 'not_found', field: 'version' } });
  });
});

describe('percentiles and CSV', () => {
  it('uses nearest rank', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  });

  it('quotes as RFC 4180 says and defuses spreadsheet formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', null],
          [-3, true],
          ['=SUM(A1)', '@x'],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n-3,true\r\n\'=SUM(A1),\'@x\r\n');
  });
});
