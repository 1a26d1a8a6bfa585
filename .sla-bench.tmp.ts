import { benchSla } from './test/bench/sla.bench';
benchSla().then((r) => console.log(JSON.stringify(r)), (e: unknown) => { console.error(e); process.exit(1); });
