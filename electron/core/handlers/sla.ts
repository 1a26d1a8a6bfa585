// SLA hours: the lead's review (with drill-down and CSV), a ticket's explanation, and the live
// clock of tickets for the queue's pre-breach highlight.
import { z } from 'zod';
import type { MethodParsedInput } from '../../../shared/contract';
import type { SlaReviewTicket, SlaTicketStatus } from '../../../shared/sla';
import { channelIds, type ChannelId } from '../../../shared/domain';
import type { HandlerContext } from '../api/context';
import { notFound } from '../api/errors';
import type { Handler } from '../api/handler';
import { calendarFor, describeHours, openingHoursOf, slaTargetFor, type RuleSet } from '../rules';
import { readSettings } from '../store/queries/settings';
import { toCsv, type CsvValue } from '../sla/csv';
import { explainClock } from '../sla/explain';
import { loadSlaEvents, targetsOf } from '../sla/record';
import {
  agentOf,
  buildReview,
  cellExpression,
  filterExpression,
  loadReviewRows,
  openMinutesByHour,
  weekStartOf,
  type ReviewCell,
  type ReviewFilters,
  type ReviewLabels,
} from '../sla/review';
import { betweenMs, MINUTE } from '../sla/timeline';
import { decodeCursor, encodeCursor } from './cursor';

const CSV_TICKET_LIMIT = 100_000;

async function labelsFor(ctx: HandlerContext, agentIds: readonly number[]): Promise<ReviewLabels> {
  const staff =
    agentIds.length === 0
      ? []
      : await ctx.db
          .selectFrom('staff')
          .select(['id', 'name'])
          .where('id', 'in', [...agentIds])
          .execute();
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const versions = await ctx.db.selectFrom('rule_set_versions').select(['version', 'label']).execute();
  const labels = new Map(versions.map((v) => [v.version, v.label]));
  return {
    channelName: (c) => ctx.rules.channels.find((ch) => ch.id === c)?.name ?? c,
    planName: (p) => ctx.rules.plans.find((plan) => plan.id === p)?.name ?? p,
    agentName: (id) => names.get(id) ?? `Staff #${id}`,
    versionLabel: (v) => labels.get(v) ?? `version ${v}`,
    planOrder: ctx.rules.plans.map((p) => p.id),
  };
}

function filtersOf(input: ReviewFilters): ReviewFilters {
  return {
    from: input.from,
    to: input.to,
    channel: input.channel,
    planId: input.planId,
    agentId: input.agentId,
  };
}

async function review(ctx: HandlerContext, input: ReviewFilters) {
  const rows = await loadReviewRows(ctx.db, filtersOf(input));
  const agents = [...new Set(rows.map((r) => r.agent_id).filter((a): a is number => a !== null))];
  return buildReview(
    rows,
    { from: input.from, to: input.to },
    await labelsFor(ctx, agents),
    openMinutesByHour(ctx.rules, weekStartOf(input.from)),
  );
}

export const slaReviewHandler: Handler<'sla.review'> = async (ctx, input) => review(ctx, input);

const ticketCursor = z.object({ c: z.number().int(), i: z.number().int() }).strict();

type DrillInput = ReviewFilters & ReviewCell;

function drillQuery(ctx: HandlerContext, input: DrillInput) {
  return ctx.db
    .selectFrom('tickets as t')
    .where((eb) => eb.and([filterExpression(eb, filtersOf(input)), cellExpression(eb, input)]));
}

