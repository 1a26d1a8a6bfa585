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

  'composer.answerRefusedText':
    'No reply can be sent in this ticket. What the customer should be told instead:',
  'composer.emailNotice': 'E-mail this to {email}',
  'composer.emailingNotice': 'E-mailing…',
  'composer.noticeSent': 'Notice e-mailed to {email} and noted in the thread.',
  'composer.noticeNotSent': 'The notice was not e-mailed.',

  // The SLA editor's choice to move open tickets onto the new version, and holidays on every channel.
  'slaRules.move.label': 'Move the open tickets onto the new version when saving',
  'slaRules.move.hint':
    'Otherwise the new targets and holidays apply to new tickets only; tickets already waiting keep their due times.',
  'slaRules.move.preview': 'Preview open tickets',
  'slaRules.move.again': 'Preview again',
  'slaRules.move.loading': 'Checking open tickets…',
  'slaRules.move.failed': 'The open tickets could not be previewed.',
  'slaRules.move.summary': (p: Params) =>
    `${String(p.open)} open ${plural(p.open, 'ticket', 'tickets')} would move; ${String(p.changed)} ${plural(p.changed, 'due time changes', 'due times change')}.`,
  'slaRules.move.stale': '(the edit changed since: preview again)',
  'slaRules.move.ticket': 'Ticket',
  'slaRules.move.dueNow': 'Due now',
  'slaRules.move.dueNew': 'Due on the new version',
  'slaRules.move.more': '… and {n} more.',
  'slaRules.move.saveHint': 'The open tickets move onto the new version; each move is audited.',
  'slaRules.move.saved': 'Saved as version {version}; the open tickets were moved onto it.',
  'slaRules.everyChannel.title': 'Every channel',
  'slaRules.everyChannel.hint': 'Close a date on all channels at once (a channel that has it keeps it once).',
  'slaRules.everyChannel.add': 'Close on every channel',
  'slaRules.everyChannel.label': 'Date closed on every channel',
} satisfies Record<string, Msg>;

export type QuotaKey = keyof typeof quotaEn;
