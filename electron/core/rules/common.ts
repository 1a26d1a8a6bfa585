// Pieces shared by evaluateEntitlements and admit, so that the console's overview of a customer and
// its decisions on single items can never disagree.
import type {
  Alternative,
  ChannelId,
  MessageKind,
  OpeningHours,
  Quota,
  Reason,
  RuleUsage,
} from '../../../shared/domain';
import { describeHours, openingHoursOf } from './hours';
import { calendarFor, channelOf, countsTowardQuota, quotaBalance, reservesAnswer } from './queries';
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
  /** The balance once this item is accepted (the same as `before` when it does not count). */
  after: Quota | null;
  counts: boolean;
  /** Quota messages this item needs free before it may be accepted (itself, and room for its answer). */
  minRemaining: number;
  /** What this item may spend: the free messages, and for an answer the one kept for its ticket. */
  available: number;
  allowed: boolean;
  ruleIds: string[];
}

/** Whether a message of this kind on this channel fits the customer's quota, and what it costs. */
export function quotaGate(
  ruleSet: RuleSet,
  planId: string,
  usage: RuleUsage,
  channel: ChannelId,
  kind: MessageKind,
): QuotaGate {
  const before = quotaBalance(ruleSet, planId, usage);
  const quota = ruleSet.quota;
  if (!before || !quota) {
    return {
      before,
      after: before,
      counts: false,
      minRemaining: 0,
      available: 0,
      allowed: true,
      ruleIds: [],
    };
  }
  if (!countsTowardQuota(ruleSet, planId, kind, channel)) {
    // The quota rule is still what makes this item free, so it is cited.
    return {
      before,
      after: before,
      counts: false,
      minRemaining: 0,
      available: before.remaining,
      allowed: true,
      ruleIds: [quota.id],
    };
  }
  const count = quota.counts.find((c) => c.channel === channel && c.kind === kind);
  const reserve = quota.reserves.find((r) => r.channel === channel && r.kind === kind);
  const minRemaining = reserve?.minRemaining ?? 1;
  // An answer spends the message its ticket's questions kept for it, and releases their reservations.
  const releases = kind === 'answer' ? Math.min(usage.ticketReserved ?? 0, before.reserved) : 0;
  const available = before.remaining + (releases > 0 ? 1 : 0);
  const used = Math.min(before.used + 1, before.limit);
  const reserved = Math.min(
    before.reserved - releases + (reservesAnswer(ruleSet, channel, kind) ? 1 : 0),
    before.limit - used,
  );
  return {
    before,
    after: { used, reserved, limit: before.limit, remaining: before.limit - used - reserved },
    counts: true,
    minRemaining,
    available,
    allowed: available >= minRemaining,
    ruleIds: unique([quota.id, ...(count ? [count.id] : []), ...(reserve ? [reserve.id] : [])]),
  };
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

function forWhatPhrase(kind: MessageKind, min: number): string {
  switch (kind) {
    case 'question':
      return min >= 2 ? 'a new question and its answer' : 'a new question';
    case 'answer':
      return 'an answer';
    case 'blog_comment':
      return 'a blog comment';
    case 'internal_note':
      return 'an internal note';
  }
}

/** ", 1 kept for the answer to an open question" — or nothing when no question waits. */
function keptPhrase(reserved: number): string {
  if (reserved === 0) return '';
  return reserved === 1
    ? ', 1 kept for the answer to an open question'
    : `, ${reserved} kept for the answers to open questions`;
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

/**
 * The refusal of an item the quota has no room for, saying what is true: `quota.exhausted` when every
 * message is spent, `quota.insufficient` when some are left (or kept for answers) but fewer than the
 * item needs — "1 left" is not "used up".
 */
export function quotaRefusal(
  ruleSet: RuleSet,
  plan: Plan,
  gate: QuotaGate,
  kind: MessageKind,
  channel: ChannelId,
): { code: 'quota.exhausted' | 'quota.insufficient'; params: Reason['params']; text: string } {
  const before = gate.before ?? { used: 0, reserved: 0, limit: 0, remaining: 0 };
  const params = {
    used: before.used,
    reserved: before.reserved,
    limit: before.limit,
    remaining: before.remaining,
    needed: gate.minRemaining,
  };
  const label = ruleSet.quota?.label ?? 'messages';
  const upgrade = unlimitedPlans(ruleSet, channel);
  const allPaid = ruleSet.plans.filter((p) => p.paid).map((p) => p.id);
  const upgradeText =
    upgrade.length === 0
      ? 'Ask'
      : upgrade.length === allPaid.length && allPaid.every((id) => upgrade.includes(id))
        ? `Upgrade to a paid plan for unlimited ${label}, or ask`
        : `Upgrade to ${plansPhrase(ruleSet, upgrade)} for unlimited ${label}, or ask`;
  const then = `${upgradeText} ${communityPhrase(ruleSet)}.`;
  if (before.used >= before.limit) {
    return {
      code: 'quota.exhausted',
      params,
      text:
        `The ${plan.name} plan's ${before.limit} ${label} are used up ` +
        `(${before.used} of ${before.limit} used; ${needPhrase(kind, gate.minRemaining)}). ${then}`,
    };
  }
  return {
    code: 'quota.insufficient',
    params,
    text:
      `Not enough of the ${plan.name} plan's ${before.limit} ${label} are left for ` +
      `${forWhatPhrase(kind, gate.minRemaining)}: ${before.used} of ${before.limit} used` +
      `${keptPhrase(before.reserved)}, ${before.remaining} left; ${needPhrase(kind, gate.minRemaining)}. ${then}`,
  };
}

export function quotaSpentText(plan: Plan, gate: QuotaGate, kind: MessageKind): string {
  const after = gate.after;
  if (!after) return '';
  const noun = kind === 'question' ? 'question' : kind === 'answer' ? 'answer' : 'blog comment';
  const left = after.remaining === 0 ? 'none left' : `${after.remaining} left`;
  return (
    `This ${noun} uses quota message ${after.used} of ${after.limit} on the ${plan.name} plan` +
    `${keptPhrase(after.reserved)}; ${left}.`
  );
}

export function accessRefusalText(
  ruleSet: RuleSet,
  plan: Plan,
  channel: ChannelId,
  usage: RuleUsage,
): string {
  const { subject, verb } = channelSubject(channel);
  return (
    `${subject} ${verb} available on ${plansPhrase(ruleSet, channelOf(ruleSet, channel).plans)}. ` +
    alternativesSentence(ruleSet, plan, usage, channel)
  );
}

/** Offered channels this customer could use right now instead of `exclude`. */
export function usableChannels(
  ruleSet: RuleSet,
  plan: Plan,
  usage: RuleUsage,
  exclude: ChannelId,
): ChannelId[] {
  return ruleSet.channels
    .filter((c) => c.offered && c.id !== exclude && c.plans.includes(plan.id))
    .filter((c) => quotaGate(ruleSet, plan.id, usage, c.id, customerKindFor(c.id)).allowed)
    .map((c) => c.id);
}

export function alternativesSentence(
  ruleSet: RuleSet,
  plan: Plan,
  usage: RuleUsage,
  exclude: ChannelId,
): string {
  const invites = usableChannels(ruleSet, plan, usage, exclude).map((id) => {
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
  usage: RuleUsage,
  exclude: ChannelId,
  upgradePlanIds: readonly string[],
): Alternative[] {
  const out: Alternative[] = usableChannels(ruleSet, plan, usage, exclude).map((id) => {
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
