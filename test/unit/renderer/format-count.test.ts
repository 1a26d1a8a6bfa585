// Counts as the queue shows them: grouped by language, and a count the store stopped at its cap
// marked as a lower bound.
import { describe, expect, it } from 'vitest';
import { formatCount, formatCountAtLeast } from '../../../renderer/src/format/number';

describe('formatCountAtLeast', () => {
  it('shows a capped count as "at least" in English and French', () => {
    expect(formatCountAtLeast(1000, true, 'en')).toBe('1,000+');
    expect(formatCountAtLeast(1000, true, 'fr')).toBe('1\u202f000+');
  });

  it('shows an exact count as formatCount does', () => {
    expect(formatCountAtLeast(999, false, 'en')).toBe('999');
    expect(formatCountAtLeast(1000, false, 'fr')).toBe(formatCount(1000, 'fr'));
    expect(formatCountAtLeast(0, false, 'en')).toBe('0');
  });
});
