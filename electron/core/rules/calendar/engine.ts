import { CalendarError } from './errors';
import { DAY, MAX_TIME, MIN_TIME, MONDAY_DAY, WEEK, lowerBound, upperBound } from './time';
import type { ZoneClock } from './zone';

export interface OpenInterval {
  start: number;
  end: number;
}

/** A window in local wall time relative to the local midnight of the day it belongs to (ms). */
export interface DayWindow {
  open: number;
  /** Greater than open; up to 2 days for an overnight window. */
  close: number;
}

export interface EngineInput {
  clock: ZoneClock;
  /** Index 0 is Monday. */
  windowsByWeekday: readonly (readonly DayWindow[])[];
  /** Local day numbers (days since 1970-01-01 in wall time), ascending, unique. */
  holidays: readonly number[];
  /** Disjoint, ascending, not touching. */
  breakStarts: readonly number[];
  breakEnds: readonly number[];
}

/** A stretch [start, end) over which the open set is the weekly template shifted by `offset`. */
interface Run {
  start: number;
  end: number;
  offset: number;
}

/** Irregular stretches (near holidays, breaks, offset changes) are walked in chunks of this size. */
const CHUNK = 2 * DAY;
/**
 * Margin around a regular stretch over which the offset must not change: a window lasts at most a
 * day of wall time, so every window touching the stretch has both ends inside the margin.
 */
const MARGIN = 2 * DAY;
const DAY_CACHE_LIMIT = 20_000;

const weekdayOfDay = (day: number): number => (((day - MONDAY_DAY) % 7) + 7) % 7;

/**
 * The business-time engine. Open time is the union of every window (in wall time, converted to
 * instants day by day) minus the breaks. Everything is computed two ways that must agree: a slow
 * path that materialises the intervals of a few days at a time, and a fast path that treats a
 * stretch with one UTC offset, no holiday and no break as a repetition of the weekly template,
 * where cumulative open time is plain arithmetic. Long spans therefore cost one step per
 * irregularity (holiday, break, offset change, or a year boundary of the offset table), not per day.
 */
export class CalendarEngine {
  private readonly clock: ZoneClock;
  private readonly windowsByWeekday: readonly (readonly DayWindow[])[];
  private readonly holidays: readonly number[];
  private readonly breakStarts: readonly number[];
  private readonly breakEnds: readonly number[];
  private readonly dayCache = new Map<number, number[]>();

  /** Weekly template: disjoint intervals in ms since local Monday 00:00, with cumulative sums. */
  private readonly tStarts: number[] = [];
  private readonly tEnds: number[] = [];
  private readonly tPrefix: number[] = [];
  private readonly weekTotal: number;

  constructor(input: EngineInput) {
    this.clock = input.clock;
    this.windowsByWeekday = input.windowsByWeekday;
    this.holidays = input.holidays;
    this.breakStarts = input.breakStarts;
    this.breakEnds = input.breakEnds;

    const raw: [number, number][] = [];
    input.windowsByWeekday.forEach((windows, weekday) => {
      for (const w of windows) {
        const start = weekday * DAY + w.open;
        const end = weekday * DAY + w.close;
        if (end <= WEEK) raw.push([start, end]);
        else {
          // Sunday's overnight windows spill into the next week's Monday.
          raw.push([start, WEEK]);
          raw.push([0, end - WEEK]);
        }
      }
    });
    raw.sort((x, y) => x[0] - y[0]);
    let total = 0;
    for (const [start, end] of raw) {
      const last = this.tEnds.length - 1;
      if (last >= 0 && start <= (this.tEnds[last] as number)) {
        const lastEnd = this.tEnds[last] as number;
        if (end > lastEnd) {
          total += end - lastEnd;
          this.tEnds[last] = end;
        }
      } else {
        this.tPrefix.push(total);
        this.tStarts.push(start);
        this.tEnds.push(end);
        total += end - start;
      }
    }
    this.weekTotal = total;
  }

  // ---------------------------------------------------------------------------------------------
  // Fast path: the weekly template inside a regular run.

  /** Cumulative template open time from the start of local week `baseWeek` to instant x. */
  private cumulative(x: number, run: Run, baseWeek: number): number {
    const u = x + run.offset - MONDAY_DAY * DAY;
    const week = Math.floor(u / WEEK);
    const r = u - week * WEEK;
    const i = upperBound(this.tStarts, r) - 1;
    let within = 0;
    if (i >= 0) {
      const start = this.tStarts[i] as number;
      const end = this.tEnds[i] as number;
      within = (this.tPrefix[i] as number) + Math.min(r, end) - start;
    }
    return (week - baseWeek) * this.weekTotal + within;
  }

  /**
   * The latest instant whose cumulative open time is `v`: inside an interval that is the unique
   * such instant, at a boundary it is the next opening rather than the previous closing.
   */
  private instantAt(v: number, run: Run, baseWeek: number): number {
    let week = Math.floor(v / this.weekTotal);
    let rem = v - week * this.weekTotal;
    if (rem >= this.weekTotal) {
      week += 1;
      rem -= this.weekTotal;
    }
    if (rem < 0) rem = 0;
    const i = Math.max(0, upperBound(this.tPrefix, rem) - 1);
    const inWeek = (this.tStarts[i] as number) + rem - (this.tPrefix[i] as number);
    return (baseWeek + week) * WEEK + inWeek + MONDAY_DAY * DAY - run.offset;
  }

