// The quota as the renderer words it: French sentences rebuilt from the engine's codes and params,
// "not enough left" (quota.insufficient) distinct from "used up", and what is kept for answers.
import { beforeAll, describe, expect, it } from 'vitest';
import { admit, defaultRuleSet, evaluateEntitlements } from '../../../electron/core/rules';
import { reasonText } from '../../../renderer/src/i18n/reasons';
import { loadLanguage, translator } from '../../../renderer/src/i18n';
import { quotaLevel } from '../../../renderer/src/components/QuotaMeter';

// French is a chunk of its own, loaded when someone reads it.
beforeAll(() => loadLanguage('fr'));

const customer = { planId: 'free', accountEmail: 'ana@example.com', zone: null };
const NOW = Date.UTC(2025, 0, 8, 10);

describe('quota reasons in French', () => {
  it('at 4 of 5 a refused question says not enough is left, never épuisé', () => {
    const d = admit(
      defaultRuleSet,
      customer,
      { quotaUsed: 4, quotaReserved: 0 },
      { kind: 'topic_question' },
      NOW,
    );
    const fr = reasonText(d.reason, 'fr', { decision: d });
    expect(fr).toBe(
      'Il ne reste pas assez des 5 messages du plan Gratuit pour une nouvelle question et sa réponse\u202f: ' +
        '4 sur 5 utilisés, 1 restant(s)\u202f; il en faut 2. ' +
        'Passez à un plan payant pour des messages illimités, ou demandez au groupe QuintaDB - Community.',
    );
    expect(fr).not.toContain('épuisé');
  });

  it('names the message kept for an open question’s answer', () => {
    const d = admit(
      defaultRuleSet,
      customer,
      { quotaUsed: 4, quotaReserved: 1 },
      { kind: 'blog_comment' },
      NOW,
    );
    expect(reasonText(d.reason, 'fr', { decision: d })).toContain(
      'pour un commentaire de blog\u202f: 4 sur 5 utilisés, 1 réservé à la réponse d’une question en cours, 0 restant(s)',
    );
    const accepted = admit(
      defaultRuleSet,
      customer,
      { quotaUsed: 0, quotaReserved: 0 },
      { kind: 'topic_question' },
      NOW,
    );
    expect(reasonText(accepted.reason, 'fr', { decision: accepted })).toContain(
      'Coût\u202f: message 1 sur 5 du quota du plan Gratuit\u202f; il en reste 3. 1 autre est réservé à la réponse d’une question en cours.',
    );
  });

  it('the meter reads exhausted when nothing is free, whether spent or kept', () => {
    const kept = evaluateEntitlements(
      defaultRuleSet,
      customer,
      { quotaUsed: 4, quotaReserved: 1 },
      NOW,
    ).quota;
    expect(kept && quotaLevel(kept)).toBe('exhausted');
    const one = evaluateEntitlements(defaultRuleSet, customer, { quotaUsed: 4, quotaReserved: 0 }, NOW).quota;
    expect(one && quotaLevel(one)).toBe('low');
    const t = translator('en');
    expect(t('quota.kept', { n: 1 })).toBe('1 kept for the answer to an open question');
    expect(translator('fr')('quota.kept', { n: 2 })).toBe('2 réservés aux réponses de questions en cours');
  });
});
