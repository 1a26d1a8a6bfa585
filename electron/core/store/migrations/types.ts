import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/** The few schema details that differ between SQL dialects, supplied by the dialect in use. */
export interface SchemaDialect {
  /** An auto-generated integer primary key. */
  autoId(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /**
   * Creates the full-text index over ticket subjects, message bodies and customer names, e-mails and
   * companies, kept in sync with those tables by the database itself, and indexes the rows already
   * there. Full-text search is where SQL dialects differ most (FTS5 here, tsvector on PostgreSQL).
   */
  createSearchIndex(db: Kysely<unknown>): Promise<void>;
  /**
   * Keeps each searched row's words where ranking can read them without parsing its text again. On
   * PostgreSQL a stored generated tsvector column per searched table, with the GIN index on it
   * instead of on the expression; FTS5 keeps the words of every row in its own tables already, so
   * SQLite has nothing to do.
   */
  storeSearchVectors(db: Kysely<unknown>): Promise<void>;
  /**
   * Makes the last word of a search, matched as a prefix while it is being typed, as fast to find as a
   * whole word up to a length of 8. FTS5 needs a prefix index per length (its tables are rebuilt with
   * them); a GIN index over tsvector finds the words of a prefix in its sorted list of words, so
   * PostgreSQL has nothing to do.
   */
  indexSearchPrefixes(db: Kysely<unknown>): Promise<void>;
  /**
   * Lets a search read the matches of its words among the newest rows only. A GIN index over tsvector
   * can only return every match in the table (its posting lists are read whole, one bitmap entry per
   * match), so PostgreSQL indexes each row's words a second time, each word tagged with the row's
   * range of ids (16,384 ids a range): the matches of a word in one range are one entry of that
   * index. FTS5 reads a word's matches in rowid order and can stop at the newest ones, so SQLite has
   * nothing to do.
   */
  indexSearchBuckets(db: Kysely<unknown>): Promise<void>;
  /**
   * Makes the database itself refuse a scheduled call that overlaps, for the same agent, another
   * scheduled call ([starts_at, ends_at) intervals; touching is allowed), on insert and on update,
   * and a scheduled call without an agent or a positive time range. The core checks first (with the
   * buffer); this guard is the last line of defence against a writer that did not, such as a second
   * process on the same file. Its failure must carry CALL_OVERLAP_GUARD in the error message so the
   * core can recognise it: a trigger's RAISE message on SQLite, the name of an exclusion constraint
   * (`EXCLUDE USING gist (agent_id WITH =, int8range(starts_at, ends_at) WITH &&) WHERE (status =
   * 'scheduled')`) on PostgreSQL.
   */
  createCallOverlapGuard(db: Kysely<unknown>): Promise<void>;
  /**
   * Keeps customers.quota_spent equal to the number of the customer's messages with
   * counts_toward_quota = 1, in the same transaction as every insert, update and delete of messages,
   * whoever writes them (handlers, demo seeding, an import). Triggers on SQLite; a trigger function
   * on PostgreSQL.
   */
  createQuotaCounter(db: Kysely<unknown>): Promise<void>;
  /**
   * Keeps customers.open_tickets equal to the number of the customer's tickets whose status is open
   * work ('new', 'open', 'waiting_customer'), in the same transaction as every insert, delete and
   * change of a ticket's status or customer, whoever writes them. A status change within open work
   * (an answer: open to waiting_customer) leaves the customer's row alone, so answering does not
   * lock the customer. Triggers on SQLite; a trigger function on PostgreSQL.
   */
  createOpenTicketCounter(db: Kysely<unknown>): Promise<void>;
  /**
   * The handle migrations run on, when the dialect must adjust what they declare (PostgreSQL creates
   * `integer` columns as bigint: they hold epoch milliseconds and 64-bit ids, as SQLite's do).
   */
  forMigration?(db: Kysely<unknown>): Kysely<unknown>;
  /**
   * Loosens columns of an existing table, keeping every row, id, index, trigger and foreign key:
   * `dropNotNull` lets the column hold null, `allow` replaces the column's `in (…)` check with a
   * longer list. PostgreSQL alters the column and the check in place; SQLite cannot, so the table is
   * rebuilt (its documented twelve steps: a new table, the rows copied, the old one dropped, the new
   * one renamed, its indexes and triggers made again), which needs the migration's
   * `foreignKeysOff`.
   */
  relaxColumns(db: Kysely<unknown>, table: string, changes: readonly ColumnRelaxation[]): Promise<void>;
}

export interface ColumnRelaxation {
  column: string;
  dropNotNull?: true;
  /** The values the column's check allows from now on (a superset of the old ones). */
  allow?: readonly string[];
}

/**
 * The statuses the open-ticket counter counts (0023: its triggers and partial indexes), frozen with
 * that migration. The queue takes its shortcut through them only for the same statuses, which must
 * be shared/domain's `openWorkStatuses` (a test holds the two together).
 */
export const COUNTED_OPEN_STATUSES = ['new', 'open', 'waiting_customer'] as const;
/** The same, as an SQL list of literals for triggers and index predicates. */
export const OPEN_WORK_SQL = COUNTED_OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

/** The word every dialect's overlap guard puts in its error, whatever the database's wording. */
export const CALL_OVERLAP_GUARD = 'calls_no_overlap';

/**
 * One schema step. Migrations are append-only: once released, a migration's name and position never
 * change and its body is never edited; a change to the schema is a new file at the end of the list.
 */
export interface Migration {
  name: string;
  /**
   * SQLite only: the step runs with foreign key enforcement off (it must be switched before the
   * transaction begins), and `PRAGMA foreign_key_check` must find nothing before it commits. A table
   * rebuild (SchemaDialect.relaxColumns) needs it: dropping the old table would otherwise delete or
   * refuse every row that refers to it.
   */
  foreignKeysOff?: true;
  up(db: Kysely<unknown>, dialect: SchemaDialect): Promise<void>;
}
