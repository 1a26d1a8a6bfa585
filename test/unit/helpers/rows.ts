// A customer row written straight into a store, for tests about the store itself (indexes, triggers,
// migrations) that need rows without going through the handlers.
import type { Kysely } from 'kysely';
import type { Database } from '../../../electron/core/store/schema';

export interface CustomerFields {
  name: string;
  email: string;
  company?: string | null;
  planId?: string;
  /** plan_since, created_at and updated_at. */
  at: number;
}

/** Inserts the customer and returns its id. */
export async function insertCustomer(db: Kysely<Database>, fields: CustomerFields): Promise<number> {
  const row = await db
    .insertInto('customers')
    .values({
      name: fields.name,
      company: fields.company ?? null,
      account_email: fields.email,
      zone: null,
      plan_id: fields.planId ?? 'free',
      plan_since: fields.at,
      created_at: fields.at,
      updated_at: fields.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
