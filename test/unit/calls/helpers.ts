// Shared by the call tests: a core with a few phone requests, and ways to read what a booking left.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ErrorCode } from '../../../shared/contract';
import type { Session } from '../../../electron/core/api/context';
import { startCore, type RunningCore } from '../../../electron/core/app';
import { defaultRuleSet, parseRuleSet, type RuleSet } from '../../../electron/core/rules';
import { snapshot, type TestCore } from '../helpers/core';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Logs a call request for an Express customer through intake, as an agent would; returns the call id. */
export async function requestCall(
  core: TestCore,
  session: Session,
  options: {
    customerId?: number;
    questions?: string[];
    contactEmail?: string;
    tool?: 'skype' | 'google_meet';
  } = {},
): Promise<number> {
  const created = await core.call(session, 'tickets.create', {
    customerId: options.customerId ?? core.ids.standardExpress,
    channel: 'phone',
    subject: 'Please call me',
    body: 'I would like a call about reports.',
    callRequest: {
      questions: options.questions ?? ['How do reports group by month?', 'Can I export a chart?'],
      contactEmail: options.contactEmail ?? 'sue.phone@customer.test',
      tool: options.tool ?? 'skype',
    },
  });
  const call = await core.core.db
    .selectFrom('calls')
    .select('id')
    .where('ticket_id', '=', created.ticket.ticket.id)
    .executeTakeFirstOrThrow();
  return call.id;
}

/** The .ics attached to the newest e-mail about a call. */
export async function lastAttachment(core: TestCore, callId: number): Promise<string> {
  const row = await core.core.db
    .selectFrom('outbox')
    .select('attachment')
    .where('call_id', '=', callId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  if (row.attachment === null) throw new Error(`the last e-mail about call ${callId} has no attachment`);
  return row.attachment;
}

/** Nov 2026, day `d`, hh:mm UTC (the 25th is a Wednesday). */
export function nov(d: number, h: number, m = 0): number {
  return Date.UTC(2026, 10, d, h, m);
}

/** The default rules with the phone calendar moved to `zone` and given `holidays`. */
export function phoneRules(zone: string, holidays: readonly string[]): RuleSet {
  return parseRuleSet({
    ...defaultRuleSet,
    channels: defaultRuleSet.channels.map((c) =>
      c.id === 'phone' ? { ...c, calendar: { ...c.calendar, zone, holidays: [...holidays] } } : c,
    ),
  });
}

/**
 * The test core's database opened again with another rule set, the way a company loads its own:
 * the same file, the same people, a different phone calendar. The original core is closed.
 */
export async function reopenWithRules(
  core: TestCore,
  rules: RuleSet,
): Promise<RunningCore & { dispose(): Promise<void> }> {
  await core.close();
  const rulesFile = join(core.dir, 'rules.json');
  writeFileSync(rulesFile, JSON.stringify(rules));
  const running = await startCore({
    dbFile: core.file,
    rulesFile,
    demo: false,
    now: () => core.clock.now,
    checkOutputs: true,
  });
  return {
    ...running,
    async dispose() {
      await running.close();
      rmSync(core.dir, { recursive: true, force: true });
    },
  };
}

/** Calls a method that must fail with `code` (and `text`), and checks the database did not change. */
export async function expectRefusal(
  core: Pick<TestCore, 'dispatcher' | 'core' | 'sla'>,
  session: Session,
  method: string,
  input: unknown,
  code: ErrorCode,
  text?: RegExp,
): Promise<string> {
  // The breach scheduler wakes itself 200 ms after a ticket changes: let it record now what the
  // test's clock has made due, so its write cannot land between the two snapshots (a pass on the
  // same clock finds nothing more to write).
  await core.sla.tick();
  const before = await snapshot(core.core.db);
  const result = await core.dispatcher.call({ ...session }, method, input);
  expect(result.ok, `${method} should have been refused`).toBe(false);
  expect(await snapshot(core.core.db)).toEqual(before);
  if (result.ok) return '';
  expect(result.error.code, result.error.message).toBe(code);
  if (text) expect(result.error.message).toMatch(text);
  return result.error.message;
}
