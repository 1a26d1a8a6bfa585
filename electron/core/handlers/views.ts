// Queue views: the built-in ones every staff member has, and each staff member's own saved ones,
// each with its live count from the store. A saved view belongs to the person who saved it: nobody
// else sees, overwrites or deletes it (another person's view answers "not found", like a missing one).
import {
  queueColumns,
  queueFilter,
  queueSort,
  type QueueFilter,
  type QueueView,
} from '../../../shared/contract';
import type { HandlerContext } from '../api/context';
import { ApiError, notSignedIn } from '../api/errors';
import type { Handler } from '../api/handler';
import type { SavedViewRow, StaffRow } from '../store/schema';
import { countQueue, type QueueTotal } from '../store/queries/tickets';
import { findSavedView, listSavedViews } from '../store/queries/views';
import { builtinViews } from '../../../shared/builtin-views';
import { queueScope } from './queue';

/** Enough for anyone's working set; a runaway client cannot fill the database with views. */
export const MAX_SAVED_VIEWS = 50;

const CUSTOM_PREFIX = 'custom:';

function customId(id: number): string {
  return `${CUSTOM_PREFIX}${id}`;
}

/** The contract already checked the `custom:<digits>` shape; only a number too big is left to refuse. */
function parseCustomId(text: string): number | null {
  const id = Number(text.slice(CUSTOM_PREFIX.length));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

function counted(total: QueueTotal): Pick<QueueView, 'count' | 'countIsAtLeast'> {
  return { count: total.n, countIsAtLeast: total.atLeast };
}

function signedIn(ctx: HandlerContext): StaffRow {
  if (!ctx.actor) throw notSignedIn(ctx.identity);
  return ctx.actor;
}

function counter(ctx: HandlerContext, now: number) {
  return (filter: QueueFilter) => countQueue(ctx.db, filter, queueScope(ctx, filter, now));
}

/** Stored JSON goes back through the contract's schemas: what comes out is exactly what went in. */
function toCustomView(row: SavedViewRow, viewCount: QueueTotal): QueueView {
  return {
    id: customId(row.id),
    kind: 'custom',
    name: row.name,
    filter: queueFilter.parse(JSON.parse(row.filter)),
    sort: queueSort.parse(JSON.parse(row.sort)),
    columns: queueColumns.parse(JSON.parse(row.columns)),
    ...counted(viewCount),
  };
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, 'en', { sensitivity: 'accent' }) === 0;
}

export const listViews: Handler<'views.list'> = async (ctx) => {
  const me = signedIn(ctx);
  const count = counter(ctx, ctx.now());
  const out: QueueView[] = [];
  for (const view of builtinViews) {
    out.push({
      id: view.id,
      kind: 'builtin',
      name: view.name,
      filter: view.filter,
      sort: view.sort,
      columns: null,
      ...counted(await count(view.filter)),
    });
  }
  for (const row of await listSavedViews(ctx.db, me.id)) {
    const filter = queueFilter.parse(JSON.parse(row.filter));
    out.push(toCustomView(row, await count(filter)));
  }
  return out;
};

export const saveView: Handler<'views.save'> = async (ctx, input) => {
  const me = signedIn(ctx);
  const now = ctx.now();
  const values = {
    name: input.name,
    filter: JSON.stringify(input.filter),
    sort: JSON.stringify(input.sort),
    columns: JSON.stringify(input.columns),
    updated_at: now,
  };
  const id = await ctx.write(async (w) => {
    const mine = await listSavedViews(w.db, me.id);
    let target: SavedViewRow | undefined;
    if (input.id !== undefined) {
      const wanted = parseCustomId(input.id);
      target = mine.find((v) => v.id === wanted);
      if (!target) throw new ApiError('not_found', `You have no saved view ${input.id}.`, 'id');
    }
    const clash = mine.find((v) => v.id !== target?.id && sameName(v.name, input.name));
    if (clash) {
      throw new ApiError(
        'conflict',
        `You already have a view named “${clash.name}”; choose another name or overwrite that view.`,
        'name',
      );
    }
    if (target) {
      await w.db.updateTable('saved_views').set(values).where('id', '=', target.id).execute();
      const { name, filter, sort, columns } = target;
      await w.audit({
        entity: 'saved_view',
        entityId: target.id,
        before: { name, filter, sort, columns },
        after: values,
      });
      w.changed({ topics: ['views'] });
      return target.id;
    }
    if (mine.length >= MAX_SAVED_VIEWS) {
      throw new ApiError(
        'conflict',
        `You already have ${MAX_SAVED_VIEWS} saved views; delete one before saving another.`,
      );
    }
    const row = { staff_id: me.id, created_at: now, ...values };
    const created = await w.db
      .insertInto('saved_views')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.audit({
      entity: 'saved_view',
      entityId: created.id,
      before: null,
      after: { id: created.id, ...row },
    });
    w.changed({ topics: ['views'] });
    return created.id;
  });
  const row = await findSavedView(ctx.db, id);
  if (!row) throw new ApiError('internal', `Saved view ${id} was written but cannot be read back.`);
  const count = counter(ctx, now);
  return toCustomView(row, await count(input.filter));
};

export const deleteView: Handler<'views.delete'> = async (ctx, input) => {
  const me = signedIn(ctx);
  const wanted = parseCustomId(input.id);
  await ctx.write(async (w) => {
    const row = wanted === null ? undefined : await findSavedView(w.db, wanted);
    if (!row || row.staff_id !== me.id) {
      throw new ApiError('not_found', `You have no saved view ${input.id}.`, 'id');
    }
    await w.db.deleteFrom('saved_views').where('id', '=', row.id).execute();
    await w.audit({ entity: 'saved_view', entityId: row.id, before: row, after: null });
    w.changed({ topics: ['views'] });
  });
  return null;
};
