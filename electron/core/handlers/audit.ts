import type { Handler } from '../api/handler';

export const listAudit: Handler<'audit.list'> = async (ctx, input) => {
  let query = ctx.db
    .selectFrom('audit_log as a')
    .leftJoin('staff as s', 's.id', 'a.actor_staff_id')
    .select([
      'a.id',
      'a.at',
      's.name as actor_name',
      'a.action',
      'a.entity',
      'a.entity_id',
      'a.before',
      'a.after',
    ])
    .orderBy('a.id', 'desc')
    .limit(input.limit);
  if (input.entity !== undefined) query = query.where('a.entity', '=', input.entity);
  if (input.entityId !== undefined) query = query.where('a.entity_id', '=', input.entityId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorName: r.actor_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
  }));
};
