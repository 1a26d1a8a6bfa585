// Every plan × channel × instant of a fixed week, with the expectations written out from the seed
// reading (not computed by the engine): access per plan, hours [open, close) in GMT.
import { describe, expect, it } from 'vitest';
import { entitlements as entitlementsSchema } from '../../../shared/domain';
import type { ChannelId, RuleCustomer } from '../../../shared/domain';
import { defaultRuleSet, evaluateEntitlements, listRuleIds } from '../../../electron/core/rules';

const t = (iso: string): number => Date.parse(iso);
const customerOn = (planId: string): RuleCustomer => ({
  planId,
  accountEmail: 'ana@example.com',
  zone: null,
});

// "Topic — every plan", "Email/Chat — all paid plans", "Phone — the three Express", blog — every plan.
const access: Record<string, Record<ChannelId, boolean>> = {
  free: { topic: true, email: false, chat: false, phone: false, blog_comment: true },
  standard: { topic: true, email: true, chat: true, phone: false, blog_comment: true },
  professional: { topic: true, email: true, chat: true, phone: false, blog_comment: true },
  enterprise: { topic: true, email: true, chat: true, phone: false, blog_comment: true },
  standard_express: { topic: true, email: true, chat: true, phone: true, blog_comment: true },
  professional_express: { topic: true, email: true, chat: true, phone: true, blog_comment: true },
  enterprise_express: { topic: true, email: true, chat: true, phone: true, blog_comment: true },
};
const planMeta: Record<string, { name: string; paid: boolean; express: boolean; manager: boolean }> = {
  free: { name: 'Free', paid: false, express: false, manager: false },
  standard: { name: 'Standard', paid: true, express: false, manager: false },
  professional: { name: 'Professional', paid: true, express: false, manager: false },
  enterprise: { name: 'Enterprise', paid: true, express: false, manager: false },
  standard_express: { name: 'Standard Express', paid: true, express: true, manager: false },
  professional_express: { name: 'Professional Express', paid: true, express: true, manager: false },
  enterprise_express: { name: 'Enterprise Express', paid: true, express: true, manager: true },
};

const MON_0600 = '2025-01-06T06:00:00.000Z';
const THU_0600 = '2025-01-09T06:00:00.000Z';
const NEXT_MON_0600 = '2025-01-13T06:00:00.000Z';

// [instant, email & chat: open / next opening, phone: open / next opening]; topic and blog are 24/7.
const week: [
  label: string,
  at: string,
  officeOpen: boolean,
  officeNext: string,
  phoneOpen: boolean,
  phoneNext: string,
][] = [
  ['Mon 05:59:59.999', '2025-01-06T05:59:59.999Z', false, MON_0600, false, MON_0600],
  ['Mon 06:00', MON_0600, true, MON_0600, true, MON_0600],
  [
    'Wed 14:59',
    '2025-01-08T14:59:00.000Z',
    true,
    '2025-01-08T14:59:00.000Z',
    true,
    '2025-01-08T14:59:00.000Z',
  ],
  ['Wed 15:00', '2025-01-08T15:00:00.000Z', true, '2025-01-08T15:00:00.000Z', false, THU_0600],
  [
    'Fri 14:59:59.999',
    '2025-01-10T14:59:59.999Z',
    true,
    '2025-01-10T14:59:59.999Z',
    true,
    '2025-01-10T14:59:59.999Z',
  ],
  ['Fri 17:59:59.999', '2025-01-10T17:59:59.999Z', true, '2025-01-10T17:59:59.999Z', false, NEXT_MON_0600],
  ['Fri 18:00', '2025-01-10T18:00:00.000Z', false, NEXT_MON_0600, false, NEXT_MON_0600],
  ['Sat 12:00', '2025-01-11T12:00:00.000Z', false, NEXT_MON_0600, false, NEXT_MON_0600],
  ['Sun 23:59', '2025-01-12T23:59:00.000Z', false, NEXT_MON_0600, false, NEXT_MON_0600],
];

