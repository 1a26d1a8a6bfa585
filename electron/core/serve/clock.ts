// A fake clock for serve mode, so the e2e suite runs on the same instant every time: demo data is
// seeded for that instant and the core's "now" advances from it at the wall clock's pace (timers,
// SLA countdowns and "today" behave as on a real day, only the day is fixed).

/** The environment variable serve mode reads; Electron and `npm run seed` ignore it. */
export const FAKE_NOW_ENV = 'SUPPORT_CONSOLE_NOW';

export class FakeClockError extends Error {
  override name = 'FakeClockError';
}

/**
 * The core's clock from the variable's value: `undefined` (unset) keeps the wall clock. The value is
 * an ISO 8601 instant with its offset (`2026-11-25T10:00:00Z`): a local time would move with the
 * machine's zone, which is exactly what a fixed clock is for avoiding.
 */
export function clockFromEnv(
  value: string | undefined,
  wallNow: () => number = Date.now,
): (() => number) | undefined {
  if (value === undefined || value === '') return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
  const start = iso.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(start)) {
    throw new FakeClockError(
      `${FAKE_NOW_ENV} must be an ISO 8601 instant with its offset, like 2026-11-25T10:00:00Z (got "${value}").`,
    );
  }
  const origin = wallNow();
  return () => start + (wallNow() - origin);
}
