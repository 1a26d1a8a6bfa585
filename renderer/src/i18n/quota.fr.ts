// French strings of the Free quota's reservations and of refused replies. Typed against the English
// keys of the same area: a key missing here is a compile error.
import type { QuotaKey } from './quota.en';
import type { Msg, Params } from './en';

const plural = (n: Params[string] | undefined, one: string, other: string) => (Number(n) <= 1 ? one : other);

export const quotaFr: Record<QuotaKey, Msg> = {
  'quota.kept': (p: Params) =>
    `${String(p.n)} ${plural(p.n, 'réservé à la réponse d’une question en cours', 'réservés aux réponses de questions en cours')}`,
  'quota.noteReserved': 'Aucun libre : le reste est réservé aux réponses déjà dues.',
  'badge.quotaNotEnough': 'quota insuffisant',
  'badge.quotaNotEnoughHint': 'Il reste des messages, mais moins qu’il n’en faut.',

  'composer.answerRefusedText':
    'Aucune réponse ne peut être envoyée dans ce ticket. Ce qu’il faut dire au client à la place :',
  'composer.emailNotice': 'Envoyer par e-mail à {email}',
  'composer.emailingNotice': 'Envoi…',
  'composer.noticeSent': 'Avis envoyé par e-mail à {email} et noté dans le fil.',
  'composer.noticeNotSent': 'L’avis n’a pas été envoyé.',
};
