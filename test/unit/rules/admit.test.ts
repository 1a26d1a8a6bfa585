// Intake decisions, table by table from the seed reading. Expected values are written out.
import { describe, expect, it } from 'vitest';
import { decision as decisionSchema } from '../../../shared/domain';
import type { Decision, Intake, RuleCustomer } from '../../../shared/domain';
import { admit, defaultRuleSet, listRuleIds } from '../../../electron/core/rules';

const t = (iso: string): number => Date.parse(iso);
const customerOn = (planId: string): RuleCustomer => ({
  planId,
  accountEmail: 'ana@example.com',
  zone: null,
});
const WED_1000 = t('2025-01-08T10:00:00.000Z');
const SAT_1200 = t('2025-01-11T12:00:00.000Z');
const NEXT_MON_0600 = t('2025-01-13T06:00:00.000Z');
const paidPlans = [
  'standard',
  'professional',
  'enterprise',
  'standard_express',
  'professional_express',
  'enterprise_express',
];
const expressPlans = ['standard_express', 'professional_express', 'enterprise_express'];
const allPlans = ['free', ...paidPlans];
const goodCall: Intake = {
  kind: 'call_request',
  questions: ['How do I export a form to CSV?'],
  contactEmail: 'ana@example.com',
  tool: 'skype',
};

const decide = (plan: string, item: Intake, used = 0, now = WED_1000): Decision =>
  admit(defaultRuleSet, customerOn(plan), { quotaUsed: used, quotaReserved: 0 }, item, now);

const q = (used: number, reserved = 0) => ({ used, reserved, limit: 5, remaining: 5 - used - reserved });

