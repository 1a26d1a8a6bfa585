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
 * The words a search's index is asked for, when the word being typed would cost more to look up
 * than it saves: all of them but that word, whose prefix GIN reads as the union of the postings of
 * every word it starts with ("for" is for, form, format, forward…), built into a bitmap before any
 * other word is looked at, even one that is in no row. What the index then finds is a superset,
 * which the whole query filters. Null when nothing would be left.
 */
export function toIndexTsQuery(terms: SearchTerms): string | null {
  if (!terms.prefixLast || terms.terms.length === 0) return null;
  const last = terms.terms[terms.terms.length - 1] ?? '';
  const pieces = last.split(separators).filter((p) => p !== '');
  const rest = [...terms.terms.slice(0, -1), ...(pieces.length > 1 ? [pieces.slice(0, -1).join(' ')] : [])];
  return rest.length === 0 ? null : toTsQuery({ terms: rest, prefixLast: false });
}

/** The words of a search as its index holds them, near enough to look them up in statistics. */
function indexWords(terms: SearchTerms): { typed: string | null; others: string[] } {
  const fold = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const pieces = terms.terms.flatMap((t) => t.split(separators).filter((p) => p !== '')).map(fold);
  if (!terms.prefixLast) return { typed: null, others: pieces };
  return { typed: pieces.at(-1) ?? null, others: pieces.slice(0, -1) };
}

/** The share of a table's rows each of its most common words is in, as ANALYZE last counted. */
interface WordShares {
  shares: Map<string, number>;
  /** The least share among them: any other word is in fewer rows. */
  least: number;
}

/** Statistics change slowly; they are read again after this long. */
const WORD_SHARES_MS = 10 * 60_000;

interface SharesRead {
  at: number;
  /** Null until read (or when the tables were never analyzed). */
  byTable: Map<Searched, WordShares> | null;
}

const wordShares = new WeakMap<object, SharesRead>();

/** The searched tables' word statistics as last read, or null (not read yet, or never analyzed). */
function sharesOf(pool: Kysely<Database>, table: Searched): WordShares | null {
  return wordShares.get(pool)?.byTable?.get(table) ?? null;
}

/**
 * Reads the searched tables' word statistics again when they are missing or old, in the background:
 * no search waits for them (the catalog views cost a few ms on a new connection); until they are
 * there, the index is asked for every word. Called once a search's own statements are done, so that
 * it takes a connection the search has left idle rather than opening one beside it or slowing its
 * steps down.
 */
function refreshShares(pool: Kysely<Database>): void {
  const read = wordShares.get(pool);
  if (read && Date.now() - read.at < WORD_SHARES_MS) return;
  const next: SharesRead = { at: Date.now(), byTable: read?.byTable ?? null };
  wordShares.set(pool, next);
  void sql<{ table: Searched; words: string[] | null; freqs: number[] | null }>`
    select tablename as table, most_common_elems::text::text[] as words, most_common_elem_freqs as freqs
    from pg_stats
    where schemaname = current_schema() and attname = 'search_vector'
      and tablename in (${sql.join(SEARCHED.map((s) => s.table))})`
    .execute(pool)
    .then(({ rows }) => {
      const byTable = new Map<Searched, WordShares>();
      for (const { table: t, words, freqs } of rows) {
        if (!words || !freqs || words.length === 0) continue;
        // The frequencies end with the least and greatest of them, then the share of null vectors.
        byTable.set(t, {
          shares: new Map(words.map((w, i) => [w, Number(freqs[i])])),
          least: Number(freqs[words.length]),
        });
      }
      next.byTable = byTable;
    })
    .catch(() => undefined);
}

/**
 * Whether the word being typed is left out of what the ranges' index is asked (see toIndexTsQuery):
 * when it is in several times more rows than the rarest other word, so that looking its prefix up
 * costs more than testing the rows the other words find ("thanks for" in the tickets' subjects,
 * where "thanks" is in none and "for…" in 18 %: 45 ms with the prefix, 1 without). Without
 * statistics (a table never analyzed), every word is asked.
 */
