// English strings of the Free quota's reservations and of refused replies: what is kept for answers,
// "not enough left" (never "used up" while messages remain), and the rule's notice sent by e-mail
// when no reply can go out in the ticket. Spread into the reference dictionary.
import type { Msg, Params } from './en';

const plural = (n: Params[string] | undefined, one: string, other: string) => (Number(n) === 1 ? one : other);

export const quotaEn = {
  'quota.kept': (p: Params) =>
    `${String(p.n)} kept for ${plural(p.n, 'the answer to an open question', 'the answers to open questions')}`,
  'quota.noteReserved': 'None free: the rest is kept for answers already owed.',
  'badge.quotaNotEnough': 'not enough quota',
  'badge.quotaNotEnoughHint': 'Some messages remain, but fewer than this needs.',

  'composer.answerRefusedText':
    'No reply can be sent in this ticket. What the customer should be told instead:',
  'composer.emailNotice': 'E-mail this to {email}',
  'composer.emailingNotice': 'E-mailing…',
  'composer.noticeSent': 'Notice e-mailed to {email} and noted in the thread.',
  'composer.noticeNotSent': 'The notice was not e-mailed.',
} satisfies Record<string, Msg>;

export type QuotaKey = keyof typeof quotaEn;
