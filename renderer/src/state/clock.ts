// Two clocks the console reads everywhere: "now", ticking so that ages and countdowns stay true
// while the window sits open, and each channel's openness as the rules engine last reported it.
//
// Channel openness comes from the engine only (entitlements.channels[].openNow / nextOpen, or a
// decision's openNow / nextOpen): the renderer never reads the hours itself. The contract has no
// customer-independent call for it yet, so the store primes itself from any one customer's
// entitlements (a channel's calendar is the same for every customer) and refreshes at the next
// opening it knows of, or every few minutes since closings are not reported.
import { useEffect } from 'react';
import { create } from 'zustand';
import type { ChannelId, Decision, Entitlements } from '../../../shared/domain';
import type { ChannelClock } from '../format/sla';
import { api } from '../transport';

export type { ChannelClock };

const TICK_MS = 15_000;
const REFRESH_MS = 5 * 60_000;

interface NowState {
  now: number;
}

export const useNowStore = create<NowState>()(() => ({ now: Date.now() }));

let ticker: number | undefined;
function startTicker(): void {
  if (ticker !== undefined) return;
  ticker = window.setInterval(() => useNowStore.setState({ now: Date.now() }), TICK_MS);
}

/** The shared "now", updated every 15 s: one timer for every age and countdown on screen. */
export function useNow(): number {
  useEffect(startTicker, []);
  return useNowStore((s) => s.now);
}

interface ChannelClockState {
  clocks: Partial<Record<ChannelId, ChannelClock>>;
  ingestEntitlements(entitlements: Entitlements, at?: number): void;
  ingestDecision(channel: ChannelId, decision: Decision, at?: number): void;
  prime(): Promise<void>;
}

let refreshTimer: number | undefined;
let priming: Promise<void> | null = null;

// A closed channel stays closed until the opening the engine named, so that report is still true
// on the next start: kept, the queue's first rows show paused countdowns correctly before any
// call. An open channel's report says nothing about when it closes, so it is not kept.
const STORAGE_KEY = 'support-console.channel-clocks';

function storedClocks(): Partial<Record<ChannelId, ChannelClock>> {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<
      Record<ChannelId, ChannelClock>
    >;
    const now = Date.now();
    return Object.fromEntries(
      Object.entries(saved).filter(
        ([, c]) => c && !c.openNow && typeof c.nextOpen === 'number' && c.nextOpen > now,
      ),
    );
  } catch {
    return {};
  }
}

function keepClosed(clocks: Partial<Record<ChannelId, ChannelClock>>): void {
  const now = Date.now();
  const closed = Object.fromEntries(
    Object.entries(clocks).filter(([, c]) => c && !c.openNow && c.nextOpen !== null && c.nextOpen > now),
  );
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(closed));
  } catch {
    // Not kept: the next start waits for the engine's report instead.
  }
}

export const useChannelClocks = create<ChannelClockState>()((set, get) => ({
  clocks: storedClocks(),
  ingestEntitlements(entitlements, at = Date.now()) {
    const clocks = { ...get().clocks };
    for (const c of entitlements.channels)
      clocks[c.channel] = { openNow: c.openNow, nextOpen: c.nextOpen, at };
    set({ clocks });
    keepClosed(clocks);
    scheduleRefresh(clocks);
  },
  ingestDecision(channel, decision, at = Date.now()) {
    const clocks = {
      ...get().clocks,
      [channel]: { openNow: decision.openNow, nextOpen: decision.nextOpen, at },
    };
    set({ clocks });
    keepClosed(clocks);
    scheduleRefresh(clocks);
  },
  prime() {
    priming ??= (async () => {
      try {
        const some = await api['customers.list']({ limit: 1 });
        const first = some.ok ? some.value.rows[0] : undefined;
        if (!first) return;
        const detail = await api['customers.get']({ id: first.id });
        if (detail.ok) get().ingestEntitlements(detail.value.entitlements);
      } finally {
        priming = null;
      }
    })();
    return priming;
  },
}));

function scheduleRefresh(clocks: Partial<Record<ChannelId, ChannelClock>>): void {
  const now = Date.now();
  let next = now + REFRESH_MS;
  for (const c of Object.values(clocks)) {
    if (c && !c.openNow && c.nextOpen !== null && c.nextOpen > now) next = Math.min(next, c.nextOpen + 1_000);
  }
  window.clearTimeout(refreshTimer);
  refreshTimer = window.setTimeout(() => void useChannelClocks.getState().prime(), next - now);
}

export function stopClocks(): void {
  window.clearTimeout(refreshTimer);
  refreshTimer = undefined;
}
