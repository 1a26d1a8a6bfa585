import { sql } from 'kysely';
import { PASSWORD_MIN_LENGTH } from '../../../shared/contract';
import type { Handler } from '../api/handler';
import { ApiError, notSignedIn, signInModeOf } from '../api/errors';
import { hashPassword, verifyPassword } from '../identity/password';
import { issueSession, revokeSessions, revokeToken } from '../identity/sessions';
import { hasPassword, refuseUnknown, signInWithPassword, wrongPassword } from '../identity/signin';
import { findStaff, listStaff } from '../store/queries/staff';
import { toStaffMember } from './present';

export const signInOptions: Handler<'session.signInOptions'> = async (ctx) => ({
  mode: signInModeOf(ctx.identity),
  passwordMinLength: PASSWORD_MIN_LENGTH,
});

/** One machine: pick a staff member from the list; one with a password must give it. */
export const signIn: Handler<'session.signIn'> = async (ctx, { staffId, password }) => {
  if (ctx.identity.requirePasswords) {
    throw new ApiError('forbidden', 'This server signs people in by e-mail and password only.', 'staffId');
  }
  const staff = await findStaff(ctx.db, staffId);
  if (!staff) throw new ApiError('not_found', `No staff member with id ${staffId}.`, 'staffId');
  if (hasPassword(staff)) {
    if (password === undefined || password === '') {
      throw new ApiError('wrong_password', `Enter ${staff.name}'s password.`, 'password');
    }
    const issued = await signInWithPassword(ctx, staff, password);
    ctx.session.token = issued.token;
    ctx.session.staffId = staff.id;
    return toStaffMember((await findStaff(ctx.db, staff.id)) ?? staff);
  }
  if (staff.active !== 1) {
    await ctx.write(
      async (w) => {
        await w.audit({ entity: 'staff', entityId: staffId, before: null, after: { reason: 'deactivated' } });
      },
      { action: 'session.signIn.failed', actorStaffId: null },
    );
    throw new ApiError('deactivated', `${staff.name} is no longer active and cannot sign in.`, 'staffId');
  }
  const at = ctx.now();
  await ctx.write(
    async (w) => {
      await w.db.updateTable('staff').set({ last_signed_in_at: at }).where('id', '=', staffId).execute();
      await w.audit({
        entity: 'staff',
        entityId: staffId,
        before: { last_signed_in_at: staff.last_signed_in_at },
        after: { last_signed_in_at: at, picked: true },
      });
      w.changed({ topics: ['staff'] });
      // Signing in is the new staff member's own act, though no one was signed in when it began.
    },
    { actorStaffId: staffId },
  );
  ctx.session.token = null;
  ctx.session.staffId = staffId;
  return toStaffMember({ ...staff, last_signed_in_at: at });
};

export const signInByEmail: Handler<'session.signInWithPassword'> = async (ctx, input) => {
  const email = input.email.toLowerCase();
  const staff =
    (await ctx.db
      .selectFrom('staff')
      .selectAll()
      .where(sql<string>`lower(email)`, '=', email)
      .executeTakeFirst()) ?? null;
  if (!staff || !hasPassword(staff)) return refuseUnknown(ctx, email, staff);
  const issued = await signInWithPassword(ctx, staff, input.password);
  ctx.session.token = issued.token;
  ctx.session.staffId = staff.id;
  return {
    staff: toStaffMember((await findStaff(ctx.db, staff.id)) ?? staff),
    expiresAt: issued.expiresAt,
    token: input.bearer ? issued.token : null,
  };
};

export const signOut: Handler<'session.signOut'> = async (ctx) => {
  const actor = ctx.actor;
  const token = ctx.session.token;
  if (actor) {
    await ctx.write(async (w) => {
      const sessionId = token ? await revokeToken(w.db, token, ctx.now(), 'signed_out') : null;
      await w.audit({ entity: 'staff', entityId: actor.id, before: null, after: { sessionId } });
      // Every process forgets the session at once and ends its event streams.
      w.changed({ topics: ['sessions'] });
    });
  }
  ctx.session.staffId = null;
  ctx.session.token = null;
  return null;
};

export const changePassword: Handler<'session.changePassword'> = async (ctx, input) => {
  const actor = ctx.actor!;
  if (hasPassword(actor)) {
    const verified = await verifyPassword(input.currentPassword, actor.password_hash, ctx.identity.scrypt);
    if (!verified.ok) {
      await ctx.write(
        async (w) => {
          await w.audit({
            entity: 'staff',
            entityId: actor.id,
            before: null,
            after: { reason: 'wrong_password' },
          });
        },
        { action: 'session.changePassword.failed' },
      );
      const error = wrongPassword();
      throw new ApiError(error.code, 'The current password is not right.', 'currentPassword');
    }
  }
  if (input.currentPassword === input.newPassword) {
    throw new ApiError('invalid_input', 'The new password is the same as the current one.', 'newPassword');
  }
  const hash = await hashPassword(input.newPassword, ctx.identity.scrypt);
  const at = ctx.now();
  const keep = ctx.session.token ?? null;
  const issued = await ctx.write(async (w) => {
    await w.db
      .updateTable('staff')
      .set({ password_hash: hash, password_changed_at: at, failed_sign_ins: 0, locked_until: null })
      .where('id', '=', actor.id)
      .execute();
    const ended = await revokeSessions(w.db, actor.id, at, 'password_changed', keep);
    // Picked from the list until now: from now on this window rests on a session like any other.
    const fresh = keep ? null : await issueSession(ctx, w.db, actor.id, ctx.session.client);
    await w.audit({
      entity: 'staff',
      entityId: actor.id,
      before: { hadPassword: hasPassword(actor) },
      after: { passwordChangedAt: at, otherSessionsEnded: ended },
    });
    w.changed({ topics: ['staff'] });
    return fresh;
  });
  if (issued) ctx.session.token = issued.token;
  return null;
};

export const currentSession: Handler<'session.current'> = async (ctx) =>
  ctx.actor ? toStaffMember(ctx.actor) : null;

export const listAllStaff: Handler<'staff.list'> = async (ctx) => {
  // On a team server the list of names and addresses is for colleagues, not for anyone who asks.
  if (ctx.identity.requirePasswords && !ctx.actor) {
    throw notSignedIn(ctx.identity);
  }
  return (await listStaff(ctx.db)).map(toStaffMember);
};
