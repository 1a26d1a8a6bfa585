// The SLA targets and holidays editor's draft, kept apart from React so that it can be tested: the
// draft made from a stored version, the checks that mirror the core's obvious rules (the core's
// parseRuleSet stays the judge), the update sent on save, and where a refusal's field points.
//
// Field names are the core's: `targets.2.firstResponseMinutes`, `targets.1.plans.3`, `targets`,
// `holidays.email.0`, `note`, so client issues and core refusals land on the same inputs.
import type { ChannelId } from '../../../../shared/domain';
import type { SlaRules } from '../../../../shared/sla';
import { channelIds } from '../../format/vocabulary';
import type { MessageKey, Params } from '../../i18n';

export interface TargetDraft {
  /** React key, stable while the row exists. */
  key: string;
  /** The stored rule id; null for a row added in this edit (an id is made on save). */
  id: string | null;
  channel: ChannelId;
  plans: string[];
  /** Text as typed, so that "1.5" or "" can be named as the problem. */
  first: string;
  next: string;
  note: string;
}

export type HolidayDraft = Record<ChannelId, string[]>;

export interface RulesDraft {
  targets: TargetDraft[];
  holidays: HolidayDraft;
  note: string;
}

export interface DraftIssue {
  field: string;
  key: MessageKey;
  params?: Params;
}

/** The most the rule set accepts for a target (rules/ruleset.ts). */
export const MAX_MINUTES = 1_000_000;
export const MAX_NOTE = 500;
export const MAX_TARGET_NOTE = 2000;

let keys = 0;
export const newKey = (): string => `row-${++keys}`;

export function draftFromRules(rules: SlaRules): RulesDraft {
  return {
    targets: rules.targets.map((t) => ({
      key: newKey(),
      id: t.id,
      channel: t.channel,
      plans: [...t.plans],
      first: String(t.firstResponseMinutes),
      next: String(t.nextResponseMinutes),
      note: t.note ?? '',
    })),
    holidays: {
      topic: [...rules.holidays.topic].sort(),
      email: [...rules.holidays.email].sort(),
      chat: [...rules.holidays.chat].sort(),
      phone: [...rules.holidays.phone].sort(),
      blog_comment: [...rules.holidays.blog_comment].sort(),
    },
    note: '',
  };
}

/**
 * Which plans have each channel. SlaRules does not list them, but a stored version is valid, and
 * the rule set requires exactly one target for each plan that has a channel and none for a plan
 * that lacks it: the plans its targets name per channel are exactly the channel's plans.
 */
export function channelPlans(rules: SlaRules): Record<ChannelId, string[]> {
  const out = Object.fromEntries(channelIds.map((c) => [c, [] as string[]])) as Record<ChannelId, string[]>;
  for (const plan of rules.plans) {
    for (const c of channelIds) {
      if (rules.targets.some((t) => t.channel === c && t.plans.includes(plan.id))) out[c].push(plan.id);
    }
  }
  return out;
}

