// Rule set versions and the lead's SLA editor. An edit is validated by parseRuleSet exactly as a
// rules file would be, stored as a new version (never overwriting one), audited, and put in force
// for new tickets only after it committed; tickets already measured keep their own version.
import type { SlaRules } from '../../../shared/sla';
import { ApiError } from '../api/errors';
import type { Handler } from '../api/handler';
import { describeHours, openingHoursOf, parseRuleSet, RuleSetError, type RuleSet } from '../rules';
import { insertRuleVersion, latestRuleVersion } from '../sla/versions';

function slaRulesOf(version: number, label: string, rules: RuleSet, active: boolean): SlaRules {
  const holidaysOf = (id: string) => rules.channels.find((c) => c.id === id)?.calendar.holidays ?? [];
  return {
    version,
    label,
    active,
    targets: rules.sla.map((t) => ({
      id: t.id,
      channel: t.channel,
      plans: [...t.plans],
      firstResponseMinutes: t.firstResponseMinutes,
      nextResponseMinutes: t.nextResponseMinutes,
      ...(t.note === undefined ? {} : { note: t.note }),
    })),
    holidays: {
      topic: [...holidaysOf('topic')],
      email: [...holidaysOf('email')],
      chat: [...holidaysOf('chat')],
      phone: [...holidaysOf('phone')],
      blog_comment: [...holidaysOf('blog_comment')],
    },
    plans: rules.plans.map((p) => ({ id: p.id, name: p.name })),
    channels: rules.channels.map((c) => ({
      id: c.id,
      name: c.name,
      hours: describeHours(c.calendar),
      openingHours: openingHoursOf(c.calendar),
      zone: c.calendar.zone,
    })),
  };
}

export const listRuleVersions: Handler<'rules.versions'> = async (ctx) => {
  const rows = await ctx.db
    .selectFrom('rule_set_versions as v')
    .leftJoin('staff as s', 's.id', 'v.created_by')
    .select(['v.version', 'v.label', 'v.created_at', 'v.note', 's.name as created_by_name'])
    .orderBy('v.version', 'desc')
    .execute();
  const active = ctx.sla.versions.activeVersion;
  return rows.map((r) => ({
    version: r.version,
    label: r.label,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    note: r.note,
    active: r.version === active,
  }));
};

export const getSlaRules: Handler<'rules.sla'> = async (ctx, input) => {
  const version = input.version ?? ctx.sla.versions.activeVersion;
  const row = await ctx.db
    .selectFrom('rule_set_versions')
    .select(['version', 'label'])
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new ApiError('not_found', `No rule set version ${version}.`, 'version');
  const rules = await ctx.sla.versions.load(ctx.db, version);
  return slaRulesOf(row.version, row.label, rules, row.version === ctx.sla.versions.activeVersion);
};

/** Where a rule set path points in the editor's input, so the form can mark the field. */
function inputField(path: string, rules: RuleSet): string | undefined {
  const target = /^sla\[(\d+)\](.*)$/.exec(path);
  if (target) {
    const rest = (target[2] ?? '').replace(/\[(\d+)\]/g, '.$1');
    return `targets.${target[1]}${rest}`;
  }
  const holiday = /^channels\[(\d+)\]\.calendar\.holidays\[(\d+)\]/.exec(path);
  if (holiday) {
    const channel = rules.channels[Number(holiday[1])]?.id;
    return channel ? `holidays.${channel}.${holiday[2]}` : 'holidays';
  }
  // A channel's plan without a target: the target list is what is missing one.
  if (/^channels\[\d+\]\.plans/.test(path)) return 'targets';
  return undefined;
}

export const updateSlaRules: Handler<'rules.updateSla'> = async (ctx, input) => {
  const base = ctx.rules;
  const baseVersion = ctx.sla.versions.versionOf(base);
  if (input.baseVersion !== baseVersion) {
    throw new ApiError(
      'conflict',
      `The rules changed since this edit began (version ${baseVersion} is in force, the edit started from ${input.baseVersion}); reload and edit again.`,
      'baseVersion',
    );
  }
  const candidate = {
    ...base,
    version: base.version + 1,
    sla: input.targets.map((t) => ({
      id: t.id,
      ...(t.note === undefined ? {} : { note: t.note }),
      channel: t.channel,
      plans: t.plans,
      firstResponseMinutes: t.firstResponseMinutes,
      nextResponseMinutes: t.nextResponseMinutes,
    })),
    channels: base.channels.map((c) => {
      const holidays = input.holidays[c.id];
      return holidays === undefined ? c : { ...c, calendar: { ...c.calendar, holidays } };
    }),
  };
  let parsed: RuleSet;
  try {
    parsed = parseRuleSet(candidate);
  } catch (error) {
    if (!(error instanceof RuleSetError)) throw error;
    const issues = error.issues.map((i) => `${inputField(i.path, base) ?? i.path}: ${i.message}`);
    const first = error.issues[0];
    throw new ApiError(
      'invalid_input',
      `The SLA rules were not changed: ${issues.join('; ')}`,
      first ? inputField(first.path, base) : undefined,
    );
  }
  const now = ctx.now();
  const stored = await ctx.write(async (w) => {
    // Checked again inside the transaction: two leads saving at once cannot both build on one version.
    const latest = await latestRuleVersion(w.db);
    if (latest?.version !== input.baseVersion) {
      throw new ApiError(
        'conflict',
        'Another edit of the rules was saved first; reload and edit again.',
        'baseVersion',
      );
    }
    const saved = await insertRuleVersion(w.db, parsed, {
      now,
      createdBy: ctx.actor?.id ?? null,
      note: input.note,
    });
    const before = slaRulesOf(latest.version, latest.label, base, false);
    const after = slaRulesOf(saved.version, saved.label, saved.rules, true);
    await w.audit({
      entity: 'rule_set_version',
      entityId: saved.version,
      before: {
        version: before.version,
        label: before.label,
        targets: before.targets,
        holidays: before.holidays,
      },
      after: {
        version: after.version,
        label: after.label,
        targets: after.targets,
        holidays: after.holidays,
        note: input.note,
      },
    });
    w.changed({ topics: ['rules', 'settings'] });
    return saved;
  });
  ctx.sla.versions.activate(stored.version, stored.rules);
  return slaRulesOf(stored.version, stored.label, stored.rules, true);
};
