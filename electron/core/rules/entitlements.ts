import { ruleCustomer, ruleUsage } from '../../../shared/domain';
import type {
  ChannelEntitlement,
  ChannelId,
  Entitlements,
  RuleCustomer,
  RuleUsage,
} from '../../../shared/domain';
import {
  accessRefusalText,
  channelSubject,
  clockOf,
  customerKindFor,
  listText,
  plansPhrase,
  quotaGate,
  quotaRefusal,
  reason,
  unique,
} from './common';
import { channelOf, planOf, quotaBalance, ruleSetVersion } from './queries';
import type { Plan, RuleSet } from './ruleset';

/** Services validate first; this keeps a bad call from producing a plausible but wrong answer. */
export function assertEngineInputs(customer: RuleCustomer, usage: RuleUsage, now: number): void {
  const c = ruleCustomer.safeParse(customer);
  if (!c.success) throw new Error(`invalid customer: ${c.error.issues.map((i) => i.message).join('; ')}`);
  const u = ruleUsage.safeParse(usage);
  if (!u.success) throw new Error(`invalid usage: ${u.error.issues.map((i) => i.message).join('; ')}`);
  if (!Number.isSafeInteger(now) || now < 0) throw new Error(`invalid time ${String(now)}: not epoch ms`);
}

function channelEntitlement(
  ruleSet: RuleSet,
  plan: Plan,
  customer: RuleCustomer,
  usage: RuleUsage,
  channel: ChannelId,
  now: number,
): ChannelEntitlement {
  const rules = channelOf(ruleSet, channel);
  const clock = clockOf(ruleSet, channel, now);
  const base = {
    channel,
    name: rules.name,
    openNow: clock.openNow,
    nextOpen: clock.nextOpen,
    hours: clock.hours,
    openingHours: clock.openingHours,
  };
  const access = [rules.accessRuleId, clock.hoursRuleId];
  if (!rules.plans.includes(plan.id)) {
    return {
      ...base,
      allowed: false,
      reason: reason(
        'channel.not_on_plan',
        { channel, plan: plan.id, planName: plan.name, community: ruleSet.community.name },
        accessRefusalText(ruleSet, plan, channel, usage),
      ),
      ruleIds: unique([...access, ruleSet.community.id]),
      quota: null,
    };
  }

  const kind = customerKindFor(channel);
  const gate = quotaGate(ruleSet, plan.id, usage, channel, kind);
  // A channel spends quota when any of its messages (the customer's or staff's) count.
  const spends = gate.before !== null && (ruleSet.quota?.counts.some((c) => c.channel === channel) ?? false);
  const spendRuleIds =
    spends && ruleSet.quota
      ? [ruleSet.quota.id, ...ruleSet.quota.counts.filter((c) => c.channel === channel).map((c) => c.id)]
      : [];

  if (!gate.allowed) {
    const refusal = quotaRefusal(ruleSet, plan, gate, kind, channel);
    return {
      ...base,
      allowed: false,
      reason: reason(
        refusal.code,
        {
          channel,
          plan: plan.id,
          planName: plan.name,
          ...refusal.params,
          community: ruleSet.community.name,
        },
        refusal.text,
      ),
      ruleIds: unique([...access, ...spendRuleIds, ...gate.ruleIds, ruleSet.community.id]),
      quota: spends ? gate.before : null,
    };
  }

  const { subject, verb } = channelSubject(channel);
  const sentences = [`${subject} ${verb} included in the ${plan.name} plan (${clock.hours}).`];
  const extraRuleIds: string[] = [];
  if (spends && gate.before) {
    const label = ruleSet.quota?.label ?? 'messages';
    const kept = gate.before.reserved;
    sentences.push(
      `${gate.before.remaining} of ${gate.before.limit} ${label} remain on the ${plan.name} plan` +
        (kept === 0
          ? ''
          : kept === 1
            ? ' (1 more is kept for the answer to an open question)'
            : ` (${kept} more are kept for the answers to open questions)`) +
        (gate.counts
          ? kind === 'question'
            ? `; a new question needs ${gate.minRemaining}` +
              (gate.minRemaining === 2 ? ' (the question and its answer).' : '.')
            : `; a new comment needs ${gate.minRemaining}.`
          : '.'),
    );
  }
  if (ruleSet.answerNotice.channels.includes(channel)) {
    sentences.push(
      `Answers are e-mailed to ${customer.accountEmail}` +
        (ruleSet.answerNotice.spamReminder ? '; if no notification arrives, check the Spam folder.' : '.'),
    );
    extraRuleIds.push(ruleSet.answerNotice.id);
  }
  if (channel === 'phone') {
    const phone = ruleSet.phone;
    const needs: string[] = [];
    if (phone.questions.min > 0) needs.push('the questions in advance');
    if (phone.contactEmail.required) needs.push('an e-mail address for communication');
    if (needs.length > 0) sentences.push(`To book a call, send ${listText(needs)}.`);
    sentences.push(
      `Calls are over ${listText(
        phone.tools.allowed.map((t) => t.name),
        'or',
      )}.`,
    );
    extraRuleIds.push(phone.questions.id, phone.contactEmail.id, phone.tools.id, phone.call.id);
  }
  return {
    ...base,
    allowed: true,
    reason: reason(
      'channel.included',
      {
        channel,
        plan: plan.id,
        planName: plan.name,
        hours: clock.hours,
        ...(spends && gate.before
          ? { remaining: gate.before.remaining, reserved: gate.before.reserved, limit: gate.before.limit }
          : {}),
      },
      sentences.join(' '),
    ),
    ruleIds: unique([...access, ...spendRuleIds, ...gate.ruleIds, ...extraRuleIds]),
    quota: spends ? gate.before : null,
  };
}

/** What the customer's plan gives them right now, channel by channel, with reasons to read out. */
export function evaluateEntitlements(
  ruleSet: RuleSet,
  customer: RuleCustomer,
  usage: RuleUsage,
  now: number,
): Entitlements {
  const plan = planOf(ruleSet, customer.planId);
  assertEngineInputs(customer, usage, now);
  const manager = ruleSet.personalManager;
  const entitled = manager.plans.includes(plan.id);
  return {
    planId: plan.id,
    planName: plan.name,
    paid: plan.paid,
    express: plan.express,
    channels: ruleSet.channels.map((c) => channelEntitlement(ruleSet, plan, customer, usage, c.id, now)),
    quota: quotaBalance(ruleSet, plan.id, usage),
    personalManager: {
      entitled,
      reason: entitled
        ? reason(
            'manager.included',
            { plan: plan.id, planName: plan.name },
            `A personal manager is included in the ${plan.name} plan.`,
          )
        : reason(
            'manager.not_on_plan',
            { plan: plan.id, planName: plan.name },
            `A personal manager is available on ${plansPhrase(ruleSet, manager.plans)}; ` +
              `the ${plan.name} plan does not include one.`,
          ),
      ruleIds: [manager.id],
    },
    community: { name: ruleSet.community.name, url: ruleSet.community.url },
    ruleSetVersion: ruleSetVersion(ruleSet),
  };
}
