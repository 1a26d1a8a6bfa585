// Full-text search on SQLite with FTS5: the only code that knows FTS5's syntax. Three external-content
// indexes (the text stays in its own table, the index holds only tokens) are kept in sync by triggers,
// so every write path (handlers, demo seeding, a future import) is indexed in its own transaction.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema';
import { MATCH_CLOSE, MATCH_OPEN, type SearchIndex, type SearchTerms, type TicketMatch } from './types';
import { MESSAGE_HITS_PER_TICKET, RANK_WINDOW, RANKED_ROWS_MAX, rankTickets } from './rank';

/**
 * unicode61 with diacritics removed, so "Chloe" finds "Chloé" and French reads naturally; prefix
 * indexes for two and three characters so that a word being typed stays fast from its second letter.
 * What 0004 built (kept as it was: a migration's result never changes); 0021 rebuilt the indexes with
 * PREFIX_LENGTHS.
 */
const OPTIONS = `tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'`;

/**
 * Prefix indexes since 0021. FTS5 reads a prefix query longer than every prefix index by merging the
 * whole doclist of every word it starts with into memory before returning its first row, so `LIMIT`
 * and `ORDER BY rowid DESC` stop nothing: "hello" typed without a trailing space read all 2.4 million
 * messages that say it, ~150 ms for each of the statements of a search, on the 1M benchmark set. A
 * prefix of an indexed length is read like a word, from the newest row on. Words typed beyond the
 * longest index still match as before, at the old cost, which only common words that long make large.
 */
export const PREFIX_LENGTHS = [2, 3, 4, 5, 6, 7, 8] as const;
const WIDE_OPTIONS = `tokenize = 'unicode61 remove_diacritics 2', prefix = '${PREFIX_LENGTHS.join(' ')}'`;

interface Indexed {
  fts: string;
  table: string;
  columns: readonly string[];
}

const INDEXES: readonly Indexed[] = [
  { fts: 'search_tickets', table: 'tickets', columns: ['subject'] },
  { fts: 'search_messages', table: 'messages', columns: ['body'] },
  { fts: 'search_customers', table: 'customers', columns: ['name', 'account_email', 'company'] },
];