  private weekOf(x: number, run: Run): number {
    return Math.floor((x + run.offset - MONDAY_DAY * DAY) / WEEK);
  }

  private templateOpen(x: number, run: Run): boolean {
    const u = x + run.offset - MONDAY_DAY * DAY;
    const r = u - Math.floor(u / WEEK) * WEEK;
    const i = upperBound(this.tStarts, r) - 1;
    return i >= 0 && r < (this.tEnds[i] as number);
  }

  /** The regular run starting at `c`, or null when `c` is near an irregularity. */
  private runForward(c: number): Run | null {
    const change = this.clock.nextChangeAfter(c - MARGIN);
    if (change <= c + MARGIN) return null;
    let end = change - MARGIN;
    const offset = this.clock.offsetAt(c);
    const day = Math.floor((c + offset) / DAY);
    // Windows overlapping c start on its local day or the day before.
    const h = this.holidays[lowerBound(this.holidays, day - 1)];
    if (h !== undefined) {
      if (h <= day) return null;
      // Windows of the holiday start at its local midnight or later.
      end = Math.min(end, h * DAY - offset);
    }
    const b = upperBound(this.breakEnds, c);
    const breakStart = this.breakStarts[b];
    if (breakStart !== undefined) {
      if (breakStart <= c) return null;
      end = Math.min(end, breakStart);
    }
    return end > c ? { start: c, end, offset } : null;
  }

  /** The regular run ending at `c` (covering [start, c)), or null. */
  private runBackward(c: number): Run | null {
    const change = this.clock.lastChangeAtOrBefore(c + MARGIN);
    if (change > c - MARGIN) return null;
    let start = change + MARGIN;
    const offset = this.clock.offsetAt(c);
    const day = Math.floor((c + offset) / DAY);
    const hi = upperBound(this.holidays, day) - 1;
    const h = this.holidays[hi];
    if (h !== undefined) {
      if (h >= day - 1) return null;
      // Windows of the holiday end before the local midnight two days later.
      start = Math.max(start, (h + 2) * DAY - offset);
    }
    const b = lowerBound(this.breakStarts, c) - 1;
    const breakEnd = this.breakEnds[b];
    if (breakEnd !== undefined) {
      if (breakEnd >= c) return null;
      start = Math.max(start, breakEnd);
    }
    return start < c ? { start, end: c, offset } : null;
  }

  /** The end of the break containing c, or c. Skipping a break whole keeps long breaks cheap. */
  private afterBreak(c: number): number {
    const b = upperBound(this.breakEnds, c);
    const start = this.breakStarts[b];
    return start !== undefined && start <= c ? (this.breakEnds[b] as number) : c;
  }

  /** The start of the break that contains or ends at c, or c. */
  private beforeBreak(c: number): number {
    const b = lowerBound(this.breakStarts, c) - 1;
    const end = this.breakEnds[b];
    return end !== undefined && end >= c ? (this.breakStarts[b] as number) : c;
  }

  // ---------------------------------------------------------------------------------------------
  // Slow path: materialised intervals.

  /** Instants of the windows that belong to local day `day` (holiday-aware), unmerged. */
  private dayIntervals(day: number): number[] {
    const cached = this.dayCache.get(day);
    if (cached) return cached;
    const out: number[] = [];
    if (this.holidays[lowerBound(this.holidays, day)] !== day) {
      const midnight = day * DAY;
      for (const w of this.windowsByWeekday[weekdayOfDay(day)] ?? []) {
        const start = this.clock.toInstant(midnight + w.open);
        const end = this.clock.toInstant(midnight + w.close);
        // A window lying wholly inside a skipped hour, or squeezed by one, can come out empty.
        if (end > start) out.push(start, end);
      }
    }
    if (this.dayCache.size >= DAY_CACHE_LIMIT) this.dayCache.clear();
    this.dayCache.set(day, out);
    return out;
  }

