// One loop, whatever the database: claim leadership, keep renewing it, and start or stop the timers
// on each change. The database decides who holds the claim (a lease row, an advisory lock).
import type { LeaderHandlers, Leadership } from './types';

export interface LeaderClaim {
  /** Claims or renews leadership: true while this process holds it. Throws when unreachable. */
  hold(): Promise<boolean>;
  /** Gives leadership up so that another process can take over at once. */
  release(): Promise<void>;
  /**
   * How long after its last successful renewal a claim still stands when renewing fails (a lease
   * that has not expired yet); zero where the claim dies with the connection.
   */
  readonly graceMs: number;
}

export interface LeaderOptions {
  /** How often the claim is renewed, and how often a follower tries to take it. */
  intervalMs?: number;
}

export class Leader implements Leadership {
  private readonly intervalMs: number;
  private leading = false;
  private lastHeldAt = 0;
  private handlers: LeaderHandlers | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stepping: Promise<void> = Promise.resolve();
  /** Starting and stopping the timers, one after the other, never overlapping. */
  private transitions: Promise<void> = Promise.resolve();
  private closed = false;
  private unreachable = false;

  constructor(
    private readonly claim: LeaderClaim,
    options: LeaderOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1000;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  async start(handlers: LeaderHandlers): Promise<void> {
    this.handlers = handlers;
    await this.step();
    // A process that starts as leader has its timers running (and the missed work done) on return.
    await this.transitions;
    this.schedule();
  }

  /** Renews or tries to take the claim now instead of at the next interval (a lost connection). */
  poke(): void {
    if (this.closed) return;
    this.stepping = this.stepping.then(() => this.step());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.stepping;
    if (this.leading) {
      this.leading = false;
      this.transition('lost');
    }
    await this.transitions;
    await this.claim.release().catch((error: unknown) => {
      console.error(
        '[live] could not hand leadership over; another process takes over when it expires',
        error,
      );
    });
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.stepping = this.stepping.then(() => this.step());
      void this.stepping.finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }

  private async step(): Promise<void> {
    if (this.closed) return;
    let held: boolean;
    try {
      held = await this.claim.hold();
      if (held) this.lastHeldAt = Date.now();
      if (this.unreachable) console.info('[live] the database is reachable again');
      this.unreachable = false;
    } catch (error) {
      if (!this.unreachable) console.error('[live] cannot renew or claim leadership; retrying', error);
      this.unreachable = true;
      held = this.leading && Date.now() - this.lastHeldAt < this.claim.graceMs;
    }
    if (this.closed) return;
    if (held && !this.leading) {
      this.leading = true;
      this.transition('gained');
    } else if (!held && this.leading) {
      this.leading = false;
      this.transition('lost');
    }
  }

  private transition(kind: keyof LeaderHandlers): void {
    const handlers = this.handlers;
    if (!handlers) return;
    this.transitions = this.transitions.then(() =>
      handlers[kind]().catch((error: unknown) => {
        console.error(`[live] ${kind === 'gained' ? 'starting' : 'stopping'} the timers failed`, error);
      }),
    );
  }
}
