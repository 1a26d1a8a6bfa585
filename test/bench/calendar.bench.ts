// Business-minute additions per second: our calendar against dayjs-business-time on the same cases.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import dayjsBusinessTime from 'dayjs-business-time';
import { createCalendar } from '../../electron/core/rules/calendar';

const MINUTE = 60_000;
const CASES = 2_000;
const WARMUP_MS = 300;
const MEASURE_MS = 1_500;

interface Case {
  start: number;
  minutes: number;
}

/** A fixed list: whole-minute starts over three weeks, spans log-spread from 5 min to 30 working days. */
function makeCases(): Case[] {
  // A small LCG so the list is the same on every run without a seeded-random dependency.
  let state = 0x2545f491;
  const next = (): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  const origin = Date.UTC(2024, 0, 1); // a Monday
  const maxMinutes = 30 * 12 * 60;
  const cases: Case[] = [];
  for (let i = 0; i < CASES; i++) {
    const start = origin + Math.floor(next() * 21 * 24 * 60) * MINUTE;
    const minutes = Math.round(5 * Math.exp(next() * Math.log(maxMinutes / 5)));
    cases.push({ start, minutes });
  }
  return cases;
}

/** Runs `op` over the cases until `budget` ms have passed; returns operations per second. */
function throughput(cases: readonly Case[], op: (c: Case) => number, budget: number): number {
  let sink = 0;
  let ops = 0;
  const began = performance.now();
  let elapsed = 0;
  while (elapsed < budget) {
    for (const c of cases) {
      sink += op(c);
      ops++;
      // The peer is slow enough that checking the clock per call costs nothing relative to it.
      if ((ops & 63) === 0 && performance.now() - began >= budget) break;
    }
    elapsed = performance.now() - began;
  }
  if (sink === 42) console.error('unreachable: keeps the results alive');
  return ops / (elapsed / 1000);
}

export async function benchCalendar(): Promise<Record<string, number>> {
  const calendar = createCalendar({
    zone: 'UTC',
    windows: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({
      day,
      open: '06:00',
      close: '18:00',
    })),
  });

  // dayjs-business-time keeps its configuration in the global dayjs locale; UTC mode makes its
  // wall-clock arithmetic UTC.
  dayjs.extend(utc);
  dayjs.extend(dayjsBusinessTime);
  const hours = [{ start: '06:00:00', end: '18:00:00' }];
  dayjs.setBusinessTime({
    sunday: null,
    monday: hours,
    tuesday: hours,
    wednesday: hours,
    thursday: hours,
    friday: hours,
    saturday: null,
  });
  dayjs.setHolidays([]);

  const ours = (c: Case): number => calendar.addBusinessMinutes(c.start, c.minutes);
  const peer = (c: Case): number => dayjs.utc(c.start).addBusinessMinutes(c.minutes).valueOf();

  const cases = makeCases();

  // dayjs-business-time treats closing time as business time, so minutes used up exactly at 18:00
  // give 18:00 where we give the next opening; those are convention differences, not errors.
  let differ = 0;
  let unexplained = 0;
  for (const c of cases) {
    const a = ours(c);
    const b = peer(c);
    if (a === b) continue;
    differ++;
    if (calendar.isOpen(b) || calendar.nextOpen(b) !== a) unexplained++;
  }
  if (differ > 0) {
    console.error(
      `calendar bench: dayjs-business-time disagrees on ${differ}/${cases.length} additions; ` +
        `${differ - unexplained} of them come from its closing-time convention (result at 18:00 instead of the next opening)` +
        (unexplained > 0 ? `, ${unexplained} are unexplained` : ''),
    );
  }

  throughput(cases, ours, WARMUP_MS);
  const calendarPerS = throughput(cases, ours, MEASURE_MS);
  throughput(cases, peer, WARMUP_MS);
  const peerPerS = throughput(cases, peer, MEASURE_MS);

  return { calendar_add_per_s: calendarPerS, calendar_add_peer_per_s: peerPerS };
}
