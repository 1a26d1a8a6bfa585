// Pieces shared by evaluateEntitlements and admit, so that the console's overview of a customer and
// its decisions on single items can never disagree.
import type {
  Alternative,
  ChannelId,
  MessageKind,
  OpeningHours,
  Quota,
  Reason,
} from '../../../shared/domain';
import { describeHours, openingHoursOf } from './hours';
import { calendarFor, channelOf, countsTowardQuota, quotaBalance } from './queries';
import type { Plan, RuleSet } from './ruleset';

export function reason(code: string, params: Reason['params'], text: string): Reason {
  return { code, params, text };
}

export function listText(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1] ?? ''}`;
}

export function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** Channels are fixed by the product, so their English wording can be too. */
const channelWording: Record<ChannelId, { subject: string; plural: boolean; invite: string; place: string }> =
  {
    topic: { subject: 'Topics', plural: true, invite: 'open a topic', place: 'in the topic' },
    email: { subject: 'Email support', plural: false, invite: 'send an email', place: 'by email' },
    chat: { subject: 'Chat support', plural: false, invite: 'start a chat', place: 'in the chat' },
    phone: { subject: 'Phone support', plural: false, invite: 'book a call', place: 'by phone' },
    blog_comment: {
      subject: 'Blog comments',
      plural: true,
      invite: 'comment on the blog',
      place: 'under the blog comment',
    },
  };

export function channelSubject(channel: ChannelId): { subject: string; verb: 'is' | 'are'; place: string } {
  const wording = channelWording[channel];
  return { subject: wording.subject, verb: wording.plural ? 'are' : 'is', place: wording.place };
}

/** What a customer sends on a channel; staff answers are `answer` everywhere. */
export function customerKindFor(channel: ChannelId): MessageKind {
  return channel === 'blog_comment' ? 'blog_comment' : 'question';
}

export function planNames(ruleSet: RuleSet, planIds: readonly string[]): string[] {
  return planIds.map((id) => ruleSet.plans.find((p) => p.id === id)?.name ?? id);
}

/** "every plan", "paid plans (Standard, …)" or "the Standard Express and Enterprise Express plans". */
export function plansPhrase(ruleSet: RuleSet, planIds: readonly string[]): string {
  const set = new Set(planIds);
  const ordered = ruleSet.plans.filter((p) => set.has(p.id));
  const names = ordered.map((p) => p.name);
  if (ordered.length === 0) return 'no plan';
  if (ordered.length === ruleSet.plans.length) return 'every plan';
  const paid = ruleSet.plans.filter((p) => p.paid);
  if (paid.length === ordered.length && paid.every((p) => set.has(p.id))) {
    return `paid plans (${names.join(', ')})`;
  }
  return `the ${listText(names, 'and')} plan${names.length > 1 ? 's' : ''}`;
}

export interface Clock {
  openNow: boolean;
  nextOpen: number | null;
  hours: string;
  openingHours: OpeningHours;
  hoursRuleId: string;
  zone: string;
}

export function clockOf(ruleSet: RuleSet, channel: ChannelId, now: number): Clock {
  const rules = channelOf(ruleSet, channel);
  const calendar = calendarFor(ruleSet, channel);
  const openNow = calendar.isOpen(now);
  const next: number | null = openNow ? now : calendar.nextOpen(now);
  return {
    openNow,
    nextOpen: next ?? null,
    hours: describeHours(rules.calendar),
    openingHours: openingHoursOf(rules.calendar),
    hoursRuleId: rules.hoursRuleId,
    zone: rules.calendar.zone,
  };
}

export interface QuotaGate {
  /** Null when the plan has no quota. */
  before: Quota | null;
  counts: boolean;
  /** Remaining messages needed before this item may be accepted. */
  minRemaining: number;
  allowed: boolean;
  ruleIds: string[];
}

/** Whether a message of this kind on this channel fits the customer's quota, and what it costs. */
export function quotaGate(
  ruleSet: RuleSet,
  planId: string,
  quotaUsed: number,
  channel: ChannelId,
  kind: MessageKind,
): QuotaGate {
  const before = quotaBalance(ruleSet, planId, quotaUsed);
  const quota = ruleSet.quota;
  if (!before || !quota) return { before, counts: false, minRemaining: 0, allowed: true, ruleIds: [] };
  if (!countsTowardQuota(ruleSet, planId, kind, channel)) {
    // The quota rule is still what makes this item free, so it is cited.
    return { before, counts: false, minRemaining: 0, allowed: true, ruleIds: [quota.id] };
  }
  const count = quota.counts.find((c) => c.channel === channel && c.kind === kind);
  const reserve = quota.reserves.find((r) => r.channel === channel && r.kind === kind);
  const minRemaining = reserve?.minRemaining ?? 1;
  return {
    before,
    counts: true,
    minRemaining,
    allowed: before.remaining >= minRemaining,
    ruleIds: unique([quota.id, ...(count ? [count.id] : []), ...(reserve ? [reserve.id] : [])]),
  };
}

export function spend(balance: Quota): Quota {
  const used = Math.min(balance.used + 1, balance.limit);
  return { used, limit: balance.limit, remaining: balance.limit - used };
}

function needPhrase(kind: MessageKind, min: number): string {
  const n = String(min);
  switch (kind) {
    case 'question':
      return min === 2 ? `a new question needs 2: the question and its answer` : `a new question needs ${n}`;
    case 'answer':
      return `an answer needs ${n}`;
    case 'blog_comment':
      return `a blog comment needs ${n}`;
    case 'internal_note':
      return 'internal notes never count';
  }
}

/** Plans that have the channel and no quota: where an exhausted customer can go. */
export function unlimitedPlans(ruleSet: RuleSet, channel: ChannelId): string[] {
  const quotaPlans = new Set(ruleSet.quota?.plans ?? []);
  const has = new Set(channelOf(ruleSet, channel).plans);
  return ruleSet.plans.filter((p) => has.has(p.id) && !quotaPlans.has(p.id)).map((p) => p.id);
}

export function communityPhrase(ruleSet: RuleSet): string {
  return `the ${ruleSet.community.name} group on ${ruleSet.community.platform}`;
}

export function quotaExhaustedText(
  ruleSet: RuleSet,
  plan: Plan,
  gate: QuotaGate,
  kind: MessageKind,
  channel: ChannelId,
): string {
  const before = gate.before;
  if (!before) return '';
  const label = ruleSet.quota?.label ?? 'messages';
  const upgrade = unlimitedPlans(ruleSet, channel);
  const allPaid = ruleSet.plans.filter((p) => p.paid).map((p) => p.id);
  const upgradeText =
    upgrade.length === 0
      ? 'Ask'
      : upgrade.length === allPaid.length && allPaid.every((id) => upgrade.includes(id))
        ? `Upgrade to a paid plan for unlimited ${label}, or ask`
        : `Upgrade to ${plansPhrase(ruleSet, upgrade)} for unlimited ${label}, or ask`;
  return (
    `The ${plan.name} plan's ${before.limit} ${label} are used up ` +
    `(${before.used} of ${before.limit} used; ${needPhrase(kind, gate.minRemaining)}). ` +
    `${upgradeText} ${communityPhrase(ruleSet)}.`
  );
}

