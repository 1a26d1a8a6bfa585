// Plan names per language: the one home for how a plan is named, used by the renderer (badges,
// lists, sentences) and by the core's French reply drafts. The rule set names its plans in English,
// and that stays the source for English; other languages name the plans they know by plan id (a plan
// added to the rules later keeps the rule set's name until translated). The short form is for dense
// places (the queue), where the customer's name has priority; the full name goes in the tooltip.

/** The languages plans are named in (the console's and the drafts' languages). */
export type PlanNameLang = 'en' | 'fr';

interface PlanWords {
  name: string;
  short: string;
}

const words: Record<PlanNameLang, Record<string, Partial<PlanWords>>> = {
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
export function planName(lang: PlanNameLang, planId: string, ruleName: string): string {
  return (lang === 'en' ? undefined : words[lang][planId]?.name) ?? ruleName;
}

/** The compact form for the queue's badge, else the full name. */
export function planShortName(lang: PlanNameLang, planId: string, ruleName: string): string {
  return words[lang][planId]?.short ?? planName(lang, planId, ruleName);
}

/** A plan as the rule set names it. */
export interface RulePlan {
  id: string;
  name: string;
}

/**
 * Names a plan by id in a language. A language that does not know the plan uses the rule set's name:
 * the one given (a name that came with the data), else the one in `plans`, else the id.
 */
export type PlanNamer = (planId: string, ruleName?: string) => string;

export function planNamer(lang: PlanNameLang, plans: readonly RulePlan[] | undefined): PlanNamer {
  // Passed straight to Array#map a namer gets an index as its second argument: only a string counts.
  return (planId, ruleName) =>
    planName(
      lang,
      planId,
      (typeof ruleName === 'string' ? ruleName : undefined) ??
        plans?.find((p) => p.id === planId)?.name ??
        planId,
    );
}
