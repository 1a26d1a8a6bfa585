import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * One row every write transaction updates first. Taking the write lock before reading means two
 * processes on one file (the desktop app and serve mode) queue behind each other instead of one
 * failing with "database is locked" after reading a snapshot the other has since changed.
 */
export const writeLock: Migration = {
  name: '0007_write_lock',
  async up(db) {
    await db.schema
      .createTable('write_lock')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('writes', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into write_lock (id, writes) values (1, 0)`.execute(db);
  },
};