export function quotaSpentText(plan: Plan, gate: QuotaGate, kind: MessageKind): string {
  const before = gate.before;
  if (!before) return '';
  const after = spend(before);
  const noun = kind === 'question' ? 'question' : kind === 'answer' ? 'answer' : 'blog comment';
  const rest =
    after.remaining === 0
      ? 'none remain'
      : after.remaining === 1
        ? kind === 'question'
          ? '1 remains, kept for the answer'
          : '1 remains'
        : `${after.remaining} remain`;
  return `This ${noun} uses quota message ${after.used} of ${after.limit} on the ${plan.name} plan; ${rest}.`;
}

export function accessRefusalText(ruleSet: RuleSet, plan: Plan, channel: ChannelId, used: number): string {
  const { subject, verb } = channelSubject(channel);
  return (
    `${subject} ${verb} available on ${plansPhrase(ruleSet, channelOf(ruleSet, channel).plans)}. ` +
    alternativesSentence(ruleSet, plan, used, channel)
  );
}

/** Offered channels this customer could use right now instead of `exclude`. */
export function usableChannels(ruleSet: RuleSet, plan: Plan, used: number, exclude: ChannelId): ChannelId[] {
  return ruleSet.channels
    .filter((c) => c.offered && c.id !== exclude && c.plans.includes(plan.id))
    .filter((c) => quotaGate(ruleSet, plan.id, used, c.id, customerKindFor(c.id)).allowed)
    .map((c) => c.id);
}

export function alternativesSentence(ruleSet: RuleSet, plan: Plan, used: number, exclude: ChannelId): string {
  const invites = usableChannels(ruleSet, plan, used, exclude).map((id) => {
    const hours = describeHours(channelOf(ruleSet, id).calendar);
    return `${channelWording[id].invite} (${hours})`;
  });
  const community = communityPhrase(ruleSet);
  if (invites.length === 0) return `You can ask ${community}.`;
  return `On the ${plan.name} plan you can ${listText(invites, 'or')}, or ask ${community}.`;
}

/** Every refusal offers: usable channels, plans that would allow the item, and the community. */
export function alternativesFor(
  ruleSet: RuleSet,
  plan: Plan,
  used: number,
  exclude: ChannelId,
  upgradePlanIds: readonly string[],
): Alternative[] {
  const out: Alternative[] = usableChannels(ruleSet, plan, used, exclude).map((id) => {
    const channel = channelOf(ruleSet, id);
    return {
      kind: 'channel',
      channel: id,
      name: channel.name,
      hours: describeHours(channel.calendar),
      openingHours: openingHoursOf(channel.calendar),
    };
  });
  const upgrade = upgradePlanIds.filter((id) => id !== plan.id);
  if (upgrade.length > 0) {
    out.push({ kind: 'upgrade', planIds: [...upgrade], planNames: planNames(ruleSet, upgrade) });
  }
  out.push({ kind: 'community', name: ruleSet.community.name, url: ruleSet.community.url });
  return out;
}
