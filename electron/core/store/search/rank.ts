// How ticket hits are ranked, whatever index found them: both dialects hand over their subject and
// message hits (lower score = better) and get back the best tickets, so FTS5 and tsvector can never
// order the same results differently for reasons other than their own scores.
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/** A word in a ticket's subject says more about the ticket than the same word somewhere in its thread. */
export const SUBJECT_WEIGHT = 2;
/**
 * Relevance is computed for at most this many of the newest matches of each index. A rare word is
 * ranked over all its matches; a word found in much of the data ("invoice", "thanks") is ranked among
 * its recent matches, which are the tickets an agent is looking for. Each ranked match costs a few
 * µs on SQLite and a heap page read on PostgreSQL (a match's words are stored beside its row), so
 * the window bounds what a search costs however common its words are: 1,000 candidates for a page
 * of 20 results.
 */
export const RANK_WINDOW = 1000;
/**
 * bm25 (FTS5's relevance) weighs each word by how rare it is, and counts for that every row the word
 * is in, each time it runs: ~50 ns a row, 120 ms for "hello" in the 2.4 million messages of the
 * benchmark set, however few rows are ranked. A search whose words are found in more rows than this
 * (summed over its words, per index) is not ranked by relevance: its subject matches come first, then
 * its message matches, the most recently updated tickets first, as a help desk's "newest first".
 * Such words say little about relevance anyway (nearly every message starts with "Hello").
 * PostgreSQL's ts_rank counts nothing across rows, so it ranks every search.
 */
export const RANKED_ROWS_MAX = 100_000;
/** Messages per ticket vary, so more message hits are read than tickets are needed. */
export const MESSAGE_HITS_PER_TICKET = 4;

export interface Candidate {
  ticketId: number;
  score: number;
  matchedIn: 'subject' | 'message';
  /** The indexed row that matched: the ticket id or the message id. */
  rowid: number;
}

export interface Hit {
  ticketId: number;
  score: number;
  rowid: number;
}

/** Each ticket's best hit, best tickets first (score, then most recently updated, then newest). */
export async function rankTickets(
  db: Kysely<Database>,
  subjects: readonly Hit[],
  messages: readonly Hit[],
  limit: number,
): Promise<Candidate[]> {
  const best = new Map<number, Candidate>();
  const consider = (c: Candidate) => {
    const seen = best.get(c.ticketId);
    if (!seen || c.score < seen.score) best.set(c.ticketId, c);
  };
  for (const h of subjects) consider({ ...h, score: h.score * SUBJECT_WEIGHT, matchedIn: 'subject' });
  for (const h of messages) consider({ ...h, matchedIn: 'message' });
  if (best.size === 0) return [];

  const updated = new Map(
    (
      await db
        .selectFrom('tickets')
        .select(['id', 'updated_at'])
        .where('id', 'in', [...best.keys()])
        .execute()
    ).map((t) => [t.id, t.updated_at]),
  );
  return [...best.values()]
    .sort(
      (a, b) =>
        a.score - b.score ||
        (updated.get(b.ticketId) ?? 0) - (updated.get(a.ticketId) ?? 0) ||
        b.ticketId - a.ticketId,
    )
    .slice(0, limit);
}
