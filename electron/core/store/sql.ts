// Small SQL building blocks written in standard SQL, so they behave the same on SQLite and PostgreSQL.
import { sql, type Expression, type SqlBool } from 'kysely';

/** Case-insensitive "contains", with the user's %, _ and \ taken literally. */
export function containsText(column: string, needle: string): Expression<SqlBool> {
  const pattern = `%${needle.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
