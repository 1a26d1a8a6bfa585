// The response clock of the tickets on screen, as the core counts it (sla.status): business minutes
// left in the channel's calendar, the pre-breach warning, the breach. The renderer never counts
// business time itself; between two reports it only lets the reported minutes run down while the
// channel is open, and reports are refreshed every minute, on every change the core announces and
// whenever a channel opens.
//
// Each countdown on screen registers the ticket it shows (`useSlaStatus`); requests are batched, so
// a page of rows costs one call.
import { useEffect } from 'react';
import { create } from 'zustand';
import type { LiveSlaStatus } from '../format/sla';
import { api } from '../transport';

const REFRESH_MS = 60_000;
const BATCH_DELAY_MS = 30;
/** sla.status takes at most this many ids. */
const MAX_BATCH = 200;

export type { LiveSlaStatus };

interface SlaStatusState {
  byTicket: Record<number, LiveSlaStatus>;
  /** The team's pre-breach window in business minutes (settings.preBreachMinutes); 0 is off. */
  preBreachMinutes: number | null;
}

export const useSlaStatusStore = create<SlaStatusState>()(() => ({ byTicket: {}, preBreachMinutes: null }));

/** How many countdowns show each ticket now. */
const shown = new Map<number, number>();
const queued = new Set<number>();
let batchTimer: number | undefined;
let refreshTimer: number | undefined;
let settingsAsked = false;

function queue(ids: Iterable<number>): void {
  for (const id of ids) queued.add(id);
  if (batchTimer === undefined) batchTimer = window.setTimeout(flush, BATCH_DELAY_MS);
}

async function flush(): Promise<void> {
  batchTimer = undefined;
  const ids = [...queued].filter((id) => shown.has(id));
  queued.clear();
  if (!settingsAsked) {
    settingsAsked = true;
    void loadSettings();
  }
  try {
    for (let i = 0; i < ids.length; i += MAX_BATCH) {
      const batch = ids.slice(i, i + MAX_BATCH);
      const at = Date.now();
      const result = await api['sla.status']({ ticketIds: batch });
      // A ticket deleted or not visible to this person fails the batch; the countdowns then stay on
      // their neutral placeholder (the renderer never guesses business time) rather than show an
      // error in every row, and the next round asks again.
      if (!result.ok) continue;
      const next = { ...useSlaStatusStore.getState().byTicket };
      for (const status of result.value) next[status.ticketId] = { status, at };
      useSlaStatusStore.setState({ byTicket: next });
    }
  } finally {
    // Whatever happened to this round, the next one is due in a minute.
    scheduleRefresh();
  }
}

async function loadSettings(): Promise<void> {
  const result = await api['settings.get']({});
  if (result.ok) useSlaStatusStore.setState({ preBreachMinutes: result.value.preBreachMinutes });
}

function scheduleRefresh(): void {
  window.clearTimeout(refreshTimer);
  refreshTimer = undefined;
  if (shown.size === 0) return;
  refreshTimer = window.setTimeout(() => {
    refreshTimer = undefined;
    refreshSlaStatus();
  }, REFRESH_MS);
}

/** Asks the core again for every ticket on screen (after a change, a channel opening, a minute). */
export function refreshSlaStatus(options: { settings?: boolean } = {}): void {
  if (options.settings) void loadSettings();
  queue(shown.keys());
}

/** Forgets everything (sign-out: the next person's screen starts clean). */
export function resetSlaStatus(): void {
  window.clearTimeout(batchTimer);
  window.clearTimeout(refreshTimer);
  batchTimer = undefined;
  refreshTimer = undefined;
  queued.clear();
  settingsAsked = false;
  useSlaStatusStore.setState({ byTicket: {}, preBreachMinutes: null });
}

/**
 * The core's clock for this ticket, kept fresh while the calling component is mounted. `null` id:
 * nothing runs (solved, closed, never owed), so nothing is asked.
 */
export function useSlaStatus(ticketId: number | null): LiveSlaStatus | undefined {
  useEffect(() => {
    if (ticketId === null) return;
    shown.set(ticketId, (shown.get(ticketId) ?? 0) + 1);
    const known = useSlaStatusStore.getState().byTicket[ticketId];
    if (!known || Date.now() - known.at > REFRESH_MS) queue([ticketId]);
    else if (refreshTimer === undefined) scheduleRefresh();
    return () => {
      const left = (shown.get(ticketId) ?? 1) - 1;
      if (left > 0) shown.set(ticketId, left);
      else shown.delete(ticketId);
    };
  }, [ticketId]);
  return useSlaStatusStore((s) => (ticketId === null ? undefined : s.byTicket[ticketId]));
}