/** A whole number of minutes within the rule set's bounds, or the problem with the text. */
export function parseMinutes(text: string): { ok: true; value: number } | { ok: false; key: MessageKey } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, key: 'slaRules.issue.minutesMissing' };
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return { ok: false, key: 'slaRules.issue.minutesNotNumber' };
  const value = Number(trimmed);
  if (!Number.isInteger(value)) return { ok: false, key: 'slaRules.issue.minutesWhole' };
  if (value <= 0) return { ok: false, key: 'slaRules.issue.minutesPositive' };
  if (value > MAX_MINUTES) return { ok: false, key: 'slaRules.issue.minutesTooMany' };
  return { ok: true, value };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (what the rule set's calendars accept). */
export function isHolidayDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Why a date cannot be added to a channel's holidays, or null when it can. */
export function holidayProblem(
  date: string,
  existing: readonly string[],
): { key: MessageKey; params?: Params } | null {
  if (date.trim() === '') return { key: 'slaRules.issue.dateMissing' };
  if (!isHolidayDate(date.trim())) return { key: 'slaRules.issue.dateInvalid', params: { date } };
  if (existing.includes(date.trim())) return { key: 'slaRules.issue.dateDuplicate', params: { date } };
  return null;
}

/** Every problem the draft has that the core would refuse, each on the field it concerns. */
export function validateDraft(
  draft: RulesDraft,
  context: {
    plansByChannel: Record<ChannelId, string[]>;
    planName(id: string): string;
    channelName(id: ChannelId): string;
  },
): DraftIssue[] {
  const issues: DraftIssue[] = [];
  if (draft.targets.length === 0) issues.push({ field: 'targets', key: 'slaRules.issue.noTargets' });
  const seen = new Map<string, number>();
  draft.targets.forEach((row, i) => {
    for (const which of ['first', 'next'] as const) {
      const parsed = parseMinutes(row[which]);
      if (!parsed.ok) {
        issues.push({
          field: `targets.${i}.${which === 'first' ? 'firstResponseMinutes' : 'nextResponseMinutes'}`,
          key: parsed.key,
          params: { max: MAX_MINUTES },
        });
      }
    }
    if (row.plans.length === 0) issues.push({ field: `targets.${i}.plans`, key: 'slaRules.issue.noPlans' });
    for (const plan of row.plans) {
      if (!context.plansByChannel[row.channel].includes(plan)) {
        issues.push({
          field: `targets.${i}.plans`,
          key: 'slaRules.issue.planLacksChannel',
          params: { plan: context.planName(plan), channel: context.channelName(row.channel) },
        });
        continue;
      }
      const pair = `${row.channel}/${plan}`;
      const first = seen.get(pair);
      if (first !== undefined) {
        issues.push({
          field: `targets.${i}.plans`,
          key: 'slaRules.issue.duplicatePair',
          params: { plan: context.planName(plan), channel: context.channelName(row.channel), row: first + 1 },
        });
      } else seen.set(pair, i);
    }
    if (row.note.length > MAX_TARGET_NOTE) {
      issues.push({
        field: `targets.${i}.note`,
        key: 'slaRules.issue.targetNoteLong',
        params: { max: MAX_TARGET_NOTE },
      });
    }
  });
  for (const channel of channelIds) {
    const missing = context.plansByChannel[channel].filter((p) => !seen.has(`${channel}/${p}`));
    if (missing.length > 0) {
      issues.push({
        field: 'targets',
        key: 'slaRules.issue.missingPair',
        params: {
          channel: context.channelName(channel),
          plans: missing.map((id) => context.planName(id)).join(', '),
        },
      });
    }
  }
  for (const channel of channelIds) {
    const list = draft.holidays[channel];
    list.forEach((date, i) => {
      if (!isHolidayDate(date)) {
        issues.push({
          field: `holidays.${channel}.${i}`,
          key: 'slaRules.issue.dateInvalid',
          params: { date },
        });
      } else if (list.indexOf(date) !== i) {
        issues.push({
          field: `holidays.${channel}.${i}`,
          key: 'slaRules.issue.dateDuplicate',
          params: { date },
        });
      }
    });
  }
  const note = draft.note.trim();
  if (note === '') issues.push({ field: 'note', key: 'slaRules.issue.noteMissing' });
  else if (note.length > MAX_NOTE)
    issues.push({ field: 'note', key: 'slaRules.issue.noteLong', params: { max: MAX_NOTE } });
  return issues;
}

/** A rule id for a new row: dotted, unique among the targets (`sla.email.custom`, `sla.email.custom-2`). */
function newTargetId(channel: ChannelId, taken: Set<string>): string {
  const base = `sla.${channel}.custom`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

export interface SlaUpdateInput {
  baseVersion: number;
  targets: {
    id: string;
    channel: ChannelId;
    plans: string[];
    firstResponseMinutes: number;
    nextResponseMinutes: number;
    note?: string;
  }[];
  holidays: HolidayDraft;
  note: string;
}

/**
 * The `rules.updateSla` input: every row in the order shown (so `targets.N` in a refusal is row N),
 * and every channel's holidays in the order shown. Minutes that are not numbers are sent as they
 * parse (NaN becomes null in JSON, refused by the contract); the form checks them first anyway.
 */
export function updateInput(draft: RulesDraft, baseVersion: number): SlaUpdateInput {
  const taken = new Set(draft.targets.map((t) => t.id).filter((id): id is string => id !== null));
  return {
    baseVersion,
    targets: draft.targets.map((row) => {
      const note = row.note.trim();
      return {
        id: row.id ?? newTargetId(row.channel, taken),
        channel: row.channel,
        plans: [...row.plans],
        firstResponseMinutes: Number(row.first.trim()),
        nextResponseMinutes: Number(row.next.trim()),
        ...(note === '' ? {} : { note }),
      };
    }),
    holidays: {
      topic: [...draft.holidays.topic],
      email: [...draft.holidays.email],
      chat: [...draft.holidays.chat],
      phone: [...draft.holidays.phone],
      blog_comment: [...draft.holidays.blog_comment],
    },
    note: draft.note.trim(),
  };
}

/** What the rules would store, without the why: equal for a draft with no change. */
function comparable(draft: RulesDraft): string {
  return JSON.stringify({
    targets: draft.targets.map((t) => [
      t.id,
      t.channel,
      [...t.plans].sort(),
      t.first.trim(),
      t.next.trim(),
      t.note.trim(),
    ]),
    holidays: channelIds.map((c) => [...draft.holidays[c]].sort()),
  });
}

/** The targets or holidays differ from the version the edit started from. */
export function rulesChanged(draft: RulesDraft, base: SlaRules): boolean {
  return comparable(draft) !== comparable(draftFromRules(base));
}

/** Anything typed that would be lost by discarding (the why counts too). */
export function draftDirty(draft: RulesDraft, base: SlaRules): boolean {
  return draft.note.trim() !== '' || rulesChanged(draft, base);
}

export type FieldPlace =
  | {
      area: 'target';
      row: number;
      part: 'firstResponseMinutes' | 'nextResponseMinutes' | 'plans' | 'channel' | 'note' | 'row';
    }
  | { area: 'targets' }
  | { area: 'holiday'; channel: ChannelId; index: number | null }
  | { area: 'note' }
  | { area: 'form' };

/** Where a field named by the core or the checks is on the form. */
export function placeOf(field: string | undefined): FieldPlace {
  if (!field) return { area: 'form' };
  const target = /^targets\.(\d+)(?:\.(\w+))?/.exec(field);
  if (target) {
    const part = target[2];
    const known = ['firstResponseMinutes', 'nextResponseMinutes', 'plans', 'channel', 'note'] as const;
    const found = known.find((k) => k === part);
    return { area: 'target', row: Number(target[1]), part: found ?? 'row' };
  }
  if (field === 'targets') return { area: 'targets' };
  const holiday = /^holidays\.(\w+)(?:\.(\d+))?/.exec(field);
  if (holiday) {
    const channel = channelIds.find((c) => c === holiday[1]);
    if (channel)
      return { area: 'holiday', channel, index: holiday[2] === undefined ? null : Number(holiday[2]) };
  }
  if (field === 'note') return { area: 'note' };
  return { area: 'form' };
}

/** The weekday of a YYYY-MM-DD date (0 Monday … 6 Sunday), read as a calendar date. */
export function weekdayOf(date: string): number {
  const m = DATE.exec(date);
  if (!m) return -1;
  return (new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay() + 6) % 7;
}

/** Inserts a date in a sorted list. */
export function withHoliday(list: readonly string[], date: string): string[] {
  return [...list, date].sort();
}