describe('admit: Free quota, every used level × intake kind', () => {
  // [intake, used, outcome, counts]
  const table: [name: string, item: Intake, used: number, outcome: 'accept' | 'refuse', counts: boolean][] =
    [];
  const kinds: [string, Intake, number][] = [
    // [name, intake, minimum remaining to accept]
    ['topic question', { kind: 'topic_question' }, 2],
    ['blog comment', { kind: 'blog_comment' }, 1],
    ['staff answer in topic', { kind: 'staff_answer', channel: 'topic' }, 1],
  ];
  const written: Record<string, ('accept' | 'refuse')[]> = {
    'topic question': ['accept', 'accept', 'accept', 'accept', 'refuse', 'refuse'],
    'blog comment': ['accept', 'accept', 'accept', 'accept', 'accept', 'refuse'],
    'staff answer in topic': ['accept', 'accept', 'accept', 'accept', 'accept', 'refuse'],
  };
  for (const [name, item] of kinds) {
    for (let used = 0; used <= 5; used++) {
      const outcome = written[name]?.[used] ?? 'refuse';
      table.push([name, item, used, outcome, outcome === 'accept']);
    }
  }
  // Staff answers outside topics never count, whatever the balance (e.g. the reply to a refused e-mail).
  for (const channel of ['email', 'chat', 'phone', 'blog_comment'] as const) {
    for (let used = 0; used <= 5; used++) {
      table.push([`staff answer in ${channel}`, { kind: 'staff_answer', channel }, used, 'accept', false]);
    }
  }
  for (let used = 0; used <= 5; used++) {
    table.push(['email', { kind: 'email' }, used, 'refuse', false]);
    table.push(['chat', { kind: 'chat' }, used, 'refuse', false]);
    table.push(['call request', goodCall, used, 'refuse', false]);
  }

  it.each(table)('%s at %i used → %s (counts %s)', (_name, item, used, outcome, counts) => {
    const d = decide('free', item, used);
    expect(d.outcome).toBe(outcome);
    // An accepted topic question keeps one message for its answer.
    const keeps = counts && item.kind === 'topic_question' ? 1 : 0;
    expect(d.quota).toEqual({ counts, before: q(used), after: q(counts ? used + 1 : used, keeps) });
  });

  it('an accepted question leaves room for its answer, in words', () => {
    expect(decide('free', { kind: 'topic_question' }, 3).reason.text).toContain(
      'This question uses quota message 4 of 5 on the Free plan, 1 kept for the answer to an open question; none left.',
    );
    expect(decide('free', { kind: 'topic_question' }, 0).reason.text).toContain(
      'This question uses quota message 1 of 5 on the Free plan, 1 kept for the answer to an open question; 3 left.',
    );
    expect(decide('free', { kind: 'staff_answer', channel: 'topic' }, 4).reason.text).toContain(
      'This answer uses quota message 5 of 5 on the Free plan; none left.',
    );
    expect(decide('free', { kind: 'staff_answer', channel: 'email' }, 5).reason.text).toContain(
      "This answer does not count toward the Free plan's 5 topic messages.",
    );
  });

  it('a refused question at 4 of 5 says 1 is left but not enough, never "used up"', () => {
    const d = decide('free', { kind: 'topic_question' }, 4);
    expect(d.reason.code).toBe('quota.insufficient');
    expect(d.reason.params).toMatchObject({ used: 4, reserved: 0, remaining: 1, limit: 5, needed: 2 });
    expect(d.reason.text).toBe(
      "Not enough of the Free plan's 5 topic messages are left for a new question and its answer: " +
        '4 of 5 used, 1 left; a new question needs 2: the question and its answer. ' +
        'Upgrade to a paid plan for unlimited topic messages, or ask the QuintaDB - Community group on Telegram.',
    );
    expect(d.reason.text).not.toContain('used up');
    expect(d.ruleIds).toEqual(
      expect.arrayContaining([
        'topic.all-plans',
        'quota.free-5',
        'quota.counts-topic-questions',
        'quota.reserve-question',
        'community.group',
      ]),
    );
    expect(d.alternatives).toEqual([
      { kind: 'upgrade', planIds: paidPlans, planNames: expect.any(Array) },
      { kind: 'community', name: 'QuintaDB - Community', url: 'https://t.me/QuintaDB_Community' },
    ]);
  });

  it('a refused blog comment at 5 of 5 and a blocked answer cite their reserves', () => {
    expect(decide('free', { kind: 'blog_comment' }, 5).ruleIds).toContain('quota.reserve-blog-comment');
    expect(decide('free', { kind: 'blog_comment' }, 5).reason.text).toContain(
      '(5 of 5 used; a blog comment needs 1)',
    );
    expect(decide('free', { kind: 'staff_answer', channel: 'topic' }, 5).ruleIds).toContain(
      'quota.reserve-answer',
    );
  });

  it('with quota left for a blog comment but not a question, the refusal offers nothing unusable', () => {
    const d = decide('free', { kind: 'blog_comment' }, 5);
    // Topic is on the Free plan but a question needs 2 messages, so it is not offered.
    expect(d.alternatives.some((a) => a.kind === 'channel')).toBe(false);
  });

  it('history past the limit is clamped, never 6 of 5', () => {
    const d = decide('free', { kind: 'topic_question' }, 7);
    expect(d.quota).toEqual({ counts: false, before: q(5), after: q(5) });
    expect(d.reason.code).toBe('quota.exhausted');
    expect(d.reason.text).toContain('are used up (5 of 5 used;');
  });
});

describe('admit: paid plans never count', () => {
  const items: Intake[] = [
    { kind: 'topic_question' },
    { kind: 'blog_comment' },
    { kind: 'staff_answer', channel: 'topic' },
    { kind: 'staff_answer', channel: 'email' },
    { kind: 'email' },
    { kind: 'chat' },
  ];
  const rows = paidPlans.flatMap((plan) =>
    [0, 1, 2, 3, 4, 5, 50].flatMap((used) => items.map((item) => ({ plan, used, item }))),
  );
  it.each(rows)('$plan $item.kind at $used used → accept, quota null', ({ plan, used, item }) => {
    const d = decide(plan, item, used);
    expect(d.outcome).toBe('accept');
    expect(d.quota).toBeNull();
  });
});

