// The change feed on PostgreSQL: NOTIFY inside the write's transaction (delivered only when it
// commits, in commit order) and one LISTEN connection per process, reconnected after the server
// restarts or the connection is killed. A notification holds at most 8000 bytes, so a larger event
// is stored in `live_events` and the notification carries its row id.
import { sql, type Kysely, type Transaction } from 'kysely';
import type pg from 'pg';
import { loadPg } from '../store/postgres';
import type { Database } from '../store/schema';
import { sharedLook } from './catch-up';
import { parseLiveEvent } from './events';
import type { ChangeFeed, FeedListener, LiveEvent } from './types';

export const LIVE_CHANNEL = 'support_console_live';
/** PostgreSQL refuses payloads of 8000 bytes or more; keep a margin. */
const MAX_NOTIFY_BYTES = 7500;

export interface PgFeedOptions {
  /** The longest wait between two attempts to reconnect the listening connection. */
  maxReconnectMs?: number;
  /** How long stored (oversized) events are kept. */
  retentionMs?: number;
}

/** What travels in a notification: the event itself, or the id of the row holding it. */
type Notice = { o: string; e: string; p: unknown } | { o: string; ref: number };

export class PgFeed implements ChangeFeed {
  private readonly maxReconnectMs: number;
  private readonly retentionMs: number;
  private listener: FeedListener | null = null;
  private client: pg.Client | null = null;
  private delivering: Promise<void> = Promise.resolve();
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectDelay = 100;
  private closed = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly url: string,
    private readonly origin: string,
    options: PgFeedOptions = {},
  ) {
    this.maxReconnectMs = options.maxReconnectMs ?? 2000;
    this.retentionMs = options.retentionMs ?? 60_000;
  }

  async publish(trx: Transaction<Database>, events: readonly LiveEvent[]): Promise<void> {
    for (const e of events) {
      let text = JSON.stringify({ o: this.origin, e: e.event, p: e.payload } satisfies Notice);
      if (Buffer.byteLength(text) > MAX_NOTIFY_BYTES) {
        const row = await trx
          .insertInto('live_events')
          .values({
            origin: this.origin,
            event: e.event,
            payload: JSON.stringify(e.payload),
            created_at: Date.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        text = JSON.stringify({ o: this.origin, ref: row.id } satisfies Notice);
      }
      await sql`select pg_notify(${LIVE_CHANNEL}, ${text})`.execute(trx);
    }
  }

  async start(listener: FeedListener): Promise<void> {
    this.listener = listener;
    try {
      await this.connect();
    } catch (error) {
      // The store opened a moment ago, so this is a blip: keep trying in the background.
      console.error('[live] cannot listen for other processes’ changes yet; retrying', error);
      this.scheduleReconnect();
    }
  }

  /**
   * A round trip on the listening connection: the server signals listeners before it acknowledges
   * a commit and sends pending notifications before answering, so when it answers every event
   * committed before this call has arrived; then its delivery is awaited.
   */
  catchUp(): Promise<void> {
    return this.look();
  }

  private readonly look = sharedLook(async () => {
    const client = this.client;
    if (client) await client.query('select 1').catch(() => undefined);
    await this.delivering;
  });

  async prune(): Promise<void> {
    await this.db
      .deleteFrom('live_events')
      .where('created_at', '<', Date.now() - this.retentionMs)
      .execute();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
    await this.delivering;
  }

  /** Whether the listening connection is up (false while the server is unreachable). */
  get connected(): boolean {
    return this.client !== null;
  }

  private async connect(): Promise<void> {
    const { Client } = await loadPg();
    const client = new Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (message.channel === LIVE_CHANNEL && message.payload !== undefined) this.receive(message.payload);
    });
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client, null));
    try {
      await client.connect();
      await client.query(`listen ${LIVE_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners();
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.reconnectDelay = 100;
  }

  private lose(client: pg.Client, error: Error | null): void {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners();
    // A client that failed still emits an error on end(); nothing is left to hear.
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.closed) return;
    console.error(
      '[live] lost the connection that listens for other processes’ changes; reconnecting',
      error?.message ?? '',
    );
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect().then(
        () => {
          // Whatever was committed while nobody listened was never heard: start afresh.
          const listener = this.listener;
          if (listener && this.client) this.enqueue(() => listener.resync());
        },
        () => {
          this.reconnectDelay = Math.min(this.maxReconnectMs, this.reconnectDelay * 2);
          this.scheduleReconnect();
        },
      );
    }, this.reconnectDelay);
    this.reconnectTimer.unref();
  }

  private receive(text: string): void {
    let notice: Notice;
    try {
      notice = JSON.parse(text) as Notice;
    } catch {
      console.warn('[live] ignored a notification that is not JSON');
      return;
    }
    if (notice.o === this.origin) return;
    const listener = this.listener;
    if (!listener) return;
    this.enqueue(async () => {
      const event = await this.eventOf(notice);
      if (event) await listener.deliver([event]);
    });
  }

  private async eventOf(notice: Notice): Promise<LiveEvent | null> {
    if ('e' in notice) return parseLiveEvent(notice.e, JSON.stringify(notice.p));
    const row = await this.db
      .selectFrom('live_events')
      .select(['event', 'payload'])
      .where('id', '=', notice.ref)
      .executeTakeFirst();
    if (!row) {
      console.warn(`[live] the stored event ${notice.ref} is gone; clients will refetch everything`);
      await this.listener?.resync();
      return null;
    }
    return parseLiveEvent(row.event, row.payload);
  }

  /** One delivery after the other, in the order the notifications came (their commit order). */
  private enqueue(work: () => Promise<void>): void {
    this.delivering = this.delivering.then(work).catch((error: unknown) => {
      console.error('[live] delivering another process’s change failed', error);
    });
  }
}
