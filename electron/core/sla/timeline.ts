// The SLA clock as a pure function of a ticket's SLA events. A response is owed from the arrival
// (first response) or from a customer message after a staff answer (next response); business time
// of the channel's calendar counts towards the target only while the ticket is not paused (waiting on
// the customer, or solved), and stops for good when the ticket closes. Nothing here reads a clock or
// a database: the same events and the same calendar always give the same deadlines and breaches,
// whether folded at once or one event at a time from a stored state (the state is plain JSON).
//
// Time is counted in whole business milliseconds, not fractional minutes, so that counting a span in
// one piece or in several pieces gives exactly the same total.
import type { BusinessCalendar } from '../rules';

export const MINUTE = 60_000;

export const slaEventKinds = ['arrival', 'customer_message', 'response', 'pause', 'resume', 'close'] as const;
export type SlaEventKind = (typeof slaEventKinds)[number];
export type SlaPhase = 'first' | 'next';

export interface SlaEvent {
  at: number;
  kind: SlaEventKind;
  /** Who gave a response; null for every other kind. */
  staffId?: number | null;
}

/** Minutes of the channel's calendar; null when nothing is owed on this ticket (e.g. refused at intake). */
export interface SlaTargets {
  firstResponseMinutes: number;
  nextResponseMinutes: number;
}

export interface PhaseState {
  phase: SlaPhase;
  /** The arrival, or the customer message that made the next response owed. */
  startedAt: number;
  targetMs: number;
  /** Business ms counted before `runningSince` (the phase's whole count once it ended). */
  consumedMs: number;
  /** Start of the current counting stretch; null while paused and once ended. */
  runningSince: number | null;
  /**
   * The deadline computed when counting last (re)started. Kept through a pause for the record, but
   * it only binds while counting runs; after a breach it stays the missed deadline.
   */
  dueAt: number;
  endedAt: number | null;
  endedBy: 'response' | 'close' | null;
  respondedBy: number | null;
  /** The deadline this phase missed (the true moment of the breach); null while it has not. */
  breachedAt: number | null;
}

export interface ClockState {
  targets: SlaTargets | null;
  arrivedAt: number | null;
  /** The latest event applied; events at an earlier instant are read as happening at this one. */
  lastAt: number | null;
  paused: boolean;
  closed: boolean;
  firstResponseAt: number | null;
  firstResponseBy: number | null;
  phases: PhaseState[];
}

/** What the clock says at one instant. */
export interface ClockView {
  /** The response owed now, if any (also while paused). */
  phase: SlaPhase | null;
  /** The deadline running now; null while nothing is owed, while paused, and once closed. */
  dueAt: number | null;
  paused: boolean;
  closed: boolean;
  /** Business ms counted in the owed phase up to the instant. */
  consumedMs: number;
  targetMs: number | null;
  /** The owed phase missed its deadline at this instant (recorded or not yet). */
  breachedAt: number | null;
  /** Every missed deadline up to the instant, oldest first. */
  breaches: { phase: SlaPhase; dueAt: number }[];
  firstResponseAt: number | null;
  firstResponseBy: number | null;
  /** Business ms from the arrival to the first response (pauses excluded); null until answered. */
  firstResponseMs: number | null;
  /** The first phase's deadline as last computed (the one it was measured against once answered). */
  firstResponseDueAt: number | null;
  firstResponseBreached: boolean;
}

export function betweenMs(calendar: BusinessCalendar, a: number, b: number): number {
  if (b <= a) return 0;
  return Math.round(calendar.businessMinutesBetween(a, b) * MINUTE);
}

export function addMs(calendar: BusinessCalendar, t: number, ms: number): number {
  return Math.round(calendar.addBusinessMinutes(t, Math.max(0, ms) / MINUTE));
}

export function initialClock(targets: SlaTargets | null): ClockState {
  return {
    targets,
    arrivedAt: null,
    lastAt: null,
    paused: false,
    closed: false,
    firstResponseAt: null,
    firstResponseBy: null,
    phases: [],
  };
}

export function openPhase(state: ClockState): PhaseState | null {
  const last = state.phases[state.phases.length - 1];
  return last && last.endedAt === null ? last : null;
}

/** A phase that starts counting at `at`, or waits for a resume when the ticket is paused. */
function startPhase(
  calendar: BusinessCalendar,
  phase: SlaPhase,
  at: number,
  minutes: number,
  paused: boolean,
): PhaseState {
  const targetMs = minutes * MINUTE;
  return {
    phase,
    startedAt: at,
    targetMs,
    consumedMs: 0,
    runningSince: paused ? null : at,
    dueAt: addMs(calendar, at, targetMs),
    endedAt: null,
    endedBy: null,
    respondedBy: null,
    breachedAt: null,
  };
}

/**
 * Applies one event and returns the new state; the given state is not modified. Events must come in
 * time order; an event dated before the previous one counts as simultaneous with it.
 */
export function applySlaEvent(calendar: BusinessCalendar, state: ClockState, event: SlaEvent): ClockState {
  const next: ClockState = { ...state, phases: state.phases.slice() };
  // Only the open phase can change; it is copied so the caller's state stays as it was.
  const index = next.phases.length - 1;
  const open = openPhase(next);
  if (open) next.phases[index] = { ...open };
  step(calendar, next, event);
  return next;
}

