// Start-up order. The first page of the queue is what an agent opens the console for, so until its
// rows are on screen nothing else is asked of the server (which answers one call at a time):
// views and their counts, staff, the rule set's names and the channels' clocks come right after.
import { useSyncExternalStore } from 'react';

let resolveShown: () => void = () => undefined;

/** Resolves once the queue's first rows are in the DOM, or after two seconds whatever happens. */
export const queueShown = new Promise<void>((resolve) => {
  resolveShown = resolve;
});

export function markQueueShown(): void {
  resolveShown();
}

if (typeof window !== 'undefined') window.setTimeout(markQueueShown, 2_000);

let shown = false;
const listeners = new Set<() => void>();
void queueShown.then(() => {
  shown = true;
  for (const listener of listeners) listener();
});

/**
 * Whether the first rows are on screen. The first zoned time a page formats loads the browser's
 * time-zone data (tens of milliseconds), so what needs a zone and can wait (a zone label, the time
 * a closed channel opens) waits for this.
 */
export function useAfterFirstRows(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => shown,
  );
}
