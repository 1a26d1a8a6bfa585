// English strings of the SLA area (issue #6): the section, the lead's review.
// Spread into the reference dictionary like calls.en.ts.
import type { Msg } from './en';

export const slaEn = {
  'section.sla': 'SLA hours',
  'sla.section.notForRole': 'The SLA review is for team leads.',
  'sla.section.review': 'Review',
  'sla.section.rules': 'Targets and holidays',
} satisfies Record<string, Msg>;
