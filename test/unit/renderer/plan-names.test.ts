// Plan names per language (shared/plan-names.ts, re-exported by renderer/src/i18n/plans.ts): English
// from the rule set, French by plan id; and the renderer names plans through them only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../../electron/core/rules';
import { planName, planNamer, planShortName } from '../../../renderer/src/i18n/plans';

describe('plan names', () => {
  it('keep the rule set’s names in English', () => {
    for (const plan of defaultRuleSet.plans) expect(planName('en', plan.id, plan.name)).toBe(plan.name);
  });

  it('name every default plan in French', () => {
    expect(defaultRuleSet.plans.map((p) => planName('fr', p.id, p.name))).toEqual([
      'Gratuit',
      'Standard',
      'Professionnel',
      'Entreprise',
      'Standard Express',
      'Professionnel Express',
      'Entreprise Express',
    ]);
  });

  it('fall back to the rule set’s name for a plan they do not know, short form included', () => {
    expect(planName('fr', 'team', 'Team')).toBe('Team');
    expect(planShortName('fr', 'team', 'Team')).toBe('Team');
    expect(planShortName('en', 'enterprise_express', 'Enterprise Express')).toBe('Ent Ex');
  });

  it('name plans by id alone from the rule set’s plans, in either language', () => {
    const plans = [...defaultRuleSet.plans, { id: 'team', name: 'Team' }];
    const fr = planNamer('fr', plans);
    const en = planNamer('en', plans);
    expect(fr('professional_express')).toBe('Professionnel Express');
    expect(en('professional_express')).toBe('Professional Express');
    expect(fr('team')).toBe('Team');
    // A name that came with the data is the fallback before the list; an unknown id is shown as it is.
    expect(fr('gone', 'Legacy')).toBe('Legacy');
    expect(en('gone')).toBe('gone');
    expect(planNamer('fr', undefined)('free')).toBe('Gratuit');
    // Handed straight to Array#map, the index is no name.
    expect(['free', 'team'].map(en)).toEqual(['Free', 'Team']);
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the renderer', () => {
  const root = join(__dirname, '../../../renderer/src');
  const files = sources(root).map((path) => ({
    path: path.slice(root.length + 1),
    text: readFileSync(path, 'utf8'),
  }));

  it('never prints the rule set’s (English) plan name: it names plans by id, in the person’s language', () => {
    const found: string[] = [];
    for (const { path, text } of files) {
      text.split('\n').forEach((line, i) => {
        // Allowed: the badge's fallback prop, and the fallback argument of a naming call.
        const rest = line
          .replace(/planName=\{[\w.]+\.planName\}/g, '')
          .replace(/\b(nameOfPlan|planName)\(.*\)/g, '');
        if (
          /\.planName\b(?!\()|\.planNames\b(?!\[)|plans\??\.find\([^)]*\)\??\.name\b|\{p\.name\}/.test(rest)
        ) {
          found.push(`${path}:${i + 1}: ${line.trim()}`);
        }
      });
    }
    expect(found).toEqual([]);
  });
});
