import type { Migration } from './types';

/** Full-text search over subjects, messages (notes included) and customers; the dialect builds it. */
export const search: Migration = {
  name: '0004_search',
  async up(db, dialect) {
    await dialect.createSearchIndex(db);
  },
};
