// Full-text search on SQLite with FTS5: the only code that knows FTS5's syntax. Three external-content
// indexes (the text stays in its own table, the index holds only tokens) are kept in sync by triggers,
// so every write path (handlers, demo seeding, a future import) is indexed in its own transaction.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import { MATCH_CLOSE, MATCH_OPEN, type SearchIndex, type SearchTerms, type TicketMatch } from './types';
import { MESSAGE_HITS_PER_TICKET, RANK_WINDOW, rankTickets } from './rank';

/**
 * unicode61 with diacritics removed, so "Chloe" finds "Chloé" and French reads naturally; prefix
 * indexes for two and three characters so that a word being typed stays fast from its second letter.
 */
const OPTIONS = `tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'`;

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

async function ticketMatches(
  db: Kysely<Database>,
  terms: SearchTerms,
  limit: number,
): Promise<TicketMatch[]> {
  const query = toFts5Query(terms);
  if (query === null) return [];
  // bm25 first; among equal scores (templated texts score alike) the newest row first.
  const subjects = await sql<{ rowid: number; score: number }>`
    select rowid, score from (
      select rowid, bm25(search_tickets) as score from search_tickets
      where search_tickets match ${query} order by rowid desc limit ${RANK_WINDOW}
    ) order by score, rowid desc limit ${limit}`.execute(db);
  const messages = await sql<{ rowid: number; ticket_id: number; score: number }>`
    select f.rowid, m.ticket_id, f.score from (
      select rowid, score from (
        select rowid, bm25(search_messages) as score from search_messages
        where search_messages match ${query} order by rowid desc limit ${RANK_WINDOW}
      ) order by score, rowid desc limit ${limit * MESSAGE_HITS_PER_TICKET}
    ) f join messages m on m.id = f.rowid`.execute(db);

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
      from ${table} where ${table} match ${query} order by rowid desc limit ${RANK_WINDOW}
    ) where snippet is not null`.execute(db);
  return new Map(rows.rows.map((r) => [r.rowid, r.snippet]));
}

async function customerMatches(db: Kysely<Database>, terms: SearchTerms, limit: number): Promise<number[]> {
  const query = toFts5Query(terms);
  if (query === null) return [];
  const rows = await sql<{ rowid: number }>`
    select rowid from (
      select rowid, bm25(search_customers) as score from search_customers
      where search_customers match ${query} order by rowid desc limit ${RANK_WINDOW}
    ) order by score, rowid desc limit ${limit}`.execute(db);
  return rows.rows.map((r) => r.rowid);
}

export const sqliteSearchIndex: SearchIndex = {
  tickets: ticketMatches,
  customers: customerMatches,
};
