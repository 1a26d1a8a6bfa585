// Records breaches when they happen, whether or not anyone is looking, and announces tickets that
// enter the pre-breach window. It runs in the main process: on start it records every deadline that
// passed while the app was closed (with the deadline as the breach time, not the start time), then
// sleeps until the next deadline or warning, never longer than a bounded interval, and wakes early
// when a write touches tickets or settings. Recording is idempotent (one breach per ticket, phase and
// deadline), so a second process or an overlapping pass cannot record a breach twice. Among
// processes sharing a database only the leader runs it (electron/core/live/); its events reach the
// clients of every process through the change feed.
import type { EventPayload } from '../../../shared/contract';
import { channelIds } from '../../../shared/domain';
import type { Core } from '../api/context';
import { runWrite } from '../api/write';
import { calendarFor } from '../rules';
import { readSettings } from '../store/queries/settings';
import { recomputeTicketSla } from './record';
import { betweenMs, MINUTE } from './timeline';

export interface SchedulerOptions {
  /** The longest sleep: bounds the damage of a clock jump or a missed wake-up. */
  maxDelayMs?: number;
  /** How long after a write touching tickets the scheduler looks again (writes come in bursts). */
  debounceMs?: number;
  /** Overdue tickets recorded per transaction. */
  batchSize?: number;
}

export interface SlaTickResult {
  breaches: EventPayload<'sla.breached'>['breaches'];
  warnings: EventPayload<'sla.warning'>['tickets'];
  /** When the scheduler will look again by itself (core time); null when nothing is pending. */
  nextWakeAt: number | null;
}

const MIN_DELAY_MS = 250;

/** Thrown inside a write that found nothing to record, so that it rolls back without an audit entry. */
class NothingRecorded extends Error {}