describe('admit: email and chat, the clock waits', () => {
  // [plan, intake, instant, outcome, openNow, nextOpen]
  const rows: [string, 'email' | 'chat', string, 'accept' | 'refuse', boolean, string][] = [];
  const instants: [string, boolean, string][] = [
    ['2025-01-06T05:59:59.999Z', false, '2025-01-06T06:00:00.000Z'],
    ['2025-01-06T06:00:00.000Z', true, '2025-01-06T06:00:00.000Z'],
    ['2025-01-08T15:00:00.000Z', true, '2025-01-08T15:00:00.000Z'],
    ['2025-01-10T17:59:59.999Z', true, '2025-01-10T17:59:59.999Z'],
    ['2025-01-10T18:00:00.000Z', false, '2025-01-13T06:00:00.000Z'],
    ['2025-01-11T12:00:00.000Z', false, '2025-01-13T06:00:00.000Z'],
    ['2025-01-12T23:59:00.000Z', false, '2025-01-13T06:00:00.000Z'],
  ];
  for (const plan of allPlans) {
    for (const kind of ['email', 'chat'] as const) {
      for (const [at, open, next] of instants) {
        rows.push([plan, kind, at, plan === 'free' ? 'refuse' : 'accept', open, next]);
      }
    }
  }
  it.each(rows)('%s %s at %s → %s (open %s, next %s)', (plan, kind, at, outcome, open, next) => {
    const d = decide(plan, { kind }, 0, t(at));
    expect(d.outcome).toBe(outcome);
    expect(d.openNow).toBe(open);
    expect(d.nextOpen).toBe(t(next));
  });

  it('an email on Saturday is accepted and says when the clock starts', () => {
    const d = decide('standard', { kind: 'email' }, 0, SAT_1200);
    expect(d.reason.text).toBe(
      'Email accepted: email support is included in the Standard plan (Mon–Fri 06:00–18:00 GMT). ' +
        'Email is closed now; the response clock starts when it opens, Mon 13 Jan 2025, 06:00 GMT.',
    );
    expect(d.reason.text).toContain('Mon 13 Jan 2025, 06:00 GMT');
    expect(d.ruleIds).toEqual(['email.paid-plans', 'email.hours']);
    expect(d.nextOpen).toBe(NEXT_MON_0600);
  });

  it('Free email is refused towards the topic and the community', () => {
    const d = decide('free', { kind: 'email' });
    expect(d.reason.code).toBe('channel.not_on_plan');
    expect(d.reason.text).toContain('On the Free plan you can open a topic (24/7)');
    expect(d.reason.text).toContain('QuintaDB - Community group on Telegram');
    expect(d.alternatives).toEqual([
      {
        kind: 'channel',
        channel: 'topic',
        name: 'Topic',
        hours: '24/7',
        openingHours: expect.objectContaining({ alwaysOpen: true }),
      },
      { kind: 'upgrade', planIds: paidPlans, planNames: expect.any(Array) },
      { kind: 'community', name: 'QuintaDB - Community', url: 'https://t.me/QuintaDB_Community' },
    ]);
  });

  it('topic questions and blog comments are accepted 24/7 on every plan', () => {
    for (const plan of allPlans) {
      for (const at of [t('2025-01-06T05:59:59.999Z'), SAT_1200, t('2025-01-12T23:59:00.000Z')]) {
        for (const kind of ['topic_question', 'blog_comment'] as const) {
          const d = decide(plan, { kind }, 0, at);
          expect(d.outcome).toBe('accept');
          expect(d.openNow).toBe(true);
          expect(d.nextOpen).toBe(at);
        }
      }
    }
  });
});

