// Leadership among processes sharing one SQLite file: a lease row the leader renews. A leader that
// dies stops renewing, and the first process to find the lease expired takes it over.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import type { LeaderClaim } from './leader';

export interface SqliteLeaseOptions {
  /** How long a lease lasts without renewal: the longest a dead leader's timers stay silent. */
  ttlMs?: number;
}

export const TIMERS_LEASE = 'timers';

export class SqliteLease implements LeaderClaim {
  readonly graceMs: number;
  private readonly ttlMs: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly holder: string,
    options: SqliteLeaseOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 3000;
    // Stop acting a little before the lease can be taken over.
    this.graceMs = this.ttlMs / 2;
  }

  async hold(): Promise<boolean> {
    const now = Date.now();
    const expiresAt = now + this.ttlMs;
    await this.db
      .insertInto('live_lease')
      .values({ name: TIMERS_LEASE, holder: this.holder, expires_at: expiresAt })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    // One statement decides: renew our own lease or take over an expired one, never anyone else's.
    const result = await this.db
      .updateTable('live_lease')
      .set({ holder: this.holder, expires_at: expiresAt })
      .where('name', '=', TIMERS_LEASE)
      .where((eb) => eb.or([eb('holder', '=', this.holder), eb('expires_at', '<', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async release(): Promise<void> {
    await this.db
      .updateTable('live_lease')
      .set({ expires_at: 0 })
      .where('name', '=', TIMERS_LEASE)
      .where('holder', '=', this.holder)
      .execute();
  }
}