export class SlaScheduler {
  private readonly maxDelayMs: number;
  private readonly debounceMs: number;
  private readonly batchSize: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Real time (Date.now) the pending timer fires at. */
  private timerAt = Number.POSITIVE_INFINITY;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Between start() and stop(): only then does the scheduler wake itself up. */
  private watching = false;
  /** Ticket id → the deadline it was last announced for: one warning per deadline. */
  private warned = new Map<number, number>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly core: Core,
    options: SchedulerOptions = {},
  ) {
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.debounceMs = options.debounceMs ?? 200;
    this.batchSize = options.batchSize ?? 200;
  }

  /** Records what was missed while closed (or while another process led), then keeps watching. */
  async start(): Promise<SlaTickResult> {
    if (this.closed || this.watching) return { breaches: [], warnings: [], nextWakeAt: null };
    this.watching = true;
    this.unsubscribe = this.core.events.on('data.changed', (change) => {
      if (change.topics.includes('tickets') || change.topics.includes('settings')) {
        this.wakeIn(this.debounceMs);
      }
    });
    try {
      return await this.tick();
    } catch (error) {
      // The app still starts: breaches are recorded with their true time whenever a pass succeeds.
      console.error('[core] SLA scheduler failed at start; retrying', error);
      this.wakeIn(this.maxDelayMs);
      return { breaches: [], warnings: [], nextWakeAt: null };
    }
  }

  /** One pass now, after any pass in progress. Tests call it directly with a controlled clock. */
  tick(): Promise<SlaTickResult> {
    const run = this.chain.catch(() => undefined).then(() => this.pass());
    this.chain = run;
    return run;
  }

  /** Stops watching (another process leads now); start() takes over again later. */
  async stop(): Promise<void> {
    this.watching = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
    // Whoever leads next announces afresh what is in the window.
    this.warned.clear();
    await this.chain.catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stop();
  }

  private wakeIn(delayMs: number): void {
    if (this.closed || !this.watching) return;
    const at = Date.now() + delayMs;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.tick().catch((error: unknown) => {
        console.error('[core] SLA scheduler failed; retrying', error);
        this.wakeIn(this.maxDelayMs);
      });
    }, delayMs);
    // The scheduler never keeps a process alive on its own (tests, the serve CLI on shutdown).
    this.timer.unref();
  }

  private async pass(): Promise<SlaTickResult> {
    if (this.closed) return { breaches: [], warnings: [], nextWakeAt: null };
    const now = this.core.now();
    const breaches = await this.recordBreaches(now);
    const { warnings, nextWarnAt } = await this.announceWarnings(now);
    const nextDue = await this.core.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.min('due_at').as('at'))
      .where('sla_phase_breached', '=', 0)
      .where('due_at', '>=', now)
      .executeTakeFirst();
    // A deadline is missed once the clock is past it, so look one millisecond after it.
    const candidates = [nextWarnAt, nextDue?.at == null ? null : Number(nextDue.at) + 1].filter(
      (t): t is number => t !== null,
    );
    const nextWakeAt = candidates.length > 0 ? Math.min(...candidates) : null;
    const delay = nextWakeAt === null ? this.maxDelayMs : nextWakeAt - now;
    this.wakeIn(Math.min(this.maxDelayMs, Math.max(MIN_DELAY_MS, delay)));
    return { breaches, warnings, nextWakeAt };
  }

  private async recordBreaches(now: number): Promise<SlaTickResult['breaches']> {
    const out: SlaTickResult['breaches'] = [];
    let after: { due: number; id: number } | null = null;
    for (;;) {
      let query = this.core.db
        .selectFrom('tickets')
        .select(['id', 'due_at', 'assignee_id'])
        .where('sla_phase_breached', '=', 0)
        .where('due_at', '<', now)
        .orderBy('due_at')
        .orderBy('id')
        .limit(this.batchSize);
      if (after) {
        const { due, id } = after;
        query = query.where((eb) =>
          eb.or([eb('due_at', '>', due), eb.and([eb('due_at', '=', due), eb('id', '>', id)])]),
        );
      }
      const batch = await query.execute();
      const last = batch[batch.length - 1];
      if (!last) return out;
      after = { due: last.due_at ?? 0, id: last.id };
      try {
        const recorded = await runWrite(this.core, 'sla.breach', null, async (w) => {
          const found: SlaTickResult['breaches'] = [];
          for (const ticket of batch) {
            const result = await recomputeTicketSla(this.core, w, ticket.id, now);
            if (!result) continue;
            if (result.changed && result.newBreaches.length === 0) {
              // Stored values were stale (e.g. an older version's write): corrected and audited.
              await w.audit({
                entity: 'ticket_sla',
                entityId: ticket.id,
                before: result.before,
                after: result.after,
              });
            }
            for (const b of result.newBreaches) {
              found.push({
                ticketId: ticket.id,
                assigneeId: ticket.assignee_id,
                phase: b.phase,
                breachedAt: b.breachedAt,
              });
            }
          }
          if (found.length === 0) throw new NothingRecorded();
          w.changed({ topics: ['tickets', 'sla'], ticketIds: [...new Set(found.map((b) => b.ticketId))] });
          w.announce('sla.breached', { breaches: found });
          return found;
        });
        out.push(...recorded);
      } catch (error) {
        if (!(error instanceof NothingRecorded)) throw error;
      }
      if (batch.length < this.batchSize) return out;
    }
  }

  /**
   * Tickets whose deadline is within `preBreachMinutes` business minutes of their channel. Each
   * ticket is announced once per deadline; a moved deadline (a pause, a new phase) may warn again.
   */
  private async announceWarnings(
    now: number,
  ): Promise<{ warnings: SlaTickResult['warnings']; nextWarnAt: number | null }> {
    const { preBreachMinutes } = await readSettings(this.core.db);
    if (preBreachMinutes <= 0) {
      this.warned.clear();
      return { warnings: [], nextWarnAt: null };
    }
    // Where the window ends for each channel under the rules in force (closed hours stretch it).
    const windowEnd = new Map(
      channelIds.map((c) => [c, calendarFor(this.core.rules, c).addBusinessMinutes(now, preBreachMinutes)]),
    );
    const horizon = Math.max(...windowEnd.values());
    const candidates = await this.core.db
      .selectFrom('tickets')
      .select(['id', 'channel', 'due_at', 'assignee_id', 'sla_rule_version'])
      .where('sla_phase_breached', '=', 0)
      .where('due_at', '>', now)
      .where('due_at', '<=', horizon)
      .orderBy('due_at')
      .execute();
    const inWindow = new Map<number, number>();
    const warnings: SlaTickResult['warnings'] = [];
    for (const t of candidates) {
      if (t.due_at === null || t.sla_rule_version === null) continue;
      // Each ticket's own calendar (its arrival version's holidays) decides, not today's.
      const rules = await this.core.sla.versions.load(this.core.db, t.sla_rule_version);
      const left = betweenMs(calendarFor(rules, t.channel), now, t.due_at) / MINUTE;
      if (left > preBreachMinutes) continue;
      inWindow.set(t.id, t.due_at);
      if (this.warned.get(t.id) === t.due_at) continue;
      warnings.push({
        ticketId: t.id,
        assigneeId: t.assignee_id,
        dueAt: t.due_at,
        businessMinutesLeft: left,
      });
    }
    if (warnings.length > 0) {
      await this.core.live.announce([
        { event: 'sla.warning', payload: { preBreachMinutes, tickets: warnings } },
        {
          event: 'data.changed',
          payload: { topics: ['sla'], ticketIds: warnings.map((w) => w.ticketId), customerIds: [] },
        },
      ]);
    }
    // Only once announced: a failed announcement is tried again by the next pass.
    this.warned = inWindow;
    // The next ticket to enter: per channel, the earliest deadline beyond that channel's window.
    let nextWarnAt: number | null = null;
    for (const channel of channelIds) {
      const end = windowEnd.get(channel) ?? now;
      const next = await this.core.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.min('due_at').as('at'))
        .where('sla_phase_breached', '=', 0)
        .where('channel', '=', channel)
        .where('due_at', '>', end)
        .executeTakeFirst();
      if (next?.at == null) continue;
      const enters = calendarFor(this.core.rules, channel).subtractBusinessMinutes(
        Number(next.at),
        preBreachMinutes,
      );
      nextWarnAt = nextWarnAt === null ? enters : Math.min(nextWarnAt, enters);
    }
    return { warnings, nextWarnAt };
  }
}
