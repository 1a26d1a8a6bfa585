// Why a ticket is due when it is: the events replayed through the same pure clock that stored its
// deadlines, with the time between them cut into what counted (open business time) and what did not
// (closed hours, holidays, pauses). Pure: the caller supplies the calendar of the ticket's rule
// version, its events and the instant to explain at.
import type { SlaExplanation, SlaTimelineEntry } from '../../../shared/sla';
import type { BusinessCalendar, CalendarSpec } from '../rules';
import { formatInstant } from '../rules';
import { localDaySpan } from '../rules/calendar/zone';
import {
  applySlaEvent,
  betweenMs,
  clockAt,
  initialClock,
  MINUTE,
  openPhase,
  type ClockState,
  type PhaseState,
  type SlaEvent,
  type SlaTargets,
} from './timeline';

export interface ExplainInput {
  calendar: BusinessCalendar;
  /** The channel's calendar as written in the rule version (its zone and holidays). */
  spec: CalendarSpec;
  targets: SlaTargets | null;
  events: readonly SlaEvent[];
  asOf: number;
}

export type ExplainedClock = Pick<SlaExplanation, 'current' | 'phases' | 'timeline'> & {
  summary: string[];
};

/** Beyond this many pieces in one span, the middle is folded into one summary entry. */
const MAX_PIECES_PER_SPAN = 48;

const phaseName = (phase: 'first' | 'next') => (phase === 'first' ? 'First response' : 'Next response');
const minutesText = (minutes: number) => {
  const rounded = Math.round(minutes * 100) / 100;
  return `${rounded} business minute${rounded === 1 ? '' : 's'}`;
};

