// Rule set versions and the lead's SLA editor. An edit is validated by parseRuleSet exactly as a
// rules file would be, stored as a new version (never overwriting one), audited, and put in force
// for new tickets only after it committed; tickets already measured keep their own version.
import type { Kysely } from 'kysely';
import type { ChannelId } from '../../../shared/domain';
import type { SlaRules, SlaRulesUpdateInput } from '../../../shared/sla';
import type { HandlerContext } from '../api/context';
import { ApiError } from '../api/errors';
import type { Handler } from '../api/handler';
import {
  calendarFor,
  describeHours,
  openingHoursOf,
  parseRuleSet,
  RuleSetError,
  slaTargetFor,
  type RuleSet,
} from '../rules';
import { loadSlaEvents, recomputeTicketSla, targetsOf } from '../sla/record';
import { computeClock, type ClockView, type SlaTargets } from '../sla/timeline';
import { insertRuleVersion, latestRuleVersion } from '../sla/versions';
import type { Database } from '../store/schema';

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

type SlaEdit = Omit<SlaRulesUpdateInput, 'note'>;

/** The rule set the edit would put in force, validated exactly as a rules file; refusals name the field. */
function editedRules(ctx: HandlerContext, input: SlaEdit): RuleSet {
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
      const own = input.holidays[c.id] ?? c.calendar.holidays ?? [];
      const everywhere = input.holidaysEveryChannel.filter((date) => !own.includes(date));
      if (input.holidays[c.id] === undefined && everywhere.length === 0) return c;
      return { ...c, calendar: { ...c.calendar, holidays: [...own, ...everywhere] } };
    }),
  };
  try {
    return parseRuleSet(candidate);
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
}

const OPEN = ['new', 'open', 'waiting_customer'] as const;

/** Open tickets measured by an older version, and what their clock reads on `rules`. */
async function openTicketMoves(
  db: Kysely<Database>,
  rules: RuleSet,
  version: number,
  now: number,
): Promise<{ ticket: OpenTicket; target: SlaTargets | null; view: ClockView }[]> {
  const tickets = await db
    .selectFrom('tickets')
    .select([
      'id',
      'subject',
      'channel',
      'due_at',
      'sla_rule_version',
      'sla_plan_id',
      'first_response_target_minutes',
      'next_response_target_minutes',
    ])
    .where('status', 'in', [...OPEN])
    .where('sla_rule_version', 'is not', null)
    .where('sla_rule_version', '<', version)
    .orderBy('id')
    .execute();
  const out = [];
  for (const ticket of tickets) {
    // A ticket refused at intake owes nothing and keeps owing nothing; the others take the new targets.
    const measured = targetsOf(ticket) !== null && ticket.sla_plan_id !== null;
    const found =
      measured && ticket.sla_plan_id ? slaTargetFor(rules, ticket.channel, ticket.sla_plan_id) : null;
    const target = found
      ? { firstResponseMinutes: found.firstResponseMinutes, nextResponseMinutes: found.nextResponseMinutes }
      : measured
        ? targetsOf(ticket)
        : null;
    const view = computeClock(
      calendarFor(rules, ticket.channel),
      target,
      await loadSlaEvents(db, ticket.id),
      now,
    );
    out.push({ ticket, target, view });
  }
  return out;
}

type OpenTicket = {
  id: number;
  subject: string;
  channel: ChannelId;
  due_at: number | null;
  sla_rule_version: number | null;
  first_response_target_minutes: number | null;
  next_response_target_minutes: number | null;
};

export const previewSlaRules: Handler<'rules.previewSla'> = async (ctx, input) => {
  const rules = editedRules(ctx, input);
  const moves = await openTicketMoves(ctx.db, rules, ctx.sla.versions.activeVersion + 1, ctx.now());
  return {
    openTickets: moves.length,
    moves: moves
      .filter((m) => m.view.dueAt !== m.ticket.due_at)
      .map((m) => ({
        ticketId: m.ticket.id,
        subject: m.ticket.subject,
        channel: m.ticket.channel,
        dueAt: m.ticket.due_at,
        newDueAt: m.view.dueAt,
      }))
      .sort((a, b) => (a.newDueAt ?? Infinity) - (b.newDueAt ?? Infinity) || a.ticketId - b.ticketId),
  };
};

export const updateSlaRules: Handler<'rules.updateSla'> = async (ctx, input) => {
  const base = ctx.rules;
  const parsed = editedRules(ctx, input);
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
    if (input.moveOpenTickets) {
      const moves = await openTicketMoves(w.db, saved.rules, saved.version, now);
      for (const { ticket, target } of moves) {
        const values = {
          sla_rule_version: saved.version,
          first_response_target_minutes: target?.firstResponseMinutes ?? null,
          next_response_target_minutes: target?.nextResponseMinutes ?? null,
        };
        await w.db.updateTable('tickets').set(values).where('id', '=', ticket.id).execute();
        const clock = await recomputeTicketSla(ctx, w, ticket.id, now, saved.rules);
        await w.audit({
          entity: 'ticket_sla',
          entityId: ticket.id,
          before: {
            sla_rule_version: ticket.sla_rule_version,
            first_response_target_minutes: ticket.first_response_target_minutes,
            next_response_target_minutes: ticket.next_response_target_minutes,
            ...(clock ? { clock: clock.before } : {}),
          },
          after: {
            ...values,
            ...(clock ? { clock: clock.after } : {}),
            reason: `Moved onto rule version ${saved.version}: ${input.note}`,
          },
        });
      }
      w.changed({ topics: ['tickets'], ticketIds: moves.map((m) => m.ticket.id) });
    }
    w.changed({ topics: ['rules', 'settings'] });
    return saved;
  });
  ctx.sla.versions.activate(stored.version, stored.rules);
  return slaRulesOf(stored.version, stored.label, stored.rules, true);
};
