// The dictionaries stay complete and lean: every English key has its French text (and French has no
// key English lacks), and every key is used by the renderer, by name or through a prefix the code
// completes (`channel.${id}`). A key nothing reads any more is text no one maintains.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/en';
import { fr } from '../../../renderer/src/i18n/fr';

const root = join(__dirname, '../../../renderer/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The renderer's code, the dictionaries left out (a key named only there is not used). */
const code = sources(root)
  .filter((path) => !/[/\\]i18n[/\\][\w.]+\.(en|fr)\.ts$|[/\\]i18n[/\\](en|fr)\.ts$/.test(path))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

/** Prefixes the code completes at run time: `calls.status.${…}` gives "calls.status.". */
const dynamicPrefixes = [...code.matchAll(/`([A-Za-z][\w.]*\.)\$\{/g)].map((m) => m[1] ?? '');

function used(key: string): boolean {
  return (
    code.includes(`'${key}'`) ||
    code.includes(`"${key}"`) ||
    code.includes(`\`${key}\``) ||
    dynamicPrefixes.some((prefix) => key.startsWith(prefix))
  );
}

describe('the i18n dictionaries', () => {
  it('have the same keys in English and French', () => {
    const enKeys = Object.keys(en).sort();
    const frKeys = Object.keys(fr).sort();
    expect(enKeys.filter((k) => !frKeys.includes(k))).toEqual([]);
    expect(frKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it('hold no key the renderer never reads', () => {
    expect(Object.keys(en).filter((key) => !used(key))).toEqual([]);
  });
});
