// `npm run bench [-- --json] [-- --only queue-ui,sla]`: runs every benchmark (or the named ones) and
// prints its figures. With --json, one JSON object keyed by figure name, so runs can be compared.
// `--only scale` runs the queue figures on the 1M-ticket data set on both stores (queue, queue-pg):
// long: the first run seeds the data set on both stores (see docs/PERFORMANCE.md), later runs reuse it.
import { benchCalendar } from './calendar.bench';
import { benchMailIn } from './mail-in.bench';
import { benchMailOut } from './mail-out.bench';
import { benchQueue } from './queue.bench';
import { benchQueuePg } from './queue-pg.bench';
import { benchQueueUi } from './queue-ui.bench';
import { benchSla } from './sla.bench';
import { benchTeam } from './team.bench';

type Bench = { name: string; run: () => Promise<Record<string, number>> };

const benches: Bench[] = [
  { name: 'calendar', run: benchCalendar },
  { name: 'mail-in', run: benchMailIn },
  { name: 'mail-out', run: benchMailOut },
  { name: 'queue', run: benchQueue },
  { name: 'queue-pg', run: benchQueuePg },
  { name: 'queue-ui', run: benchQueueUi },
  { name: 'sla', run: benchSla },
  { name: 'team', run: benchTeam },
];

/** Names that stand for several benches. */
const GROUPS: Record<string, string[]> = { scale: ['queue', 'queue-pg'] };

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const onlyAt = process.argv.indexOf('--only');
  const only =
    onlyAt >= 0
      ? (process.argv[onlyAt + 1] ?? '')
          .split(',')
          .filter(Boolean)
          .flatMap((name) => GROUPS[name] ?? [name])
      : null;
  const unknown = only?.filter((name) => !benches.some((b) => b.name === name)) ?? [];
  if (only?.length === 0 || unknown.length > 0) {
    throw new Error(
      `--only takes bench names separated by commas (${[...benches.map((b) => b.name), ...Object.keys(GROUPS)].join(', ')}); got "${only?.join(',') ?? ''}"`,
    );
  }
  const figures: Record<string, number> = {};
  for (const bench of benches.filter((b) => only === null || only.includes(b.name))) {
    if (!json) console.log(`# ${bench.name}`);
    const result = await bench.run();
    for (const [name, value] of Object.entries(result)) {
      figures[name] = value;
      if (!json) console.log(`${name}: ${formatFigure(value)}`);
    }
  }
  if (json) console.log(JSON.stringify(figures));
}

function formatFigure(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
