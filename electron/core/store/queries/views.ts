import type { Kysely } from 'kysely';
import type { Database, SavedViewRow } from '../schema';

export function listSavedViews(db: Kysely<Database>, staffId: number): Promise<SavedViewRow[]> {
  return db
    .selectFrom('saved_views')
    .selectAll()
    .where('staff_id', '=', staffId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function findSavedView(db: Kysely<Database>, id: number): Promise<SavedViewRow | undefined> {
  return db.selectFrom('saved_views').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countSavedViews(db: Kysely<Database>, staffId: number): Promise<number> {
  const row = await db
    .selectFrom('saved_views')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('staff_id', '=', staffId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
