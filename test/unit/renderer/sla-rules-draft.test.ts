// The SLA editor's draft (renderer/src/views/sla/rulesDraft.ts) and the explain timeline's folding
// (explainTimeline.ts): pure helpers, checked against the default rule set's targets.
import { defaultRuleSet, openingHoursOf } from '../../../electron/core/rules';
import { describe, expect, it } from 'vitest';
import quintadb from '../../../resources/rules/quintadb.json';
import type { SlaExplanation, SlaRules, SlaTimelineEntry } from '../../../shared/sla';
import {
  channelPlans,
  draftDirty,
  draftFromRules,
  holidayProblem,
  isHolidayDate,
  parseMinutes,
  placeOf,
  rulesChanged,
  updateInput,
  validateDraft,
  weekdayOf,
  type RulesDraft,
} from '../../../renderer/src/views/sla/rulesDraft';
import { rulesChanges } from '../../../renderer/src/views/sla/rulesDiff';
import { allFoldIds, countingStartOf, timelineRows } from '../../../renderer/src/views/sla/explainTimeline';

const hoursOf = (id: string) => {
  const channel = defaultRuleSet.channels.find((c) => c.id === id);
  if (!channel) throw new Error(id);
  return openingHoursOf(channel.calendar);
};

const rules: SlaRules = {
  version: 1,
  label: 'quintadb@1',
  active: true,
  targets: quintadb.sla.map((t) => ({
    id: t.id,
    channel: t.channel as SlaRules['targets'][number]['channel'],
    plans: t.plans,
    firstResponseMinutes: t.firstResponseMinutes,
    nextResponseMinutes: t.nextResponseMinutes,
  })),
  holidays: { topic: [], email: ['2026-12-25'], chat: [], phone: [], blog_comment: [] },
  plans: quintadb.plans.map((p) => ({ id: p.id, name: p.name })),
  channels: [
    { id: 'topic', name: 'Topic', hours: '24/7', openingHours: hoursOf('topic'), zone: 'UTC' },
    {
      id: 'email',
      name: 'Email',
      hours: 'Mon–Fri 06:00–18:00 GMT',
      openingHours: hoursOf('email'),
      zone: 'UTC',
    },
    {
      id: 'chat',
      name: 'Chat',
      hours: 'Mon–Fri 06:00–18:00 GMT',
      openingHours: hoursOf('chat'),
      zone: 'UTC',
    },
    {
      id: 'phone',
      name: 'Phone',
      hours: 'Mon–Fri 06:00–15:00 GMT',
      openingHours: hoursOf('phone'),
      zone: 'UTC',
    },
    {
      id: 'blog_comment',
      name: 'Blog comment',
      hours: '24/7',
      openingHours: hoursOf('blog_comment'),
      zone: 'UTC',
    },
  ],
};

const context = {
  plansByChannel: channelPlans(rules),
  planName: (id: string) => rules.plans.find((p) => p.id === id)?.name ?? id,
  channelName: (id: string) => id,
};
const issues = (draft: RulesDraft) => validateDraft(draft, context).map((i) => [i.field, i.key]);
const edit = (change: (d: RulesDraft) => void): RulesDraft => {
  const draft = draftFromRules(rules);
  draft.note = 'Why';
  change(draft);
  return draft;
};

