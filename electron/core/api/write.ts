import type { Insertable } from 'kysely';
import type { EventPayload } from '../../../shared/contract';
import type { LiveEvent } from '../live';
import type { AuditEntry, Change, Core, WriteScope } from './context';
import { RETRYABLE_SQLSTATES, sqlState } from '../store/postgres';
import type { AuditLogTable } from '../store/schema';
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
  for (let attempt = 1; ; attempt++) {
    try {
      const { result, events } = await attemptWrite(core, action, actorStaffId, work);
      core.live.emitLocally(events);
      return result;
    } catch (error) {
      // PostgreSQL may cancel one of two transactions that wait on each other (deadlock) or, under
      // stricter isolation, that raced on the same rows; nothing of it was written, so it runs again.
      if (core.dialect !== 'postgres' || attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

const MAX_ATTEMPTS = 5;

/** 7 parameters a row: far below SQLite's and PostgreSQL's limits on one statement's parameters. */
const AUDIT_ROWS_PER_INSERT = 500;

function isRetryable(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && RETRYABLE_SQLSTATES.has(state);
}

async function attemptWrite<T>(
  core: Core,
  action: string,
  actorStaffId: number | null,
  work: (scope: WriteScope) => Promise<T>,
): Promise<{ result: T; events: LiveEvent[] }> {
  const changes: Change[] = [];
  const announced: LiveEvent[] = [];
  let events: LiveEvent[] = [];
  const result = await core.db.transaction().execute(async (trx) => {
    if (core.dialect === 'sqlite') {
      // SQLite has one writer at a time: taking the lock row first makes a second process wait
      // here instead of failing later on a snapshot that went stale. PostgreSQL locks what each
      // write touches instead (the customer row around quota decisions, the ticket on claim).
      await trx
        .updateTable('write_lock')
        .set((eb) => ({ writes: eb('writes', '+', 1) }))
        .where('id', '=', 1)
        .execute();
    }
    const at = core.now();
    // The entries are written together when the work is done, in the order they were made: one
    // statement instead of one per entry (an answer makes four). Each is serialised at once, as
    // the handler's values stood when it audited them.
    const entries: Insertable<AuditLogTable>[] = [];
    const scope: WriteScope = {
      db: trx,
      audit(entry: AuditEntry) {
        entries.push({
          at,
          actor_staff_id: actorStaffId,
          action,
          entity: entry.entity,
          entity_id: entry.entityId,
          before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
          after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
        });
        return Promise.resolve();
      },
      changed(change) {
        changes.push(change);
      },
      announce(event, payload) {
        announced.push({ event, payload } as LiveEvent);
      },
    };
    const value = await work(scope);
    if (entries.length === 0) {
      // A write without its audit entry is a bug in the handler; refuse to commit it.
      throw new ApiError('internal', `${action} wrote without an audit entry; nothing was saved.`);
    }
    for (let i = 0; i < entries.length; i += AUDIT_ROWS_PER_INSERT) {
      await trx
        .insertInto('audit_log')
        .values(entries.slice(i, i + AUDIT_ROWS_PER_INSERT))
        .execute();
    }
    events = [
      ...(changes.length > 0 ? [{ event: 'data.changed', payload: mergeChanges(changes) } as const] : []),
      ...announced,
    ];
    await core.live.publish(trx, events);
    return value;
  });
  return { result, events };
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
