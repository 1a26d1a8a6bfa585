import { benchQueue } from './test/bench/queue.bench';
const t = performance.now();
console.log(await benchQueue(), ((performance.now() - t) / 1000).toFixed(1), 's');
