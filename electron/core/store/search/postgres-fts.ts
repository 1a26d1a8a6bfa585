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

/**
 * The query a GIN index is asked, when the words that must match are known to be `terms`: all of
 * them but the word being typed, whose prefix GIN reads as the union of the posting lists of every
 * word it starts with ("for" is for, form, format, forward…: 40 ms in the 1M tickets' subjects, 2–3
 * times its whole word). What the index then finds is a superset, which the whole query filters.
 * Null when nothing would be left: the whole query goes to the index.
 */
export function toIndexTsQuery(terms: SearchTerms): string | null {
  if (!terms.prefixLast || terms.terms.length === 0) return null;
  const last = terms.terms[terms.terms.length - 1] ?? '';
  const pieces = last.split(separators).filter((p) => p !== '');
  const rest = [...terms.terms.slice(0, -1), ...(pieces.length > 1 ? [pieces.slice(0, -1).join(' ')] : [])];
  return rest.length === 0 ? null : toTsQuery({ terms: rest, prefixLast: false });
}

const tsquery = (query: string): RawBuilder<unknown> => sql`to_tsquery(${CONFIG}::regconfig, ${query})`;

/** A search as newestMatches runs it: the whole query, and what its index is asked (see toIndexTsQuery). */
interface Searching {
  q: RawBuilder<unknown>;
  indexQ: RawBuilder<unknown> | null;
}

function searching(terms: SearchTerms): Searching | null {
  const query = toTsQuery(terms);
  if (query === null) return null;
  const indexQuery = toIndexTsQuery(terms);
  return { q: tsquery(query), indexQ: indexQuery === null ? null : tsquery(indexQuery) };
}

const HEADLINE = `StartSel="${MATCH_OPEN}", StopSel="${MATCH_CLOSE}", MaxWords=14, MinWords=6, ShortWord=1, MaxFragments=1, FragmentDelimiter=" … "`;

/** Ids read first, newest first, row by row (see newestMatches). */
const FIRST_WALK_IDS = 5_000;
/** The most ids a later step reads row by row; one reaching further back uses the word's index. */
const WALK_IDS_MAX = 40_000;
/** How much further back each later step may reach at most, as a multiple of the ids read so far. */
const STEP_GROWTH_MAX = 64;

interface Match {
  id: number;
  /** The ticket a message belongs to; the ticket itself for a subject, null for a customer. */
  ticket_id: number | null;
  score: number;
}

/** Rows the index may find without the word being typed however rare the matches (see newestMatches). */
const INDEX_SUPERSET_ROWS = 2 * RANK_WINDOW;

/** How a step of newestMatches reads its range of ids; see there. */
type StepPlan = 'walk' | 'index' | 'rest';

/**
 * The newest RANK_WINDOW rows of `table` matching `q`, each with its ts_rank (negated: lower is
 * better). A bitmap over a GIN index cannot stop at the newest matches: it visits every match, one
 * heap page each (25,000 pages for "charged twice" in the messages of the benchmark set), before they
 * can be sorted by id. So the ids are read in ranges from the newest back, each range disjoint from
 * the last, until RANK_WINDOW matches are found or the table is exhausted, each range read the
 * cheapest way for how dense the matches found so far are:
 *
 * - `walk`: the first FIRST_WALK_IDS ids, and a later range of at most WALK_IDS_MAX ids that holds
 *   fewer ids than the table holds matches (by the density found), are read by id, testing each row
 *   (1–2 µs a row on contiguous pages), without the word's index, whose posting lists cost 5–110 ms
 *   to read for a common word.
 * - `index`: any other range is read as the word's index AND the range of ids (BitmapAnd), so only the
 *   pages of its matches are visited. The planner must not see the words to choose that: it
 *   multiplies the frequencies of the words of an AND as if they were independent ("charged" and
 *   "twice" are each in 1–2 % of messages, and together in nearly as many, estimated 525 rows of
 *   25,799), and then took the index alone with the range as a filter, visiting every match in the
 *   table (3.4 s cold for "two-factor"). Behind a sub-select it assumes a fixed selectivity.
 * - `rest`: when the first ids hold no match, the word is rare there, and the rest of the table is
 *   read as the planner sees fit (the index alone, whose few matches are the pages visited).
 *
 * The index is asked for all the words but the one being typed (toIndexTsQuery), and each row it
 * finds is tested against the whole query.
 *
 * Each step reaches as far back as the matches found so far say is needed, with a margin, at most
 * STEP_GROWTH_MAX times the ids read so far.
 */