async function drillRows(
  ctx: HandlerContext,
  input: DrillInput,
  after: { c: number; i: number } | null,
  limit: number,
): Promise<SlaReviewTicket[]> {
  let query = drillQuery(ctx, input)
    .leftJoin('staff as s', (join) => join.on((eb) => eb('s.id', '=', agentOf)))
    .select([
      't.id',
      't.subject',
      't.channel',
      't.sla_plan_id',
      agentOf.as('agent_id'),
      's.name as agent_name',
      't.created_at',
      't.intake_outcome',
      't.first_response_at',
      't.first_response_business_ms',
      't.first_response_target_minutes',
      't.first_response_breached',
      't.sla_breach_count',
      't.sla_rule_version',
      't.clock_starts_at',
    ])
    .orderBy('t.created_at')
    .orderBy('t.id')
    .limit(limit);
  if (after) {
    const { c, i } = after;
    query = query.where((eb) =>
      eb.or([eb('t.created_at', '>', c), eb.and([eb('t.created_at', '=', c), eb('t.id', '>', i)])]),
    );
  }
  const rows = await query.execute();
  return rows.map((r) => {
    const measured = r.intake_outcome === 'accept' && r.first_response_target_minutes !== null;
    return {
      ticketId: r.id,
      subject: r.subject,
      channel: r.channel,
      planId: r.sla_plan_id,
      planName: r.sla_plan_id
        ? (ctx.rules.plans.find((p) => p.id === r.sla_plan_id)?.name ?? r.sla_plan_id)
        : null,
      agentId: r.agent_id,
      agentName: r.agent_name,
      createdAt: r.created_at,
      intakeOutcome: r.intake_outcome,
      firstResponseAt: r.first_response_at,
      firstResponseMinutes:
        r.first_response_business_ms === null ? null : r.first_response_business_ms / MINUTE,
      targetMinutes: r.first_response_target_minutes,
      withinTarget: !measured
        ? null
        : r.first_response_breached === 1
          ? false
          : r.first_response_business_ms !== null
            ? true
            : null,
      breaches: r.sla_breach_count,
      ruleVersion: r.sla_rule_version,
      outsideHours: r.clock_starts_at > r.created_at,
    };
  });
}

export const slaReviewTicketsHandler: Handler<'sla.reviewTickets'> = async (ctx, input) => {
  const after = input.cursor ? decodeCursor(input.cursor, ticketCursor) : null;
  const rows = await drillRows(ctx, input, after, input.limit + 1);
  const more = rows.length > input.limit;
  const page = more ? rows.slice(0, input.limit) : rows;
  const last = page[page.length - 1];
  const total = await drillQuery(ctx, input)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    rows: page,
    nextCursor: more && last ? encodeCursor({ c: last.createdAt, i: last.ticketId }) : null,
    total: Number(total.n),
  };
};

const rowHeader = [
  'key',
  'label',
  'tickets',
  'answered',
  'first_response_median_minutes',
  'first_response_p90_minutes',
  'within_target',
  'first_response_breaches',
  'breaches',
] as const;

type ReviewRowLike = Awaited<ReturnType<typeof review>>['totals'];

const rowCells = (r: ReviewRowLike): CsvValue[] => [
  r.key,
  r.label,
  r.tickets,
  r.answered,
  r.frMedian,
  r.frP90,
  r.withinTarget,
  r.firstResponseBreaches,
  r.breaches,
];

