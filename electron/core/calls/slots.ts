// The slot finder: pure, so its guarantees (inside hours, apart from other calls, never on a holiday)
// can be checked by properties over random calendars and bookings without a database.
import type { OpenInterval } from '../rules';

export const MINUTE = 60_000;

export interface Interval {
  start: number;
  end: number;
}

export interface SlotAgent {
  id: number;
  /** The agent's scheduled calls; order does not matter. */
  busy: readonly Interval[];
}

export interface SlotSearch {
  /**
   * The times a call may occupy: the phone calendar's open intervals (holidays already removed),
   * or everything when the rule set does not keep calls inside phone hours.
   */
  openIntervals(a: number, b: number): OpenInterval[];
  /** Start times are looked for in [from, to). */
  from: number;
  to: number;
  durationMs: number;
  /** The free time kept between two calls of the same agent. */
  bufferMs: number;
  /** Start times are multiples of this (from the epoch, so :00, :15, … in whole-hour zones). */
  stepMs: number;
  agents: readonly SlotAgent[];
  limit: number;
}

export interface FoundSlot {
  start: number;
  end: number;
  /** The agents free for it, in the order given. */
  agentIds: number[];
}

/**
 * The existing call that a call at [start, end) would come too close to: overlapping it, or less
 * than `bufferMs` before or after it. Touching calls are fine without a buffer.
 */
export function clashWith<T extends Interval>(
  busy: readonly T[],
  start: number,
  end: number,
  bufferMs: number,
): T | undefined {
  return busy.find((b) => b.start < end + bufferMs && start < b.end + bufferMs);
}

/** Whether [start, end) lies inside one open interval: a call must start and end inside the window. */
export function fitsOpenTime(search: Pick<SlotSearch, 'openIntervals'>, start: number, end: number): boolean {
  const pieces = search.openIntervals(start, end);
  return pieces.length === 1 && pieces[0]?.start === start && pieces[0].end === end;
}

export function findSlots(search: SlotSearch): { slots: FoundSlot[]; truncated: boolean } {
  const { from, to, durationMs, bufferMs, stepMs, limit } = search;
  const slots: FoundSlot[] = [];
  if (!(to > from) || durationMs <= 0 || stepMs <= 0 || search.agents.length === 0) {
    return { slots, truncated: false };
  }
  const agents = search.agents.map((a) => ({
    id: a.id,
    busy: [...a.busy].sort((x, y) => x.start - y.start),
  }));
  // A start just before `to` still needs its whole length of open time after it.
  for (const open of search.openIntervals(from, to + durationMs)) {
    const first = Math.ceil(Math.max(open.start, from) / stepMs) * stepMs;
    for (let start = first; start < to && start + durationMs <= open.end; start += stepMs) {
      const end = start + durationMs;
      const agentIds = agents
        .filter((a) => clashWith(a.busy, start, end, bufferMs) === undefined)
        .map((a) => a.id);
      if (agentIds.length === 0) continue;
      if (slots.length === limit) return { slots, truncated: true };
      slots.push({ start, end, agentIds });
    }
  }
  return { slots, truncated: false };
}
