// The delivery worker: hands the outbox to the SMTP server, one mail at a time per connection.
//
//   queued ──claim──▶ sending ──250──▶ sent
//                        │ 4xx, timeout, down ──▶ failed (next try in 1, 4, 16, 64 min) ──▶ claim again
//                        │ 5xx, bad address, or the fifth try failed ──▶ needs_attention
//   queued | failed | needs_attention ──lead cancels──▶ cancelled ──lead retries──▶ queued
//
// A claim is a conditional update that sets a lease: only one sender holds a mail, and a sender that
// died mid-send (a crash, a lost leadership) leaves a lease that runs out, after which the mail is
// claimed again. Results are written only by the holder of the lease (same lease and attempt), so a
// late sender can never overwrite a newer try. A mail is thus never lost; it is handed twice only if
// the process died between the server's 250 and the database's commit, and then with the same
// Message-ID, which mail programs show once.
import type { Transporter } from 'nodemailer';
import type { Kysely } from 'kysely';
import type { Change, Core } from '../../api/context';
import type { LiveEvent } from '../../live';
import type { Database, OutboxDelivery, OutboxRow, OutboxTable } from '../../store/schema';
import type { ChannelWorker } from '../workers';
import { ticketThreadIds, threadHeaders } from '../thread-references';
import { composeMail } from './compose';
import { loadMailOutConfig, type MailOutConfig } from './settings';
import { classifySendError, DEFAULT_TIMEOUTS, smtpTransport, type SmtpTimeouts } from './transport';

const MINUTE = 60_000;
/** Waits after the 1st, 2nd, 3rd and 4th failed try; the 5th failure needs a lead. */
export const BACKOFF_MS = [1 * MINUTE, 4 * MINUTE, 16 * MINUTE, 64 * MINUTE] as const;
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;

export interface MailOutOptions {
  /** How often the worker looks for due mails when nothing woke it. */
  pollMs?: number;
  /** How long a claim holds a mail; longer than any SMTP exchange can last. */
  leaseMs?: number;
  /** Mails claimed at once, and SMTP connections used in parallel. */
  batch?: number;
  timeouts?: SmtpTimeouts;
}

export interface PassResult {
  claimed: number;
  sent: number;
  failed: number;
}

/** The legacy coarse status kept beside the delivery state (0001's `status`). */
export function coarseStatus(delivery: OutboxDelivery): OutboxTable['status'] {
  return delivery === 'sent'
    ? 'sent'
    : delivery === 'needs_attention' || delivery === 'cancelled'
      ? 'failed'
      : 'pending';
}

/** After a failed try: queued again after its backoff, or in a lead's hands. */
export function afterFailure(
  attempts: number,
  permanent: boolean,
  now: number,
): { delivery: 'failed' | 'needs_attention'; nextAttemptAt: number | null } {
  if (permanent || attempts >= MAX_ATTEMPTS) return { delivery: 'needs_attention', nextAttemptAt: null };
  const wait = BACKOFF_MS[Math.max(0, attempts - 1)] ?? BACKOFF_MS[BACKOFF_MS.length - 1];
  return { delivery: 'failed', nextAttemptAt: now + (wait as number) };
}

/**
 * A small write for the worker: the SQLite writer lock like every write, the change published to
 * the feed in the same transaction. The worker's transitions are recorded on the outbox row itself
 * (attempts, last error, the server's answer), not in the staff audit log.
 */
async function workerWrite<T>(
  core: Core,
  change: Change | null,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  let events: LiveEvent[] = [];
  const result = await core.db.transaction().execute(async (trx) => {
    if (core.dialect === 'sqlite') {
      await trx
        .updateTable('write_lock')
        .set((eb) => ({ writes: eb('writes', '+', 1) }))
        .where('id', '=', 1)
        .execute();
    }
    const value = await work(trx);
    if (change) {
      events = [
        {
          event: 'data.changed',
          payload: {
            topics: change.topics ?? [],
            ticketIds: change.ticketIds ?? [],
            customerIds: change.customerIds ?? [],
          },
        },
      ];
      await core.live.publish(trx, events);
    }
    return value;
  });
  core.live.emitLocally(events);
  return result;
}

