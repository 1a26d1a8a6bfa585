// The lead's staff administration: invitations, roles, deactivation. Each change is audited and
// ends the sessions it must (deactivation ends all of the person's sessions at once).
import { sql } from 'kysely';
import type { InvitationSummary, StaffAccount } from '../../../shared/contract';
import type { HandlerContext } from '../api/context';
import { ApiError, notFound } from '../api/errors';
import type { Handler } from '../api/handler';
import { auditRefusal } from '../identity/authenticate';
import { hashPassword } from '../identity/password';
import { openSessionCounts, revokeSessions } from '../identity/sessions';
import { hashToken, newToken } from '../identity/tokens';
import type { StaffInvitationRow, StaffRow } from '../store/schema';
import { findStaff } from '../store/queries/staff';
import { toStaffMember } from './present';

function toAccount(row: StaffRow, openSessions: number, now: number): StaffAccount {
  return {
    ...toStaffMember(row),
    lastSignedInAt: row.last_signed_in_at,
    lockedUntil: row.locked_until !== null && row.locked_until > now ? row.locked_until : null,
    openSessions,
  };
}

async function accountOf(ctx: HandlerContext, staffId: number): Promise<StaffAccount> {
  const row = await findStaff(ctx.db, staffId);
  if (!row) throw notFound('staff member', staffId, 'staffId');
  return toAccount(row, (await openSessionCounts(ctx)).get(staffId) ?? 0, ctx.now());
}

function invitationStatus(row: StaffInvitationRow, now: number): InvitationSummary['status'] {
  if (row.accepted_at !== null) return 'accepted';
  if (row.revoked_at !== null) return 'revoked';
  return row.expires_at <= now ? 'expired' : 'pending';
}

function toInvitation(row: StaffInvitationRow, invitedByName: string | null, now: number): InvitationSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    zone: row.zone,
    invitedByName,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    status: invitationStatus(row, now),
  };
}

async function invitationsWithNames(ctx: HandlerContext, rows: StaffInvitationRow[]) {
  const names = new Map(
    (await ctx.db.selectFrom('staff').select(['id', 'name']).execute()).map((s) => [s.id, s.name]),
  );
  const now = ctx.now();
  return rows.map((row) =>
    toInvitation(row, row.invited_by === null ? null : (names.get(row.invited_by) ?? null), now),
  );
}

