import type { Kysely } from 'kysely';
import type { Database, StaffRow } from '../schema';

export function findStaff(db: Kysely<Database>, id: number): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listStaff(db: Kysely<Database>): Promise<StaffRow[]> {
  return db.selectFrom('staff').selectAll().orderBy('role').orderBy('name').execute();
}
