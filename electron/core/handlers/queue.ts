import { z } from 'zod';
import type { QueueFilter } from '../../../shared/contract';
import { channelIds, type ChannelId } from '../../../shared/domain';
import type { HandlerContext } from '../api/context';
import type { Handler } from '../api/handler';
import { calendarFor } from '../rules';
import { listQueue, type QueueScope } from '../store/queries/tickets';
import { decodeCursor, encodeCursor } from './cursor';
import { toTicketSummary } from './present';

/**
 * Where the previous page ended, and the total the first page counted: the next pages return it
 * again rather than count the view on every page (a refresh starts from the first page and counts).
 */
const queueCursor = z
  .object({
    value: z.number().nullable(),
    id: z.number().int(),
    total: z.object({ n: z.number().int().nonnegative(), atLeast: z.boolean() }).strict().optional(),
  })
  .strict();

/**
 * What the store needs to run `filter` for this caller now. Due thresholds are worked out in each
 * channel's business time, so "due within 60 minutes" agrees with the countdown the agent sees.
 */
export function queueScope(
  ctx: Pick<HandlerContext, 'rules' | 'actor'>,
  filter: QueueFilter,
  now: number,
): QueueScope {
  let dueBy: Partial<Record<ChannelId, number>> | null = null;
  if (filter.dueWithinMinutes !== undefined) {
    const minutes = filter.dueWithinMinutes;
    dueBy = {};
    for (const channel of filter.channels?.length ? filter.channels : channelIds) {
      dueBy[channel] = calendarFor(ctx.rules, channel).addBusinessMinutes(now, minutes);
    }
  }
  const quota = ctx.rules.quota;
  return {
    actorId: ctx.actor?.id ?? null,
    now,
    dueBy,
    quota: quota ? { planIds: quota.plans, limit: quota.limit } : null,
  };
}

export const listQueueHandler: Handler<'queue.list'> = async (ctx, input) => {
  const cursor = input.cursor ? decodeCursor(input.cursor, queueCursor) : null;
  const { rows, next, total } = await listQueue(ctx.db, {
    filter: input.filter,
    sort: input.sort,
    after: cursor ? { value: cursor.value, id: cursor.id } : null,
    total: cursor?.total ?? null,
    limit: input.limit,
    scope: queueScope(ctx, input.filter, ctx.now()),
  });
  return {
    rows: rows.map((r) => toTicketSummary(ctx.rules, r)),
    nextCursor: next ? encodeCursor({ ...next, total }) : null,
    total: total.n,
    totalIsAtLeast: total.atLeast,
  };
};
