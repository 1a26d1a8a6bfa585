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
}

/**
 * One schema step. Migrations are append-only: once released, a migration's name and position never
 * change and its body is never edited; a change to the schema is a new file at the end of the list.
 */
export interface Migration {
  name: string;
  up(db: Kysely<unknown>, dialect: SchemaDialect): Promise<void>;
}
