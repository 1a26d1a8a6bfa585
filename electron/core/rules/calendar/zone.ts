import { DAY, HOUR, SECOND, daysFromCivil, upperBound } from './time';

/**
 * Offsets are read through Intl directly rather than through luxon's IANAZone: `format` plus a
 * regex is about four times cheaper than `formatToParts`, and building a year of the transition
 * table takes hundreds of reads.
 */
const PARTS = /^(\d+)\/(\d+)\/(\d+) (AD|BC),? (\d+):(\d+):(\d+)$/;

/** Transition tables are built per bucket of 364 days, sampled daily. */
const BUCKET = 364 * DAY;
const SAMPLES_PER_BUCKET = 364;

/** No zone has ever been further than this from UTC; it bounds the search for a wall time. */
const MAX_ABS_OFFSET = 15 * HOUR;

interface Bucket {
  readonly startOffset: number;
  /** Instants T at which the offset changes (offset(T) differs from offset(T - 1)), ascending. */
  readonly times: number[];
  /** The offset from times[i] on. */
  readonly offsets: number[];
}

/**
 * The UTC offset of one IANA zone as a piecewise-constant function, learnt lazily bucket by bucket.
 * Assumes at most one offset change per day (true of every zone in tzdata since 1900 as far as
 * sampling shows; a pair of changes inside one day that cancel out would be missed).
 */
export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly buckets = new Map<number, Bucket>();

  constructor(readonly name: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Offset in ms (local wall time minus UTC) straight from Intl. */
  private readOffset(t: number): number {
    const whole = Math.floor(t / SECOND) * SECOND;
    const match = PARTS.exec(this.format.format(whole));
    if (!match) throw new Error(`cannot read the offset of ${this.name} at ${t}`);
    const [, mo, d, y, era, h, mi, s] = match;
    const year = era === 'BC' ? 1 - Number(y) : Number(y);
    const local =
      daysFromCivil(year, Number(mo), Number(d)) * DAY +
      // Some ICU versions print midnight as 24 even with h23.
      (Number(h) % 24) * HOUR +
      Number(mi) * 60_000 +
      Number(s) * SECOND;
    return local - whole;
  }

  private bucket(index: number): Bucket {
    const cached = this.buckets.get(index);
    if (cached) return cached;
    const start = index * BUCKET;
    const startOffset = this.readOffset(start);
    const times: number[] = [];
    const offsets: number[] = [];
    let prevTime = start;
    let prevOffset = startOffset;
    for (let i = 1; i <= SAMPLES_PER_BUCKET; i++) {
      const time = start + i * DAY;
      const offset = this.readOffset(time);
      if (offset !== prevOffset) {
        // Transitions happen on whole seconds; bisect down to the second.
        let lo = prevTime;
        let hi = time;
        while (hi - lo > SECOND) {
          const mid = lo + Math.floor((hi - lo) / 2 / SECOND) * SECOND;
          if (this.readOffset(mid) === prevOffset) lo = mid;
          else hi = mid;
        }
        times.push(hi);
        offsets.push(this.readOffset(hi));
      }
      prevTime = time;
      prevOffset = offset;
    }
    const made: Bucket = { startOffset, times, offsets };
    this.buckets.set(index, made);
    return made;
  }

  offsetAt(t: number): number {
    const index = Math.floor(t / BUCKET);
    const b = this.bucket(index);
    // A transition exactly at a bucket's end is recorded in that bucket but governs the next one,
    // whose start offset already reflects it.
    const i = upperBound(b.times, t);
    return i === 0 ? b.startOffset : (b.offsets[i - 1] as number);
  }

  /**
   * The first offset change strictly after `t`, or, when there is none in this bucket or the next,
   * the end of the next bucket: callers treat it as a change, which only costs them a re-check.
   */
  nextChangeAfter(t: number): number {
    const index = Math.floor(t / BUCKET);
    for (let k = index; k <= index + 1; k++) {
      const b = this.bucket(k);
      const i = upperBound(b.times, t);
      if (i < b.times.length) return b.times[i] as number;
    }
    return (index + 2) * BUCKET;
  }

  /** The last offset change at or before `t`, or a conservative stand-in (see nextChangeAfter). */
  lastChangeAtOrBefore(t: number): number {
    const index = Math.floor(t / BUCKET);
    for (let k = index; k >= index - 1; k--) {
      const b = this.bucket(k);
      const i = upperBound(b.times, t);
      if (i > 0) return b.times[i - 1] as number;
    }
    return (index - 1) * BUCKET;
  }

  /**
   * The instant at which the wall clock shows `local` (ms since 1970-01-01T00:00 wall time). A wall
   * time shown twice resolves to its first occurrence; one skipped by a forward change moves
   * forward by the length of the skip, i.e. it is read with the offset in force before the change.
   */
  toInstant(local: number): number {
    const from = local - MAX_ABS_OFFSET;
    const to = local + MAX_ABS_OFFSET;
    let pieceStart = from;
    let pieceOffset = this.offsetAt(from);
    let best = Number.POSITIVE_INFINITY;
    let skipped = Number.NaN;
    for (;;) {
      const next = this.nextChangeAfter(pieceStart);
      const pieceEnd = next > to ? Number.POSITIVE_INFINITY : next;
      const candidate = local - pieceOffset;
      if (candidate >= pieceStart && candidate < pieceEnd) {
        if (candidate < best) best = candidate;
      } else if (candidate >= pieceEnd && Number.isNaN(skipped)) {
        const nextOffset = this.offsetAt(pieceEnd);
        if (local - nextOffset < pieceEnd) skipped = candidate;
      }
      if (pieceEnd === Number.POSITIVE_INFINITY) break;
      pieceStart = pieceEnd;
      pieceOffset = this.offsetAt(pieceEnd);
    }
    if (best !== Number.POSITIVE_INFINITY) return best;
    return Number.isNaN(skipped) ? local - this.offsetAt(local) : skipped;
  }
}

const clocks = new Map<string, ZoneClock>();

/** Clocks are shared per zone: they are pure and their tables are the expensive part. */
export function zoneClock(name: string): ZoneClock {
  let clock = clocks.get(name);
  if (!clock) {
    clock = new ZoneClock(name);
    clocks.set(name, clock);
  }
  return clock;
}

/**
 * A local date's day in a zone ('2026-03-29' in Europe/Paris): from its midnight to the next, as
 * the calendar engine reads a day (a skipped midnight moves forward, a repeated one is the first).
 */
export function localDaySpan(zone: string, isoDate: string): { start: number; end: number } {
  const [y, m, d] = isoDate.split('-').map(Number);
  const day = daysFromCivil(y ?? 0, m ?? 0, d ?? 0);
  const clock = zoneClock(zone);
  return { start: clock.toInstant(day * DAY), end: clock.toInstant((day + 1) * DAY) };
}
