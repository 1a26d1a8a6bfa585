import type { Handler } from '../api/handler';
import { ApiError } from '../api/errors';
import { readSettings } from '../store/queries/settings';

export const getSettings: Handler<'settings.get'> = async (ctx) => readSettings(ctx.db);

export const updateSettings: Handler<'settings.update'> = async (ctx, patch) => {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
  if (entries.length === 0) throw new ApiError('invalid_input', 'Name at least one setting to change.');
  await ctx.write(async (w) => {
    const before = await readSettings(w.db);
    for (const [key, value] of entries) {
      const json = JSON.stringify(value);
      const updated = await w.db
        .updateTable('settings')
        .set({ value: json, updated_at: ctx.now(), updated_by: ctx.actor?.id ?? null })
        .where('key', '=', key)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        await w.db
          .insertInto('settings')
          .values({ key, value: json, updated_at: ctx.now(), updated_by: ctx.actor?.id ?? null })
          .execute();
      }
    }
    await w.audit({ entity: 'settings', entityId: null, before, after: { ...before, ...patch } });
    w.changed({ topics: ['settings'] });
  });
  return readSettings(ctx.db);
};
