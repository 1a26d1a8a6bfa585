import { PostgresAdapter, type Kysely } from 'kysely';

export type StoreDialect = 'sqlite' | 'postgres';

/** Which engine a Kysely handle (or a transaction of it) runs on, for the few places that differ. */
export function dialectOf<DB>(db: Kysely<DB>): StoreDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