describe('the SLA rules draft', () => {
  it('reads which plans have each channel from a valid version’s targets', () => {
    expect(context.plansByChannel.email).toEqual([
      'standard',
      'professional',
      'enterprise',
      'standard_express',
      'professional_express',
      'enterprise_express',
    ]);
    expect(context.plansByChannel.phone).toEqual([
      'standard_express',
      'professional_express',
      'enterprise_express',
    ]);
    expect(context.plansByChannel.topic).toContain('free');
  });

  it('starts clean: no change, no issue but the missing why', () => {
    const draft = draftFromRules(rules);
    expect(rulesChanged(draft, rules)).toBe(false);
    expect(draftDirty(draft, rules)).toBe(false);
    expect(issues(draft)).toEqual([['note', 'slaRules.issue.noteMissing']]);
    draft.note = 'Because';
    expect(draftDirty(draft, rules)).toBe(true);
    expect(rulesChanged(draft, rules)).toBe(false);
  });

  it('names bad minutes on their field', () => {
    expect(parseMinutes('240')).toEqual({ ok: true, value: 240 });
    expect(parseMinutes(' 15 ')).toEqual({ ok: true, value: 15 });
    expect(parseMinutes('')).toMatchObject({ key: 'slaRules.issue.minutesMissing' });
    expect(parseMinutes('abc')).toMatchObject({ key: 'slaRules.issue.minutesNotNumber' });
    expect(parseMinutes('1.5')).toMatchObject({ key: 'slaRules.issue.minutesWhole' });
    expect(parseMinutes('0')).toMatchObject({ key: 'slaRules.issue.minutesPositive' });
    expect(parseMinutes('-5')).toMatchObject({ key: 'slaRules.issue.minutesPositive' });
    expect(parseMinutes('1000001')).toMatchObject({ key: 'slaRules.issue.minutesTooMany' });
    const draft = edit((d) => {
      d.targets[3]!.first = '0';
      d.targets[4]!.next = '';
    });
    expect(issues(draft)).toEqual([
      ['targets.3.firstResponseMinutes', 'slaRules.issue.minutesPositive'],
      ['targets.4.nextResponseMinutes', 'slaRules.issue.minutesMissing'],
    ]);
  });

  it('mirrors the rule set: every plan of a channel covered exactly once, and only plans that have it', () => {
    const missing = edit((d) => {
      d.targets.splice(0, 1);
    });
    expect(issues(missing)).toEqual([['targets', 'slaRules.issue.missingPair']]);
    expect(validateDraft(missing, context)[0]?.params?.plans).toBe(
      'Standard Express, Professional Express, Enterprise Express',
    );
    const twice = edit((d) => d.targets[1]!.plans.push('standard_express'));
    expect(issues(twice)).toEqual([['targets.1.plans', 'slaRules.issue.duplicatePair']]);
    expect(validateDraft(twice, context)[0]?.params?.row).toBe(1);
    const lacking = edit((d) => d.targets[3]!.plans.push('free'));
    expect(issues(lacking)).toEqual([['targets.3.plans', 'slaRules.issue.planLacksChannel']]);
    const empty = edit((d) => {
      d.targets[2]!.plans = [];
    });
    expect(issues(empty)).toEqual([
      ['targets.2.plans', 'slaRules.issue.noPlans'],
      ['targets', 'slaRules.issue.missingPair'],
    ]);
  });

  it('checks holiday dates: real, whole, not twice', () => {
    expect(isHolidayDate('2026-02-28')).toBe(true);
    expect(isHolidayDate('2026-02-30')).toBe(false);
    expect(isHolidayDate('2026-2-3')).toBe(false);
    expect(holidayProblem('', [])).toEqual({ key: 'slaRules.issue.dateMissing' });
    expect(holidayProblem('2026-13-01', [])?.key).toBe('slaRules.issue.dateInvalid');
    expect(holidayProblem('2026-12-25', ['2026-12-25'])?.key).toBe('slaRules.issue.dateDuplicate');
    expect(holidayProblem('2026-12-24', ['2026-12-25'])).toBeNull();
    const bad = edit((d) => d.holidays.email.push('2026-02-30', '2026-12-25'));
    expect(issues(bad)).toEqual([
      ['holidays.email.1', 'slaRules.issue.dateInvalid'],
      ['holidays.email.2', 'slaRules.issue.dateDuplicate'],
    ]);
    expect(weekdayOf('2026-12-25')).toBe(4);
  });

  it('sends every row in order, with new rows given a unique dotted id', () => {
    const draft = edit((d) => {
      d.targets[0]!.first = '200';
      d.targets[0]!.note = '  ';
      d.targets.push(
        { key: 'a', id: null, channel: 'email', plans: [], first: '1', next: '2', note: ' Trial ' },
        { key: 'b', id: null, channel: 'email', plans: [], first: '1', next: '2', note: '' },
      );
      d.holidays.chat.push('2027-01-01');
      d.note = '  Faster topics  ';
    });
    expect(rulesChanged(draft, rules)).toBe(true);
    const input = updateInput(draft, 1);
    expect(input.baseVersion).toBe(1);
    expect(input.note).toBe('Faster topics');
    expect(input.targets[0]).toEqual({
      id: 'sla.topic.express',
      channel: 'topic',
      plans: ['standard_express', 'professional_express', 'enterprise_express'],
      firstResponseMinutes: 200,
      nextResponseMinutes: 480,
    });
    expect(input.targets.slice(-2).map((t) => [t.id, t.note])).toEqual([
      ['sla.email.custom', 'Trial'],
      ['sla.email.custom-2', undefined],
    ]);
    expect(input.holidays).toEqual({
      topic: [],
      email: ['2026-12-25'],
      chat: ['2027-01-01'],
      phone: [],
      blog_comment: [],
    });
  });

  it('places the core’s fields on the form', () => {
    expect(placeOf('targets.3.firstResponseMinutes')).toEqual({
      area: 'target',
      row: 3,
      part: 'firstResponseMinutes',
    });
    expect(placeOf('targets.1.plans.3')).toEqual({ area: 'target', row: 1, part: 'plans' });
    expect(placeOf('targets.1.id')).toEqual({ area: 'target', row: 1, part: 'row' });
    expect(placeOf('targets')).toEqual({ area: 'targets' });
    expect(placeOf('holidays.email.0')).toEqual({ area: 'holiday', channel: 'email', index: 0 });
    expect(placeOf('holidays.blog_comment')).toEqual({
      area: 'holiday',
      channel: 'blog_comment',
      index: null,
    });
    expect(placeOf('note')).toEqual({ area: 'note' });
    expect(placeOf('baseVersion')).toEqual({ area: 'form' });
    expect(placeOf(undefined)).toEqual({ area: 'form' });
  });

  it('lists what a version changed from the one before', () => {
    const after: SlaRules = {
      ...rules,
      version: 2,
      targets: rules.targets
        .filter((t) => t.id !== 'sla.chat.paid')
        .map((t) => (t.id === 'sla.email.paid' ? { ...t, firstResponseMinutes: 180 } : t)),
      holidays: { ...rules.holidays, email: [], phone: ['2026-12-24'] },
    };
    expect(rulesChanges(rules, after).map((c) => c.kind)).toEqual([
      'targetChanged',
      'targetRemoved',
      'holidayRemoved',
      'holidayAdded',
    ]);
  });
});

