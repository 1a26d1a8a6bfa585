import { describe, expect, it } from 'vitest';
import rawDefault from '../../../resources/rules/quintadb.json';
import {
  RuleSetError,
  calendarFor,
  countsTowardQuota,
  defaultRuleSet,
  describeHours,
  evaluateEntitlements,
  listRuleIds,
  parseRuleSet,
  quotaAppliesTo,
  ruleSetVersion,
  slaTargetFor,
} from '../../../electron/core/rules';
import type { RuleSet } from '../../../electron/core/rules';
import type { ChannelId, MessageKind } from '../../../shared/domain';

const clone = (): RuleSet => structuredClone(defaultRuleSet);

/** The message of the RuleSetError thrown for this variant. */
function refusal(mutate: (r: RuleSet) => void): string {
  const r = clone();
  mutate(r);
  try {
    parseRuleSet(r);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleSetError);
    return (error as RuleSetError).message;
  }
  throw new Error('variant was accepted');
}

const plans = (r: RuleSet) => r.plans;
const channel = (r: RuleSet, id: ChannelId) => {
  const found = r.channels.find((c) => c.id === id);
  if (!found) throw new Error(`fixture has no ${id}`);
  return found;
};

describe('default rule set', () => {
  it('parses, and the parsed value equals the shipped JSON', () => {
    expect(parseRuleSet(rawDefault)).toEqual(defaultRuleSet);
    expect(ruleSetVersion(defaultRuleSet)).toBe('quintadb@1');
  });

  it('holds the seven plans with paid and express flags', () => {
    expect(defaultRuleSet.plans.map((p) => [p.id, p.name, p.paid, p.express])).toEqual([
      ['free', 'Free', false, false],
      ['standard', 'Standard', true, false],
      ['professional', 'Professional', true, false],
      ['enterprise', 'Enterprise', true, false],
      ['standard_express', 'Standard Express', true, true],
      ['professional_express', 'Professional Express', true, true],
      ['enterprise_express', 'Enterprise Express', true, true],
    ]);
  });

  it('holds the rules with their stable ids', () => {
    const ids = listRuleIds(defaultRuleSet);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'topic.all-plans',
      'topic.hours',
      'email.paid-plans',
      'email.hours',
      'chat.paid-plans',
      'chat.hours',
      'phone.express-plans',
      'phone.hours',
      'phone.requires-questions',
      'phone.requires-contact-email',
      'phone.tools',
      'quota.free-5',
      'quota.reserve-question',
      'quota.reserve-answer',
      'quota.reserve-blog-comment',
      'manager.enterprise-express',
      'community.group',
      'sla.email.express',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('keeps the facts of the seed', () => {
    const r = defaultRuleSet;
    expect(r.quota).toMatchObject({ limit: 5, plans: ['free'] });
    expect(r.phone.tools.allowed.map((tool) => tool.id)).toEqual(['skype', 'google_meet']);
    expect(r.phone.call.defaultDurationMinutes).toBe(30);
    expect(r.phone.questions.min).toBe(1);
    expect(r.phone.contactEmail.required).toBe(true);
    expect(r.personalManager.plans).toEqual(['enterprise_express']);
    expect(r.community).toMatchObject({
      name: 'QuintaDB - Community',
      platform: 'Telegram',
      url: 'https://t.me/QuintaDB_Community',
      urlNeedsConfirmation: true,
    });
    expect(r.channels.every((c) => c.calendar.zone === 'UTC')).toBe(true);
  });
});

describe('parseRuleSet refuses broken variants, naming the path', () => {
  const variants: [string, (r: RuleSet) => void, string][] = [
    [
      'window closing at 25:00',
      (r) => Object.assign(channel(r, 'email').calendar.windows[0] ?? {}, { close: '25:00' }),
      'channels[1].calendar.windows[0].close',
    ],
    [
      'unknown zone',
      (r) => Object.assign(channel(r, 'topic').calendar, { zone: 'Mars/Olympus' }),
      'channels[0].calendar.zone',
    ],
    ['paid flag not boolean', (r) => Object.assign(plans(r)[0] ?? {}, { paid: 'yes' }), 'plans[0].paid'],
    ['version 0', (r) => Object.assign(r, { version: 0 }), 'version'],
    ['missing name', (r) => Reflect.deleteProperty(r, 'name'), 'name'],
    ['negative quota', (r) => Object.assign(r.quota ?? {}, { limit: -1 }), 'quota.limit'],
    [
      'internal notes counted',
      (r) => Object.assign(r.quota?.counts[0] ?? {}, { kind: 'internal_note' }),
      'quota.counts[0].kind',
    ],
    [
      'phone tool zoom',
      (r) => Object.assign(r.phone.tools.allowed[0] ?? {}, { id: 'zoom' }),
      'phone.tools.allowed[0].id',
    ],
    ['community url', (r) => Object.assign(r.community, { url: 'telegram group' }), 'community.url'],
    [
      'SLA of 0 minutes',
      (r) => Object.assign(r.sla[0] ?? {}, { firstResponseMinutes: 0 }),
      'sla[0].firstResponseMinutes',
    ],
    [
      'SLA fractional minutes',
      (r) => Object.assign(r.sla[2] ?? {}, { nextResponseMinutes: 1.5 }),
      'sla[2].nextResponseMinutes',
    ],
    [
      'rule id not dotted',
      (r) => Object.assign(channel(r, 'topic'), { accessRuleId: 'Topic All' }),
      'channels[0].accessRuleId',
    ],
    ['unknown channel', (r) => Object.assign(r.channels[2] ?? {}, { id: 'fax' }), 'channels[2].id'],
    ['unknown key (typo)', (r) => Object.assign(r.phone.call, { defaultDuration: 30 }), 'phone.call'],
    [
      'reserve of 0',
      (r) => Object.assign(r.quota?.reserves[1] ?? {}, { minRemaining: 0 }),
      'quota.reserves[1].minRemaining',
    ],
  ];
  it.each(variants)('%s', (_name, mutate, path) => {
    const message = refusal(mutate);
    expect(message).toMatch(/^rule set is invalid: /);
    expect(message).toContain(`${path}:`);
  });

  it('lists every issue, not only the first', () => {
    const message = refusal((r) => {
      Object.assign(r, { version: 'one' });
      Object.assign(r.community, { url: '' });
    });
    expect(message).toContain('version:');
    expect(message).toContain('community.url:');
  });

  it('refuses what is not an object', () => {
    expect(() => parseRuleSet(null)).toThrow(RuleSetError);
    expect(() => parseRuleSet('quintadb')).toThrow(/rule set is invalid: \(root\)/);
  });
});

describe('parseRuleSet cross-reference checks', () => {
  const variants: [string, (r: RuleSet) => void, string][] = [
    [
      'duplicate plan id',
      (r) => Object.assign(plans(r)[1] ?? {}, { id: 'free' }),
      'plans[1].id: duplicate plan id "free"',
    ],
    [
      'express plan not paid',
      (r) => Object.assign(plans(r)[4] ?? {}, { paid: false }),
      'plans[4].express: plan "standard_express" is express but not paid',
    ],
    [
      'channel names an unknown plan',
      (r) => channel(r, 'email').plans.push('gold'),
      'channels[1].plans[6]: unknown plan "gold"',
    ],
    [
      'channel lists a plan twice',
      (r) => channel(r, 'phone').plans.push('standard_express'),
      'channels[3].plans[3]: plan "standard_express" is listed twice',
    ],
    [
      'duplicate rule id',
      (r) => Object.assign(channel(r, 'chat'), { hoursRuleId: 'email.hours' }),
      'channels[2].hoursRuleId: duplicate rule id "email.hours" (first defined at channels[1].hoursRuleId)',
    ],
    [
      'duplicate channel',
      (r) => Object.assign(r.channels[2] ?? {}, { id: 'email' }),
      'channels[2].id: duplicate channel "email"',
    ],
    ['missing channel', (r) => r.channels.splice(4, 1), 'channels: missing channel "blog_comment"'],
    ['quota plan unknown', (r) => r.quota?.plans.push('trial'), 'quota.plans[1]: unknown plan "trial"'],
    [
      'reserve for an uncounted message',
      (r) => Object.assign(r.quota?.reserves[0] ?? {}, { channel: 'email' }),
      'quota.reserves[0]: "email/question" is not a counted message',
    ],
    [
      'counted message without a reserve',
      (r) => r.quota?.reserves.splice(1, 1),
      'quota.counts[1]: "topic/answer" has no reserve in quota.reserves',
    ],
    [
      'reserve above the limit',
      (r) => Object.assign(r.quota?.reserves[0] ?? {}, { minRemaining: 6 }),
      'quota.reserves[0].minRemaining: exceeds the quota limit 5',
    ],
    [
      'manager on an unknown plan',
      (r) => r.personalManager.plans.push('vip'),
      'personalManager.plans[1]: unknown plan "vip"',
    ],
    ['SLA for an unknown plan', (r) => r.sla[0]?.plans.push('gold'), 'sla[0].plans[3]: unknown plan "gold"'],
    [
      'SLA for a plan without the channel',
      (r) => r.sla[4]?.plans.push('free'),
      'sla[4].plans[3]: plan "free" does not have channel "email"',
    ],
    [
      'two SLA targets for one channel and plan',
      (r) => r.sla[1]?.plans.push('standard_express'),
      'sla[1].plans[3]: second SLA target for topic/standard_express (first at sla[0].plans[0])',
    ],
    [
      'a plan with a channel but no SLA target',
      (r) => r.sla.splice(7, 1),
      'channels[3].plans[0]: no SLA target for channel "phone" on plan "standard_express"',
    ],
    [
      'duplicate tool',
      (r) => r.phone.tools.allowed.push({ id: 'skype', name: 'Skype 2' }),
      'phone.tools.allowed[2].id',
    ],
  ];
  it.each(variants)('%s', (_name, mutate, expected) => {
    expect(refusal(mutate)).toContain(expected);
  });
});

describe('another company can load its own rules', () => {
  it('without a quota, and with its own zone', () => {
    const r = clone();
    r.id = 'acme';
    r.version = 3;
    r.quota = null;
    channel(r, 'email').calendar.zone = 'Europe/Paris';
    const parsed = parseRuleSet(r);
    expect(ruleSetVersion(parsed)).toBe('acme@3');
    expect(quotaAppliesTo(parsed, 'free')).toBe(false);
    const e = evaluateEntitlements(
      parsed,
      { planId: 'free', accountEmail: 'a@b.co', zone: null },
      { quotaUsed: 5, quotaReserved: 0 },
      0,
    );
    expect(e.quota).toBeNull();
    expect(e.channels[1]?.hours).toBe('Mon–Fri 06:00–18:00 Europe/Paris');
  });
});

describe('helpers', () => {
  it('slaTargetFor: Express faster than regular paid, Free slowest, none where the plan lacks the channel', () => {
    expect(slaTargetFor(defaultRuleSet, 'email', 'standard_express')).toEqual({
      firstResponseMinutes: 120,
      nextResponseMinutes: 240,
      ruleId: 'sla.email.express',
    });
    expect(slaTargetFor(defaultRuleSet, 'email', 'standard')?.ruleId).toBe('sla.email.paid');
    expect(slaTargetFor(defaultRuleSet, 'email', 'free')).toBeNull();
    expect(slaTargetFor(defaultRuleSet, 'phone', 'enterprise')).toBeNull();
    const topic = (plan: string) => slaTargetFor(defaultRuleSet, 'topic', plan)?.firstResponseMinutes ?? 0;
    expect(topic('enterprise_express')).toBeLessThan(topic('enterprise'));
    expect(topic('enterprise')).toBeLessThan(topic('free'));
    for (const c of defaultRuleSet.channels) {
      for (const plan of c.plans)
        expect(slaTargetFor(defaultRuleSet, c.id, plan), `${c.id}/${plan}`).not.toBeNull();
    }
  });

  it('quotaAppliesTo: Free only', () => {
    expect(defaultRuleSet.plans.filter((p) => quotaAppliesTo(defaultRuleSet, p.id)).map((p) => p.id)).toEqual(
      ['free'],
    );
  });

  const counted: [string, MessageKind, ChannelId, boolean][] = [
    ['free', 'question', 'topic', true],
    ['free', 'answer', 'topic', true],
    ['free', 'blog_comment', 'blog_comment', true],
    ['free', 'internal_note', 'topic', false],
    ['free', 'internal_note', 'blog_comment', false],
    ['free', 'answer', 'email', false],
    ['free', 'answer', 'chat', false],
    ['free', 'answer', 'blog_comment', false],
    ['free', 'question', 'email', false],
    ['standard', 'question', 'topic', false],
    ['standard', 'answer', 'topic', false],
    ['enterprise_express', 'blog_comment', 'blog_comment', false],
  ];
  it.each(counted)('countsTowardQuota(%s, %s, %s) = %s', (plan, kind, ch, expected) => {
    expect(countsTowardQuota(defaultRuleSet, plan, kind, ch)).toBe(expected);
  });

  it('calendarFor is cached per rule set and channel', () => {
    expect(calendarFor(defaultRuleSet, 'email')).toBe(calendarFor(defaultRuleSet, 'email'));
    expect(calendarFor(defaultRuleSet, 'email')).not.toBe(calendarFor(defaultRuleSet, 'chat'));
  });

  const hours: [string, Parameters<typeof describeHours>[0], string][] = [
    ['topic', channel(clone(), 'topic').calendar, '24/7'],
    ['email', channel(clone(), 'email').calendar, 'Mon–Fri 06:00–18:00 GMT'],
    ['phone', channel(clone(), 'phone').calendar, 'Mon–Fri 06:00–15:00 GMT'],
    [
      'split days in another zone',
      {
        zone: 'Europe/Paris',
        windows: [
          { day: 'mon', open: '09:00', close: '12:00' },
          { day: 'mon', open: '13:00', close: '17:00' },
          { day: 'tue', open: '09:00', close: '12:00' },
          { day: 'tue', open: '13:00', close: '17:00' },
          { day: 'sat', open: '10:00', close: '14:00' },
        ],
      },
      'Mon–Tue 09:00–12:00, 13:00–17:00, Sat 10:00–14:00 Europe/Paris',
    ],
    ['no windows', { zone: 'UTC', windows: [] }, 'closed'],
  ];
  it.each(hours)('describeHours %s', (_name, spec, expected) => {
    expect(describeHours(spec)).toBe(expected);
  });
});
