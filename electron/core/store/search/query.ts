// Turns what a person typed into search terms, the same way for every dialect. The text is never
// given to a query language as is: operators, quotes, brackets and stars are just characters here.
import type { SearchTerms } from './types';

/** Words with at least one letter or digit; the rest ("-", "(", "*", '"') cannot match anything. */
const meaningful = /[\p{L}\p{N}]/u;

/** A prefix this short would match most of the vocabulary and slow every keystroke down. */
export const MIN_PREFIX_LENGTH = 2;

const MAX_TERMS = 12;

export function parseSearchText(text: string): SearchTerms {
  const words = text
    .normalize('NFC')
    // Control characters separate words too: NUL would end the text early in the full-text parser.
    .split(/[\s\p{Cc}]+/u)
    .filter((w) => meaningful.test(w));
  const terms = words.slice(0, MAX_TERMS);
  const last = terms[terms.length - 1];
  // A trailing space means the person finished the word; a cut-off list has no word in progress.
  const typing = !/\s$/u.test(text) && words.length <= MAX_TERMS;
  return {
    terms,
    prefixLast: typing && last !== undefined && [...lastPiece(last)].length >= MIN_PREFIX_LENGTH,
  };
}

/**
 * Indexes split words at punctuation ("ana@ex" is "ana" then "ex"), and only the final piece is the
 * word being typed, so that piece is what must be long enough.
 */
function lastPiece(term: string): string {
  return (
    term
      .split(/[^\p{L}\p{N}]+/u)
      .filter((p) => p !== '')
      .pop() ?? ''
  );
}
