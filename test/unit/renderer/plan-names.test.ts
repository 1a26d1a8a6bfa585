// Plan names per language (renderer/src/i18n/plans.ts): English from the rule set, French by plan id.
import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../../electron/core/rules';
import { planName, planShortName } from '../../../renderer/src/i18n/plans';

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
});
