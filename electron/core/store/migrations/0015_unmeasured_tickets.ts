import { sql } from 'kysely';
import type { Migration } from './types';

/**
 * Every start looks for tickets from before SLA hours that were never measured (sla/record.ts
 * adoptUnmeasuredTickets). There are none in a database made since, so without an index that look
 * read the whole tickets table at each start (seconds on a million tickets); this partial index holds
 * only the unmeasured ones, and is empty once they are adopted.
 */
export const unmeasuredTickets: Migration = {
  name: '0015_unmeasured_tickets',
  async up(db) {
    await db.schema
      .createIndex('tickets_unmeasured')
      .on('tickets')
      .column('id')
      .where(sql.ref('sla_rule_version'), 'is', null)
      .execute();
  },
};
