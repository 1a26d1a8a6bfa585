// Server-issued sessions: created at sign-in, ended by sign-out, a password change or deactivation.
import type { Transaction } from 'kysely';
import type { Core } from '../api/context';
import type { Database } from '../store/schema';
import { hashToken, newToken } from './tokens';

export type RevokeReason = 'signed_out' | 'password_changed' | 'deactivated';

export interface IssuedSession {
  id: number;
  token: string;
  expiresAt: number;
}

export async function issueSession(
  core: Core,
  trx: Transaction<Database>,
  staffId: number,
  client: string | null | undefined,
): Promise<IssuedSession> {
  const token = newToken();
  const now = core.now();
  const expiresAt = now + core.identity.sessionMaxMs;
  const row = await trx
    .insertInto('staff_sessions')
    .values({
      staff_id: staffId,
      token_hash: hashToken(token),
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      revoked_at: null,
      revoked_reason: null,
      client: client ? client.slice(0, 200) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token, expiresAt };
}

/** Ends the staff member's open sessions, except `keepToken`'s; returns how many ended. */
export async function revokeSessions(
  trx: Transaction<Database>,
  staffId: number,
  at: number,
  reason: RevokeReason,
  keepToken?: string | null,
): Promise<number> {
  let query = trx
    .updateTable('staff_sessions')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('staff_id', '=', staffId)
    .where('revoked_at', 'is', null);
  if (keepToken) query = query.where('token_hash', '<>', hashToken(keepToken));
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function revokeToken(
  trx: Transaction<Database>,
  token: string,
  at: number,
  reason: RevokeReason,
): Promise<number | null> {
  const row = await trx
    .updateTable('staff_sessions')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Open sessions of one staff member at `now`, counting both lifetimes. */
export async function openSessionCounts(core: Core): Promise<Map<number, number>> {
  const now = core.now();
  const rows = await core.db
    .selectFrom('staff_sessions')
    .select(['staff_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', now - core.identity.sessionIdleMs)
    .groupBy('staff_id')
    .execute();
  return new Map(rows.map((r) => [r.staff_id, Number(r.n)]));
}
