// Full-text search on PostgreSQL with tsvector and GIN: the only code that knows tsquery syntax. Each
// searched table keeps its words in a stored generated column (search_vector, 0018) with a GIN index
// on it, so the database keeps them in step with every write (handlers, demo seeding, an import) in
// the writer's transaction, like FTS5's triggers, and ranking reads the stored words instead of
// parsing the text again.
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

/** The searched tables: the text each one's vector is made of, and the GIN index over it. */
const SEARCHED = [
  { table: 'tickets', text: 'subject', index: 'search_tickets' },
  { table: 'messages', text: 'body', index: 'search_messages' },
  { table: 'customers', text: CUSTOMER_TEXT, index: 'search_customers' },
] as const;

type Searched = (typeof SEARCHED)[number]['table'];

/**
 * Called by 0018 (through SchemaDialect.storeSearchVectors). The expression indexes of 0004 hold
 * which rows have a word but not the words of a row, so ranking parsed every candidate's text again
 * (~50 µs a row: seconds for a common word on a million tickets). A stored column keeps the parsed
 * words beside the row, and the index is built on that column instead.
 */
export async function storePostgresSearchVectors(db: Kysely<unknown>): Promise<void> {
  for (const { table, text, index } of SEARCHED) {
    await sql
      .raw(
        `alter table ${table} add column search_vector tsvector
           generated always as (support_search_vector(${text})) stored`,
      )
      .execute(db);
    await sql.raw(`drop index ${index}`).execute(db);
    await sql.raw(`create index ${index} on ${table} using gin (search_vector)`).execute(db);
  }
}

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

/** Rows searched first, newest first; later steps reach further back (see newestMatches). */
const FIRST_STEP_ROWS = 20_000;
/** How much further back each later step may reach at most, as a multiple of the rows read so far. */
const STEP_GROWTH_MAX = 16;

interface Match {
  id: number;
  /** The ticket a message belongs to; the ticket itself for a subject, null for a customer. */
  ticket_id: number | null;
  score: number;
}

/**
 * The newest RANK_WINDOW rows of `table` matching `q`, each with its ts_rank (negated: lower is
 * better). A bitmap over a GIN index cannot stop at the newest matches: it visits every match, one
 * heap page each (50,000 pages for "invoice" on the benchmark set), before they can be sorted by id.
 * So the ids are read in ranges from the newest back, each range disjoint from the last, until
 * RANK_WINDOW matches are found or the table is exhausted; the planner combines each range with the
 * word's index (or walks the range by id when the word is everywhere), so the pages visited are
 * about those of the matches kept. Each step reaches as far back as the matches found so far say
 * is needed, with a margin, between twice and STEP_GROWTH_MAX times the rows read so far.
 */
async function newestMatches(
  db: Kysely<Database>,
  table: Searched,
  q: RawBuilder<unknown>,
): Promise<Match[]> {
  const ticketId = table === 'tickets' ? sql`id` : table === 'messages' ? sql`ticket_id` : sql`null::bigint`;
  const bounds = await sql<{ newest: number | null; oldest: number | null }>`
    select max(id) as newest, min(id) as oldest from ${sql.table(table)}`.execute(db);
  const { newest, oldest } = bounds.rows[0] ?? { newest: null, oldest: null };
  if (newest === null || oldest === null) return [];
  const found: Match[] = [];
  let upper = Number(newest);
  let span = FIRST_STEP_ROWS;
  while (found.length < RANK_WINDOW && upper >= Number(oldest)) {
    const lower = upper - span;
    const rows = await sql<Match>`
      select id, ${ticketId} as ticket_id, -ts_rank(search_vector, ${q}) as score
      from ${sql.table(table)}
      where search_vector @@ ${q} and id > ${lower} and id <= ${upper}
      order by id desc limit ${RANK_WINDOW - found.length}`.execute(db);
    found.push(
      ...rows.rows.map((r) => ({
        id: Number(r.id),
        ticket_id: r.ticket_id === null ? null : Number(r.ticket_id),
        score: Number(r.score),
      })),
    );
    const read = Number(newest) - lower;
    // Matches per id so far decide how far back the rest lie; none yet: as far as allowed.
    const needed = found.length === 0 ? Infinity : ((RANK_WINDOW - found.length) * read) / found.length;
    span = Math.ceil(Math.min(Math.max(needed * 1.25, read * 2), read * STEP_GROWTH_MAX));
    upper = lower;
  }
  return found;
}

/** The best `limit` of the newest matches, by ts_rank, then newest first. */
const best = (matches: Match[], limit: number) =>
  [...matches].sort((a, b) => a.score - b.score || b.id - a.id).slice(0, limit);

async function ticketMatches(
  db: Kysely<Database>,
  terms: SearchTerms,
  limit: number,
): Promise<TicketMatch[]> {
  const query = toTsQuery(terms);
  if (query === null) return [];
  const q = tsquery(query);
  const subjects = best(await newestMatches(db, 'tickets', q), limit);
  const messages = best(await newestMatches(db, 'messages', q), limit * MESSAGE_HITS_PER_TICKET);

  const ranked = await rankTickets(
    db,
    subjects.map((r) => ({ ticketId: r.id, score: r.score, rowid: r.id })),
    messages.flatMap((r) =>
      r.ticket_id === null ? [] : [{ ticketId: r.ticket_id, score: r.score, rowid: r.id }],
    ),
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
  return best(await newestMatches(db, 'customers', tsquery(query)), limit).map((m) => m.id);
}

export const postgresSearchIndex: SearchIndex = {
  tickets: ticketMatches,
  customers: customerMatches,
};