function leaveTypedWordOut(stats: WordShares | null, terms: SearchTerms): boolean {
  const { typed, others } = indexWords(terms);
  if (typed === null || others.length === 0 || stats === null) return false;
  const share = (w: string) => stats.shares.get(w) ?? stats.least / 2;
  let typedShare = 0;
  for (const [w, s] of stats.shares) if (w.startsWith(typed)) typedShare += s;
  if (typedShare === 0) typedShare = stats.least / 2;
  return typedShare > TYPED_WORD_SHARE_MAX * Math.min(...others.map(share));
}

/** See leaveTypedWordOut: a prefix costs ~0.8 µs a posting to look up, a row found ~4 µs to test. */
const TYPED_WORD_SHARE_MAX = 4;

const tsquery = (query: string): RawBuilder<unknown> => sql`to_tsquery(${CONFIG}::regconfig, ${query})`;

const HEADLINE = `StartSel="${MATCH_OPEN}", StopSel="${MATCH_CLOSE}", MaxWords=14, MinWords=6, ShortWord=1, MaxFragments=1, FragmentDelimiter=" … "`;

/**
 * A row's words are indexed a second time (0024), each tagged with the row's range of ids: id >> 14,
 * so 16,384 ids a range ("146:invoice"). Fixed by that migration: another size needs a new index.
 */
export const SEARCH_BUCKET_BITS = 14;
const BUCKET_IDS = 2 ** SEARCH_BUCKET_BITS;
const bucketOf = (id: number) => Math.floor(id / BUCKET_IDS);

/**
 * Called by 0024 (through SchemaDialect.indexSearchBuckets). `support_search_buckets` is a row's
 * words tagged with its range of ids; `support_search_bucket_query` turns a search into what that
 * index is asked for the ranges lo..hi: in any of them, all the search's words in that range (a
 * phrase's words as words, the word being typed still a prefix). Each searched table gets a GIN
 * index on the tagged words, an expression index: nothing is stored in the rows.
 */
