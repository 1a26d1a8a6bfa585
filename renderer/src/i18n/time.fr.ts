// Les mots de l’horloge de réponse et des horaires que le cœur envoie en données (ticket #12).
import type { Msg } from './en';
import type { timeEn } from './time.en';

export const timeFr = {
  'sla.pending': '…',
  'sla.pendingHint': 'En attente du temps ouvré compté par le serveur',
  'decision.closedAtArrivalStarts':
    '{channel} était fermé à l’arrivée ; le délai démarre à l’ouverture, {at}.',
  'flag.outsideHoursHintStarts': 'Arrivé canal fermé ; le délai démarre à l’ouverture.',
  'hours.alwaysOpen': '24 h/24, 7 j/7',
  'hours.closed': 'fermé',
  'hours.exceptHolidays': '(sauf jours fériés)',
} satisfies Record<keyof typeof timeEn, Msg>;
