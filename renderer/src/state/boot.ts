// Start-up order. The first page of the queue is what an agent opens the console for, so until its
// rows are on screen nothing else is asked of the server (which answers one call at a time):
// views and their counts, staff, the rule set's names and the channels' clocks come right after.
let resolveShown: () => void = () => undefined;

/** Resolves once the queue's first rows are in the DOM, or after two seconds whatever happens. */
export const queueShown = new Promise<void>((resolve) => {
  resolveShown = resolve;
});

export function markQueueShown(): void {
  resolveShown();
}

if (typeof window !== 'undefined') window.setTimeout(markQueueShown, 2_000);