const hours: Record<ChannelId, string> = {
  topic: '24/7',
  email: 'Mon–Fri 06:00–18:00 GMT',
  chat: 'Mon–Fri 06:00–18:00 GMT',
  phone: 'Mon–Fri 06:00–15:00 GMT',
  blog_comment: '24/7',
};

const rows = Object.keys(access).flatMap((plan) =>
  week.flatMap(([label, at, officeOpen, officeNext, phoneOpen, phoneNext]) =>
    (['topic', 'email', 'chat', 'phone', 'blog_comment'] as const).map((channel) => {
      const alwaysOpen = channel === 'topic' || channel === 'blog_comment';
      const open = alwaysOpen ? true : channel === 'phone' ? phoneOpen : officeOpen;
      const next = alwaysOpen ? at : channel === 'phone' ? phoneNext : officeNext;
      return { plan, label, at, channel, allowed: access[plan]?.[channel], open, next };
    }),
  ),
);

describe('evaluateEntitlements: plan × channel × time of week', () => {
  it.each(rows)('$plan $channel at $label → allowed $allowed, open $open', (row) => {
    const result = evaluateEntitlements(
      defaultRuleSet,
      customerOn(row.plan),
      { quotaUsed: 0, quotaReserved: 0 },
      t(row.at),
    );
    const channel = result.channels.find((c) => c.channel === row.channel);
    expect(channel).toBeDefined();
    expect(channel?.allowed).toBe(row.allowed);
    expect(channel?.openNow).toBe(row.open);
    expect(channel?.nextOpen).toBe(t(row.next));
    expect(channel?.hours).toBe(hours[row.channel]);
  });
});

describe('evaluateEntitlements: plan facts', () => {
  it.each(Object.entries(planMeta))('%s', (plan, meta) => {
    const now = t('2025-01-08T10:00:00.000Z');
    const result = evaluateEntitlements(
      defaultRuleSet,
      customerOn(plan),
      { quotaUsed: 0, quotaReserved: 0 },
      now,
    );
    expect(entitlementsSchema.parse(result)).toEqual(result);
    expect(result.planName).toBe(meta.name);
    expect(result.paid).toBe(meta.paid);
    expect(result.express).toBe(meta.express);
    expect(result.personalManager.entitled).toBe(meta.manager);
    expect(result.personalManager.ruleIds).toEqual(['manager.enterprise-express']);
    expect(result.community).toEqual({
      name: 'QuintaDB - Community',
      url: 'https://t.me/QuintaDB_Community',
    });
    expect(result.ruleSetVersion).toBe('quintadb@1');
    expect(result.channels.map((c) => c.channel)).toEqual([
      'topic',
      'email',
      'chat',
      'phone',
      'blog_comment',
    ]);
    // The Free quota stops applying on a paid plan.
    expect(result.quota).toEqual(plan === 'free' ? { used: 0, reserved: 0, limit: 5, remaining: 5 } : null);
    const known = new Set(listRuleIds(defaultRuleSet));
    for (const channel of result.channels) {
      expect(channel.ruleIds.length).toBeGreaterThan(0);
      for (const id of channel.ruleIds) expect(known.has(id)).toBe(true);
      if (!channel.allowed) expect(channel.ruleIds).toContain('community.group');
    }
  });
});

