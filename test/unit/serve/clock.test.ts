// Serve mode's fake clock for tests: it starts on the instant given and advances with the wall clock.
import { describe, expect, it } from 'vitest';
import { clockFromEnv, FakeClockError } from '../../../electron/core/serve/clock';

describe('SUPPORT_CONSOLE_NOW', () => {
  it('keeps the wall clock when unset or empty', () => {
    expect(clockFromEnv(undefined)).toBeUndefined();
    expect(clockFromEnv('')).toBeUndefined();
  });

  it('starts on the instant and advances from it at the wall clock pace', () => {
    let wall = 1_000;
    const now = clockFromEnv('2026-11-25T10:00:00Z', () => wall);
    expect(now?.()).toBe(Date.parse('2026-11-25T10:00:00Z'));
    wall += 61_000;
    expect(now?.()).toBe(Date.parse('2026-11-25T10:01:01Z'));
    expect(clockFromEnv('2026-11-25T11:00:00.5+01:00', () => 0)?.()).toBe(
      Date.parse('2026-11-25T10:00:00.5Z'),
    );
  });

  it.each(['tomorrow', '2026-11-25', '2026-11-25T10:00:00', '2026-13-45T10:00:00Z', '1764064800000'])(
    'refuses %s, naming the variable and the form it needs',
    (value) => {
      expect(() => clockFromEnv(value)).toThrow(FakeClockError);
      expect(() => clockFromEnv(value)).toThrow(
        /SUPPORT_CONSOLE_NOW must be an ISO 8601 instant with its offset/,
      );
    },
  );
});