/** Called by the migration that introduces search (through SchemaDialect.createSearchIndex). */
export async function createSqliteSearchIndex(db: Kysely<unknown>): Promise<void> {
  for (const { fts, table, columns } of INDEXES) {
    const cols = columns.join(', ');
    const newCols = columns.map((c) => `new.${c}`).join(', ');
    const oldCols = columns.map((c) => `old.${c}`).join(', ');
    const remove = `insert into ${fts}(${fts}, rowid, ${cols}) values ('delete', old.id, ${oldCols});`;
    const add = `insert into ${fts}(rowid, ${cols}) values (new.id, ${newCols});`;
    const statements = [
      `create virtual table ${fts} using fts5(${cols}, content = '${table}', content_rowid = 'id', ${OPTIONS})`,
      `create trigger ${fts}_insert after insert on ${table} begin ${add} end`,
      `create trigger ${fts}_delete after delete on ${table} begin ${remove} end`,
      // Only a change to indexed text re-indexes the row: tickets change status all day long.
      `create trigger ${fts}_update after update of ${cols} on ${table} begin ${remove} ${add} end`,
      // Rows written before this migration are indexed once, here.
      `insert into ${fts}(${fts}) values ('rebuild')`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  }
}

/**
 * Called by 0021 (through SchemaDialect.indexSearchPrefixes): FTS5 cannot add a prefix index to a
 * table, so each index is made again with PREFIX_LENGTHS and rebuilt from its content table. The
 * triggers of 0004 stay: they name the index, which keeps its name.
 */
export async function widenSqliteSearchPrefixes(db: Kysely<unknown>): Promise<void> {
  for (const { fts, table, columns } of INDEXES) {
    const statements = [
      `drop table ${fts}`,
      `create virtual table ${fts} using fts5(${columns.join(', ')}, content = '${table}', content_rowid = 'id', ${WIDE_OPTIONS})`,
      `insert into ${fts}(${fts}) values ('rebuild')`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  }
}

/**
 * An FTS5 query that means exactly "all these words": each word is a quoted string (quotes doubled),
 * so nothing the person types is read as an operator, a column filter or a bracket.
 */
export function toFts5Query(terms: SearchTerms): string | null {
  if (terms.terms.length === 0) return null;
  const last = terms.terms.length - 1;
  return terms.terms
    .map((term, i) => `"${term.replace(/"/g, '""')}"${terms.prefixLast && i === last ? '*' : ''}`)
    .join(' ');
}

const SNIPPET_TOKENS = 12;

/** Matches read from the newest back to judge how common a word is (see estimatedRows). */
const PROBE_ROWS = 1000;

/**
 * About how many rows of `fts` match `query`: counted when fewer than PROBE_ROWS do, otherwise
 * extrapolated from how far back the PROBE_ROWS-th newest match lies among the table's ids, which
 * costs PROBE_ROWS steps instead of a walk through every match.
 */
async function estimatedRows(db: Kysely<Database>, { fts, table }: Indexed, query: string): Promise<number> {
  const probe = await sql<{ n: number; oldest: number | null; newest: number | null }>`
    select count(*) as n, min(rowid) as oldest, (select max(id) from ${sql.table(table)}) as newest from (
      select rowid from ${sql.table(fts)} where ${sql.table(fts)} match ${query}
      order by rowid desc limit ${PROBE_ROWS}
    )`.execute(db);
  const { n, oldest, newest } = probe.rows[0] ?? { n: 0, oldest: null, newest: null };
  if (n < PROBE_ROWS || oldest === null || newest === null) return n;
  return Math.round((n * newest) / (newest - oldest + 1));
}

/**
 * Whether bm25 may rank this search in these indexes: it counts every row each word is in, so the
 * words together must be in at most RANKED_ROWS_MAX rows of each index.
 */
async function rankable(
  db: Kysely<Database>,
  terms: SearchTerms,
  indexes: readonly Indexed[],
): Promise<boolean> {
  const last = terms.terms.length - 1;
  for (const index of indexes) {
    let rows = 0;
    for (const [i, term] of terms.terms.entries()) {
      const query = toFts5Query({ terms: [term], prefixLast: terms.prefixLast && i === last });
      if (query !== null) rows += await estimatedRows(db, index, query);
      if (rows > RANKED_ROWS_MAX) return false;
    }
  }
  return true;
}

const indexOf = (fts: string): Indexed => {
  const index = INDEXES.find((i) => i.fts === fts);
  if (!index) throw new Error(`No full-text index ${fts}`);
  return index;
};

/**
 * The best hits of one index, as a subquery of (rowid, score): bm25 among its newest RANK_WINDOW
 * matches, or, for a search too common to rank, its newest `limit` matches, all scored alike (see
 * RANKED_ROWS_MAX).
 */
function bestHits(
  fts: 'search_tickets' | 'search_messages',
  query: string,
  byRelevance: boolean,
  limit: number,
): RawBuilder<unknown> {
  const table = sql.table(fts);
  // bm25 first; among equal scores (templated texts score alike) the newest row first.
  return byRelevance
    ? sql`select rowid, score from (
          select rowid, bm25(${table}) as score from ${table}
          where ${table} match ${query} order by rowid desc limit ${RANK_WINDOW}
        ) order by score, rowid desc limit ${limit}`
    : sql`select rowid, -1 as score from ${table}
        where ${table} match ${query} order by rowid desc limit ${limit}`;
}

async function ticketMatches(
  db: Kysely<Database>,
  terms: SearchTerms,
  limit: number,
): Promise<TicketMatch[]> {
  const query = toFts5Query(terms);
  if (query === null) return [];
  const byRelevance = await rankable(db, terms, [indexOf('search_tickets'), indexOf('search_messages')]);
  const subjects = await sql<{ rowid: number; score: number }>`${bestHits(
    'search_tickets',
    query,
    byRelevance,
    limit,
  )}`.execute(db);
  const messages = await sql<{ rowid: number; ticket_id: number; score: number }>`
    select f.rowid, m.ticket_id, f.score
    from (${bestHits('search_messages', query, byRelevance, limit * MESSAGE_HITS_PER_TICKET)}) f
    join messages m on m.id = f.rowid`.execute(db);

  const ranked = await rankTickets(
    db,
    subjects.rows.map((r) => ({ ticketId: r.rowid, score: r.score, rowid: r.rowid })),
    messages.rows.map((r) => ({ ticketId: r.ticket_id, score: r.score, rowid: r.rowid })),
    limit,
  );
  if (ranked.length === 0) return [];

  const snippets = new Map<string, string>();
  for (const [matchedIn, fts] of [
    ['subject', 'search_tickets'],
    ['message', 'search_messages'],
  ] as const) {
    const rowids = ranked.filter((c) => c.matchedIn === matchedIn).map((c) => c.rowid);
    if (rowids.length === 0) continue;
    for (const [rowid, snippet] of await snippetsFor(db, fts, query, rowids)) {
      snippets.set(`${matchedIn}:${rowid}`, snippet);
    }
  }
  return ranked.map((c) => ({
    ticketId: c.ticketId,
    score: c.score,
    matchedIn: c.matchedIn,
    snippet: snippets.get(`${c.matchedIn}:${c.rowid}`) ?? '',
  }));
}

/**
 * snippet() for a few rows of a match. FTS5 does not seek to a rowid inside a MATCH: `match ? and
 * rowid in (...)` reads the whole doclist again for each row (1.5 s for 20 rows of "hello" on the
 * benchmark set). So the ranked window is walked again, as cheaply as the first time, and snippet()
 * runs only on the rows wanted; the rows all lie in that window because ranking read no further.
 * The lower rowid bound is written into the statement: bound as a parameter, FTS5 walked the whole
 * doclist of a common word with it (200 ms CPU for "hello" on the 1M set, 2.5 ms as a literal).
 */
async function snippetsFor(
  db: Kysely<Database>,
  fts: 'search_tickets' | 'search_messages',
  query: string,
  rowids: number[],
): Promise<Map<number, string>> {
  const table = sql.table(fts);
  const rows = await sql<{ rowid: number; snippet: string }>`
    select rowid, snippet from (
      select rowid, case when rowid in (${sql.join(rowids)})
        then snippet(${table}, 0, ${MATCH_OPEN}, ${MATCH_CLOSE}, '…', ${SNIPPET_TOKENS}) end as snippet
      from ${table} where ${table} match ${query} and rowid >= ${sql.lit(Math.min(...rowids))}
      order by rowid desc limit ${RANK_WINDOW}
    ) where snippet is not null`.execute(db);
  return new Map(rows.rows.map((r) => [r.rowid, r.snippet]));
}

async function customerMatches(db: Kysely<Database>, terms: SearchTerms, limit: number): Promise<number[]> {
  const query = toFts5Query(terms);
  if (query === null) return [];
  const rows = (await rankable(db, terms, [indexOf('search_customers')]))
    ? await sql<{ rowid: number }>`
        select rowid from (
          select rowid, bm25(search_customers) as score from search_customers
          where search_customers match ${query} order by rowid desc limit ${RANK_WINDOW}
        ) order by score, rowid desc limit ${limit}`.execute(db)
    : await sql<{ rowid: number }>`
        select rowid from search_customers
        where search_customers match ${query} order by rowid desc limit ${limit}`.execute(db);
  return rows.rows.map((r) => r.rowid);
}

export const sqliteSearchIndex: SearchIndex = {
  tickets: ticketMatches,
  customers: customerMatches,
};