describe('admit: phone', () => {
  it.each(allPlans)('%s: a complete call request', (plan) => {
    const d = decide(plan, goodCall);
    expect(d.outcome).toBe(expressPlans.includes(plan) ? 'accept' : 'refuse');
    expect(d.ruleIds).toContain('phone.express-plans');
    if (d.outcome === 'refuse') {
      expect(d.reason.code).toBe('channel.not_on_plan');
      expect(d.alternatives).toContainEqual({
        kind: 'upgrade',
        planIds: expressPlans,
        planNames: ['Standard Express', 'Professional Express', 'Enterprise Express'],
      });
    }
  });

  // Each requirement failing alone on an Express plan.
  const failures: [string, Intake, string, string][] = [
    ['no questions', { ...goodCall, questions: [] }, 'call.questions_required', 'phone.requires-questions'],
    [
      'blank questions',
      { ...goodCall, questions: ['', '   '] },
      'call.questions_required',
      'phone.requires-questions',
    ],
    [
      'no contact e-mail',
      { ...goodCall, contactEmail: '' },
      'call.contact_email_invalid',
      'phone.requires-contact-email',
    ],
    [
      'invalid e-mail',
      { ...goodCall, contactEmail: 'ana@' },
      'call.contact_email_invalid',
      'phone.requires-contact-email',
    ],
    ['unknown tool', { ...goodCall, tool: 'zoom' }, 'call.tool_invalid', 'phone.tools'],
    ['no tool', { ...goodCall, tool: '' }, 'call.tool_invalid', 'phone.tools'],
    ['tool by display name', { ...goodCall, tool: 'Skype' }, 'call.tool_invalid', 'phone.tools'],
  ];
  it.each(failures)('%s → refused with its own reason', (_name, item, code, ruleId) => {
    const d = decide('professional_express', item);
    expect(d.outcome).toBe('refuse');
    expect(d.reason.code).toBe(code);
    expect(d.ruleIds).toContain(ruleId);
    expect(d.alternatives.some((a) => a.kind === 'upgrade')).toBe(false);
    expect(d.alternatives.at(-1)?.kind).toBe('community');
  });

  it('accepts Google Meet, a padded e-mail and any time of day (the call is scheduled later)', () => {
    const d = decide(
      'enterprise_express',
      { ...goodCall, tool: 'google_meet', contactEmail: '  ops@example.com ', questions: ['', 'Why?'] },
      0,
      SAT_1200,
    );
    expect(d.outcome).toBe('accept');
    expect(d.openNow).toBe(false);
    expect(d.nextOpen).toBe(NEXT_MON_0600);
    expect(d.reason.text).toContain(
      'inside phone hours (Mon–Fri 06:00–15:00 GMT), 30 minutes by default, over Google Meet',
    );
    expect(d.ruleIds).toEqual(
      expect.arrayContaining([
        'phone.express-plans',
        'phone.hours',
        'phone.requires-questions',
        'phone.requires-contact-email',
        'phone.tools',
        'phone.call-inside-hours',
      ]),
    );
  });

  it('phone hours end at 15:00 GMT', () => {
    expect(decide('standard_express', goodCall, 0, t('2025-01-08T14:59:59.999Z')).openNow).toBe(true);
    const at3 = decide('standard_express', goodCall, 0, t('2025-01-08T15:00:00.000Z'));
    expect(at3.openNow).toBe(false);
    expect(at3.nextOpen).toBe(t('2025-01-09T06:00:00.000Z'));
  });
});

describe('admit: invariants over every plan × intake × balance × time', () => {
  const items: Intake[] = [
    { kind: 'topic_question' },
    { kind: 'blog_comment' },
    { kind: 'email' },
    { kind: 'chat' },
    goodCall,
    { ...goodCall, questions: [] },
    { ...goodCall, contactEmail: 'x' },
    { ...goodCall, tool: 'fax' },
    { kind: 'staff_answer', channel: 'topic' },
    { kind: 'staff_answer', channel: 'email' },
    { kind: 'staff_answer', channel: 'chat' },
    { kind: 'staff_answer', channel: 'phone' },
    { kind: 'staff_answer', channel: 'blog_comment' },
  ];
  const known = new Set(listRuleIds(defaultRuleSet));
  it('decisions are valid, cite known rules, and every refusal offers the community', () => {
    let refusals = 0;
    for (const plan of allPlans) {
      for (const used of [0, 3, 4, 5]) {
        for (const now of [WED_1000, SAT_1200]) {
          for (const item of items) {
            const d = decide(plan, item, used, now);
            expect(decisionSchema.parse(d)).toEqual(d);
            expect(d.ruleIds.length).toBeGreaterThan(0);
            for (const id of d.ruleIds) expect(known, id).toContain(id);
            expect(new Set(d.ruleIds).size).toBe(d.ruleIds.length);
            if (d.outcome === 'refuse') {
              refusals++;
              expect(d.alternatives).toContainEqual({
                kind: 'community',
                name: 'QuintaDB - Community',
                url: 'https://t.me/QuintaDB_Community',
              });
              expect(d.ruleIds).toContain('community.group');
              if (d.quota) expect(d.quota.after).toEqual(d.quota.before);
            } else {
              expect(d.alternatives).toEqual([]);
            }
            expect((d.quota === null) === (plan !== 'free')).toBe(true);
          }
        }
      }
    }
    expect(refusals).toBeGreaterThan(50);
  });
});

describe('admit: defensive', () => {
  it('names an unknown plan', () => {
    expect(() => decide('platinum', { kind: 'email' })).toThrow(/"platinum"/);
  });
  it('refuses a malformed intake', () => {
    const bad = JSON.parse('{"kind":"fax"}') as Intake;
    expect(() => decide('free', bad)).toThrow(/invalid intake/);
  });
  it('refuses a time that is not epoch ms', () => {
    expect(() => decide('free', { kind: 'email' }, 0, Number.NaN)).toThrow(/invalid time/);
  });
});
