// How ticket hits are ranked, whatever index found them: both dialects hand over their subject and
// message hits (lower score = better) and get back the best tickets, so FTS5 and tsvector can never
// order the same results differently for reasons other than their own scores.
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/** A word in a ticket's subject says more about the ticket than the same word somewhere in its thread. */
export const SUBJECT_WEIGHT = 2;
/**
 * Relevance is computed for at most this many of the newest matches of each index. A rare word is
 * ranked over all its matches; a word found in most of the data ("hello", "thanks") would cost ~1.3 µs
 * a match (260 ms on the 240,000 messages of the benchmark set) and rank old tickets nobody is
 * looking for, so there relevance is judged among the recent ones.
 */
export const RANK_WINDOW = 3000;
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
