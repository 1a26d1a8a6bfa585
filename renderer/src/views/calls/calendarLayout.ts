// Where the calendar opens and how calls that overlap share a column: pure, so it is unit-tested.
import { DateTime } from 'luxon';

/**
 * The day the week view opens on: today, or on a Saturday or Sunday the coming Monday, since the
 * calls an agent plans for then are next week's (the weekend's own week is over).
 */
export function openingDay(now: number, zone: string): string {
  const today = DateTime.fromMillis(now, { zone });
  const day = today.weekday >= 6 ? today.plus({ days: 8 - today.weekday }) : today;
  return day.toISODate() ?? '';
}

export interface Timed {
  id: number;
  start: number;
  end: number;
}

export interface Placement {
  lane: number;
  of: number;
}

/** Calls that did not fit in the lanes, shown as one "+N" block over the time they cover. */
export interface Overflow {
  lane: number;
  of: number;
  start: number;
  end: number;
  ids: number[];
}

/**
 * Side-by-side lanes for calls that overlap in one column; a call with no overlap is full width.
 * At most `maxLanes` lanes so that every block stays wide enough to read: when more calls overlap,
 * the last lane holds a "+N" block for the calls that did not fit.
 */
export function layoutLanes(
  calls: readonly Timed[],
  maxLanes: number,
): { placed: Map<number, Placement>; overflow: Overflow[] } {
  // Longer calls first at one start, as calendars do: the long one keeps the first lane.
  const sorted = [...calls].sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id);
  const placed = new Map<number, Placement>();
  const overflow: Overflow[] = [];
  let cluster: { call: Timed; lane: number }[] = [];
  let ends: number[] = [];
  let clusterEnd = -Infinity;
  const close = () => {
    const width = ends.length;
    if (width <= maxLanes) {
      for (const { call, lane } of cluster) placed.set(call.id, { lane, of: Math.max(1, width) });
    } else {
      const hidden = cluster.filter((c) => c.lane >= maxLanes - 1).map((c) => c.call);
      for (const { call, lane } of cluster) {
        if (lane < maxLanes - 1) placed.set(call.id, { lane, of: maxLanes });
      }
      overflow.push({
        lane: maxLanes - 1,
        of: maxLanes,
        start: Math.min(...hidden.map((c) => c.start)),
        end: Math.max(...hidden.map((c) => c.end)),
        ids: hidden.map((c) => c.id),
      });
    }
    cluster = [];
    ends = [];
  };
  for (const call of sorted) {
    if (call.start >= clusterEnd) close();
    let lane = ends.findIndex((end) => end <= call.start);
    if (lane < 0) lane = ends.length;
    ends[lane] = call.end;
    clusterEnd = Math.max(clusterEnd, call.end);
    cluster.push({ call, lane });
  }
  close();
  return { placed, overflow };
}
