// Chaînes françaises de la partie SLA (ticket #6) : la section, la revue du responsable.
import type { Msg } from './en';
import type { slaEn } from './sla.en';

export const slaFr = {
  'section.sla': 'Heures de SLA',
  'sla.section.notForRole': 'La revue des SLA est réservée aux responsables d’équipe.',
  'sla.section.review': 'Revue',
  'sla.section.rules': 'Objectifs et jours fériés',
} satisfies Record<keyof typeof slaEn, Msg>;
