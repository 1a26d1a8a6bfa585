import type { EventPayload } from '../../../shared/contract';
import type { LiveEvent } from '../live';
import type { AuditEntry, Change, Core, WriteScope } from './context';
import { ApiError } from './errors';

/**
 * The only way handlers write: one transaction holding the change and its audit entries, committed
 * together or not at all. The change is announced to every client only after it committed: to this
 * process's clients by the event bus, to other processes' through the database's change feed,
 * written in the same transaction.
 */
export async function runWrite<T>(
  core: Core,
  action: string,
  actorStaffId: number | null,
  work: (scope: WriteScope) => Promise<T>,
): Promise<T> {
  const changes: Change[] = [];
  const announced: LiveEvent[] = [];
  let audited = 0;
  let events: LiveEvent[] = [];
  const result = await core.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('write_lock')
      .set((eb) => ({ writes: eb('writes', '+', 1) }))
      .where('id', '=', 1)
      .execute();
    const at = core.now();
    const scope: WriteScope = {
      db: trx,
      async audit(entry: AuditEntry) {
        audited++;
        await trx
          .insertInto('audit_log')
          .values({
            at,
            actor_staff_id: actorStaffId,
            action,
            entity: entry.entity,
            entity_id: entry.entityId,
            before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
            after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
          })
          .execute();
      },
      changed(change) {
        changes.push(change);
      },
      announce(event, payload) {
        announced.push({ event, payload } as LiveEvent);
      },
    };
    const value = await work(scope);
    if (audited === 0) {
      // A write without its audit entry is a bug in the handler; refuse to commit it.
      throw new ApiError('internal', `${action} wrote without an audit entry; nothing was saved.`);
    }
    events = [
      ...(changes.length > 0 ? [{ event: 'data.changed', payload: mergeChanges(changes) } as const] : []),
      ...announced,
    ];
    await core.live.publish(trx, events);
    return value;
  });
  core.live.emitLocally(events);
  return result;
}

function mergeChanges(changes: Change[]): EventPayload<'data.changed'> {
  const topics = new Set<EventPayload<'data.changed'>['topics'][number]>();
  const ticketIds = new Set<number>();
  const customerIds = new Set<number>();
  for (const change of changes) {
    change.topics?.forEach((t) => topics.add(t));
    change.ticketIds?.forEach((t) => ticketIds.add(t));
    change.customerIds?.forEach((c) => customerIds.add(c));
  }
  return { topics: [...topics], ticketIds: [...ticketIds], customerIds: [...customerIds] };
}
