// French typography in every French string: a narrow no-break space (U+202F) before : ; ! ? and
// never a plain space or none at all ("Attribué à:" and "Statut :" were both shown).
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/en';
import { fr } from '../../../renderer/src/i18n/fr';

const NNBSP = '\u202f';

/** Every French string, functions called with placeholder parameters. */
function frenchStrings(): [string, string][] {
  const params = new Proxy({}, { get: (_t, name) => (typeof name === 'string' ? `{${name}}` : undefined) });
  return Object.entries(fr).map(([key, value]) => [
    key,
    typeof value === 'function' ? (value as (p: object) => string)(params) : String(value),
  ]);
}

/** The punctuation to check, outside placeholders, URLs and times ("{n}", "https://", "09:00"). */
function offending(text: string): string[] {
  const cleaned = text
    .replace(/\{[^}]*\}/g, 'X')
    .replace(/https?:\/\/\S+/g, 'URL')
    .replace(/\d:\d/g, '0h0');
  const found: string[] = [];
  for (const match of cleaned.matchAll(/(.)([:;!?])/gu)) {
    const before = match[1];
    if (before !== NNBSP)
      found.push(`"${cleaned.slice(Math.max(0, (match.index ?? 0) - 12), (match.index ?? 0) + 2)}"`);
  }
  return found;
}

describe('French strings', () => {
  it('cover every English key', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('put a narrow no-break space before : ; ! ? everywhere', () => {
    const bad = frenchStrings()
      .map(([key, text]) => [key, offending(text)] as const)
      .filter(([, found]) => found.length > 0)
      .map(([key, found]) => `${key}: ${found.join(', ')}`);
    expect(bad).toEqual([]);
  });
});
