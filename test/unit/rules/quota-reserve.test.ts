// The over-quota reading, as properties: "the count never passes 5, and no accepted question is left
// without room for its answer". Any sequence of Free-plan questions, blog comments and answers is
// decided by the engine against the usage the store keeps (spent + one reserved per unanswered
// question); the answer to every accepted question must then be accepted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Intake, RuleUsage } from '../../../shared/domain';
import { admit, defaultRuleSet } from '../../../electron/core/rules';

const customer = { planId: 'free', accountEmail: 'ana@example.com', zone: null };
const NOW = Date.UTC(2025, 0, 8, 10);
const LIMIT = 5;

type Step = { kind: 'question'; ticket: number } | { kind: 'comment' } | { kind: 'answer'; ticket: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('question' as const), ticket: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('comment' as const) }),
  fc.record({ kind: fc.constant('answer' as const), ticket: fc.integer({ min: 0, max: 3 }) }),
);

/** What the store keeps: spent messages, and each ticket's accepted questions not yet answered. */
class Ledger {
  used = 0;
  readonly waiting = new Map<number, number>();
  usage(ticket?: number): RuleUsage {
    let reserved = 0;
    for (const n of this.waiting.values()) reserved += n;
    return ticket === undefined
      ? { quotaUsed: this.used, quotaReserved: reserved }
      : { quotaUsed: this.used, quotaReserved: reserved, ticketReserved: this.waiting.get(ticket) ?? 0 };
  }
}

function decide(ledger: Ledger, s: Step) {
  const intake: Intake =
    s.kind === 'question'
      ? { kind: 'topic_question' }
      : s.kind === 'comment'
        ? { kind: 'blog_comment' }
        : { kind: 'staff_answer', channel: 'topic' };
  return admit(
    defaultRuleSet,
    customer,
    ledger.usage(s.kind === 'answer' ? s.ticket : undefined),
    intake,
    NOW,
  );
}

describe('Free quota reservations', () => {
  it('never passes the limit, and every accepted question can be answered', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const ledger = new Ledger();
        for (const s of steps) {
          const d = decide(ledger, s);
          const waiting = s.kind === 'answer' ? (ledger.waiting.get(s.ticket) ?? 0) : 0;
          if (s.kind === 'answer' && waiting > 0) {
            // The rule's promise: an accepted question's answer always fits.
            expect(d.outcome).toBe('accept');
          }
          if (d.outcome === 'refuse') {
            expect(['quota.exhausted', 'quota.insufficient']).toContain(d.reason.code);
            expect(d.reason.code === 'quota.exhausted').toBe(ledger.used >= LIMIT);
            continue;
          }
          ledger.used++;
          if (s.kind === 'question') ledger.waiting.set(s.ticket, (ledger.waiting.get(s.ticket) ?? 0) + 1);
          if (s.kind === 'answer') ledger.waiting.delete(s.ticket);
          expect(ledger.used).toBeLessThanOrEqual(LIMIT);
          // The engine's own "after" is the balance the store will then read.
          const after = d.quota?.after;
          const next = ledger.usage();
          expect(after).toEqual({
            used: next.quotaUsed,
            reserved: next.quotaReserved,
            limit: LIMIT,
            remaining: LIMIT - next.quotaUsed - next.quotaReserved,
          });
        }
      }),
      { numRuns: 400 },
    );
  });

  // Table from the rule text: (spent, reserved) → question / comment / answer on the reserving ticket.
  const table: [used: number, reserved: number, question: string, comment: string, answer: string][] = [
    [3, 0, 'accept', 'accept', 'accept'],
    [3, 1, 'refuse', 'accept', 'accept'],
    [4, 0, 'refuse', 'accept', 'accept'],
    [4, 1, 'refuse', 'refuse', 'accept'],
    [3, 2, 'refuse', 'refuse', 'accept'],
    [5, 0, 'refuse', 'refuse', 'refuse'],
  ];
  it.each(table)('spent %i, reserved %i: question %s, comment %s, answer %s', (used, reserved, q, c, a) => {
    const usage = { quotaUsed: used, quotaReserved: reserved };
    expect(admit(defaultRuleSet, customer, usage, { kind: 'topic_question' }, NOW).outcome).toBe(q);
    expect(admit(defaultRuleSet, customer, usage, { kind: 'blog_comment' }, NOW).outcome).toBe(c);
    const answer = admit(
      defaultRuleSet,
      customer,
      { ...usage, ticketReserved: Math.min(reserved, 1) },
      { kind: 'staff_answer', channel: 'topic' },
      NOW,
    );
    expect(answer.outcome).toBe(a);
  });
});
