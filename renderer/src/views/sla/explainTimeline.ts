// The explain timeline as the dialog lists it: what happened, a "now" line, then what will happen
// if nothing else does. A ticket open for weeks alternates counted days and closed nights many times
// over; long runs of those are folded (first and last stretches kept, the middle summed up) so the
// events stay in view, and each fold opens on demand. Pure, for tests.
import type { SlaExplanation, SlaTimelineEntry } from '../../../../shared/sla';

export interface FoldRow {
  type: 'fold';
  /** Stable within one explanation: the index of its first entry. */
  id: string;
  entries: SlaTimelineEntry[];
  countedMinutes: number;
  /** Wall time not counted (closed hours), in ms. */
  closedMs: number;
  projected: boolean;
}

export type TimelineRow =
  { type: 'entry'; entry: SlaTimelineEntry; index: number } | FoldRow | { type: 'now'; at: number };

/** Kinds that repeat day after day; holidays, pauses and events always stay in view. */
const foldable = (e: SlaTimelineEntry) => e.kind === 'counted' || e.kind === 'closed';

/** A closed or paused sliver under a minute (e.g. from an arrival a moment ago to now) says nothing. */
const trivial = (e: SlaTimelineEntry) =>
  (e.kind === 'closed' || e.kind === 'paused' || e.kind === 'holiday') && e.to - e.from < 60_000;

export const FOLD_AT = 7;
const KEEP = 2;

/**
 * Rows for the list. Runs of more than FOLD_AT counted/closed stretches (of one kind of time:
 * happened or projected) keep KEEP at each end and fold the middle, unless their fold id is open.
 */
export function timelineRows(explanation: SlaExplanation, open: ReadonlySet<string>): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const entries = explanation.timeline.filter((e) => !trivial(e));
  let nowPlaced = false;
  const placeNow = () => {
    if (nowPlaced) return;
    nowPlaced = true;
    rows.push({ type: 'now', at: explanation.asOf });
  };
  let i = 0;
  while (i < entries.length) {
    const entry = entries[i];
    if (!entry) break;
    if (entry.projected) placeNow();
    if (!foldable(entry)) {
      rows.push({ type: 'entry', entry, index: i });
      i++;
      continue;
    }
    let end = i;
    while (end < entries.length) {
      const next = entries[end];
      if (!next || !foldable(next) || next.projected !== entry.projected) break;
      end++;
    }
    const run = entries.slice(i, end);
    const id = `fold-${i}`;
    if (run.length > FOLD_AT && !open.has(id)) {
      const middle = run.slice(KEEP, run.length - KEEP);
      run.slice(0, KEEP).forEach((e, k) => rows.push({ type: 'entry', entry: e, index: i + k }));
      rows.push({
        type: 'fold',
        id,
        entries: middle,
        countedMinutes: middle.reduce((n, e) => n + (e.kind === 'counted' ? e.minutes : 0), 0),
        closedMs: middle.reduce((n, e) => n + (e.kind === 'closed' ? e.to - e.from : 0), 0),
        projected: entry.projected,
      });
      run
        .slice(run.length - KEEP)
        .forEach((e, k) => rows.push({ type: 'entry', entry: e, index: end - KEEP + k }));
    } else {
      run.forEach((e, k) => rows.push({ type: 'entry', entry: e, index: i + k }));
    }
    i = end;
  }
  placeNow();
  return rows;
}

/** Every fold id the explanation would have, for "show every stretch". */
export function allFoldIds(explanation: SlaExplanation): string[] {
  return timelineRows(explanation, new Set())
    .filter((r): r is FoldRow => r.type === 'fold')
    .map((r) => r.id);
}

/** The arrival's counting started later: the channel was closed (or on holiday) when it arrived. */
export function countingStartOf(explanation: SlaExplanation): number | null {
  const arrival = explanation.timeline.find((e) => e.kind === 'arrival');
  if (!arrival || arrival.phase === null) return null;
  const first = explanation.timeline.find((e) => e.kind === 'counted' && e.from >= arrival.from);
  const skipped = explanation.timeline.find(
    (e) => (e.kind === 'closed' || e.kind === 'holiday') && e.from === arrival.from,
  );
  return skipped && first ? first.from : null;
}

/** The phase result a response entry ended, to say met or missed. */
export function phaseEndedBy(explanation: SlaExplanation, entry: SlaTimelineEntry) {
  return (
    explanation.phases.find(
      (p) => p.phase === entry.phase && p.endedBy === 'response' && p.endedAt === entry.from,
    ) ?? null
  );
}

/** The target of a phase, in business minutes. */
export function targetOf(explanation: SlaExplanation, phase: 'first' | 'next' | null): number | null {
  if (!explanation.targets || phase === null) return null;
  return phase === 'first'
    ? explanation.targets.firstResponseMinutes
    : explanation.targets.nextResponseMinutes;
}

/** Whether a customer message started a new owed response (rather than joining one already owed). */
export function startsNextPhase(explanation: SlaExplanation, entry: SlaTimelineEntry): boolean {
  return (
    entry.kind === 'customer_message' &&
    entry.phase === 'next' &&
    explanation.phases.some((p) => p.phase === 'next' && p.startedAt === entry.from)
  );
}
