/**
 * Runs `look` for every caller that needs a look started after its own moment, sharing runs: with
 * one in flight (which may have looked before the caller's moment), callers wait for the next one,
 * and every caller arriving meanwhile shares that next one.
 */
export function sharedLook(look: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const next = (): Promise<void> => {
    if (!running) {
      running = look().finally(() => {
        running = null;
      });
      return running;
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return next();
      });
    return queued;
  };
  return next;
}
