// Plan names per language. The rule set names its plans in English, and that stays the source for
// English; other languages name the plans they know by plan id (a plan added to the rules later
// keeps its English name until translated). The short form is for dense places (the queue), where
// the customer's name has priority; the full name goes in the tooltip.
import type { Lang } from './index';

interface PlanWords {
  name: string;
  short: string;
}

const words: Record<Lang, Record<string, Partial<PlanWords>>> = {
  en: {
    standard: { short: 'Std' },
    professional: { short: 'Pro' },
    enterprise: { short: 'Ent' },
    standard_express: { short: 'Std Ex' },
    professional_express: { short: 'Pro Ex' },
    enterprise_express: { short: 'Ent Ex' },
  },
  fr: {
    free: { name: 'Gratuit', short: 'Gratuit' },
    standard: { name: 'Standard', short: 'Std' },
    professional: { name: 'Professionnel', short: 'Pro' },
    enterprise: { name: 'Entreprise', short: 'Ent' },
    standard_express: { name: 'Standard Express', short: 'Std Ex' },
    professional_express: { name: 'Professionnel Express', short: 'Pro Ex' },
    enterprise_express: { name: 'Entreprise Express', short: 'Ent Ex' },
  },
};

/** The plan's name in the language: the rule set's (English) name unless the language has its own. */
export function planName(lang: Lang, planId: string, ruleName: string): string {
  return (lang === 'en' ? undefined : words[lang][planId]?.name) ?? ruleName;
}

/** The compact form for the queue's badge, else the full name. */
export function planShortName(lang: Lang, planId: string, ruleName: string): string {
  return words[lang][planId]?.short ?? planName(lang, planId, ruleName);
}
