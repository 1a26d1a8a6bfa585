import { DEFAULT_SCRYPT, type ScryptParams } from './password';

/** How sign-in works for one running core. */
export interface IdentityPolicy {
  /**
   * A team server: everyone signs in with e-mail and password, and nobody can be picked from the
   * list. False on one machine (desktop, serve mode), where staff without a password are picked.
   */
  requirePasswords: boolean;
  /** A session ends after this long without a call. */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, however active. */
  sessionMaxMs: number;
  /** Wrong passwords in a row that lock sign-in… */
  maxFailures: number;
  /** …for this long. */
  lockMs: number;
  invitationMs: number;
  scrypt: ScryptParams;
}

const HOUR = 3_600_000;

/** A working day without use ends a session; a week ends it anyway. Five tries, then 15 minutes. */
export const DEFAULT_IDENTITY: IdentityPolicy = {
  requirePasswords: false,
  sessionIdleMs: 12 * HOUR,
  sessionMaxMs: 7 * 24 * HOUR,
  maxFailures: 5,
  lockMs: 15 * 60_000,
  invitationMs: 7 * 24 * HOUR,
  scrypt: DEFAULT_SCRYPT,
};