describe('evaluateEntitlements: reasons an agent can read out', () => {
  const now = t('2025-01-08T10:00:00.000Z');

  it('email on Free points to paid plans, the topic and the community', () => {
    const email = evaluateEntitlements(
      defaultRuleSet,
      customerOn('free'),
      { quotaUsed: 0, quotaReserved: 0 },
      now,
    ).channels[1];
    expect(email?.reason.code).toBe('channel.not_on_plan');
    expect(email?.reason.text).toBe(
      'Email support is available on paid plans (Standard, Professional, Enterprise, Standard Express, ' +
        'Professional Express, Enterprise Express). On the Free plan you can open a topic (24/7), ' +
        'or ask the QuintaDB - Community group on Telegram.',
    );
    expect(email?.ruleIds).toEqual(['email.paid-plans', 'email.hours', 'community.group']);
  });

  it('phone on Standard names the three Express plans', () => {
    const phone = evaluateEntitlements(
      defaultRuleSet,
      customerOn('standard'),
      { quotaUsed: 0, quotaReserved: 0 },
      now,
    ).channels[3];
    expect(phone?.reason.text).toMatch(
      /^Phone support is available on the Standard Express, Professional Express and Enterprise Express plans\./,
    );
  });

  it('phone on an Express plan states the scheduling requirements and tools', () => {
    const phone = evaluateEntitlements(
      defaultRuleSet,
      customerOn('standard_express'),
      { quotaUsed: 0, quotaReserved: 0 },
      now,
    ).channels[3];
    expect(phone?.allowed).toBe(true);
    expect(phone?.reason.text).toContain(
      'send the questions in advance and an e-mail address for communication',
    );
    expect(phone?.reason.text).toContain('Skype or Google Meet');
    expect(phone?.ruleIds).toEqual(
      expect.arrayContaining(['phone.requires-questions', 'phone.requires-contact-email', 'phone.tools']),
    );
  });

  it('topic reminds that answers go to the account e-mail and to check Spam', () => {
    const topic = evaluateEntitlements(
      defaultRuleSet,
      customerOn('enterprise'),
      { quotaUsed: 0, quotaReserved: 0 },
      now,
    ).channels[0];
    expect(topic?.reason.text).toContain('ana@example.com');
    expect(topic?.reason.text).toContain('Spam');
    expect(topic?.ruleIds).toContain('topic.answer-email');
    expect(topic?.quota).toBeNull();
  });

  it('personal manager reasons', () => {
    const yes = evaluateEntitlements(
      defaultRuleSet,
      customerOn('enterprise_express'),
      { quotaUsed: 0, quotaReserved: 0 },
      now,
    );
    expect(yes.personalManager.reason.text).toBe(
      'A personal manager is included in the Enterprise Express plan.',
    );
    const no = evaluateEntitlements(
      defaultRuleSet,
      customerOn('enterprise'),
      { quotaUsed: 0, quotaReserved: 0 },
      now,
    );
    expect(no.personalManager.reason.text).toBe(
      'A personal manager is available on the Enterprise Express plan; the Enterprise plan does not include one.',
    );
  });
});

