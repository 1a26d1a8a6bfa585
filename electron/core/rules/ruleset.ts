// The rule set is data so that another company can load its own; everything the engine enforces
// must therefore be checked here, including references between parts that zod's shape cannot see.
import { z } from 'zod';
import { channelId, channelIds, messageKind, phoneTool, planId } from '../../../shared/domain';
import type { ChannelId } from '../../../shared/domain';
import { calendarSpecSchema } from './calendar';

/** Dotted ids stay stable across versions, so decisions stored years ago still point at a rule. */
export const ruleIdSchema = z
  .string()
  .max(128)
  .regex(/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/, 'must be a dotted rule id such as "email.paid-plans"');

const note = z.string().min(1).max(2000).optional();
const minutes = z.int().positive().max(1_000_000);

export const planSchema = z.strictObject({
  id: planId,
  name: z.string().min(1).max(128),
  paid: z.boolean(),
  /** The console shows an "Express" marker for these plans. */
  express: z.boolean(),
});

export const channelSchema = z.strictObject({
  id: channelId,
  name: z.string().min(1).max(128),
  /** Offered to customers as a way to ask for help (blog comments are tracked but not offered). */
  offered: z.boolean(),
  accessRuleId: ruleIdSchema,
  accessNote: note,
  plans: z.array(planId),
  hoursRuleId: ruleIdSchema,
  hoursNote: note,
  calendar: calendarSpecSchema,
});

/** Internal notes are never customer-facing, so the schema cannot make them count. */
const countedKind = messageKind.exclude(['internal_note']);

export const quotaCountSchema = z.strictObject({
  id: ruleIdSchema,
  note,
  channel: channelId,
  kind: countedKind,
});

export const quotaReserveSchema = z.strictObject({
  id: ruleIdSchema,
  note,
  channel: channelId,
  kind: countedKind,
  /** Remaining quota messages needed to accept this kind (a question keeps room for its answer). */
  minRemaining: z.int().positive(),
});

export const quotaSchema = z.strictObject({
  id: ruleIdSchema,
  note,
  /** How reasons name the quota, e.g. "topic messages". */
  label: z.string().min(1).max(128),
  limit: z.int().positive().max(1_000_000),
  plans: z.array(planId),
  counts: z.array(quotaCountSchema).min(1),
  reserves: z.array(quotaReserveSchema),
});

export const phoneRulesSchema = z.strictObject({
  questions: z.strictObject({ id: ruleIdSchema, note, min: z.int().nonnegative().max(100) }),
  contactEmail: z.strictObject({ id: ruleIdSchema, note, required: z.boolean() }),
  tools: z.strictObject({
    id: ruleIdSchema,
    note,
    allowed: z.array(z.strictObject({ id: phoneTool, name: z.string().min(1).max(64) })).min(1),
  }),
  call: z.strictObject({
    id: ruleIdSchema,
    note,
    insideChannelHours: z.boolean(),
    defaultDurationMinutes: minutes,
  }),
});

export const ruleSetSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, "-" or "_"')
    .max(64),
  version: z.int().positive(),
  name: z.string().min(1).max(200),
  source: z.strictObject({
    title: z.string().min(1).max(200),
    language: z.string().min(2).max(16),
    url: z.url().optional(),
    note: z.string().min(1).max(4000),
  }),
  plans: z.array(planSchema).min(1),
  channels: z.array(channelSchema),
  answerNotice: z.strictObject({
    id: ruleIdSchema,
    note,
    channels: z.array(channelId),
    spamReminder: z.boolean(),
  }),
  /** Null for a company without a message quota. */
  quota: quotaSchema.nullable(),
  phone: phoneRulesSchema,
  personalManager: z.strictObject({ id: ruleIdSchema, note, plans: z.array(planId) }),
  community: z.strictObject({
    id: ruleIdSchema,
    note,
    name: z.string().min(1).max(200),
    platform: z.string().min(1).max(64),
    url: z.url(),
    /** The source text names the group but gives no link; set while the link is a guess. */
    urlNeedsConfirmation: z.boolean(),
  }),
  sla: z.array(
    z.strictObject({
      id: ruleIdSchema,
      note,
      channel: channelId,
      plans: z.array(planId).min(1),
      /** Business minutes of the channel's calendar. */
      firstResponseMinutes: minutes,
      nextResponseMinutes: minutes,
    }),
  ),
});

export type RuleSet = z.infer<typeof ruleSetSchema>;
export type Plan = z.infer<typeof planSchema>;
export type ChannelRules = z.infer<typeof channelSchema>;
export type QuotaRules = z.infer<typeof quotaSchema>;
export type SlaTargetRule = RuleSet['sla'][number];

export interface RuleSetIssue {
  path: string;
  message: string;
}

export class RuleSetError extends Error {
  readonly issues: readonly RuleSetIssue[];

