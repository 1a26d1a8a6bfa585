// Drill-down: every number of the review names the tickets behind it. A number is the review's
// filters, narrowed by its row (a channel, plan or agent), its week or hour of the week, and the
// measure it counts.
import type { ChannelId } from '../../../../shared/domain';
import type { slaDrillMeasures } from '../../../../shared/sla';
import { channelIds } from '../../format/vocabulary';

/** The review's filters as the contract takes them. */
export interface ReviewQuery {
  from: number;
  to: number;
  channel?: ChannelId;
  planId?: string;
  agentId?: number | 'none';
}

export type DrillMeasure = (typeof slaDrillMeasures)[number];

export interface DrillCell {
  weekStart?: number;
  weekday?: number;
  hour?: number;
  measure: DrillMeasure;
}

/** One number to drill into: what the dialog asks the core for, and how it names it. */
export interface DrillRequest {
  query: ReviewQuery;
  cell: DrillCell;
  /** Where the number sits: "Chat", "Week of 3 Nov 2025", "Tue 14:00–15:00 UTC", "All tickets". */
  scope: string;
  /** The number as the review shows it (a count; for breaches, breaches rather than tickets). */
  count: number | null;
  /** Where focus goes back to when the dialog closes. */
  opener: HTMLElement | null;
}

export type ReviewTableKind = 'channel' | 'plan' | 'agent';

const isChannel = (key: string): key is ChannelId => (channelIds as readonly string[]).includes(key);

/**
 * The review's filters narrowed to one row of a table, or null when the row cannot be asked for
 * (tickets with no known plan: the contract has no filter for them).
 */
export function rowQuery(base: ReviewQuery, table: ReviewTableKind, key: string): ReviewQuery | null {
  switch (table) {
    case 'channel':
      return isChannel(key) ? { ...base, channel: key } : null;
    case 'plan':
      return key === '' ? null : { ...base, planId: key };
    case 'agent': {
      if (key === 'none') return { ...base, agentId: 'none' };
      const id = Number(key);
      return Number.isInteger(id) && id > 0 ? { ...base, agentId: id } : null;
    }
  }
}

/** A stable text for keys and comparisons. */
export function drillKey(query: ReviewQuery, cell: DrillCell): string {
  return JSON.stringify([
    query.from,
    query.to,
    query.channel ?? null,
    query.planId ?? null,
    query.agentId ?? null,
    cell.weekStart ?? null,
    cell.weekday ?? null,
    cell.hour ?? null,
    cell.measure,
  ]);
}
