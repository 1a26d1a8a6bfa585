// How long to wait before trying the team server again: doubling from one second up to half a
// minute, with jitter so that a room full of desktops does not knock on a restarted server at the
// same instant.
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** The share of each delay that is random (0: none, 0.5: the delay varies by ±25 %). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 30_000, jitter: 0.4 };

/** The delay before retry number `attempt` (0 for the first retry). */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  const spread = exponential * options.jitter;
  return Math.round(Math.min(options.maxMs, exponential - spread / 2 + random() * spread));
}