  constructor(issues: readonly RuleSetIssue[]) {
    super(`rule set is invalid: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'RuleSetError';
    this.issues = issues;
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Validates shape and cross-references; throws a RuleSetError listing every issue with its path. */
export function parseRuleSet(input: unknown): RuleSet {
  const parsed = ruleSetSchema.safeParse(input);
  if (!parsed.success) {
    throw new RuleSetError(
      parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    );
  }
  const issues = crossCheck(parsed.data);
  if (issues.length > 0) throw new RuleSetError(issues);
  return parsed.data;
}

/** Every rule id in the rule set with the path where it is defined. */
export function ruleIdEntries(ruleSet: RuleSet): { id: string; path: string }[] {
  const out: { id: string; path: string }[] = [];
  ruleSet.channels.forEach((channel, i) => {
    out.push({ id: channel.accessRuleId, path: `channels[${i}].accessRuleId` });
    out.push({ id: channel.hoursRuleId, path: `channels[${i}].hoursRuleId` });
  });
  out.push({ id: ruleSet.answerNotice.id, path: 'answerNotice.id' });
  if (ruleSet.quota) {
    out.push({ id: ruleSet.quota.id, path: 'quota.id' });
    ruleSet.quota.counts.forEach((count, i) => out.push({ id: count.id, path: `quota.counts[${i}].id` }));
    ruleSet.quota.reserves.forEach((reserve, i) =>
      out.push({ id: reserve.id, path: `quota.reserves[${i}].id` }),
    );
  }
  for (const key of ['questions', 'contactEmail', 'tools', 'call'] as const) {
    out.push({ id: ruleSet.phone[key].id, path: `phone.${key}.id` });
  }
  out.push({ id: ruleSet.personalManager.id, path: 'personalManager.id' });
  out.push({ id: ruleSet.community.id, path: 'community.id' });
  ruleSet.sla.forEach((target, i) => out.push({ id: target.id, path: `sla[${i}].id` }));
  return out;
}

function crossCheck(ruleSet: RuleSet): RuleSetIssue[] {
  const issues: RuleSetIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  const planIds = new Set<string>();
  ruleSet.plans.forEach((plan, i) => {
    if (planIds.has(plan.id)) add(`plans[${i}].id`, `duplicate plan id "${plan.id}"`);
    planIds.add(plan.id);
    if (plan.express && !plan.paid) add(`plans[${i}].express`, `plan "${plan.id}" is express but not paid`);
  });

  const checkPlanRefs = (plans: readonly string[], path: string) => {
    const seen = new Set<string>();
    plans.forEach((id, i) => {
      if (!planIds.has(id)) add(`${path}[${i}]`, `unknown plan "${id}"`);
      if (seen.has(id)) add(`${path}[${i}]`, `plan "${id}" is listed twice`);
      seen.add(id);
    });
  };

  // The product gives each channel behaviour, so a rule set must say something about all of them.
  const channelIndex = new Map<ChannelId, number>();
  ruleSet.channels.forEach((channel, i) => {
    if (channelIndex.has(channel.id)) add(`channels[${i}].id`, `duplicate channel "${channel.id}"`);
    else channelIndex.set(channel.id, i);
    checkPlanRefs(channel.plans, `channels[${i}].plans`);
  });
  for (const id of channelIds) {
    if (!channelIndex.has(id)) add('channels', `missing channel "${id}"`);
  }
  const channelHasPlan = (channel: ChannelId, plan: string) =>
    ruleSet.channels.some((c) => c.id === channel && c.plans.includes(plan));

  const ruleIds = new Map<string, string>();
  for (const entry of ruleIdEntries(ruleSet)) {
    const first = ruleIds.get(entry.id);
    if (first !== undefined) add(entry.path, `duplicate rule id "${entry.id}" (first defined at ${first})`);
    else ruleIds.set(entry.id, entry.path);
  }

  checkPlanRefs(ruleSet.personalManager.plans, 'personalManager.plans');

  if (ruleSet.quota) {
    const quota = ruleSet.quota;
    checkPlanRefs(quota.plans, 'quota.plans');
    const counted = new Set<string>();
    quota.counts.forEach((count, i) => {
      const key = `${count.channel}/${count.kind}`;
      if (counted.has(key)) add(`quota.counts[${i}]`, `"${key}" is counted twice`);
      counted.add(key);
    });
    const reserved = new Set<string>();
    quota.reserves.forEach((reserve, i) => {
      const key = `${reserve.channel}/${reserve.kind}`;
      if (!counted.has(key)) add(`quota.reserves[${i}]`, `"${key}" is not a counted message`);
      if (reserved.has(key)) add(`quota.reserves[${i}]`, `"${key}" has two reserves`);
      reserved.add(key);
      if (reserve.minRemaining > quota.limit) {
        add(`quota.reserves[${i}].minRemaining`, `exceeds the quota limit ${quota.limit}`);
      }
    });
    // Each counted kind needs an explicit reserve so that what a message costs is visible in the data.
    quota.counts.forEach((count, i) => {
      const key = `${count.channel}/${count.kind}`;
      if (!reserved.has(key)) add(`quota.counts[${i}]`, `"${key}" has no reserve in quota.reserves`);
    });
  }

  ruleSet.phone.tools.allowed.forEach((tool, i) => {
    if (ruleSet.phone.tools.allowed.findIndex((t) => t.id === tool.id) !== i) {
      add(`phone.tools.allowed[${i}].id`, `tool "${tool.id}" is listed twice`);
    }
  });

  const slaSeen = new Map<string, string>();
  ruleSet.sla.forEach((target, i) => {
    target.plans.forEach((plan, j) => {
      const path = `sla[${i}].plans[${j}]`;
      if (!planIds.has(plan)) {
        add(path, `unknown plan "${plan}"`);
        return;
      }
      if (!channelHasPlan(target.channel, plan)) {
        add(path, `plan "${plan}" does not have channel "${target.channel}"`);
      }
      const key = `${target.channel}/${plan}`;
      const first = slaSeen.get(key);
      if (first !== undefined) add(path, `second SLA target for ${key} (first at ${first})`);
      else slaSeen.set(key, path);
    });
  });
  ruleSet.channels.forEach((channel, i) => {
    channel.plans.forEach((plan, j) => {
      if (planIds.has(plan) && !slaSeen.has(`${channel.id}/${plan}`)) {
        add(`channels[${i}].plans[${j}]`, `no SLA target for channel "${channel.id}" on plan "${plan}"`);
      }
    });
  });

  return issues;
}
