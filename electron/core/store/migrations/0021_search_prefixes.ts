import type { Migration } from './types';

/**
 * A word being typed must be found from its newest matches on, whatever its length: SQLite rebuilds
 * its full-text indexes with longer prefix indexes (see indexSearchPrefixes).
 */
export const searchPrefixes: Migration = {
  name: '0021_search_prefixes',
  async up(db, dialect) {
    await dialect.indexSearchPrefixes(db);
  },
};
