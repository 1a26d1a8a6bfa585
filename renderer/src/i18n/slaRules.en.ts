// English strings of the SLA targets and holidays editor and of a ticket's explain timeline (#6).
import type { Msg } from './en';

export const slaRulesEn = {
  'slaExplain.button': 'Why this due time?',
} satisfies Record<string, Msg>;