describe('the explain timeline rows', () => {
  const at = (h: number) => Date.UTC(2026, 10, 2, h);
  const entry = (
    kind: SlaTimelineEntry['kind'],
    from: number,
    to = from,
    projected = false,
  ): SlaTimelineEntry => ({
    kind,
    from,
    to,
    phase: 'first',
    minutes: kind === 'counted' ? (to - from) / 60_000 : 0,
    totalMinutes: 0,
    date: null,
    projected,
    text: kind,
  });
  const explanation = (timeline: SlaTimelineEntry[]): SlaExplanation => ({
    ticketId: 1,
    channel: 'email',
    planId: 'standard',
    ruleVersion: { version: 1, label: 'quintadb@1' },
    hours: 'Mon–Fri 06:00–18:00 GMT',
    zone: 'UTC',
    targets: { firstResponseMinutes: 240, nextResponseMinutes: 480, ruleId: 'sla.email.paid' },
    notMeasured: null,
    asOf: at(30),
    current: {
      phase: 'first',
      dueAt: null,
      paused: false,
      closed: false,
      businessMinutes: 0,
      remainingMinutes: null,
      breached: false,
    },
    phases: [],
    timeline,
    summary: [],
  });

  it('puts "now" between what happened and what is projected', () => {
    const rows = timelineRows(
      explanation([
        entry('arrival', at(5)),
        entry('closed', at(5), at(6)),
        entry('counted', at(6), at(7), true),
      ]),
      new Set(),
    );
    expect(rows.map((r) => (r.type === 'entry' ? r.entry.kind : r.type))).toEqual([
      'arrival',
      'closed',
      'now',
      'counted',
    ]);
    expect(
      countingStartOf(
        explanation([entry('arrival', at(5)), entry('closed', at(5), at(6)), entry('counted', at(6), at(7))]),
      ),
    ).toBe(at(6));
  });

  it('leaves out closed slivers under a minute', () => {
    const rows = timelineRows(
      explanation([
        entry('arrival', at(5)),
        entry('closed', at(5), at(5) + 20_000),
        entry('closed', at(5) + 20_000, at(6), true),
      ]),
      new Set(),
    );
    expect(rows.map((r) => (r.type === 'entry' ? r.entry.kind : r.type))).toEqual([
      'arrival',
      'now',
      'closed',
    ]);
  });

  it('folds long runs of counted and closed stretches, keeping both ends and the holidays', () => {
    const days: SlaTimelineEntry[] = [entry('arrival', at(0))];
    for (let d = 0; d < 6; d++) {
      days.push(
        entry('counted', at(24 * d + 6), at(24 * d + 18)),
        entry('closed', at(24 * d + 18), at(24 * d + 30)),
      );
    }
    days.push({ ...entry('holiday', at(150), at(174)), date: '2026-11-08' });
    days.push(entry('counted', at(174), at(186)), entry('due', at(186)));
    const data = explanation(days);
    const rows = timelineRows(data, new Set());
    expect(rows.map((r) => (r.type === 'entry' ? r.entry.kind : r.type))).toEqual([
      'arrival',
      'counted',
      'closed',
      'fold',
      'counted',
      'closed',
      'holiday',
      'counted',
      'due',
      'now',
    ]);
    const fold = rows.find((r) => r.type === 'fold');
    expect(fold).toMatchObject({
      type: 'fold',
      id: 'fold-1',
      countedMinutes: 4 * 720,
      closedMs: 4 * 12 * 3_600_000,
    });
    expect(allFoldIds(data)).toEqual(['fold-1']);
    expect(timelineRows(data, new Set(['fold-1'])).filter((r) => r.type === 'entry')).toHaveLength(
      days.length,
    );
  });
});
