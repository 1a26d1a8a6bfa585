import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '/work/main/electron/core/store/schema';
import { listQueue } from '/work/main/electron/core/store/queries/tickets';
import { queueScope } from '/work/main/electron/core/handlers/queue';
import { builtinViews } from '/work/main/electron/core/views/builtin';
import { defaultRuleSet } from '/work/main/electron/core/rules';
const raw = new BetterSqlite3('/tmp/qv/perf-copy.sqlite', { readonly: true });
const logged: { sql: string; params: readonly unknown[]; ms: number }[] = [];
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log: (e) => { logged.push({ sql: e.query.sql, params: e.query.parameters, ms: e.queryDurationMillis }); } });
const now = Date.UTC(2026, 10, 25, 10);
const only = process.argv[2]?.split(',');
for (const v of builtinViews) {
  if (only && !only.includes(v.id)) continue;
  logged.length = 0;
  await listQueue(db, { filter: v.filter, sort: v.sort, after: null, limit: 50, scope: queueScope({ rules: defaultRuleSet, actor: null }, v.filter, now) });
  console.log('=== ' + v.id);
  for (const q of logged) {
    console.log(q.ms.toFixed(1) + 'ms  ' + q.sql.slice(0, 2000));
    const plan = raw.prepare('explain query plan ' + q.sql).all(...(q.params as unknown[])) as { detail: string }[];
    for (const p of plan) console.log('    ' + p.detail);
  }
}
