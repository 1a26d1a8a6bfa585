// French typography in every French string: a narrow no-break space (U+202F) before : ; ! ? and
// never a plain space or none at all ("Attribué à:" and "Statut :" were both shown); the same in the
// French reasons and the core's French mails. And one word for a plan.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { hoursText } from '../../../electron/core/i18n/hours';
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

// The French text outside the dictionaries: the rules engine's sentences rebuilt in French
// (renderer/src/i18n/reasons.ts) and the core's French mail text (rule-drafted replies, website
// acknowledgements). Their literals are read from the source, so every branch is covered.
const root = join(__dirname, '../../..');
const frenchSources: [file: string, variable: string][] = [
  ['renderer/src/i18n/reasons.ts', 'sentences'],
  ['electron/core/i18n/drafts.ts', 'fr'],
  ['electron/core/i18n/website.ts', 'fr'],
];

/** The text pieces of every string and template literal in the named variable's initializer. */
function literalsOf(file: string, variable: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(root, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const pieces: string[] = [];
  let found = false;
  const collect = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) pieces.push(node.text);
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node))
      pieces.push(node.text);
    ts.forEachChild(node, collect);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText(source) === variable && node.initializer) {
      found = true;
      collect(node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  expect(found, `${file} declares ${variable}`).toBe(true);
  return pieces;
}

describe('French text beyond the dictionaries', () => {
  it('puts a narrow no-break space before : ; ! ? in the reasons and the core’s French mails', () => {
    const bad = frenchSources.flatMap(([file, variable]) =>
      literalsOf(file, variable)
        .map((piece) => offending(piece.startsWith(':') || /^[;!?]/.test(piece) ? `X${piece}` : piece))
        .filter((found) => found.length > 0)
        .map((found) => `${file}: ${found.join(', ')}`),
    );
    expect(bad).toEqual([]);
  });

  it('joins French opening hours with the same spacing', () => {
    const split = {
      zone: 'UTC',
      windows: [
        { day: 'mon' as const, open: '09:00', close: '12:00' },
        { day: 'sat' as const, open: '10:00', close: '12:00' },
      ],
    };
    expect(hoursText(split, 'fr')).toBe(`le lundi de 9h00 à 12h00${NNBSP}; le samedi de 10h00 à 12h00 GMT`);
  });
});

// QuintaDB's own French text (shared/seed/support-rules.fr.txt) says "plan" ("plan tarifaire",
// "plan gratuit"): the console says "plan" too, never "offre" or "forfait" for the same thing.
const otherPlanWords = /\b(offres?|forfaits?)\b/i;

describe('French wording of plans', () => {
  it('says "plan" in every French string, never "offre" or "forfait"', () => {
    const bad = frenchStrings().filter(([, text]) => otherPlanWords.test(text));
    expect(bad).toEqual([]);
    expect(fr['customer.plan']).toBe('Plan');
    expect(fr['calls.plan']).toBe('Plan');
  });

  it('says "plan" in the reasons and the core’s French mails too', () => {
    const bad = frenchSources.flatMap(([file, variable]) =>
      literalsOf(file, variable)
        .filter((piece) => otherPlanWords.test(piece))
        .map((piece) => `${file}: ${piece}`),
    );
    expect(bad).toEqual([]);
  });
});
