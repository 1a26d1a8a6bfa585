// Where the SLA clock meets the store. Handlers append an SLA event in the same transaction as the
// write that caused it; the ticket's stored clock (due times, first-response result, breaches) is
// then recomputed from all of its events with the pure clock, so stored values never drift from
// what replaying the events gives.
import type { Kysely } from 'kysely';
import type { ChannelId, MessageKind, TicketStatus } from '../../../shared/domain';
import type { Core, WriteScope } from '../api/context';
import { runWrite } from '../api/write';
import { calendarFor, slaTargetFor, type RuleSet } from '../rules';
import { dialectOf } from '../store/dialect';
import type { Database } from '../store/schema';
import {
  computeClock,
  MINUTE,
  statusChangeEvent,
  type ClockView,
  type SlaEvent,
  type SlaEventKind,
  type SlaTargets,
} from './timeline';

type SlaCore = Pick<Core, 'sla'>;

/** The SLA columns a new ticket is written with: the version, plan and targets it is measured by. */
export function slaColumnsAtArrival(
  ctx: Pick<Core, 'sla' | 'rules'>,
  channel: ChannelId,
  planId: string,
  accepted: boolean,
) {
  const target = accepted ? slaTargetFor(ctx.rules, channel, planId) : null;
  return {
    sla_rule_version: ctx.sla.versions.versionOf(ctx.rules),
    sla_plan_id: planId,
    first_response_target_minutes: target?.firstResponseMinutes ?? null,
    next_response_target_minutes: target?.nextResponseMinutes ?? null,
  };
}

export function targetsOf(row: {
  first_response_target_minutes: number | null;
  next_response_target_minutes: number | null;
}): SlaTargets | null {
  return row.first_response_target_minutes === null || row.next_response_target_minutes === null
    ? null
    : {
        firstResponseMinutes: row.first_response_target_minutes,
        nextResponseMinutes: row.next_response_target_minutes,
      };
}

/** The stored clock columns for a clock reading. */
export function slaColumnsOf(view: ClockView) {
  return {
    due_at: view.dueAt,
    first_response_due_at: view.firstResponseDueAt,
    first_response_business_ms: view.firstResponseMs,
    first_response_by: view.firstResponseAt === null ? null : view.firstResponseBy,
    first_response_breached: view.firstResponseBreached ? (1 as const) : (0 as const),
    sla_phase: view.phase,
    sla_phase_breached: view.breachedAt !== null ? (1 as const) : (0 as const),
    sla_breach_count: view.breaches.length,
  };
}

type SlaColumns = ReturnType<typeof slaColumnsOf>;

export interface SlaTicketInput {
  id: number;
  channel: ChannelId;
  sla_rule_version: number | null;
  first_response_target_minutes: number | null;
  next_response_target_minutes: number | null;
}

export async function loadSlaEvents(db: Kysely<Database>, ticketId: number): Promise<SlaEvent[]> {
  const rows = await db
    .selectFrom('sla_events')
    .select(['at', 'kind', 'staff_id'])
    .where('ticket_id', '=', ticketId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ at: r.at, kind: r.kind, staffId: r.staff_id }));
}

/** The rules a ticket is measured by (its arrival version). */
export async function rulesOfTicket(core: SlaCore, db: Kysely<Database>, version: number): Promise<RuleSet> {
  return core.sla.versions.load(db, version);
}

export interface Recomputed {
  view: ClockView;
  before: SlaColumns;
  after: SlaColumns;
  changed: boolean;
  /** Breaches written now (a deadline already recorded is never recorded twice). */
  newBreaches: { id: number; phase: 'first' | 'next'; breachedAt: number }[];
}

/**
 * Replays the ticket's events, stores the result on the ticket and records every missed deadline
 * with its true time. Null for a ticket not measured yet (written before SLA hours; adopted at start).
 */
