// Mail from an address no customer has: no plan, so the rules cannot say what the sender may use.
// What the intake, a follow-up and a staff answer record instead, as a decision like any other (a
// reason code with params the renderer words in each language; English text for logs and exports).
import type { Decision } from '../../../shared/domain';

export type UnknownSenderItem = 'question' | 'answer' | 'internal_note';

const TEXT: Record<UnknownSenderItem, { code: string; text: string }> = {
  question: {
    code: 'unknown_customer',
    text: 'No customer has the address {address}, so what the sender may use cannot be decided: link the ticket to a customer and the rules decide for their plan.',
  },
  answer: {
    code: 'unknown_customer.answer',
    text: 'The sender is not linked to a customer yet: the answer is mailed to {address} and counts toward no quota.',
  },
  internal_note: {
    code: 'note.internal',
    text: 'Internal notes are seen by staff only: they are never sent to the customer and never count toward a quota.',
  },
};

const NO_ADDRESS = {
  code: 'unknown_customer.no_address',
  text: 'This mail came without a sender address: nothing can be decided, and no answer can be e-mailed, until the ticket is linked to a customer.',
};

/**
 * A customer's item from an unknown sender is `undecided` (taken in, for staff to read, and decided
 * when linked); staff may answer and note it (accepted, nothing counted, the answer mailed to the
 * sender's address). Without an address there is nobody to mail: an answer is refused (a note is not).
 */
export function unknownSenderDecision(
  item: UnknownSenderItem,
  address: string | null,
  now: number,
): Decision {
  const noAddress = address === null && item !== 'internal_note';
  const { code, text } = noAddress ? NO_ADDRESS : TEXT[item];
  const params: Record<string, string> =
    noAddress || item === 'internal_note' ? {} : { address: address ?? '' };
  return {
    outcome: item === 'question' ? 'undecided' : noAddress ? 'refuse' : 'accept',
    reason: { code, params, text: text.replace('{address}', address ?? '') },
    ruleIds: [],
    alternatives: [],
    quota: null,
    openNow: true,
    nextOpen: now,
  };
}
