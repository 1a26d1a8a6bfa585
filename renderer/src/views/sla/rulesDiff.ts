// What one SLA rules version changed from the one before it: targets added, removed or changed, and
// holidays added or removed per channel. Pure, for the version history.
import type { ChannelId } from '../../../../shared/domain';
import type { SlaRules } from '../../../../shared/sla';
import { channelIds } from '../../format/vocabulary';

type Target = SlaRules['targets'][number];

export type RulesChange =
  | { kind: 'targetAdded'; target: Target }
  | { kind: 'targetRemoved'; target: Target }
  | {
      kind: 'targetChanged';
      before: Target;
      after: Target;
      fields: ('channel' | 'plans' | 'firstResponseMinutes' | 'nextResponseMinutes' | 'note')[];
    }
  | { kind: 'holidayAdded'; channel: ChannelId; date: string }
  | { kind: 'holidayRemoved'; channel: ChannelId; date: string };

const samePlans = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((p, i) => p === [...b].sort()[i]);

export function rulesChanges(before: SlaRules, after: SlaRules): RulesChange[] {
  const out: RulesChange[] = [];
  const old = new Map(before.targets.map((t) => [t.id, t]));
  const now = new Map(after.targets.map((t) => [t.id, t]));
  for (const target of after.targets) {
    const was = old.get(target.id);
    if (!was) {
      out.push({ kind: 'targetAdded', target });
      continue;
    }
    const fields: Extract<RulesChange, { kind: 'targetChanged' }>['fields'] = [];
    if (was.channel !== target.channel) fields.push('channel');
    if (!samePlans(was.plans, target.plans)) fields.push('plans');
    if (was.firstResponseMinutes !== target.firstResponseMinutes) fields.push('firstResponseMinutes');
    if (was.nextResponseMinutes !== target.nextResponseMinutes) fields.push('nextResponseMinutes');
    if ((was.note ?? '') !== (target.note ?? '')) fields.push('note');
    if (fields.length > 0) out.push({ kind: 'targetChanged', before: was, after: target, fields });
  }
  for (const target of before.targets) {
    if (!now.has(target.id)) out.push({ kind: 'targetRemoved', target });
  }
  for (const channel of channelIds) {
    const a = before.holidays[channel];
    const b = after.holidays[channel];
    for (const date of b) if (!a.includes(date)) out.push({ kind: 'holidayAdded', channel, date });
    for (const date of a) if (!b.includes(date)) out.push({ kind: 'holidayRemoved', channel, date });
  }
  return out;
}
