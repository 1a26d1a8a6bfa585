import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export function managerLoads(db: Kysely<Database>) {
  return db
    .selectFrom('staff as s')
    .leftJoin('manager_assignments as ma', (join) =>
      join.onRef('ma.manager_id', '=', 's.id').on('ma.ended_at', 'is', null),
    )
    .select((eb) => ['s.id', 's.name', 's.active', 's.capacity', eb.fn.count<number>('ma.id').as('load')])
    .where('s.role', '=', 'account_manager')
    .groupBy(['s.id', 's.name', 's.active', 's.capacity'])
    .orderBy('s.name')
    .execute();
}

export function activeAssignment(db: Kysely<Database>, customerId: number) {
  return db
    .selectFrom('manager_assignments')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

export function assignmentRows(db: Kysely<Database>) {
  return db
    .selectFrom('manager_assignments as ma')
    .innerJoin('customers as c', 'c.id', 'ma.customer_id')
    .innerJoin('staff as m', 'm.id', 'ma.manager_id')
    .leftJoin('staff as b', 'b.id', 'ma.assigned_by')
    .select([
      'ma.id',
      'ma.customer_id',
      'c.name as customer_name',
      'ma.manager_id',
      'm.name as manager_name',
      'ma.started_at',
      'ma.ended_at',
      'b.name as assigned_by_name',
      'ma.reason',
      'ma.ended_reason',
    ]);
}
