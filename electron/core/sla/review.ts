// The lead's SLA review. Nothing is replayed here: each ticket's first-response result was stored
// when it happened (sla/record.ts), so a review is one range scan of the covering index
// tickets_sla_review plus arithmetic in memory (a month is tens of thousands of rows even on a
// million-ticket database). Percentiles are computed here rather than in SQL because SQLite has no
// percentile function and the rows are few.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { SlaReview, SlaReviewRow, slaDrillMeasures } from '../../../shared/sla';
import { channelIds, type ChannelId } from '../../../shared/domain';
import { createCalendar, type RuleSet } from '../rules';
import type { Database } from '../store/schema';
import { MINUTE } from './timeline';

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface ReviewFilters {
  from: number;
  to: number;
  channel?: ChannelId | undefined;
  planId?: string | undefined;
  agentId?: number | 'none' | undefined;
}

export interface ReviewCell {
  weekStart?: number | undefined;
  weekday?: number | undefined;
  hour?: number | undefined;
  measure: DrillMeasure;
}

export type DrillMeasure = (typeof slaDrillMeasures)[number];

/** One ticket as the review reads it. */
export interface ReviewTicketRow {
  id: number;
  created_at: number;
  channel: ChannelId;
  sla_plan_id: string | null;
  agent_id: number | null;
  intake_outcome: 'accept' | 'refuse' | 'undecided';
  first_response_target_minutes: number | null;
  first_response_business_ms: number | null;
  first_response_breached: number;
  sla_breach_count: number;
  clock_starts_at: number;
  sla_rule_version: number | null;
}

type TicketEb = ExpressionBuilder<Database & { t: Database['tickets'] }, 't'>;

/** The staff member a ticket is reviewed under: who answered first, else who holds it. */
export const agentOf = sql<number | null>`coalesce(t.first_response_by, t.assignee_id)`;

/** Monday 00:00 UTC of the week holding `t`. */
export function weekStartOf(t: number): number {
  const day = Math.floor(t / DAY);
  return (day - weekdayOfDay(day)) * DAY;
}

/** 0 = Monday … 6 = Sunday (1970-01-01, day 0, was a Thursday). */
function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function filterExpression(eb: TicketEb, f: ReviewFilters): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [eb('t.created_at', '>=', f.from), eb('t.created_at', '<', f.to)];
  if (f.channel) parts.push(eb('t.channel', '=', f.channel));
  if (f.planId) parts.push(eb('t.sla_plan_id', '=', f.planId));
  if (f.agentId === 'none') {
    parts.push(eb('t.first_response_by', 'is', null), eb('t.assignee_id', 'is', null));
  } else if (f.agentId !== undefined) parts.push(eb(agentOf, '=', f.agentId));
  return eb.and(parts);
}

/** The extra conditions of a drill-down cell. Integer division is the same on SQLite and PostgreSQL. */
export function cellExpression(eb: TicketEb, c: ReviewCell): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (c.weekStart !== undefined) {
    parts.push(eb('t.created_at', '>=', c.weekStart), eb('t.created_at', '<', c.weekStart + 7 * DAY));
  }
  if (c.weekday !== undefined) {
    parts.push(eb(sql<number>`((t.created_at / ${DAY}) + 3) % 7`, '=', c.weekday));
  }
  if (c.hour !== undefined) parts.push(eb(sql<number>`(t.created_at / ${HOUR}) % 24`, '=', c.hour));
  const measured = eb.and([
    eb('t.intake_outcome', '=', 'accept'),
    eb('t.first_response_target_minutes', 'is not', null),
  ]);
  switch (c.measure) {
    case 'tickets':
      parts.push(measured);
      break;
    case 'answered':
      parts.push(measured, eb('t.first_response_business_ms', 'is not', null));
      break;
    case 'within_target':
      parts.push(
        measured,
        eb('t.first_response_business_ms', 'is not', null),
        eb('t.first_response_breached', '=', 0),
      );
      break;
    case 'first_response_breached':
      parts.push(measured, eb('t.first_response_breached', '=', 1));
      break;
    case 'breached':
      parts.push(measured, eb('t.sla_breach_count', '>', 0));
      break;
    case 'arrivals':
      break;
    case 'arrivals_outside_hours':
      parts.push(eb('t.clock_starts_at', '>', eb.ref('t.created_at')));
      break;
  }
  return eb.and(parts);
}

export async function loadReviewRows(db: Kysely<Database>, f: ReviewFilters): Promise<ReviewTicketRow[]> {
  const rows = await db
    .selectFrom('tickets as t')
    .select([
      't.id',
      't.created_at',
      't.channel',
      't.sla_plan_id',
      agentOf.as('agent_id'),
      't.intake_outcome',
      't.first_response_target_minutes',
      't.first_response_business_ms',
      't.first_response_breached',
      't.sla_breach_count',
      't.clock_starts_at',
      't.sla_rule_version',
    ])
    .where((eb) => filterExpression(eb, f))
    .execute();
  return rows;
}