export async function recomputeTicketSla(
  core: SlaCore,
  w: WriteScope,
  ticketId: number,
  now: number,
  /** The rules of the ticket's version when the caller holds them (a version written in this write). */
  versionRules?: RuleSet,
): Promise<Recomputed | null> {
  const query = w.db
    .selectFrom('tickets')
    .select([
      'id',
      'channel',
      'sla_rule_version',
      'first_response_target_minutes',
      'next_response_target_minutes',
      'due_at',
      'first_response_due_at',
      'first_response_business_ms',
      'first_response_by',
      'first_response_breached',
      'sla_phase',
      'sla_phase_breached',
      'sla_breach_count',
    ])
    .where('id', '=', ticketId);
  // On PostgreSQL two writes may recompute one ticket at once (an answer and the breach scheduler):
  // without the row lock the one that read the events first could overwrite the other's result.
  // Locked, the second waits and then reads the events the first committed. SQLite's write lock
  // already serialises them.
  const ticket = await (
    dialectOf<Database>(w.db) === 'postgres' ? query.forUpdate() : query
  ).executeTakeFirst();
  if (!ticket || ticket.sla_rule_version === null) return null;
  const rules = versionRules ?? (await rulesOfTicket(core, w.db, ticket.sla_rule_version));
  const calendar = calendarFor(rules, ticket.channel);
  const view = computeClock(calendar, targetsOf(ticket), await loadSlaEvents(w.db, ticketId), now);
  const after = slaColumnsOf(view);
  const before: SlaColumns = {
    due_at: ticket.due_at,
    first_response_due_at: ticket.first_response_due_at,
    first_response_business_ms: ticket.first_response_business_ms,
    first_response_by: ticket.first_response_by,
    first_response_breached: ticket.first_response_breached,
    sla_phase: ticket.sla_phase,
    sla_phase_breached: ticket.sla_phase_breached,
    sla_breach_count: ticket.sla_breach_count,
  };
  const changed = (Object.keys(after) as (keyof SlaColumns)[]).some((k) => after[k] !== before[k]);
  if (changed) await w.db.updateTable('tickets').set(after).where('id', '=', ticketId).execute();

  const newBreaches: Recomputed['newBreaches'] = [];
  for (const breach of view.breaches) {
    const inserted = await w.db
      .insertInto('sla_breaches')
      .values({
        ticket_id: ticketId,
        phase: breach.phase,
        due_at: breach.dueAt,
        breached_at: breach.dueAt,
        recorded_at: now,
        rule_version: ticket.sla_rule_version,
      })
      .onConflict((oc) => oc.columns(['ticket_id', 'phase', 'due_at']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    newBreaches.push({ id: inserted.id, phase: breach.phase, breachedAt: breach.dueAt });
    await w.audit({
      entity: 'sla_breach',
      entityId: inserted.id,
      before: null,
      after: { ticket_id: ticketId, phase: breach.phase, due_at: breach.dueAt, breached_at: breach.dueAt },
    });
  }
  return { view, before, after, changed, newBreaches };
}

/**
 * Appends one SLA event for a ticket, inside the caller's write, and recomputes its stored clock.
 * Returns the clock as it reads now (null for a ticket not measured yet).
 */
export async function recordSlaEvent(
  core: SlaCore,
  w: WriteScope,
  ticketId: number,
  event: { kind: SlaEventKind; at: number; staffId?: number | null },
  now: number,
): Promise<ClockView | null> {
  const values = { ticket_id: ticketId, at: event.at, kind: event.kind, staff_id: event.staffId ?? null };
  const row = await w.db.insertInto('sla_events').values(values).returning('id').executeTakeFirstOrThrow();
  const result = await recomputeTicketSla(core, w, ticketId, now);
  await w.audit({
    entity: 'sla_event',
    entityId: row.id,
    before: result?.changed ? result.before : null,
    after: { id: row.id, ...values, ...(result ? { clock: result.after } : {}) },
  });
  return result?.view ?? null;
}

/** The events a status change means for the clock (none when it does not move it). */
export async function recordStatusChange(
  core: SlaCore,
  w: WriteScope,
  ticketId: number,
  from: TicketStatus,
  to: TicketStatus,
  at: number,
): Promise<ClockView | null> {
  const kind = statusChangeEvent(from, to);
  if (!kind) return null;
  return recordSlaEvent(core, w, ticketId, { kind, at }, at);
}

/**
 * The events an accepted message means: a staff answer is a response; a customer message is owed
 * one, and first reopens a ticket that was waiting or solved (the handler reopens it too).
 */
export async function recordMessage(
  core: SlaCore,
  w: WriteScope,
  ticket: { id: number; status: TicketStatus },
  kind: MessageKind,
  accepted: boolean,
  at: number,
  staffId: number | null,
): Promise<ClockView | null> {
  if (!accepted || kind === 'internal_note') return null;
  if (kind === 'answer') return recordSlaEvent(core, w, ticket.id, { kind: 'response', at, staffId }, at);
  if (ticket.status === 'waiting_customer' || ticket.status === 'solved') {
    await recordSlaEvent(core, w, ticket.id, { kind: 'resume', at }, at);
  }
  return recordSlaEvent(core, w, ticket.id, { kind: 'customer_message', at }, at);
}

/** Minutes as the contract shows them, from stored business milliseconds. */
export function msToMinutes(ms: number | null): number | null {
  return ms === null ? null : ms / MINUTE;
}

/**
 * Tickets written before SLA hours (no rule version yet) are measured against the rule set in force
 * at start, with the plan their customer is on now (the best the database still knows), replaying
 * the events migration 0006 rebuilt for them. Runs in batches, each its own audited write.
 */
export async function adoptUnmeasuredTickets(core: Core): Promise<number> {
  let adopted = 0;
  const version = core.sla.versions.activeVersion;
  const rules = core.rules;
  for (;;) {
    const batch = await core.db
      .selectFrom('tickets as t')
      .innerJoin('customers as c', 'c.id', 't.customer_id')
      .select(['t.id', 't.channel', 't.intake_outcome', 'c.plan_id'])
      .where('t.sla_rule_version', 'is', null)
      .orderBy('t.id')
      .limit(500)
      .execute();
    if (batch.length === 0) return adopted;
    await runWrite(core, 'sla.adopt', null, async (w) => {
      const now = core.now();
      for (const t of batch) {
        const target = t.intake_outcome === 'accept' ? slaTargetFor(rules, t.channel, t.plan_id) : null;
        const values = {
          sla_rule_version: version,
          sla_plan_id: t.plan_id,
          first_response_target_minutes: target?.firstResponseMinutes ?? null,
          next_response_target_minutes: target?.nextResponseMinutes ?? null,
        };
        await w.db.updateTable('tickets').set(values).where('id', '=', t.id).execute();
        const result = await recomputeTicketSla(core, w, t.id, now);
        await w.audit({
          entity: 'ticket_sla',
          entityId: t.id,
          before: result?.before ?? null,
          after: { ...values, ...(result ? { clock: result.after } : {}) },
        });
      }
      w.changed({ topics: ['tickets'], ticketIds: batch.map((t) => t.id) });
    });
    adopted += batch.length;
  }
}