describe('evaluateEntitlements: Free quota', () => {
  const now = t('2025-01-11T12:00:00.000Z');
  // [used, reserved] → [overall quota, topic allowed (needs 2 free), blog comment allowed (needs 1 free),
  // the refusal's code]: "used up" only when all 5 are spent; otherwise "not enough left".
  const table: [
    used: number,
    reserved: number,
    quota: { used: number; reserved: number; limit: number; remaining: number },
    topic: boolean,
    blog: boolean,
    code: string | null,
  ][] = [
    [0, 0, { used: 0, reserved: 0, limit: 5, remaining: 5 }, true, true, null],
    [1, 0, { used: 1, reserved: 0, limit: 5, remaining: 4 }, true, true, null],
    [2, 0, { used: 2, reserved: 0, limit: 5, remaining: 3 }, true, true, null],
    [3, 0, { used: 3, reserved: 0, limit: 5, remaining: 2 }, true, true, null],
    [4, 0, { used: 4, reserved: 0, limit: 5, remaining: 1 }, false, true, 'quota.insufficient'],
    [5, 0, { used: 5, reserved: 0, limit: 5, remaining: 0 }, false, false, 'quota.exhausted'],
    // Historical data past the limit is shown clamped, never "6 of 5".
    [6, 0, { used: 5, reserved: 0, limit: 5, remaining: 0 }, false, false, 'quota.exhausted'],
    // An unanswered question keeps a message for its answer: it is not free for a new question.
    [2, 1, { used: 2, reserved: 1, limit: 5, remaining: 2 }, true, true, null],
    [3, 1, { used: 3, reserved: 1, limit: 5, remaining: 1 }, false, true, 'quota.insufficient'],
    [4, 1, { used: 4, reserved: 1, limit: 5, remaining: 0 }, false, false, 'quota.insufficient'],
    [3, 2, { used: 3, reserved: 2, limit: 5, remaining: 0 }, false, false, 'quota.insufficient'],
    // More reservations than room (a reopened question) are clamped to what is left.
    [4, 3, { used: 4, reserved: 1, limit: 5, remaining: 0 }, false, false, 'quota.insufficient'],
  ];
  it.each(table)('used %i, reserved %i', (used, reserved, quota, topicAllowed, blogAllowed, code) => {
    const result = evaluateEntitlements(
      defaultRuleSet,
      customerOn('free'),
      { quotaUsed: used, quotaReserved: reserved },
      now,
    );
    expect(result.quota).toEqual(quota);
    const byId = Object.fromEntries(result.channels.map((c) => [c.channel, c]));
    expect(byId.topic?.allowed).toBe(topicAllowed);
    expect(byId.blog_comment?.allowed).toBe(blogAllowed);
    expect(byId.topic?.quota).toEqual(quota);
    expect(byId.blog_comment?.quota).toEqual(quota);
    expect(byId.email?.quota).toBeNull();
    expect(byId.chat?.quota).toBeNull();
    expect(byId.phone?.quota).toBeNull();
    if (!topicAllowed) {
      expect(byId.topic?.reason.code).toBe(code);
      expect(byId.topic?.reason.params).toMatchObject({
        used: quota.used,
        reserved: quota.reserved,
        remaining: quota.remaining,
        needed: 2,
      });
      expect(byId.topic?.ruleIds).toEqual(expect.arrayContaining(['quota.free-5', 'quota.reserve-question']));
    }
    if (code === 'quota.insufficient') expect(byId.topic?.reason.text).not.toContain('used up');
  });

  it('says how many messages are kept for answers', () => {
    const result = evaluateEntitlements(
      defaultRuleSet,
      customerOn('free'),
      { quotaUsed: 3, quotaReserved: 1 },
      now,
    );
    const topic = result.channels.find((c) => c.channel === 'topic');
    expect(topic?.reason.text).toContain(
      "Not enough of the Free plan's 5 topic messages are left for a new question and its answer: " +
        '3 of 5 used, 1 kept for the answer to an open question, 1 left; a new question needs 2',
    );
    const blog = result.channels.find((c) => c.channel === 'blog_comment');
    expect(blog?.reason.text).toContain(
      '1 of 5 topic messages remain on the Free plan (1 more is kept for the answer to an open question)',
    );
  });

  it('paid plans never show a quota', () => {
    const result = evaluateEntitlements(
      defaultRuleSet,
      customerOn('standard'),
      { quotaUsed: 9, quotaReserved: 0 },
      now,
    );
    expect(result.quota).toBeNull();
    expect(result.channels.every((c) => c.quota === null && c.allowed === (c.channel !== 'phone'))).toBe(
      true,
    );
  });
});

describe('evaluateEntitlements: defensive', () => {
  it('names an unknown plan', () => {
    expect(() =>
      evaluateEntitlements(defaultRuleSet, customerOn('gold'), { quotaUsed: 0, quotaReserved: 0 }, 0),
    ).toThrow(/"gold"/);
  });
  it('refuses a negative usage', () => {
    expect(() =>
      evaluateEntitlements(defaultRuleSet, customerOn('free'), { quotaUsed: -1, quotaReserved: 0 }, 0),
    ).toThrow(/usage/);
  });
});
