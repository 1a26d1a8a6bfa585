// Checking a password at sign-in, with the lock-out: `maxFailures` wrong passwords in a row lock the
// account's sign-in for `lockMs`. A refusal writes only its audit entry and the failure count.
import type { HandlerContext } from '../api/context';
import { ApiError } from '../api/errors';
import type { StaffRow } from '../store/schema';
import { hashPassword, verifyNothing, verifyPassword } from './password';
import { issueSession, type IssuedSession } from './sessions';

export function wrongPassword(): ApiError {
  return new ApiError('wrong_password', 'The e-mail address and password do not match.', 'password');
}

function lockedOut(until: number): ApiError {
  return new ApiError(
    'locked_out',
    `Too many wrong passwords: sign-in to this account is locked until ${new Date(until).toISOString().slice(11, 16)} GMT.`,
    undefined,
    until,
  );
}

/** For an e-mail no one signs in with: the same time and answer as a wrong password. */
export async function refuseUnknown(
  ctx: HandlerContext,
  email: string,
  staff: StaffRow | null,
): Promise<never> {
  await verifyNothing(email, ctx.identity.scrypt);
  await ctx.write(
    async (w) => {
      await w.audit({
        entity: 'staff',
        entityId: staff?.id ?? null,
        before: null,
        after: { email, reason: staff ? 'no_password' : 'unknown_email' },
      });
    },
    { action: 'session.signIn.failed', actorStaffId: null },
  );
  throw wrongPassword();
}

/**
 * Checks `password` against the staff member's hash. On success: resets the failure count,
 * re-hashes with stronger parameters when due, records the sign-in and issues a session. Throws the
 * typed refusal otherwise (wrong password, locked out, deactivated).
 */
export async function signInWithPassword(
  ctx: HandlerContext,
  staff: StaffRow & { password_hash: string },
  password: string,
): Promise<IssuedSession> {
  const { identity } = ctx;
  const now = ctx.now();
  if (staff.locked_until !== null && staff.locked_until > now) {
    await ctx.write(
      async (w) => {
        await w.audit({
          entity: 'staff',
          entityId: staff.id,
          before: null,
          after: { lockedUntil: staff.locked_until },
        });
      },
      { action: 'session.signIn.locked', actorStaffId: null },
    );
    throw lockedOut(staff.locked_until);
  }
  const verified = await verifyPassword(password, staff.password_hash, identity.scrypt);
  if (!verified.ok) {
    const lockedUntil = await ctx.write(
      async (w) => {
        // Counted in the database, in the write's transaction, so two wrong tries at once both count.
        const row = await w.db
          .updateTable('staff')
          .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
          .where('id', '=', staff.id)
          .returning('failed_sign_ins')
          .executeTakeFirstOrThrow();
        if (row.failed_sign_ins < identity.maxFailures) {
          await w.audit({
            entity: 'staff',
            entityId: staff.id,
            before: null,
            after: { reason: 'wrong_password', failures: row.failed_sign_ins },
          });
          return null;
        }
        const until = now + identity.lockMs;
        await w.db
          .updateTable('staff')
          .set({ failed_sign_ins: 0, locked_until: until })
          .where('id', '=', staff.id)
          .execute();
        await w.audit({
          entity: 'staff',
          entityId: staff.id,
          before: null,
          after: { reason: 'locked_out', failures: row.failed_sign_ins, lockedUntil: until },
        });
        w.changed({ topics: ['staff'] });
        return until;
      },
      { action: 'session.signIn.failed', actorStaffId: null },
    );
    throw lockedUntil === null ? wrongPassword() : lockedOut(lockedUntil);
  }
  if (staff.active !== 1) {
    await ctx.write(
      async (w) => {
        await w.audit({
          entity: 'staff',
          entityId: staff.id,
          before: null,
          after: { reason: 'deactivated' },
        });
      },
      { action: 'session.signIn.failed', actorStaffId: null },
    );
    throw new ApiError('deactivated', `${staff.name} was deactivated by a lead and cannot sign in.`);
  }
  const rehashed = verified.needsRehash ? await hashPassword(password, identity.scrypt) : null;
  return ctx.write(
    async (w) => {
      await w.db
        .updateTable('staff')
        .set({
          failed_sign_ins: 0,
          locked_until: null,
          last_signed_in_at: now,
          ...(rehashed ? { password_hash: rehashed } : {}),
        })
        .where('id', '=', staff.id)
        .execute();
      const issued = await issueSession(ctx, w.db, staff.id, ctx.session.client);
      await w.audit({
        entity: 'staff',
        entityId: staff.id,
        before: { last_signed_in_at: staff.last_signed_in_at },
        after: { last_signed_in_at: now, sessionId: issued.id, rehashed: rehashed !== null },
      });
      w.changed({ topics: ['staff'] });
      return issued;
    },
    { actorStaffId: staff.id, action: 'session.signIn' },
  );
}

export function hasPassword(staff: StaffRow): staff is StaffRow & { password_hash: string } {
  return staff.password_hash !== null;
}
