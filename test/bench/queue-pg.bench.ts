// The queue and search on PostgreSQL on the benchmark's large data set (1,000,000 tickets, 200,000
// customers; scale-data.ts seeds it once into a cached cluster), measured as on SQLite
// (queue.bench.ts) through the real dispatcher: queue_page_pg_ms (p95 of first pages, cursor pages
// and custom views, each with its own p95 too), search_pg_ms (first search of each text, right after
// opening), search_repeat_pg_ms, views_list_pg_ms.
import { startCore } from '../../electron/core/app';
import { BENCH_NOW, BENCH_SIZE, scalePostgres } from './scale-data';
import { measureQueue } from './queue.bench';

export async function benchQueuePg(): Promise<Record<string, number>> {
  const { cluster, url } = await scalePostgres();
  try {
    const running = await startCore({ dbFile: url, demo: false, now: () => BENCH_NOW });
    try {
      const people = [17, Math.floor(BENCH_SIZE.customers / 3), Math.floor((BENCH_SIZE.customers * 4) / 5)];
      const m = await measureQueue(running, people);
      return {
        queue_page_pg_ms: m.pages,
        queue_first_page_pg_ms: m.firstPages,
        queue_cursor_page_pg_ms: m.cursorPages,
        queue_custom_view_pg_ms: m.customViews,
        search_pg_ms: m.firstSearches,
        search_repeat_pg_ms: m.repeatedSearches,
        views_list_pg_ms: m.lists,
      };
    } finally {
      await running.close();
    }
  } finally {
    cluster.stop();
  }
}
