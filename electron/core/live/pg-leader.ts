// Leadership on PostgreSQL: a session-level advisory lock on a connection of its own. The server
// releases it the moment that connection ends (the process died, the connection was killed, the
// server restarted), and the next process to try takes it.
import type pg from 'pg';
import { loadPg } from '../store/postgres';
import type { LeaderClaim } from './leader';

/** The lock's key: any constant no other part of the application uses ("sc-timers" in ASCII). */
export const TIMERS_LOCK_KEY = 0x73632d74696d6572n;

export class PgAdvisoryLock implements LeaderClaim {
  /** The lock is gone with the connection: no grace once it fails. */
  readonly graceMs = 0;
  private client: pg.Client | null = null;
  private held = false;
  /** Called when the connection (and with it the lock) is lost, to react before the next renewal. */
  onLost: (() => void) | null = null;

  constructor(private readonly url: string) {}

  async hold(): Promise<boolean> {
    const client = this.client ?? (await this.connect());
    if (this.held) {
      // Still the same session, so still the lock: a round trip proves the session is alive.
      await client.query('select 1');
      return this.client === client && this.held;
    }
    const result = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [
      TIMERS_LOCK_KEY.toString(),
    ]);
    this.held = this.client === client && result.rows[0]?.locked === true;
    return this.held;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held = false;
    if (!client) return;
    // Ending the session releases the lock; no unlock needed.
    await client.end();
  }

  private async connect(): Promise<pg.Client> {
    const { Client } = await loadPg();
    const client = new Client({ connectionString: this.url });
    const drop = () => {
      if (this.client !== client) return;
      const wasHeld = this.held;
      this.client = null;
      this.held = false;
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      if (wasHeld) this.onLost?.();
    };
    client.on('error', drop);
    client.on('end', drop);
    try {
      await client.connect();
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      throw error;
    }
    this.client = client;
    this.held = false;
    return client;
  }
}
