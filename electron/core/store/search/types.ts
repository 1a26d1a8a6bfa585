// Full-text search as the rest of the core sees it. Each SQL dialect brings its own engine (FTS5 on
// SQLite; tsvector would do on PostgreSQL), so the handlers depend on this interface only.
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/** What the person typed, cut into words; see parseSearchText. */
export interface SearchTerms {
  /** Each one must match (AND); a term with punctuation inside (an e-mail) matches as a phrase. */
  terms: string[];
  /** The last term may be the start of a word: the person is still typing it. */
  prefixLast: boolean;
}

export interface TicketMatch {
  ticketId: number;
  /** Lower is better; only comparable within one search. */
  score: number;
  matchedIn: 'subject' | 'message';
  /** The subject or message text around the match, matches wrapped in [[ and ]]. */
  snippet: string;
}

export interface SearchIndex {
  /** The best `limit` tickets by relevance, then recency, each with the text it matched. */
  tickets(db: Kysely<Database>, terms: SearchTerms, limit: number): Promise<TicketMatch[]>;
  /** Ids of the best `limit` customers by relevance over name, account e-mail and company. */
  customers(db: Kysely<Database>, terms: SearchTerms, limit: number): Promise<number[]>;
}

/** Where the match markers go, so every dialect wraps matches the same way. */
export const MATCH_OPEN = '[[';
export const MATCH_CLOSE = ']]';