/**
 * Folds every event into a fresh state. Applies them in place (the state is private to this call),
 * which spares an allocation per event on the demo's millions; the result is the same as applying
 * them one by one with applySlaEvent (a property test holds both to it).
 */
export function foldSlaEvents(
  calendar: BusinessCalendar,
  targets: SlaTargets | null,
  events: readonly SlaEvent[],
): ClockState {
  const state = initialClock(targets);
  for (const event of events) step(calendar, state, event);
  return state;
}

function stopCounting(calendar: BusinessCalendar, phase: PhaseState, at: number): void {
  if (phase.runningSince !== null) phase.consumedMs += betweenMs(calendar, phase.runningSince, at);
  phase.runningSince = null;
}

/** One event, applied in place to `next` and its open phase. */
function step(calendar: BusinessCalendar, next: ClockState, event: SlaEvent): void {
  const at = next.lastAt === null ? event.at : Math.max(event.at, next.lastAt);
  next.lastAt = at;
  const p = openPhase(next);

  // A deadline passed while counting ran: the breach happened then, whatever comes now.
  if (p && p.runningSince !== null && p.breachedAt === null && at > p.dueAt) p.breachedAt = p.dueAt;

  switch (event.kind) {
    case 'arrival':
      if (next.arrivedAt !== null) break;
      next.arrivedAt = at;
      if (next.targets && !next.closed) {
        next.phases.push(startPhase(calendar, 'first', at, next.targets.firstResponseMinutes, next.paused));
      }
      break;
    case 'customer_message':
      // A customer writing while a response is already owed does not move that deadline: the
      // oldest unanswered message sets it. After an answer, a new next-response phase starts.
      if (next.closed || p || !next.targets || next.firstResponseAt === null) break;
      next.phases.push(startPhase(calendar, 'next', at, next.targets.nextResponseMinutes, next.paused));
      break;
    case 'response':
      if (next.closed) break;
      next.firstResponseAt ??= at;
      next.firstResponseBy ??= event.staffId ?? null;
      if (!p) break;
      stopCounting(calendar, p, at);
      p.endedAt = at;
      p.endedBy = 'response';
      p.respondedBy = event.staffId ?? null;
      break;
    case 'pause':
      if (next.closed || next.paused) break;
      next.paused = true;
      if (p) stopCounting(calendar, p, at);
      break;
    case 'resume':
      if (next.closed || !next.paused) break;
      next.paused = false;
      if (p) {
        p.runningSince = at;
        // Counting continues where it stopped: the deadline moves by exactly the paused time's
        // business minutes. A phase that already missed keeps its missed deadline.
        if (p.breachedAt === null) p.dueAt = addMs(calendar, at, p.targetMs - p.consumedMs);
      }
      break;
    case 'close':
      if (next.closed) break;
      if (p) {
        stopCounting(calendar, p, at);
        p.endedAt = at;
        p.endedBy = 'close';
      }
      next.closed = true;
      next.paused = false;
      break;
  }
}

/** The clock read at `asOf` (at or after the last event). */
export function clockAt(calendar: BusinessCalendar, state: ClockState, asOf: number): ClockView {
  const p = openPhase(state);
  const running = p !== null && p.runningSince !== null;
  const consumedMs = p
    ? p.consumedMs + (p.runningSince !== null ? betweenMs(calendar, p.runningSince, asOf) : 0)
    : 0;
  const pendingBreach = p && running && p.breachedAt === null && asOf > p.dueAt ? p.dueAt : null;
  const breaches: ClockView['breaches'] = [];
  for (const phase of state.phases) {
    const missed = phase === p ? (phase.breachedAt ?? pendingBreach) : phase.breachedAt;
    if (missed !== null) breaches.push({ phase: phase.phase, dueAt: missed });
  }
  const first = state.phases.find((phase) => phase.phase === 'first') ?? null;
  const firstMissed =
    first === null ? null : first === p ? (first.breachedAt ?? pendingBreach) : first.breachedAt;
  return {
    phase: p?.phase ?? null,
    dueAt: p && running ? (p.breachedAt ?? p.dueAt) : null,
    paused: state.paused,
    closed: state.closed,
    consumedMs,
    targetMs: p?.targetMs ?? null,
    breachedAt: p ? (p.breachedAt ?? pendingBreach) : null,
    breaches,
    firstResponseAt: state.firstResponseAt,
    firstResponseBy: state.firstResponseBy,
    firstResponseMs: first && first.endedBy === 'response' ? first.consumedMs : null,
    firstResponseDueAt: first?.breachedAt ?? first?.dueAt ?? null,
    firstResponseBreached: firstMissed !== null,
  };
}

/** Folds every event and reads the clock at `asOf`: the one computation behind every stored value. */
export function computeClock(
  calendar: BusinessCalendar,
  targets: SlaTargets | null,
  events: readonly SlaEvent[],
  asOf: number,
): ClockView {
  return clockAt(calendar, foldSlaEvents(calendar, targets, events), asOf);
}

/**
 * The event a status change means for the clock. Waiting on the customer and solved pause it (a
 * solved ticket the customer writes back to reopens and counting resumes); closed ends it.
 */
export function statusChangeEvent(from: string, to: string): SlaEventKind | null {
  const pausedBefore = from === 'waiting_customer' || from === 'solved';
  if (to === 'closed') return from === 'closed' ? null : 'close';
  if (to === 'waiting_customer' || to === 'solved') return pausedBefore ? null : 'pause';
  return pausedBefore ? 'resume' : null;
}
