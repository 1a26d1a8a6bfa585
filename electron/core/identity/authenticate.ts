// Who is calling: derived on every call from the session the transport holds, never from input.
// A server-issued token is looked up by its hash and checked for revocation, both lifetimes and the
// staff member's standing; a staff member picked from the list (one machine, no password) is
// checked for standing and for a password set since. Sessions found good are kept between calls
// (session-cache.ts), dropped whenever a staff member or a session changes in any process.
import type { Core, Session } from '../api/context';
import { ApiError } from '../api/errors';
import { runWrite } from '../api/write';
import type { StaffRow } from '../store/schema';
import { findStaff } from '../store/queries/staff';
import type { SessionRow } from './session-cache';
import { hashToken, TOKEN_PATTERN } from './tokens';

/** last_seen_at is written at most this often: a busy agent's every call is not a write. */
const TOUCH_EVERY_MS = 60_000;

export interface Ended {
  error: ApiError;
  /** Whose session ended, when known (for the audit). */
  staffId: number | null;
}

export interface Resolved {
  actor: StaffRow | null;
  /** The session presented is no longer good; the caller continues signed out. */
  ended: Ended | null;
}

const endedMessages: Record<string, string> = {
  signed_out: 'This session was signed out. Sign in again.',
  password_changed: 'The password was changed, which ended this session. Sign in with the new password.',
  expired: 'This session expired. Sign in again.',
};

export async function resolveActor(core: Core, session: Session): Promise<Resolved> {
  const result = session.token
    ? await fromToken(core, session.token)
    : session.staffId !== null
      ? await fromPick(core, session.staffId)
      : { actor: null, ended: null };
  session.staffId = result.actor?.id ?? null;
  if (!result.actor) session.token = null;
  return result;
}

async function fromToken(core: Core, token: string): Promise<Resolved> {
  // Made only when needed: an error captures its stack, and every call of every client passes here.
  const unknown = (): Resolved => ({
    actor: null,
    ended: {
      error: new ApiError('session_expired', 'This session is not known to the server. Sign in again.'),
      staffId: null,
    },
  });
  if (!TOKEN_PATTERN.test(token)) return unknown();
  const tokenHash = hashToken(token);
  const cached = core.sessionCache.get(tokenHash);
  if (cached) {
    // A session that may have ended is read again: a refusal always comes from the database.
    const result = await judge(core, cached, tokenHash);
    if (result.actor) return result;
    core.sessionCache.forget(tokenHash);
  }
  const mark = core.sessionCache.mark();
  const row = await readSession(core, tokenHash);
  if (!row) return unknown();
  const result = await judge(core, row, tokenHash);
  if (result.actor) core.sessionCache.set(tokenHash, row, mark);
  return result;
}

/** The session and its holder in one round trip: every call not answered from the cache pays for it. */
async function readSession(core: Core, tokenHash: string): Promise<SessionRow | null> {
  const row = await core.db
    .selectFrom('staff_sessions as ss')
    .innerJoin('staff', 'staff.id', 'ss.staff_id')
    .selectAll('staff')
    .select([
      'ss.id as session_id',
      'ss.staff_id as session_staff_id',
      'ss.revoked_at as session_revoked_at',
      'ss.revoked_reason as session_revoked_reason',
      'ss.expires_at as session_expires_at',
      'ss.last_seen_at as session_last_seen_at',
    ])
    .where('ss.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const {
    session_id,
    session_staff_id,
    session_revoked_at,
    session_revoked_reason,
    session_expires_at,
    session_last_seen_at,
    ...staff
  } = row;
  return {
    session: {
      id: session_id,
      staff_id: session_staff_id,
      revoked_at: session_revoked_at,
      revoked_reason: session_revoked_reason,
      expires_at: session_expires_at,
      last_seen_at: session_last_seen_at,
    },
    staff,
  };
}

/** Whether the session is good now, and its holder's standing; touches it when due. */
async function judge(core: Core, { session, staff }: SessionRow, tokenHash: string): Promise<Resolved> {
  const ended = (code: 'session_expired' | 'deactivated', message: string): Resolved => ({
    actor: null,
    ended: { error: new ApiError(code, message), staffId: session.staff_id },
  });
  if (session.revoked_at !== null) {
    if (session.revoked_reason === 'deactivated')
      return ended('deactivated', 'A lead deactivated this account; its sessions were ended.');
    return ended('session_expired', endedMessages[session.revoked_reason ?? ''] ?? endedMessages.expired!);
  }
  const now = core.now();
  if (now >= session.expires_at) {
    return ended('session_expired', 'This session reached its maximum lifetime. Sign in again.');
  }
  if (now - session.last_seen_at >= core.identity.sessionIdleMs) {
    const hours = Math.round(core.identity.sessionIdleMs / 3_600_000);
    return ended('session_expired', `This session expired after ${hours} hours without use. Sign in again.`);
  }
  if (staff.active !== 1) return ended('deactivated', `${staff.name} was deactivated by a lead.`);
  if (now - session.last_seen_at >= TOUCH_EVERY_MS) {
    // Bookkeeping of the session itself, not a change anyone made: no audit entry, no event.
    await core.db
      .updateTable('staff_sessions')
      .set({ last_seen_at: now })
      .where('id', '=', session.id)
      .execute();
    core.sessionCache.touched(tokenHash, now);
  }
  return { actor: staff, ended: null };
}

async function fromPick(core: Core, staffId: number): Promise<Resolved> {
  // A row found good is kept until any staff change (see session-cache.ts); a refusal is always
  // judged on a fresh read.
  const cached = core.sessionCache.getPicked(staffId);
  if (cached) {
    const result = judgePick(core, cached);
    if (result.actor) return result;
  }
  const mark = core.sessionCache.mark();
  const staff = await findStaff(core.db, staffId);
  if (!staff) return { actor: null, ended: null };
  const result = judgePick(core, staff);
  if (result.actor) core.sessionCache.setPicked(staff, mark);
  return result;
}

function judgePick(core: Core, staff: StaffRow): Resolved {
  const ended = (error: ApiError): Resolved => ({ actor: null, ended: { error, staffId: staff.id } });
  if (staff.active !== 1)
    return ended(new ApiError('deactivated', `${staff.name} was deactivated by a lead.`));
  if (core.identity.requirePasswords || staff.password_hash !== null) {
    return ended(
      new ApiError('session_expired', `${staff.name} now signs in with a password. Sign in again.`),
    );
  }
  return { actor: staff, ended: null };
}

/**
 * Records a refused call: the only thing a refusal writes. The entry names the staff member the
 * refusal concerns when known.
 */
export async function auditRefusal(
  core: Core,
  action: string,
  staffId: number | null,
  details: Record<string, unknown>,
): Promise<void> {
  await runWrite(core, action, staffId, async (w) => {
    await w.audit({ entity: 'staff', entityId: staffId, before: null, after: details });
  });
}
