// Small pure look-ups over a parsed rule set, shared by the engine, the store and the services.
import type { ChannelId, MessageKind, Quota, RuleUsage } from '../../../shared/domain';
import { createCalendar } from './calendar';
import type { BusinessCalendar } from './calendar';
import { ruleIdEntries } from './ruleset';
import type { ChannelRules, Plan, RuleSet } from './ruleset';

/** e.g. "quintadb@1"; stored with every decision so it can be traced to the rules in force. */
export function ruleSetVersion(ruleSet: RuleSet): string {
  return `${ruleSet.id}@${ruleSet.version}`;
}

/** Every rule id the rule set defines. */
export function listRuleIds(ruleSet: RuleSet): string[] {
  return ruleIdEntries(ruleSet).map((entry) => entry.id);
}

/** Throws for an unknown plan: a customer on a plan the rules do not know cannot be decided on. */
export function planOf(ruleSet: RuleSet, planId: string): Plan {
  const plan = ruleSet.plans.find((p) => p.id === planId);
  if (!plan) {
    throw new Error(`unknown plan "${planId}" for rule set ${ruleSetVersion(ruleSet)}`);
  }
  return plan;
}

/** parseRuleSet guarantees every channel is present, so a miss means an unparsed rule set. */
export function channelOf(ruleSet: RuleSet, channel: ChannelId): ChannelRules {
  const found = ruleSet.channels.find((c) => c.id === channel);
  if (!found) throw new Error(`channel "${channel}" is missing from rule set ${ruleSetVersion(ruleSet)}`);
  return found;
}

export function planHasChannel(ruleSet: RuleSet, planId: string, channel: ChannelId): boolean {
  return channelOf(ruleSet, channel).plans.includes(planId);
}

// Building a calendar parses its spec; rule sets are immutable once parsed, so cache per object.
const calendarCache = new WeakMap<RuleSet, Map<ChannelId, BusinessCalendar>>();

export function calendarFor(ruleSet: RuleSet, channel: ChannelId): BusinessCalendar {
  let byChannel = calendarCache.get(ruleSet);
  if (!byChannel) {
    byChannel = new Map();
    calendarCache.set(ruleSet, byChannel);
  }
  let calendar = byChannel.get(channel);
  if (!calendar) {
    calendar = createCalendar(channelOf(ruleSet, channel).calendar);
    byChannel.set(channel, calendar);
  }
  return calendar;
}

export interface SlaTarget {
  firstResponseMinutes: number;
  nextResponseMinutes: number;
  ruleId: string;
}

/** Null when the plan does not have the channel (parseRuleSet guarantees a target otherwise). */
export function slaTargetFor(ruleSet: RuleSet, channel: ChannelId, planId: string): SlaTarget | null {
  const target = ruleSet.sla.find((t) => t.channel === channel && t.plans.includes(planId));
  if (!target) return null;
  return {
    firstResponseMinutes: target.firstResponseMinutes,
    nextResponseMinutes: target.nextResponseMinutes,
    ruleId: target.id,
  };
}

export function quotaAppliesTo(ruleSet: RuleSet, planId: string): boolean {
  return ruleSet.quota !== null && ruleSet.quota.plans.includes(planId);
}

/**
 * Whether a message of this kind in this channel spends a quota message for a customer on this plan.
 * `question` means a customer message in the channel, `answer` a staff answer.
 */
export function countsTowardQuota(
  ruleSet: RuleSet,
  planId: string,
  kind: MessageKind,
  channel: ChannelId,
): boolean {
  if (kind === 'internal_note' || !quotaAppliesTo(ruleSet, planId)) return false;
  return ruleSet.quota?.counts.some((c) => c.kind === kind && c.channel === channel) ?? false;
}

/**
 * The (channel, kind) pairs whose accepted, unanswered messages each keep one quota message for
 * their answer: those whose reserve asks for more room than the message itself takes.
 */
export function answerReservingKinds(ruleSet: RuleSet): { channel: ChannelId; kind: MessageKind }[] {
  return (ruleSet.quota?.reserves ?? [])
    .filter((r) => r.kind !== 'answer' && r.minRemaining > 1)
    .map((r) => ({ channel: r.channel, kind: r.kind }));
}

export function reservesAnswer(ruleSet: RuleSet, channel: ChannelId, kind: MessageKind): boolean {
  return answerReservingKinds(ruleSet).some((r) => r.channel === channel && r.kind === kind);
}

/**
 * Every quota message is spent (reservations aside): the "quota used up" flag and queue view, which
 * the store reads as customers.quota_spent >= limit on a quota plan.
 */
export function quotaSpentUp(ruleSet: RuleSet, planId: string, quotaUsed: number): boolean {
  return ruleSet.quota !== null && quotaAppliesTo(ruleSet, planId) && quotaUsed >= ruleSet.quota.limit;
}

/**
 * The balance shown to agents and decided on: `used` is clamped so the display never reads 6 of 5,
 * and `reserved` so that used + reserved never passes the limit (a reopened question can find the
 * room it had released taken).
 */
export function quotaBalance(
  ruleSet: RuleSet,
  planId: string,
  usage: Pick<RuleUsage, 'quotaUsed' | 'quotaReserved'>,
): Quota | null {
  if (!ruleSet.quota || !quotaAppliesTo(ruleSet, planId)) return null;
  const limit = ruleSet.quota.limit;
  const used = Math.min(Math.max(0, Math.floor(usage.quotaUsed)), limit);
  const reserved = Math.min(Math.max(0, Math.floor(usage.quotaReserved)), limit - used);
  return { used, reserved, limit, remaining: limit - used - reserved };
}
