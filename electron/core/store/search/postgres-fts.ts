// Full-text search on PostgreSQL with tsvector and GIN: the only code that knows tsquery syntax. The
// index is an expression index over the tables' own columns, so the database keeps it in step with
// every write (handlers, demo seeding, an import) in the writer's transaction, like FTS5's triggers.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema';
import { MATCH_CLOSE, MATCH_OPEN, type SearchIndex, type SearchTerms, type TicketMatch } from './types';
import { MESSAGE_HITS_PER_TICKET, RANK_WINDOW, rankTickets } from './rank';

/**
 * The same words as SQLite's unicode61 tokenizer: letters and digits of any script, everything else
 * a separator ("ana@ex.com" is three words). Written as explicit ranges, not [[:alnum:]], so the
 * result does not depend on the database's locale (in the C locale no accented letter is alnum).
 * Non-ASCII counts as a letter except Latin-1 punctuation, × and ÷, general punctuation and
 * symbols (U+2000–U+2BFF) and CJK punctuation.
 */
const WORD_CHARS =
  '0-9A-Za-z\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u1FFF\\u2C00-\\u2DFF\\u3040-\\uFFEF';
const SEPARATORS = `[^${WORD_CHARS}]+`;
const separators = new RegExp(SEPARATORS, 'u');

/**
 * No stemming and no stop words (the `simple` parser's words), accents folded by unaccent: one
 * configuration for English and French text alike, matching what FTS5 does on the desktop. A
 * language's stemmer would mangle the other language's words and surprise a person searching for
 * the exact word they saw.
 */
const CONFIG = 'support_search';

/** Called by the migration that introduces search (through SchemaDialect.createSearchIndex). */
export async function createPostgresSearchIndex(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `create extension if not exists unaccent`,
    `create text search configuration ${CONFIG} (copy = simple)`,
    `alter text search configuration ${CONFIG}
       alter mapping for word, numword, hword, hword_part, numhword, hword_numpart, asciiword,
         asciihword, hword_asciipart
       with unaccent, simple`,
    // IMMUTABLE so it can be indexed: the configuration and the pattern are fixed here.
    `create function support_search_vector(body text) returns tsvector
       language sql immutable parallel safe
       as $$ select to_tsvector('${CONFIG}'::regconfig, regexp_replace(coalesce(body, ''), '${SEPARATORS}', ' ', 'g')) $$`,
    `create index search_tickets on tickets using gin (support_search_vector(subject))`,
    `create index search_messages on messages using gin (support_search_vector(body))`,
    `create index search_customers on customers using gin (support_search_vector(${CUSTOMER_TEXT}))`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** The customer's searchable text; the very expression the index is built on. */
const CUSTOMER_TEXT = `name || ' ' || account_email || ' ' || coalesce(company, '')`;

const vectorOf = (column: string) => sql`support_search_vector(${sql.raw(column)})`;

/**
 * A tsquery meaning exactly "all these words": each term cut at separators as the index cuts text,
 * its pieces a phrase (an e-mail matches as its words in order), the last piece of the last term a
 * prefix while it is being typed. Every piece is quoted, so nothing typed is read as an operator.
 */
export function toTsQuery(terms: SearchTerms): string | null {
  const last = terms.terms.length - 1;
  const parts = terms.terms.flatMap((term, i) => {
    const pieces = term.split(separators).filter((p) => p !== '');
    if (pieces.length === 0) return [];
    const quoted = pieces.map((p) => `'${p.replace(/'/g, "''")}'`);
    if (terms.prefixLast && i === last) quoted[quoted.length - 1] += ':*';
    return [quoted.length === 1 ? quoted[0] : `(${quoted.join(' <-> ')})`];
  });
  return parts.length === 0 ? null : parts.join(' & ');
}

const tsquery = (query: string): RawBuilder<unknown> => sql`to_tsquery(${CONFIG}::regconfig, ${query})`;

const HEADLINE = `StartSel="${MATCH_OPEN}", StopSel="${MATCH_CLOSE}", MaxWords=14, MinWords=6, ShortWord=1, MaxFragments=1, FragmentDelimiter=" … "`;

async function ticketMatches(
  db: Kysely<Database>,
  terms: SearchTerms,
  limit: number,
): Promise<TicketMatch[]> {
  const query = toTsQuery(terms);
  if (query === null) return [];
  const q = tsquery(query);
  // ts_rank is higher for better matches; scores here are "lower is better", as bm25's are.
  const subjects = await sql<{ id: number; score: number }>`
    select id, -ts_rank(${vectorOf('subject')}, ${q}) as score from (
      select id, subject from tickets where ${vectorOf('subject')} @@ ${q}
      order by id desc limit ${RANK_WINDOW}
    ) w order by score, id desc limit ${limit}`.execute(db);
  const messages = await sql<{ id: number; ticket_id: number; score: number }>`
    select id, ticket_id, -ts_rank(${vectorOf('body')}, ${q}) as score from (
      select id, ticket_id, body from messages where ${vectorOf('body')} @@ ${q}
      order by id desc limit ${RANK_WINDOW}
    ) w order by score, id desc limit ${limit * MESSAGE_HITS_PER_TICKET}`.execute(db);

  const ranked = await rankTickets(
    db,
    subjects.rows.map((r) => ({ ticketId: r.id, score: r.score, rowid: r.id })),
    messages.rows.map((r) => ({ ticketId: r.ticket_id, score: r.score, rowid: r.id })),
    limit,
  );
  if (ranked.length === 0) return [];

  const snippets = new Map<string, string>();
  for (const [matchedIn, table, column] of [
    ['subject', 'tickets', 'subject'],
    ['message', 'messages', 'body'],
  ] as const) {
    const ids = ranked.filter((c) => c.matchedIn === matchedIn).map((c) => c.rowid);
    if (ids.length === 0) continue;
    const rows = await sql<{ id: number; snippet: string }>`
      select id, ts_headline(${CONFIG}::regconfig, ${sql.ref(column)}, ${q}, ${HEADLINE}) as snippet
      from ${sql.table(table)} where id in (${sql.join(ids)})`.execute(db);
    for (const r of rows.rows) snippets.set(`${matchedIn}:${r.id}`, r.snippet);
  }
  return ranked.map((c) => ({
    ticketId: c.ticketId,
    score: c.score,
    matchedIn: c.matchedIn,
    snippet: snippets.get(`${c.matchedIn}:${c.rowid}`) ?? '',
  }));
}

async function customerMatches(db: Kysely<Database>, terms: SearchTerms, limit: number): Promise<number[]> {
  const query = toTsQuery(terms);
  if (query === null) return [];
  const q = tsquery(query);
  const text = vectorOf(CUSTOMER_TEXT);
  const rows = await sql<{ id: number }>`
    select id from (
      select id, -ts_rank(${text}, ${q}) as score from (
        select id, name, account_email, company from customers where ${text} @@ ${q}
        order by id desc limit ${RANK_WINDOW}
      ) w
    ) r order by score, id desc limit ${limit}`.execute(db);
  return rows.rows.map((r) => r.id);
}

export const postgresSearchIndex: SearchIndex = {
  tickets: ticketMatches,
  customers: customerMatches,
};