const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export const slaCsvHandler: Handler<'sla.csv'> = async (ctx, input) => {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const filename = `sla-${input.table}-${day(input.from)}-to-${day(input.to - 1)}.csv`;
  let text: string;
  if (input.table === 'tickets') {
    const rows = await drillRows(ctx, input, null, CSV_TICKET_LIMIT);
    text = toCsv(
      [
        'ticket_id',
        'created_at',
        'channel',
        'plan',
        'agent',
        'subject',
        'intake',
        'first_response_at',
        'first_response_minutes',
        'target_minutes',
        'within_target',
        'breaches',
        'rule_version',
        'arrived_outside_hours',
      ],
      rows.map((r) => [
        r.ticketId,
        new Date(r.createdAt).toISOString(),
        r.channel,
        r.planName,
        r.agentName,
        r.subject,
        r.intakeOutcome,
        r.firstResponseAt === null ? null : new Date(r.firstResponseAt).toISOString(),
        r.firstResponseMinutes,
        r.targetMinutes,
        r.withinTarget,
        r.breaches,
        r.ruleVersion,
        r.outsideHours,
      ]),
    );
  } else {
    const result = await review(ctx, input);
    switch (input.table) {
      case 'channel':
        text = toCsv(rowHeader, result.byChannel.map(rowCells));
        break;
      case 'plan':
        text = toCsv(rowHeader, result.byPlan.map(rowCells));
        break;
      case 'agent':
        text = toCsv(rowHeader, result.byAgent.map(rowCells));
        break;
      case 'weekly':
        text = toCsv(
          ['week_start', ...rowHeader],
          result.weekly.map((w) => [day(w.weekStart), ...rowCells(w)]),
        );
        break;
      case 'heatmap': {
        const rows: CsvValue[][] = [];
        weekdayNames.forEach((name, d) => {
          for (let h = 0; h < 24; h++) {
            rows.push([
              name,
              h,
              result.heatmap.arrivals[d]?.[h] ?? 0,
              result.heatmap.arrivalsOutsideHours[d]?.[h] ?? 0,
              ...result.heatmap.openMinutes.map((c) => c.minutes[d]?.[h] ?? 0),
            ]);
          }
        });
        text = toCsv(
          [
            'weekday',
            'hour_utc',
            'arrivals',
            'arrivals_outside_hours',
            ...result.heatmap.openMinutes.map((c) => `${c.channel}_open_minutes`),
          ],
          rows,
        );
        break;
      }
    }
  }
  return { filename, contentType: 'text/csv' as const, text };
};

// ---------------------------------------------------------------------------------------------
// Explanation

const notMeasuredText = {
  not_adopted: 'Not measured yet: the ticket predates SLA hours and is adopted when the app starts.',
  refused: 'Refused at intake: no response target applies.',
  no_target: 'The plan has no response target on this channel.',
} as const;

export const slaExplainHandler: Handler<'sla.explain'> = async (ctx, { ticketId }) => {
  const ticket = await ctx.db
    .selectFrom('tickets')
    .select([
      'id',
      'channel',
      'intake_outcome',
      'sla_rule_version',
      'sla_plan_id',
      'first_response_target_minutes',
      'next_response_target_minutes',
    ])
    .where('id', '=', ticketId)
    .executeTakeFirst();
  if (!ticket) throw notFound('ticket', ticketId, 'ticketId');
  const asOf = ctx.now();
  const version =
    ticket.sla_rule_version === null
      ? null
      : await ctx.db
          .selectFrom('rule_set_versions')
          .select(['version', 'label'])
          .where('version', '=', ticket.sla_rule_version)
          .executeTakeFirst();
  const rules: RuleSet =
    ticket.sla_rule_version === null
      ? ctx.rules
      : await ctx.sla.versions.load(ctx.db, ticket.sla_rule_version);
  const spec = rules.channels.find((c) => c.id === ticket.channel)?.calendar;
  if (!spec) throw notFound('channel calendar for ticket', ticketId, 'ticketId');
  const targets = targetsOf(ticket);
  const explained = explainClock({
    calendar: calendarFor(rules, ticket.channel),
    spec,
    targets,
    events: await loadSlaEvents(ctx.db, ticketId),
    asOf,
  });
  const ruleId =
    ticket.sla_plan_id === null
      ? null
      : (slaTargetFor(rules, ticket.channel, ticket.sla_plan_id)?.ruleId ?? null);
  const notMeasuredCode =
    ticket.sla_rule_version === null
      ? 'not_adopted'
      : targets
        ? null
        : ticket.intake_outcome === 'refuse'
          ? 'refused'
          : 'no_target';
  const notMeasured = notMeasuredCode === null ? null : notMeasuredText[notMeasuredCode];
  const head = version
    ? `Measured against ${version.label} (version ${version.version}): ${ticket.channel}${ticket.sla_plan_id ? `, plan ${rules.plans.find((p) => p.id === ticket.sla_plan_id)?.name ?? ticket.sla_plan_id}` : ''}${targets ? `, first response within ${targets.firstResponseMinutes} business minutes, next within ${targets.nextResponseMinutes}` : ''}, hours ${describeHours(spec)}.`
    : null;
  return {
    ticketId,
    channel: ticket.channel,
    planId: ticket.sla_plan_id,
    ruleVersion: version ? { version: version.version, label: version.label } : null,
    hours: describeHours(spec),
    openingHours: openingHoursOf(spec),
    zone: spec.zone,
    targets: targets ? { ...targets, ruleId } : null,
    notMeasured,
    notMeasuredCode,
    asOf,
    current: explained.current,
    phases: explained.phases,
    timeline: explained.timeline,
    summary: [...(head ? [head] : []), ...(notMeasured ? [notMeasured] : []), ...explained.summary],
  };
};

