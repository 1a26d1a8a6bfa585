import { z } from 'zod';
import type { Handler } from '../api/handler';
import { listQueue } from '../store/queries/tickets';
import { decodeCursor, encodeCursor } from './cursor';
import { toTicketSummary } from './present';

const queueKey = z.object({ value: z.number().nullable(), id: z.number().int() }).strict();

export const listQueueHandler: Handler<'queue.list'> = async (ctx, input) => {
  const after = input.cursor ? decodeCursor(input.cursor, queueKey) : null;
  const { rows, next, total } = await listQueue(ctx.db, {
    filter: input.filter,
    sort: input.sort,
    after,
    limit: input.limit,
    actorId: ctx.actor?.id ?? null,
  });
  return {
    rows: rows.map((r) => toTicketSummary(ctx.rules, r)),
    nextCursor: next ? encodeCursor(next) : null,
    total,
  };
};
