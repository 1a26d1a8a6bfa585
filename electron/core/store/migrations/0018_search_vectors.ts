import type { Migration } from './types';

/**
 * Ranking search results must not parse every candidate's text again: PostgreSQL stores each searched
 * row's words in a column and indexes that; FTS5 already keeps them (see storeSearchVectors).
 */
export const searchVectors: Migration = {
  name: '0018_search_vectors',
  async up(db, dialect) {
    await dialect.storeSearchVectors(db);
  },
};
