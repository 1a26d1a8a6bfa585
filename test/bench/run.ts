// `npm run bench [-- --json]`: runs every benchmark and prints its figures. With --json, one JSON
// object keyed by figure name, so runs can be compared.
import { benchCalendar } from './calendar.bench';
import { benchQueue } from './queue.bench';
import { benchQueueUi } from './queue-ui.bench';
import { benchSla } from './sla.bench';

type Bench = { name: string; run: () => Promise<Record<string, number>> };

const benches: Bench[] = [
  { name: 'calendar', run: benchCalendar },
  { name: 'queue', run: benchQueue },
  { name: 'queue-ui', run: benchQueueUi },
  { name: 'sla', run: benchSla },
];

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const figures: Record<string, number> = {};
  for (const bench of benches) {
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