export function explainClock(input: ExplainInput): ExplainedClock {
  const { calendar, spec, targets, asOf } = input;
  const zone = spec.zone;
  const when = (t: number) => formatInstant(t, zone);
  const holidaySpans = (spec.holidays ?? [])
    .map((date) => ({ date, ...localDaySpan(zone, date) }))
    .sort((a, b) => a.start - b.start);

  const timeline: SlaTimelineEntry[] = [];
  const entry = (
    e: Omit<SlaTimelineEntry, 'to' | 'minutes' | 'date' | 'projected'> & Partial<SlaTimelineEntry>,
  ) => timeline.push({ to: e.from, minutes: 0, date: null, projected: false, ...e });

  /** Pieces of a closed stretch: holidays named, the rest closed hours. */
  const gap = (
    a: number,
    b: number,
    phase: PhaseState,
    total: number,
    projected: boolean,
  ): SlaTimelineEntry[] => {
    const out: SlaTimelineEntry[] = [];
    let cursor = a;
    const closed = (to: number) =>
      out.push({
        kind: 'closed',
        from: cursor,
        to,
        phase: phase.phase,
        minutes: 0,
        totalMinutes: total,
        date: null,
        projected,
        text: `Channel closed ${when(cursor)} to ${when(to)}: not counted.`,
      });
    for (const h of holidaySpans) {
      if (h.end <= cursor || h.start >= b) continue;
      if (h.start > cursor) closed(h.start);
      const to = Math.min(b, h.end);
      out.push({
        kind: 'holiday',
        from: Math.max(cursor, h.start),
        to,
        phase: phase.phase,
        minutes: 0,
        totalMinutes: total,
        date: h.date,
        projected,
        text: `Holiday ${h.date}: not counted.`,
      });
      cursor = to;
    }
    if (cursor < b) closed(b);
    return out;
  };

  /**
   * What happened to the owed phase between two events (or the last event and asOf); projected:
   * what will happen from asOf to the deadline if nothing else does.
   */
  const span = (state: ClockState, a: number, b: number, projected = false) => {
    const p = openPhase(state);
    if (!p || state.closed || b <= a) return;
    const target = p.targetMs / MINUTE;
    if (p.runningSince === null) {
      const total = p.consumedMs / MINUTE;
      entry({
        kind: 'paused',
        from: a,
        to: b,
        phase: p.phase,
        totalMinutes: total,
        projected,
        text: `Paused ${when(a)} to ${when(b)}: not counted (${minutesText(total)} of ${target} so far).`,
      });
      return;
    }
    let consumed = p.consumedMs + betweenMs(calendar, p.runningSince, a);
    const due = p.breachedAt === null ? p.dueAt : null;
    const pieces: SlaTimelineEntry[] = [];
    const counted = (from: number, to: number) => {
      const ms = betweenMs(calendar, from, to);
      consumed += ms;
      pieces.push({
        kind: 'counted',
        from,
        to,
        phase: p.phase,
        minutes: ms / MINUTE,
        totalMinutes: consumed / MINUTE,
        date: null,
        projected,
        text: `${projected ? 'Will count' : 'Counted'} ${minutesText(ms / MINUTE)} ${when(from)} to ${when(to)}: ${minutesText(consumed / MINUTE)} of ${target}.`,
      });
    };
    const marker = (kind: 'due' | 'breach', at: number) =>
      pieces.push({
        kind,
        from: at,
        to: at,
        phase: p.phase,
        minutes: 0,
        totalMinutes: consumed / MINUTE,
        date: null,
        projected,
        text:
          kind === 'due'
            ? `Due ${when(at)}: the ${target}-minute target is used up.`
            : `${phaseName(p.phase)} missed its target at ${when(at)}.`,
      });
    let cursor = a;
    for (const open of calendar.openIntervals(a, b)) {
      if (open.start > cursor) pieces.push(...gap(cursor, open.start, p, consumed / MINUTE, projected));
      // The deadline sits inside this open stretch: cut it there so the marker falls in place.
      if (due !== null && due >= open.start && due < open.end) {
        if (due > open.start) counted(open.start, due);
        marker('due', due);
        if (b > due) marker('breach', due);
        if (open.end > due) counted(due, open.end);
      } else counted(open.start, open.end);
      cursor = open.end;
    }
    if (cursor < b) pieces.push(...gap(cursor, b, p, consumed / MINUTE, projected));
    if (due !== null && due === b) marker('due', due);
    timeline.push(...fold(pieces));
  };

  let state = initialClock(targets);
  for (const event of input.events) {
    const at = state.lastAt === null ? event.at : Math.max(event.at, state.lastAt);
    if (state.lastAt !== null) span(state, state.lastAt, at);
    const before = state;
    state = applySlaEvent(calendar, state, event);
    describeEvent(before, state, { ...event, at });
  }
  if (state.lastAt !== null && asOf > state.lastAt) span(state, state.lastAt, asOf);
  // Why the deadline is where it is: the open and closed time between now and it.
  const owed = openPhase(state);
  const readAt = Math.max(asOf, state.lastAt ?? asOf);
  if (
    owed &&
    !state.closed &&
    owed.runningSince !== null &&
    owed.breachedAt === null &&
    owed.dueAt > readAt
  ) {
    span(state, readAt, owed.dueAt, true);
  }

  function describeEvent(before: ClockState, after: ClockState, event: SlaEvent) {
    const was = openPhase(before);
    const is = openPhase(after);
    // applySlaEvent copies the open phase, so the phase owed before is found again by its index.
    const ended = was ? (after.phases[before.phases.indexOf(was)] ?? null) : null;
    const started = is !== null && after.phases.length > before.phases.length;
    const base = { from: event.at, phase: (is ?? was)?.phase ?? null };
    const total = (p: PhaseState | null) => (p ? p.consumedMs / MINUTE : 0);
    switch (event.kind) {
      case 'arrival': {
        if (!started || !is) {
          entry({
            ...base,
            kind: 'arrival',
            phase: null,
            totalMinutes: 0,
            text: 'Arrived: no response target applies.',
          });
          return;
        }
        const opens = calendar.nextOpen(event.at);
        const closedNote =
          opens > event.at ? ` The channel was closed; counting starts at ${when(opens)}.` : '';
        entry({
          ...base,
          kind: 'arrival',
          totalMinutes: 0,
          text: `Arrived ${when(event.at)}: first response owed within ${is.targetMs / MINUTE} business minutes, due ${when(is.dueAt)}.${closedNote}`,
        });
        return;
      }
      case 'customer_message':
        entry({
          ...base,
          kind: 'customer_message',
          totalMinutes: total(is),
          text:
            started && is
              ? `Customer wrote ${when(event.at)}: next response owed within ${is.targetMs / MINUTE} business minutes, due ${when(is.dueAt)}${after.paused ? ' once counting resumes' : ''}.`
              : is
                ? `Customer wrote again ${when(event.at)}: the response already owed keeps its deadline.`
                : `Customer wrote ${when(event.at)}: no response target applies.`,
        });
        return;
      case 'response': {
        const done = ended;
        if (!done || done.endedBy !== 'response') {
          entry({
            ...base,
            kind: 'response',
            phase: null,
            totalMinutes: 0,
            text: `Staff answered ${when(event.at)}: nothing was owed.`,
          });
          return;
        }
        const minutes = done.consumedMs / MINUTE;
        const verdict =
          done.breachedAt === null
            ? 'met'
            : `missed (due ${when(done.breachedAt)}, ${minutesText((done.consumedMs - done.targetMs) / MINUTE)} late)`;
        entry({
          ...base,
          kind: 'response',
          phase: done.phase,
          totalMinutes: minutes,
          text: `${phaseName(done.phase)} ${when(event.at)} after ${minutesText(minutes)} (target ${done.targetMs / MINUTE}): ${verdict}.`,
        });
        return;
      }
      case 'pause':
        entry({
          ...base,
          kind: 'pause',
          totalMinutes: total(is),
          text: is
            ? `Paused ${when(event.at)} (waiting on the customer, or solved) with ${minutesText(total(is))} of ${is.targetMs / MINUTE} counted.`
            : `Paused ${when(event.at)} (waiting on the customer, or solved): nothing was owed.`,
        });
        return;
      case 'resume':
        entry({
          ...base,
          kind: 'resume',
          totalMinutes: total(is),
          text:
            is && is.runningSince !== null
              ? `Reopened ${when(event.at)}: counting resumes with ${minutesText(Math.max(0, is.targetMs - is.consumedMs) / MINUTE)} left, due ${when(is.breachedAt ?? is.dueAt)}.`
              : `Reopened ${when(event.at)}: nothing is owed.`,
        });
        return;
      case 'close':
        entry({
          ...base,
          kind: 'close',
          totalMinutes: ended ? ended.consumedMs / MINUTE : 0,
          text: was
            ? `Closed ${when(event.at)} before a response: the clock stops.`
            : `Closed ${when(event.at)}: nothing more is owed.`,
        });
        return;
    }
  }

  // Results per phase and the clock now.
  const view = clockAt(calendar, state, asOf);
  const open = openPhase(state);
  const phases = state.phases.map((p) => {
    const isOpen = p === open;
    const consumed = isOpen ? view.consumedMs : p.consumedMs;
    const breachedAt = isOpen ? view.breachedAt : p.breachedAt;
    const outcome =
      breachedAt !== null
        ? ('breached' as const)
        : p.endedBy === 'response'
          ? ('met' as const)
          : p.endedBy === 'close'
            ? ('stopped' as const)
            : p.runningSince === null
              ? ('paused' as const)
              : ('running' as const);
    return {
      phase: p.phase,
      startedAt: p.startedAt,
      targetMinutes: p.targetMs / MINUTE,
      dueAt: isOpen && p.runningSince === null ? null : (p.breachedAt ?? p.dueAt),
      endedAt: p.endedAt,
      endedBy: p.endedBy,
      businessMinutes: consumed / MINUTE,
      breachedAt,
      outcome,
    };
  });
  const remaining =
    view.dueAt === null
      ? null
      : view.dueAt >= asOf
        ? betweenMs(calendar, asOf, view.dueAt) / MINUTE
        : -betweenMs(calendar, view.dueAt, asOf) / MINUTE;
  const current = {
    phase: view.phase,
    dueAt: view.dueAt,
    paused: view.paused,
    closed: view.closed,
    businessMinutes: view.consumedMs / MINUTE,
    remainingMinutes: remaining,
    breached: view.breachedAt !== null,
  };

  const summary = phases.map((p) => {
    const head = `${phaseName(p.phase)}: ${minutesText(p.businessMinutes)} of ${p.targetMinutes}`;
    switch (p.outcome) {
      case 'met':
        return `${head}, answered in time.`;
      case 'breached':
        return `${head}, missed at ${when(p.breachedAt ?? p.startedAt)}.`;
      case 'stopped':
        return `${head}, closed before a response.`;
      case 'paused':
        return `${head}, paused.`;
      case 'running':
        return `${head}, due ${when(p.dueAt ?? p.startedAt)}.`;
    }
  });
  if (current.phase === null)
    summary.push(current.closed ? 'Closed: nothing is owed.' : 'Nothing is owed now.');
  else if (current.paused) summary.push(`${phaseName(current.phase)} owed; the clock is paused.`);
  else if (current.dueAt !== null && remaining !== null) {
    summary.push(
      remaining >= 0
        ? `${phaseName(current.phase)} due ${when(current.dueAt)}: ${minutesText(remaining)} left.`
        : `${phaseName(current.phase)} overdue since ${when(current.dueAt)}.`,
    );
  }
  return { current, phases, timeline, summary };
}

/** Keeps the first and last pieces of a very long span and folds the middle into one entry. */
function fold(pieces: SlaTimelineEntry[]): SlaTimelineEntry[] {
  if (pieces.length <= MAX_PIECES_PER_SPAN) return pieces;
  const keep = MAX_PIECES_PER_SPAN / 2;
  const head = pieces.slice(0, keep);
  const tail = pieces.slice(pieces.length - keep);
  const middle = pieces.slice(keep, pieces.length - keep);
  const first = middle[0];
  const last = middle[middle.length - 1];
  if (!first || !last) return pieces;
  const minutes = middle.reduce((n, p) => n + p.minutes, 0);
  const markers = middle.filter((p) => p.kind === 'due' || p.kind === 'breach');
  return [
    ...head,
    {
      kind: 'summary',
      from: first.from,
      to: last.to,
      phase: first.phase,
      minutes,
      totalMinutes: last.totalMinutes,
      date: null,
      projected: first.projected,
      text: `${middle.length} more stretches of open and closed time: ${minutesText(minutes)} counted.`,
    },
    ...markers,
    ...tail,
  ];
}