function findByEmail(ctx: HandlerContext, email: string) {
  return ctx.db
    .selectFrom('staff')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export const listAccounts: Handler<'staff.accounts'> = async (ctx) => {
  const counts = await openSessionCounts(ctx);
  const now = ctx.now();
  const staff = await ctx.db.selectFrom('staff').selectAll().orderBy('name').execute();
  const invitations = await ctx.db
    .selectFrom('staff_invitations')
    .selectAll()
    .where('accepted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return {
    staff: staff.map((row) => toAccount(row, counts.get(row.id) ?? 0, now)),
    invitations: await invitationsWithNames(ctx, invitations),
  };
};

export const invite: Handler<'staff.invite'> = async (ctx, input) => {
  const email = input.email.toLowerCase();
  const existing = await findByEmail(ctx, email);
  if (existing) {
    throw new ApiError('conflict', `${existing.name} already has an account with ${email}.`, 'email');
  }
  const token = newToken();
  const now = ctx.now();
  const row = await ctx.write(async (w) => {
    // A new invitation to the same address replaces the ones still pending: only the latest link works.
    const replaced = await w.db
      .updateTable('staff_invitations')
      .set({ revoked_at: now })
      .where(sql<string>`lower(email)`, '=', email)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    const created = await w.db
      .insertInto('staff_invitations')
      .values({
        token_hash: hashToken(token),
        email,
        name: input.name,
        role: input.role,
        zone: input.zone,
        invited_by: ctx.actor?.id ?? null,
        created_at: now,
        expires_at: now + ctx.identity.invitationMs,
        accepted_at: null,
        revoked_at: null,
        staff_id: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await w.audit({
      entity: 'staff_invitation',
      entityId: created.id,
      before: null,
      after: {
        email,
        name: input.name,
        role: input.role,
        expiresAt: created.expires_at,
        replaced: replaced.map((r) => r.id),
      },
    });
    w.changed({ topics: ['staff'] });
    return created;
  });
  return { invitation: toInvitation(row, ctx.actor?.name ?? null, now), token };
};

export const revokeInvitation: Handler<'staff.revokeInvitation'> = async (ctx, { invitationId }) => {
  const row = await ctx.db
    .selectFrom('staff_invitations')
    .selectAll()
    .where('id', '=', invitationId)
    .executeTakeFirst();
  if (!row) throw notFound('invitation', invitationId, 'invitationId');
  const status = invitationStatus(row, ctx.now());
  if (status !== 'pending') {
    throw new ApiError('conflict', `That invitation is already ${status}.`, 'invitationId');
  }
  const at = ctx.now();
  const updated = await ctx.write(async (w) => {
    const next = await w.db
      .updateTable('staff_invitations')
      .set({ revoked_at: at })
      .where('id', '=', invitationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await w.audit({
      entity: 'staff_invitation',
      entityId: invitationId,
      before: { status },
      after: { status: 'revoked' },
    });
    w.changed({ topics: ['staff'] });
    return next;
  });
  return (await invitationsWithNames(ctx, [updated]))[0]!;
};

/** The invitation a token names, or the refusal (audited: someone tried a link). */
async function usableInvitation(ctx: HandlerContext, token: string): Promise<StaffInvitationRow> {
  const row = await ctx.db
    .selectFrom('staff_invitations')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  const status = row ? invitationStatus(row, ctx.now()) : null;
  if (row && status === 'pending') return row;
  await auditRefusal(ctx, 'staff.invitation.refused', null, {
    invitationId: row?.id ?? null,
    status: status ?? 'unknown',
  });
  const messages = {
    unknown:
      'This invitation link is not valid. Check that it was copied whole, or ask your lead for a new one.',
    accepted: 'This invitation was already used. Sign in with the password chosen then.',
    revoked: 'This invitation was withdrawn. Ask your lead for a new one.',
    expired: 'This invitation has expired. Ask your lead for a new one.',
  } as const;
  const reason = status === null || status === 'pending' ? 'unknown' : status;
  throw new ApiError(row ? 'conflict' : 'not_found', messages[reason], 'token');
}

export const readInvitation: Handler<'staff.invitation'> = async (ctx, { token }) => {
  const row = await usableInvitation(ctx, token);
  return { email: row.email, name: row.name, role: row.role, expiresAt: row.expires_at };
};

export const acceptInvitation: Handler<'staff.acceptInvitation'> = async (ctx, { token, password }) => {
  const row = await usableInvitation(ctx, token);
  const taken = await findByEmail(ctx, row.email);
  if (taken) throw new ApiError('conflict', `${row.email} already has an account. Sign in instead.`, 'token');
  const hash = await hashPassword(password, ctx.identity.scrypt);
  const at = ctx.now();
  await ctx.write(
    async (w) => {
      const staff = await w.db
        .insertInto('staff')
        .values({
          name: row.name,
          email: row.email,
          role: row.role,
          zone: row.zone,
          active: 1,
          capacity: row.role === 'account_manager' ? 20 : null,
          last_signed_in_at: null,
          created_at: at,
          password_hash: hash,
          password_changed_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Guarded on still pending: two acceptances at once cannot both create an account.
      const marked = await w.db
        .updateTable('staff_invitations')
        .set({ accepted_at: at, staff_id: staff.id })
        .where('id', '=', row.id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) {
        throw new ApiError('conflict', 'This invitation was used or withdrawn just now.', 'token');
      }
      await w.audit({
        entity: 'staff',
        entityId: staff.id,
        before: null,
        after: { invitationId: row.id, email: row.email, name: row.name, role: row.role },
      });
      w.changed({ topics: ['staff'] });
      return staff.id;
    },
    { actorStaffId: null },
  );
  return { email: row.email };
};

async function otherActiveLeads(ctx: HandlerContext, staffId: number): Promise<number> {
  const row = await ctx.db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'lead')
    .where('active', '=', 1)
    .where('id', '<>', staffId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const setRole: Handler<'staff.setRole'> = async (ctx, { staffId, role }) => {
  const target = await findStaff(ctx.db, staffId);
  if (!target) throw notFound('staff member', staffId, 'staffId');
  if (target.role === role) return accountOf(ctx, staffId);
  if (target.role === 'lead' && target.active === 1 && (await otherActiveLeads(ctx, staffId)) === 0) {
    throw new ApiError(
      'conflict',
      `${target.name} is the only active lead; make someone else lead first.`,
      'role',
    );
  }
  await ctx.write(async (w) => {
    await w.db
      .updateTable('staff')
      .set({
        role,
        // Capacity is an account manager's figure only.
        capacity: role === 'account_manager' ? (target.capacity ?? 20) : null,
      })
      .where('id', '=', staffId)
      .execute();
    await w.audit({ entity: 'staff', entityId: staffId, before: { role: target.role }, after: { role } });
    w.changed({ topics: ['staff'] });
  });
  return accountOf(ctx, staffId);
};

export const setActive: Handler<'staff.setActive'> = async (ctx, { staffId, active }) => {
  const target = await findStaff(ctx.db, staffId);
  if (!target) throw notFound('staff member', staffId, 'staffId');
  if ((target.active === 1) === active) return accountOf(ctx, staffId);
  if (!active) {
    if (staffId === ctx.actor?.id) {
      throw new ApiError('conflict', 'You cannot deactivate yourself; ask another lead.', 'staffId');
    }
    if (target.role === 'lead' && (await otherActiveLeads(ctx, staffId)) === 0) {
      throw new ApiError('conflict', `${target.name} is the only active lead.`, 'staffId');
    }
  }
  const at = ctx.now();
  await ctx.write(async (w) => {
    await w.db
      .updateTable('staff')
      .set(active ? { active: 1, failed_sign_ins: 0, locked_until: null } : { active: 0 })
      .where('id', '=', staffId)
      .execute();
    const ended = active ? 0 : await revokeSessions(w.db, staffId, at, 'deactivated');
    await w.audit({
      entity: 'staff',
      entityId: staffId,
      before: { active: target.active === 1 },
      after: { active, sessionsEnded: ended },
    });
    w.changed({ topics: ['staff'] });
  });
  return accountOf(ctx, staffId);
};