/** Nearest-rank percentile of ascending values: the smallest with at least p of them at or below it. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? null;
}

export function isMeasured(r: ReviewTicketRow): boolean {
  return r.intake_outcome === 'accept' && r.first_response_target_minutes !== null;
}

export function summarizeRows(key: string, label: string, rows: readonly ReviewTicketRow[]): SlaReviewRow {
  let tickets = 0;
  let met = 0;
  let firstResponseBreaches = 0;
  let breaches = 0;
  const times: number[] = [];
  for (const r of rows) {
    if (!isMeasured(r)) continue;
    tickets++;
    breaches += r.sla_breach_count;
    if (r.first_response_breached === 1) firstResponseBreaches++;
    if (r.first_response_business_ms !== null) {
      times.push(r.first_response_business_ms / MINUTE);
      if (r.first_response_breached !== 1) met++;
    }
  }
  times.sort((a, b) => a - b);
  const known = met + firstResponseBreaches;
  return {
    key,
    label,
    tickets,
    answered: times.length,
    frMedian: percentile(times, 0.5),
    frP90: percentile(times, 0.9),
    withinTarget: known === 0 ? null : met / known,
    firstResponseBreaches,
    breaches,
  };
}

function groupBy<K>(
  rows: readonly ReviewTicketRow[],
  keyOf: (r: ReviewTicketRow) => K,
): Map<K, ReviewTicketRow[]> {
  const out = new Map<K, ReviewTicketRow[]>();
  for (const r of rows) {
    const key = keyOf(r);
    const list = out.get(key);
    if (list) list.push(r);
    else out.set(key, [r]);
  }
  return out;
}

const emptyGrid = () => Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));

/** Minutes each channel is open in each UTC hour of a regular week (holidays and breaks left out). */
export function openMinutesByHour(rules: RuleSet, weekStart: number): SlaReview['heatmap']['openMinutes'] {
  return rules.channels.map((channel) => {
    const calendar = createCalendar({ ...channel.calendar, holidays: [], breaks: [] });
    const minutes = emptyGrid();
    for (const open of calendar.openIntervals(weekStart, weekStart + 7 * DAY)) {
      let t = open.start;
      while (t < open.end) {
        const hourEnd = Math.min(open.end, (Math.floor(t / HOUR) + 1) * HOUR);
        const row = minutes[weekdayOfDay(Math.floor(t / DAY))];
        const hour = Math.floor(t / HOUR) % 24;
        if (row) row[hour] = (row[hour] ?? 0) + (hourEnd - t) / MINUTE;
        t = hourEnd;
      }
    }
    return { channel: channel.id, name: channel.name, minutes };
  });
}

export interface ReviewLabels {
  channelName(id: ChannelId): string;
  planName(id: string): string;
  agentName(id: number): string;
  versionLabel(version: number): string;
  planOrder: readonly string[];
}

export function buildReview(
  rows: readonly ReviewTicketRow[],
  range: { from: number; to: number },
  labels: ReviewLabels,
  openMinutes: SlaReview['heatmap']['openMinutes'],
): SlaReview {
  const measured = rows.filter(isMeasured);

  const byChannel = [...groupBy(measured, (r) => r.channel)]
    .sort(([a], [b]) => channelIds.indexOf(a) - channelIds.indexOf(b))
    .map(([key, list]) => summarizeRows(key, labels.channelName(key), list));

  const planRank = (p: string) => {
    const i = labels.planOrder.indexOf(p);
    return i < 0 ? labels.planOrder.length : i;
  };
  const byPlan = [...groupBy(measured, (r) => r.sla_plan_id ?? '')]
    .sort(([a], [b]) => planRank(a) - planRank(b) || a.localeCompare(b))
    .map(([key, list]) => summarizeRows(key, key === '' ? 'Unknown plan' : labels.planName(key), list));

  const byAgent = [...groupBy(measured, (r) => r.agent_id)]
    .map(([id, list]) =>
      summarizeRows(id === null ? 'none' : String(id), id === null ? 'Nobody' : labels.agentName(id), list),
    )
    .sort((a, b) => (a.key === 'none' ? 1 : b.key === 'none' ? -1 : a.label.localeCompare(b.label)));

  const weeks = groupBy(measured, (r) => weekStartOf(r.created_at));
  const weekly: SlaReview['weekly'] = [];
  for (let ws = weekStartOf(range.from); ws < range.to; ws += 7 * DAY) {
    const label = new Date(ws).toISOString().slice(0, 10);
    weekly.push({ ...summarizeRows(label, `Week of ${label}`, weeks.get(ws) ?? []), weekStart: ws });
  }

  const arrivals = emptyGrid();
  const arrivalsOutsideHours = emptyGrid();
  const versions = new Map<number, number>();
  for (const r of rows) {
    const row = weekdayOfDay(Math.floor(r.created_at / DAY));
    const hour = Math.floor(r.created_at / HOUR) % 24;
    const a = arrivals[row];
    if (a) a[hour] = (a[hour] ?? 0) + 1;
    if (r.clock_starts_at > r.created_at) {
      const o = arrivalsOutsideHours[row];
      if (o) o[hour] = (o[hour] ?? 0) + 1;
    }
    if (r.sla_rule_version !== null)
      versions.set(r.sla_rule_version, (versions.get(r.sla_rule_version) ?? 0) + 1);
  }

  return {
    from: range.from,
    to: range.to,
    totals: summarizeRows('all', 'All tickets', measured),
    byChannel,
    byPlan,
    byAgent,
    weekly,
    heatmap: { zone: 'UTC', arrivals, arrivalsOutsideHours, openMinutes },
    ruleVersions: [...versions]
      .sort(([a], [b]) => a - b)
      .map(([version, tickets]) => ({ version, label: labels.versionLabel(version), tickets })),
  };
}
