import type { Handler } from '../api/handler';
import { ApiError } from '../api/errors';
import { findStaff, listStaff } from '../store/queries/staff';
import { toStaffMember } from './present';

export const signIn: Handler<'session.signIn'> = async (ctx, { staffId }) => {
  const staff = await findStaff(ctx.db, staffId);
  if (!staff) throw new ApiError('not_found', `No staff member with id ${staffId}.`, 'staffId');
  if (staff.active !== 1)
    throw new ApiError('forbidden', `${staff.name} is no longer active and cannot sign in.`, 'staffId');
  const at = ctx.now();
  await ctx.write(
    async (w) => {
      await w.db.updateTable('staff').set({ last_signed_in_at: at }).where('id', '=', staffId).execute();
      await w.audit({
        entity: 'staff',
        entityId: staffId,
        before: { last_signed_in_at: staff.last_signed_in_at },
        after: { last_signed_in_at: at },
      });
      w.changed({ topics: ['staff'] });
      // Signing in is the new staff member's own act, though no one was signed in when it began.
    },
    { actorStaffId: staffId },
  );
  ctx.session.staffId = staffId;
  return toStaffMember({ ...staff, last_signed_in_at: at });
};

export const signOut: Handler<'session.signOut'> = async (ctx) => {
  ctx.session.staffId = null;
  return null;
};

export const currentSession: Handler<'session.current'> = async (ctx) =>
  ctx.actor ? toStaffMember(ctx.actor) : null;

export const listAllStaff: Handler<'staff.list'> = async (ctx) =>
  (await listStaff(ctx.db)).map(toStaffMember);
