import type { Migration } from './types';

/**
 * A search must find the newest matches of its words without reading every match in the table:
 * PostgreSQL indexes each row's words once more, each tagged with the row's range of ids (see
 * indexSearchBuckets). FTS5 reads its matches newest first already.
 */
export const searchBuckets: Migration = {
  name: '0024_search_buckets',
  async up(db, dialect) {
    await dialect.indexSearchBuckets(db);
  },
};