export async function indexPostgresSearchBuckets(db: Kysely<unknown>): Promise<void> {
  const statements = [
    // A GIN build keeps its sorted entries in maintenance_work_mem (64 MB by default): with 256 MB
    // the 2.4 million messages of the benchmark set are indexed in about 90 s.
    `select set_config('maintenance_work_mem', '262144', true) from pg_settings
       where name = 'maintenance_work_mem' and setting::bigint < 262144`,
    `create function support_search_buckets(id bigint, words tsvector) returns tsvector
       language sql immutable strict parallel safe
       as $$ select array_to_tsvector(array(
         select (id >> ${SEARCH_BUCKET_BITS})::text || ':' || lexeme from unnest(words))) $$`,
    // The lexemes are read from the query's own text form ('word', 'prefix':*, quotes doubled), so
    // no operator is ever rewritten; a search is a conjunction of words and phrases (toTsQuery). A
    // query without lexemes is itself: it matches nothing.
    // PARALLEL UNSAFE keeps a statement that asks for it out of parallel plans: a step reads a few
    // hundred to a few thousand rows, which two workers cost more to start than they save.
    `create function support_search_bucket_query(q tsquery, lo bigint, hi bigint) returns tsquery
       language sql immutable strict parallel unsafe
       as $$ select coalesce((
         select string_agg(words, ' | ' order by b desc)::tsquery from (
           select '(' || string_agg('''' || b || ':' || w[1] || '''' || coalesce(w[2], ''), ' & ') || ')'
             as words, b
           from generate_series(lo, hi) b,
             regexp_matches(q::text, '''((?:[^'']|'''')*)''(:\\*)?', 'g') w
           group by b) per_range), q) $$`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
  for (const { table } of SEARCHED) {
    await sql
      .raw(
        `create index ${table}_search_buckets on ${table}
           using gin (support_search_buckets(id, search_vector))`,
      )
      .execute(db);
  }
}

/**
 * Ids read first, row by row (see newestMatches): a word in most rows is done there, and the others'
 * density is told from it. Customers are updated often (their quota counter), so their newest rows
 * are spread over more pages: 2,000 of them are 720 pages of the benchmark set, against 350 for as
 * many tickets or messages.
 */
const FIRST_WALK_IDS: Record<Searched, number> = { tickets: 2_000, messages: 2_000, customers: 500 };
/** The most ids a later step reads row by row; one reaching further back asks the ranges' index. */
const WALK_IDS_MAX = 5_000;
/** How much further back each later step may reach at most, as a multiple of the ids read so far. */
const STEP_GROWTH_MAX = 64;
/** How many more ids a step reads than the density found says hold the matches still needed. */
const STEP_MARGIN = 1.1;
/** How much further back a step reaches after one that found nothing (each costs the index's look-ups). */
const EMPTY_STEP_GROWTH = 16;

interface Match {
  id: number;
  /** The ticket a message belongs to; the ticket itself for a subject, null for a customer. */
  ticket_id: number | null;
  score: number;
}

/**
 * The newest RANK_WINDOW rows of `table` matching the search, each with its ts_rank (negated: lower
 * is better). A bitmap over the words' GIN index cannot stop at the newest matches: it reads every
 * posting of the words in the table (25 ms for the 98,000 messages saying "export" in the benchmark
 * set, three times that for a prefix) before an id range can be applied. So the ids are read in
 * ranges from the newest back, each range disjoint from the last, until RANK_WINDOW matches are
 * found or the table is exhausted, each range read the cheapest way for how dense the matches found
 * so far are:
 *
 * - `walk`: the newest FIRST_WALK_IDS ids, and a later range of at most WALK_IDS_MAX ids, are read by
 *   id, testing each row (about 1 µs a row): a word in most rows ("hello") is done there.
 * - `buckets`: a longer step asks the index of words tagged by range of ids (0024) for whole ranges
 *   of 16,384 ids, reading only the postings of those ranges, and tests the rows it finds against
 *   the whole query (a phrase's order, the word being typed, which leaveTypedWordOut may have kept
 *   from the index). The planner must not see what the index is asked: it would estimate it from
 *   statistics that know nothing of the ranges. Behind a sub-select it assumes a fixed selectivity,
 *   and the GIN index is the only way to the rows.
 *
 * Each step reaches as far back as the matches found so far say is needed, with a margin, at most
 * STEP_GROWTH_MAX times the ids read so far; after a step that found nothing, EMPTY_STEP_GROWTH
 * times, so a rare word's ranges cover the table in a few steps, each costing the index's look-ups.
 */
async function newestMatches(pool: Kysely<Database>, table: Searched, terms: SearchTerms): Promise<Match[]> {
  // Every step on one connection: the first searches after a start would otherwise open a new one
  // for many of their steps (a backend to start, its catalog caches and the text search
  // configuration to load: 5–30 ms each on the shared machine), while the search's other tables
  // hold the rest.
  return pool.connection().execute((db) => readNewest(db, table, terms, sharesOf(pool, table)));
}

async function readNewest(
  db: Kysely<Database>,
  table: Searched,
  terms: SearchTerms,
  shares: WordShares | null,
): Promise<Match[]> {
  const query = toTsQuery(terms);
  if (query === null) return [];
  const q = tsquery(query);
  const indexQuery = toIndexTsQuery(terms);
  let indexQ: RawBuilder<unknown> | null = null;
  const ticketId = table === 'tickets' ? sql`id` : table === 'messages' ? sql`ticket_id` : sql`null::bigint`;
  const found: Match[] = [];
  const keep = (rows: readonly Match[]) => {
    for (const r of rows) {
      found.push({
        id: Number(r.id),
        ticket_id: r.ticket_id === null ? null : Number(r.ticket_id),
        score: Number(r.score),
      });
    }
  };
  const walk = async (lower: number, upper: number) => {
    // IS TRUE hides the condition from the words' index: it is tested on each row read. The rows are
    // read in the order the planner likes (a bitmap over the primary key reads pages in file order,
    // with the disk's read-ahead after a start); only the rows kept are ranked.
    const rows = await sql<Match>`
      with walked as materialized (
        select id, ${ticketId} as ticket_id, search_vector from ${sql.table(table)}
        where (search_vector @@ ${q}) is true and id > ${lower} and id <= ${upper}
      )
      select id, ticket_id, -ts_rank(search_vector, ${q}) as score
      from walked order by id desc limit ${RANK_WINDOW - found.length}`.execute(db);
    keep(rows.rows);
  };
  const buckets = async (lo: number, hi: number, upper: number) => {
    indexQ ??= indexQuery !== null && leaveTypedWordOut(shares, terms) ? tsquery(indexQuery) : q;
    // The ranges' index finds a superset (a phrase's words anywhere, in any order, perhaps without the
    // word being typed); each row found is tested against the whole query. The ids above `upper` were
    // read by an earlier step.
    const rows = await sql<Match>`
      with matched as materialized (
        select id, ${ticketId} as ticket_id, search_vector from ${sql.table(table)}
        where support_search_buckets(id, search_vector) @@ (select support_search_bucket_query(${indexQ}, ${lo}, ${hi}))
          and (search_vector @@ ${q}) is true
      )
      select id, ticket_id, -ts_rank(search_vector, ${q}) as score
      from matched where id <= ${upper} order by id desc limit ${RANK_WINDOW - found.length}`.execute(db);
    keep(rows.rows);
  };
  // The table's bounds come with the first walk, over its newest ids: one statement fewer.
  const firstWalk = FIRST_WALK_IDS[table];
  const first = await sql<{
    newest: number | null;
    oldest: number | null;
    id: number | null;
    ticket_id: number | null;
    score: number | null;
  }>`
    with bounds as materialized (select max(id) as newest, min(id) as oldest from ${sql.table(table)}),
    walked as materialized (
      select id, ${ticketId} as ticket_id, search_vector from ${sql.table(table)}
      where (search_vector @@ ${q}) is true
        and id > (select newest from bounds) - ${firstWalk} and id <= (select newest from bounds)
    )
    select b.newest, b.oldest, w.id, w.ticket_id, w.score from bounds b left join lateral (
      select id, ticket_id, -ts_rank(search_vector, ${q}) as score
      from walked order by id desc limit ${RANK_WINDOW}
    ) w on true`.execute(db);
  const { newest: newestId, oldest: oldestId } = first.rows[0] ?? { newest: null, oldest: null };
  if (newestId === null || oldestId === null) return [];
  const newest = Number(newestId);
  const oldest = Number(oldestId);
  keep(
    first.rows.flatMap(({ id, ticket_id, score }) =>
      id === null ? [] : [{ id, ticket_id, score: Number(score) }],
    ),
  );
  // Ids above `upper` are read.
  let upper = newest - firstWalk;
  let lastFound = found.length;
  while (found.length < RANK_WINDOW && upper >= oldest) {
    const read = newest - upper;
    // Matches per id so far decide how far back the rest lie, with a margin; a step that found
    // nothing reaches further still, so a table whose matches end is left in a few steps.
    // A step a little short costs one statement more for the rest; one too long, a table page for
    // every row found beyond the window (a disk read each after a start), so the margin is small.
    const wanted =
      lastFound === 0
        ? read * EMPTY_STEP_GROWTH
        : Math.min(
            ((RANK_WINDOW - found.length) * read * STEP_MARGIN) / found.length,
            read * STEP_GROWTH_MAX,
          );
    const before = found.length;
    let lower: number;
    if (wanted <= WALK_IDS_MAX) {
      lower = upper - Math.ceil(Math.max(wanted, firstWalk / 4));
      await walk(lower, upper);
    } else {
      const lo = Math.max(bucketOf(oldest), bucketOf(upper - Math.ceil(wanted) + 1));
      await buckets(lo, bucketOf(upper), upper);
      lower = lo * BUCKET_IDS - 1;
    }
    lastFound = found.length - before;
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
  // On two connections: each waits on its own pages, and a first search after a start reads them from disk.
  const [subjectMatches, messageMatches] = await Promise.all([
    newestMatches(db, 'tickets', terms),
    newestMatches(db, 'messages', terms),
  ]);
  // The search's heaviest statements are done: see refreshShares.
  if (toIndexTsQuery(terms) !== null) refreshShares(db);
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
  return best(await newestMatches(db, 'customers', terms), limit).map((m) => m.id);
}

export const postgresSearchIndex: SearchIndex = {
  tickets: ticketMatches,
  customers: customerMatches,
};