function outboxChange(rows: readonly Pick<OutboxRow, 'ticket_id' | 'customer_id'>[]): Change {
  return {
    topics: ['outbox', 'messages'],
    ticketIds: [...new Set(rows.map((r) => r.ticket_id).filter((t): t is number => t !== null))],
    customerIds: [...new Set(rows.map((r) => r.customer_id).filter((c): c is number => c !== null))],
  };
}

export class MailOutWorker implements ChannelWorker {
  readonly name = 'mail-out';
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly timeouts: SmtpTimeouts;
  private transport: { version: string; transporter: Transporter } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<unknown> | null = null;
  private again = false;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly core: Core,
    options: MailOutOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 5_000;
    this.leaseMs = options.leaseMs ?? 5 * MINUTE;
    this.batch = options.batch ?? 4;
    this.timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  }

  /** Runs passes in the background: on the timer, and at once when the outbox changes. */
  start(): void {
    this.unsubscribe = this.core.events.on('data.changed', (payload) => {
      if (payload.topics.includes('outbox') || payload.topics.includes('settings')) this.wake();
    });
    this.schedule(0);
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.loop();
    }, delay);
    this.timer.unref?.();
  }

  private loop(): void {
    if (this.stopped || this.running) return;
    this.again = false;
    this.running = this.runOnce()
      .catch((error: unknown) => {
        console.error('[mail-out] a delivery pass failed', error);
        return { claimed: 0, sent: 0, failed: 0 };
      })
      .then((result) => {
        this.running = null;
        // A full batch may have more behind it.
        this.schedule(result.claimed > 0 || this.again ? 0 : this.pollMs);
      });
  }

  /** One pass: claim the due mails (up to a batch) and hand each to the server. */
  async runOnce(): Promise<PassResult> {
    const config = await loadMailOutConfig(this.core.db, this.core.secrets).catch((error: unknown) => {
      console.error('[mail-out] the SMTP settings cannot be read; mails wait', error);
      return null;
    });
    if (!config) return { claimed: 0, sent: 0, failed: 0 };
    const claimed = await this.claim();
    if (claimed.length === 0) return { claimed: 0, sent: 0, failed: 0 };
    const transporter = await this.transporterFor(config);
    // Mails of one ticket go in the order they were queued, so a thread arrives as it was written;
    // different tickets go in parallel over the pool's connections.
    const byTicket = new Map<number | string, OutboxRow[]>();
    for (const row of claimed) {
      const key = row.ticket_id ?? `outbox-${row.id}`;
      byTicket.set(key, [...(byTicket.get(key) ?? []), row]);
    }
    const outcomes = await Promise.all(
      [...byTicket.values()].map(async (rows) => {
        const results: boolean[] = [];
        for (const row of rows) results.push(await this.deliver(row, config, transporter));
        return results;
      }),
    );
    const sent = outcomes.flat().filter(Boolean).length;
    return { claimed: claimed.length, sent, failed: claimed.length - sent };
  }

  /** Passes until nothing is due (tests and the bench). */
  async drain(): Promise<PassResult> {
    const total = { claimed: 0, sent: 0, failed: 0 };
    for (;;) {
      const pass = await this.runOnce();
      if (pass.claimed === 0) return total;
      total.claimed += pass.claimed;
      total.sent += pass.sent;
      total.failed += pass.failed;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport?.transporter.close();
    this.transport = null;
  }

  private async transporterFor(config: MailOutConfig): Promise<Transporter> {
    if (this.transport?.version === config.version) return this.transport.transporter;
    const transporter = await smtpTransport(config, this.timeouts, { maxConnections: this.batch });
    // Passes do not overlap, but a pass made while this one waited keeps its transport.
    if (this.transport?.version === config.version) {
      transporter.close();
      return this.transport.transporter;
    }
    this.transport?.transporter.close();
    this.transport = { version: config.version, transporter };
    return transporter;
  }

  private async claim(): Promise<OutboxRow[]> {
    const now = this.core.now();
    const due = await this.core.db
      .selectFrom('outbox')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([
            eb('delivery', 'in', ['queued', 'failed']),
            eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]),
          ]),
          // A sender that died mid-send: its lease ran out, the mail is tried again.
          eb.and([eb('delivery', '=', 'sending'), eb('lease_until', '<=', now)]),
        ]),
      )
      .orderBy('id')
      .limit(this.batch)
      .execute();
    if (due.length === 0) return [];
    const rows: OutboxRow[] = [];
    await workerWrite(this.core, null, async (db) => {
      for (const { id } of due) {
        const row = await db
          .updateTable('outbox')
          .set((eb) => ({
            delivery: 'sending',
            status: 'pending',
            lease_until: now + this.leaseMs,
            attempts: eb('attempts', '+', 1),
          }))
          .where('id', '=', id)
          // Only if it is still due: another sender may have taken it since the read.
          .where((eb) =>
            eb.or([
              eb.and([
                eb('delivery', 'in', ['queued', 'failed']),
                eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]),
              ]),
              eb.and([eb('delivery', '=', 'sending'), eb('lease_until', '<=', now)]),
            ]),
          )
          .returningAll()
          .executeTakeFirst();
        if (row) rows.push(row);
      }
    });
    return rows;
  }

  /** Hands one claimed mail to the server and records the outcome; true when the server took it. */
  private async deliver(row: OutboxRow, config: MailOutConfig, transporter: Transporter): Promise<boolean> {
    let response: string | null = null;
    let failure: ReturnType<typeof classifySendError> | null = null;
    try {
      const thread = threadHeaders(
        row.ticket_id === null ? [] : await ticketThreadIds(this.core.db, row.ticket_id, row.id),
      );
      const mail = composeMail(row, config, thread);
      const info = (await transporter.sendMail(mail)) as { response?: unknown };
      response = typeof info.response === 'string' ? info.response.slice(0, 500) : '';
    } catch (error) {
      failure = classifySendError(error);
    }
    const now = this.core.now();
    const held = (db: Kysely<Database>) =>
      db
        .updateTable('outbox')
        .where('id', '=', row.id)
        .where('delivery', '=', 'sending')
        .where('attempts', '=', row.attempts)
        .where('lease_until', '=', row.lease_until);
    if (failure === null) {
      const done = await workerWrite(this.core, outboxChange([row]), (db) =>
        held(db)
          .set({
            delivery: 'sent',
            status: 'sent',
            sent_at: now,
            handed_at: now,
            smtp_response: response,
            lease_until: null,
            next_attempt_at: null,
            last_error: null,
          })
          .executeTakeFirst(),
      );
      if (Number(done.numUpdatedRows) === 0) {
        console.warn(`[mail-out] outbox #${row.id} was sent after its lease ran out; a newer try owns it`);
      }
      return true;
    }
    const next = afterFailure(row.attempts, failure.permanent, now);
    console.warn(
      `[mail-out] outbox #${row.id} try ${row.attempts} failed (${failure.code}): ${failure.detail}` +
        (next.delivery === 'needs_attention' ? '; it needs attention' : ''),
    );
    await workerWrite(this.core, outboxChange([row]), (db) =>
      held(db)
        .set({
          delivery: next.delivery,
          status: coarseStatus(next.delivery),
          next_attempt_at: next.nextAttemptAt,
          lease_until: null,
          last_error: JSON.stringify({ code: failure.code, detail: failure.detail }),
        })
        .executeTakeFirst(),
    );
    return false;
  }
}

export async function startMailOut(core: Core): Promise<ChannelWorker> {
  const worker = new MailOutWorker(core);
  worker.start();
  return worker;
}