  /** Open intervals clipped to [from, to): disjoint, ascending, adjacent ones merged. */
  pieces(from: number, to: number): OpenInterval[] {
    if (!(to > from)) return [];
    // A window's instants lie within a day or two of its wall-clock day, give or take the offset
    // (at most 15 h) and a skipped stretch (at most a day, Samoa 2011).
    const firstDay = Math.floor(from / DAY) - 4;
    const lastDay = Math.floor(to / DAY) + 2;
    const raw: [number, number][] = [];
    for (let d = firstDay; d <= lastDay; d++) {
      const xs = this.dayIntervals(d);
      for (let i = 0; i < xs.length; i += 2) raw.push([xs[i] as number, xs[i + 1] as number]);
    }
    raw.sort((x, y) => x[0] - y[0]);
    const merged: [number, number][] = [];
    for (const [s, e] of raw) {
      const last = merged[merged.length - 1];
      if (last && s <= last[1]) {
        if (e > last[1]) last[1] = e;
      } else merged.push([s, e]);
    }
    const out: OpenInterval[] = [];
    let b = upperBound(this.breakEnds, from);
    for (const [s0, e0] of merged) {
      let s = Math.max(s0, from);
      const e = Math.min(e0, to);
      if (e <= s) continue;
      while (b < this.breakStarts.length && (this.breakEnds[b] as number) <= s) b++;
      let k = b;
      while (k < this.breakStarts.length && (this.breakStarts[k] as number) < e) {
        const bs = this.breakStarts[k] as number;
        if (bs > s) out.push({ start: s, end: bs });
        s = Math.max(s, this.breakEnds[k] as number);
        k++;
      }
      if (s < e) out.push({ start: s, end: e });
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Operations (times in ms, amounts in ms).

  isOpen(t: number): boolean {
    const run = this.runForward(t);
    if (run) return this.templateOpen(t, run);
    return this.pieces(t, t + 1)[0]?.start === t;
  }

  /**
   * The instant at which `amount` of open time, counted from t, is used up; when it is used up at
   * a closing, the next opening. With amount 0 this is the next opening (t itself when open).
   */
  advance(t: number, amount: number): number {
    let c = t;
    let left = amount;
    for (;;) {
      if (c >= MAX_TIME) throw new CalendarError('no opening before the end of supported time (year 9999)');
      const run = this.runForward(c);
      if (run) {
        const base = this.weekOf(c, run);
        const from = this.cumulative(c, run, base);
        const available = this.cumulative(run.end, run, base) - from;
        if (left < available) {
          const x = this.instantAt(from + left, run, base);
          if (this.templateOpen(x, run)) return x;
          // Float rounding put x on a closing: the minutes ran out there, so go to the next opening.
          c = x;
          left = 0;
          continue;
        }
        left -= available;
        c = run.end;
        continue;
      }
      const skipped = this.afterBreak(c);
      if (skipped > c) {
        c = skipped;
        continue;
      }
      const end = c + CHUNK;
      for (const p of this.pieces(c, end)) {
        const length = p.end - p.start;
        if (left < length) {
          const x = p.start + left;
          if (x < p.end) return x;
          // As above: rounded onto the closing, which the next piece's opening replaces.
          left = 0;
        } else left -= length;
      }
      c = end;
    }
  }

  /**
   * The instant from which `amount` (> 0) of open time reaches t; when that instant is an opening
   * (or closed time before it), the opening.
   */
  retreat(t: number, amount: number): number {
    let c = t;
    let left = amount;
    for (;;) {
      if (c <= MIN_TIME) throw new CalendarError('no opening after the start of supported time (year 1)');
      const run = this.runBackward(c);
      if (run) {
        const base = this.weekOf(run.start, run);
        const to = this.cumulative(c, run, base);
        const available = to - this.cumulative(run.start, run, base);
        if (left <= available) return this.instantAt(to - left, run, base);
        left -= available;
        c = run.start;
        continue;
      }
      const skipped = this.beforeBreak(c);
      if (skipped < c) {
        c = skipped;
        continue;
      }
      const start = c - CHUNK;
      const ps = this.pieces(start, c);
      for (let i = ps.length - 1; i >= 0; i--) {
        const p = ps[i] as OpenInterval;
        const length = p.end - p.start;
        if (left <= length) return Math.max(p.start, p.end - left);
        left -= length;
      }
      c = start;
    }
  }

  /** The latest instant <= t that is open or ends open time (t itself when open). */
  previousClose(t: number): number {
    if (this.isOpen(t)) return t;
    let c = t;
    for (;;) {
      if (c <= MIN_TIME) throw new CalendarError('no opening after the start of supported time (year 1)');
      c = this.beforeBreak(c);
      // Pieces end at most at c, so a closing exactly at t is found.
      const ps = this.pieces(c - CHUNK, c);
      const last = ps[ps.length - 1];
      if (last) return last.end;
      c -= CHUNK;
    }
  }

  /** Open time in [a, b), a <= b. */
  measure(a: number, b: number): number {
    let c = a;
    let total = 0;
    while (c < b) {
      const run = this.runForward(c);
      if (run) {
        const end = Math.min(run.end, b);
        const base = this.weekOf(c, run);
        total += this.cumulative(end, run, base) - this.cumulative(c, run, base);
        c = end;
        continue;
      }
      const skipped = Math.min(this.afterBreak(c), b);
      if (skipped > c) {
        c = skipped;
        continue;
      }
      const end = Math.min(c + CHUNK, b);
      for (const p of this.pieces(c, end)) total += p.end - p.start;
      c = end;
    }
    return total;
  }

  openIntervals(a: number, b: number): OpenInterval[] {
    const out: OpenInterval[] = [];
    // Chunked so that a long range does not materialise (and cache) every day at once.
    for (let c = a; c < b; c += 64 * DAY) {
      for (const p of this.pieces(c, Math.min(c + 64 * DAY, b))) {
        const last = out[out.length - 1];
        if (last && last.end === p.start) last.end = p.end;
        else out.push(p);
      }
    }
    return out;
  }
}