// ---------------------------------------------------------------------------------------------
// Live status and warnings

interface LiveRow {
  id: number;
  channel: ChannelId;
  status: string;
  assignee_id: number | null;
  due_at: number | null;
  sla_phase: 'first' | 'next' | null;
  sla_phase_breached: number;
  sla_rule_version: number | null;
}

const liveColumns = [
  'id',
  'channel',
  'status',
  'assignee_id',
  'due_at',
  'sla_phase',
  'sla_phase_breached',
  'sla_rule_version',
] as const;

async function liveStatus(
  ctx: HandlerContext,
  row: LiveRow,
  now: number,
  preBreachMinutes: number,
): Promise<SlaTicketStatus> {
  const rules =
    row.sla_rule_version === null ? ctx.rules : await ctx.sla.versions.load(ctx.db, row.sla_rule_version);
  const calendar = calendarFor(rules, row.channel);
  const due = row.due_at;
  const left =
    due === null
      ? null
      : due >= now
        ? betweenMs(calendar, now, due) / MINUTE
        : -betweenMs(calendar, due, now) / MINUTE;
  const breached = row.sla_phase_breached === 1 || (due !== null && now > due);
  return {
    ticketId: row.id,
    assigneeId: row.assignee_id,
    phase: row.sla_phase,
    dueAt: due,
    businessMinutesLeft: left,
    warning: !breached && left !== null && preBreachMinutes > 0 && left <= preBreachMinutes,
    breached,
    paused: row.sla_phase !== null && due === null && row.status !== 'closed',
  };
}

export const slaStatusHandler: Handler<'sla.status'> = async (ctx, { ticketIds }) => {
  const now = ctx.now();
  const { preBreachMinutes } = await readSettings(ctx.db);
  const rows = await ctx.db.selectFrom('tickets').select(liveColumns).where('id', 'in', ticketIds).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: SlaTicketStatus[] = [];
  for (const id of ticketIds) {
    const row = byId.get(id);
    if (!row) throw notFound('ticket', id, 'ticketIds');
    out.push(await liveStatus(ctx, row, now, preBreachMinutes));
  }
  return out;
};

export const slaWarningsHandler: Handler<'sla.warnings'> = async (
  ctx,
  input: MethodParsedInput<'sla.warnings'>,
) => {
  const now = ctx.now();
  const { preBreachMinutes } = await readSettings(ctx.db);
  if (preBreachMinutes <= 0) return { preBreachMinutes, tickets: [] };
  // The window ends at different instants per channel (closed hours stretch it); read up to the
  // latest and keep each ticket by its own calendar.
  const horizon = Math.max(
    ...channelIds.map((c) => calendarFor(ctx.rules, c).addBusinessMinutes(now, preBreachMinutes)),
  );
  let query = ctx.db
    .selectFrom('tickets')
    .select(liveColumns)
    .where('sla_phase_breached', '=', 0)
    .where('due_at', '>=', now)
    .where('due_at', '<=', horizon)
    .orderBy('due_at')
    .orderBy('id');
  if (input.assigneeId !== undefined) query = query.where('assignee_id', '=', input.assigneeId);
  const tickets: SlaTicketStatus[] = [];
  for (const row of await query.execute()) {
    const status = await liveStatus(ctx, row, now, preBreachMinutes);
    if (status.warning) tickets.push(status);
  }
  return { preBreachMinutes, tickets };
};