async function newestMatches(
  db: Kysely<Database>,
  table: Searched,
  { q, indexQ }: Searching,
): Promise<Match[]> {
  const ticketId = table === 'tickets' ? sql`id` : table === 'messages' ? sql`ticket_id` : sql`null::bigint`;
  const bounds = await sql<{ newest: number | null; oldest: number | null }>`
    select max(id) as newest, min(id) as oldest from ${sql.table(table)}`.execute(db);
  const { newest: newestId, oldest: oldestId } = bounds.rows[0] ?? { newest: null, oldest: null };
  if (newestId === null || oldestId === null) return [];
  const newest = Number(newestId);
  const oldest = Number(oldestId);
  const found: Match[] = [];
  // Whether the index is asked without the word being typed: only when what it then finds (the
  // planner's estimate of the other words, single words being estimated well) is at most twice the
  // matches, judged by how dense they were among the ids read: the word being typed may be the rare one.
  let useIndexQ: boolean | null = indexQ === null ? false : null;
  const indexQuery = async (density: number): Promise<RawBuilder<unknown>> => {
    if (useIndexQ === null && indexQ !== null) {
      const plan = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`
        explain (format json) select 1 from ${sql.table(table)} where search_vector @@ ${indexQ}`.execute(db);
      const rows = plan.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? Infinity;
      useIndexQ = rows <= Math.max(2 * density * (newest - oldest + 1), INDEX_SUPERSET_ROWS);
    }
    return useIndexQ && indexQ !== null ? indexQ : q;
  };
  const step = async (plan: StepPlan, lower: number, upper: number, density: number) => {
    const range = plan === 'rest' ? sql`id <= ${upper}` : sql`id > ${lower} and id <= ${upper}`;
    // IS TRUE hides a condition from the index: it is tested on each row read.
    const whole = sql`(search_vector @@ ${q}) is true`;
    const matching =
      plan === 'walk'
        ? whole
        : plan === 'index'
          ? sql`search_vector @@ (select ${await indexQuery(density)}) and ${whole}`
          : sql`search_vector @@ ${await indexQuery(density)} and ${whole}`;
    // A walk reads its range in id order, forwards (the planner takes the primary key forwards or
    // a bitmap over it), so a first search after a start reads contiguous pages ahead of the disk's
    // read-ahead: backwards, "invoice" took 540–760 ms on the cold 1M set instead of 195–205. Only the
    // rows kept are ranked.
    const rows =
      plan === 'walk'
        ? await sql<Match>`
      with walked as materialized (
        select id, ${ticketId} as ticket_id, search_vector from ${sql.table(table)}
        where ${matching} and ${range}
      )
      select id, ticket_id, -ts_rank(search_vector, ${q}) as score
      from walked order by id desc limit ${RANK_WINDOW - found.length}`.execute(db)
        : await sql<Match>`
      select id, ${ticketId} as ticket_id, -ts_rank(search_vector, ${q}) as score
      from ${sql.table(table)}
      where ${matching} and ${range}
      order by id desc limit ${RANK_WINDOW - found.length}`.execute(db);
    for (const r of rows.rows) {
      found.push({
        id: Number(r.id),
        ticket_id: r.ticket_id === null ? null : Number(r.ticket_id),
        score: Number(r.score),
      });
    }
  };
  let upper = newest;
  let plan: StepPlan = 'walk';
  let span = FIRST_WALK_IDS;
  while (found.length < RANK_WINDOW && upper >= oldest) {
    const lower = upper - span;
    const before = found.length;
    await step(plan, lower, upper, found.length / Math.max(1, newest - upper));
    if (plan === 'rest') break;
    const read = newest - lower;
    upper = lower;
    // None among the newest ids: a rare word, whose few matches the index finds wherever they are.
    if (found.length === 0) {
      plan = 'rest';
      continue;
    }
    // Matches per id so far decide how far back the rest lie, with a margin.
    const needed = ((RANK_WINDOW - found.length) * read) / found.length;
    // A few matches short after a long step, a short walk finds them; a step that found nothing
    // doubles the ids read, so a table whose matches end is left in a few steps.
    const least = before === found.length ? read : FIRST_WALK_IDS;
    span = Math.ceil(Math.min(Math.max(needed * 1.25, least), read * STEP_GROWTH_MAX));
    // Walking costs a test per id, the index a read of every posting of the words in the table: a
    // walk when it tests fewer rows than the table holds matches, as far as the density found says.
    const tableMatches = (found.length / read) * (newest - oldest + 1);
    plan = span <= WALK_IDS_MAX && span <= tableMatches ? 'walk' : 'index';
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
  const search = searching(terms);
  if (search === null) return [];
  const { q } = search;
  // On two connections: each waits on its own pages, and a first search after a start reads them from disk.
  const [subjectMatches, messageMatches] = await Promise.all([
    newestMatches(db, 'tickets', search),
    newestMatches(db, 'messages', search),
  ]);
  const subjects = best(subjectMatches, limit);
  const messages = best(messageMatches, limit * MESSAGE_HITS_PER_TICKET);

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
  const search = searching(terms);
  if (search === null) return [];
  return best(await newestMatches(db, 'customers', search), limit).map((m) => m.id);
}

export const postgresSearchIndex: SearchIndex = {
  tickets: ticketMatches,
  customers: customerMatches,
};
