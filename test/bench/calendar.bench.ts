// Business-minute additions per second: our calendar against dayjs-business-time on the same cases,
// and the two compared result by result, on two calendars: the rule set's (UTC, one window a day)
// and a harder one (Europe/Paris, with its DST changes, public holidays and a lunch break: two
// windows a day). The bench fails when the two disagree other than by the known convention.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import dayjsBusinessTime from 'dayjs-business-time';
import { createCalendar, type CalendarSpec } from '../../electron/core/rules/calendar';

const MINUTE = 60_000;
const CASES = 2_000;
const WARMUP_MS = 300;
const MEASURE_MS = 1_500;

interface Case {
  start: number;
  minutes: number;
}

/**
 * A fixed list: whole-minute starts over `days` days from `origin`, spans log-spread from 5 min to
 * 30 working days.
 */
function makeCases(origin: number, days: number): Case[] {
  // A small LCG so the list is the same on every run without a seeded-random dependency.
  let state = 0x2545f491;
  const next = (): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  const maxMinutes = 30 * 12 * 60;
  const cases: Case[] = [];
  for (let i = 0; i < CASES; i++) {
    const start = origin + Math.floor(next() * days * 24 * 60) * MINUTE;
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

interface Scenario {
  name: string;
  spec: CalendarSpec;
  cases: Case[];
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

const SCENARIOS: Scenario[] = [
  {
    name: 'utc',
    spec: { zone: 'UTC', windows: WEEKDAYS.map((day) => ({ day, open: '06:00', close: '18:00' })) },
    cases: makeCases(Date.UTC(2024, 0, 1), 21), // three weeks from a Monday
  },
  {
    // Spring forward on Sun 31 March 2024, fall back on Sun 27 October; French public holidays.
    name: 'paris',
    spec: {
      zone: 'Europe/Paris',
      windows: WEEKDAYS.flatMap((day) => [
        { day, open: '08:00', close: '12:00' },
        { day, open: '13:30', close: '17:30' },
      ]),
      holidays: [
        '2024-01-01',
        '2024-04-01',
        '2024-05-01',
        '2024-05-08',
        '2024-05-09',
        '2024-05-20',
        '2024-07-15',
        '2024-08-15',
        '2024-11-01',
        '2024-11-11',
        '2024-12-25',
      ],
    },
    // Starts from 4 March to 4 December 2024: both DST changes and every holiday above in reach.
    cases: makeCases(Date.UTC(2024, 2, 4), 275),
  },
];

/**
 * dayjs-business-time reads wall time in the process's zone, so the peer runs with TZ set to the
 * calendar's zone (Node applies a changed TZ at once). Its hours and holidays are global too.
 */
function configurePeer(spec: CalendarSpec): (c: Case) => number {
  process.env.TZ = spec.zone;
  const days = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
  const short = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
  const hours = Object.fromEntries(
    days.map((day, i) => {
      const windows = spec.windows
        .filter((w) => w.day === short[i])
        .map((w) => ({ start: `${w.open}:00`, end: `${w.close}:00` }));
      return [day, windows.length > 0 ? windows : null];
    }),
  ) as unknown as Parameters<typeof dayjs.setBusinessTime>[0];
  dayjs.setBusinessTime(hours);
  dayjs.setHolidays(spec.holidays ?? []);
  return (c) => dayjs(c.start).addBusinessMinutes(c.minutes).valueOf();
}

export interface Disagreement {
  /** Results that differ. */
  differ: number;
  /** Of those, the ones the closing-time convention does not explain. */
  unexplained: Case[];
}

/**
 * dayjs-business-time treats closing time as business time, so minutes used up exactly at a
 * window's close give that close where we give the next opening (18:00 vs next morning; 12:00 vs
 * 13:30). Any other difference is a disagreement about the calendar itself.
 */
export function compare(
  calendar: ReturnType<typeof createCalendar>,
  ours: (c: Case) => number,
  peer: (c: Case) => number,
  cases: readonly Case[],
): Disagreement {
  let differ = 0;
  const unexplained: Case[] = [];
  for (const c of cases) {
    const a = ours(c);
    const b = peer(c);
    if (a === b) continue;
    differ++;
    if (calendar.isOpen(b) || calendar.nextOpen(b) !== a) unexplained.push(c);
  }
  return { differ, unexplained };
}

export async function benchCalendar(): Promise<Record<string, number>> {
  dayjs.extend(utc);
  dayjs.extend(dayjsBusinessTime);
  const zoneBefore = process.env.TZ;
  const figures: Record<string, number> = {};
  try {
    for (const scenario of SCENARIOS) {
      const calendar = createCalendar(scenario.spec);
      const ours = (c: Case): number => calendar.addBusinessMinutes(c.start, c.minutes);
      const peer = configurePeer(scenario.spec);
      const { differ, unexplained } = compare(calendar, ours, peer, scenario.cases);
      console.error(
        `calendar bench (${scenario.name}): dayjs-business-time disagrees on ${differ}/${scenario.cases.length} ` +
          `additions, ${differ - unexplained.length} of them from its closing-time convention`,
      );
      if (unexplained.length > 0) {
        const shown = unexplained
          .slice(0, 5)
          .map(
            (c) =>
              `${new Date(c.start).toISOString()} + ${c.minutes} min: ours ${new Date(ours(c)).toISOString()}, dayjs ${new Date(peer(c)).toISOString()}`,
          )
          .join('; ');
        throw new Error(
          `calendar bench (${scenario.name}): ${unexplained.length} results differ beyond the closing-time convention, e.g. ${shown}`,
        );
      }
      const suffix = scenario.name === 'utc' ? '' : `_${scenario.name}`;
      throughput(scenario.cases, ours, WARMUP_MS);
      figures[`calendar_add${suffix}_per_s`] = throughput(scenario.cases, ours, MEASURE_MS);
      throughput(scenario.cases, peer, WARMUP_MS);
      figures[`calendar_add${suffix}_peer_per_s`] = throughput(scenario.cases, peer, MEASURE_MS);
      figures[`calendar_convention_diffs${suffix}`] = differ;
    }
  } finally {
    if (zoneBefore === undefined) delete process.env.TZ;
    else process.env.TZ = zoneBefore;
  }
  return figures;
}
