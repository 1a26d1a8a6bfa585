// Chaînes françaises de l'éditeur des objectifs SLA et jours fériés, et de l'explication d'un ticket.
import type { Msg } from './en';
import type { slaRulesEn } from './slaRules.en';

export const slaRulesFr = {
  'slaExplain.button': 'Pourquoi cette échéance ?',
} satisfies Record<keyof typeof slaRulesEn, Msg>;
