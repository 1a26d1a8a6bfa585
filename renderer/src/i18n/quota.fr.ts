// French strings of the Free quota's reservations and of refused replies. Typed against the English
// keys of the same area: a key missing here is a compile error.
import type { QuotaKey } from './quota.en';
import type { Msg, Params } from './en';

const plural = (n: Params[string] | undefined, one: string, other: string) => (Number(n) <= 1 ? one : other);

export const quotaFr: Record<QuotaKey, Msg> = {
  'quota.kept': (p: Params) =>
    `${String(p.n)} ${plural(p.n, 'réservé à la réponse d’une question en cours', 'réservés aux réponses de questions en cours')}`,
  'quota.noteReserved': 'Aucun libre : le reste est réservé aux réponses déjà dues.',
  'badge.quotaNotEnough': 'quota insuffisant',

  'composer.answerRefusedText':
    'Aucune réponse ne peut être envoyée dans ce ticket. Ce qu’il faut dire au client à la place :',
  'composer.emailNotice': 'Envoyer par e-mail à {email}',
  'composer.emailingNotice': 'Envoi…',
  'composer.noticeSent': 'Avis envoyé par e-mail à {email} et noté dans le fil.',
  'composer.noticeNotSent': 'L’avis n’a pas été envoyé.',

  'slaRules.move.label': 'Passer les tickets ouverts à la nouvelle version à l’enregistrement',
  'slaRules.move.hint':
    'Sinon, les nouveaux délais et jours fériés ne s’appliquent qu’aux nouveaux tickets ; les tickets en attente gardent leurs échéances.',
  'slaRules.move.preview': 'Aperçu des tickets ouverts',
  'slaRules.move.again': 'Nouvel aperçu',
  'slaRules.move.loading': 'Vérification des tickets ouverts…',
  'slaRules.move.failed': 'L’aperçu des tickets ouverts a échoué.',
  'slaRules.move.summary': (p: Params) =>
    `${String(p.open)} ${plural(p.open, 'ticket ouvert passerait', 'tickets ouverts passeraient')} à la nouvelle version\u202f; ${String(p.changed)} ${plural(p.changed, 'échéance change', 'échéances changent')}.`,
  'slaRules.move.stale': '(la modification a changé depuis : refaites l’aperçu)',
  'slaRules.move.ticket': 'Ticket',
  'slaRules.move.dueNow': 'Échéance actuelle',
  'slaRules.move.dueNew': 'Échéance sur la nouvelle version',
  'slaRules.move.more': '… et {n} de plus.',
  'slaRules.move.saveHint':
    'Les tickets ouverts passent à la nouvelle version ; chaque passage est journalisé.',
  'slaRules.move.saved': 'Enregistré comme version {version} ; les tickets ouverts y sont passés.',
  'slaRules.everyChannel.title': 'Tous les canaux',
  'slaRules.everyChannel.hint':
    'Fermer une date sur tous les canaux à la fois (un canal qui l’a déjà la garde une fois).',
  'slaRules.everyChannel.add': 'Fermer sur tous les canaux',
  'slaRules.everyChannel.label': 'Date fermée sur tous les canaux',
};
