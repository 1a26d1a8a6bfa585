// The e2e web server on PostgreSQL: a throwaway cluster, one empty database, and serve mode on it
// (`--db postgres://…`), exactly as a team would run it. Playwright stops it with SIGTERM; the
// cluster goes with it. Arguments after the script are passed to serve mode.
import { spawn } from 'node:child_process';
import { admin, startCluster } from '../support/postgres';

const cluster = await startCluster();
let stopped = false;
const stopCluster = () => {
  if (stopped) return;
  stopped = true;
  cluster.stop();
};
try {
  await admin(cluster.url('postgres'), ['create database e2e']);
} catch (error) {
  stopCluster();
  throw error;
}
const serve = spawn(
  process.execPath,
  ['--import', 'tsx', 'electron/core/serve/cli.ts', '--db', cluster.url('e2e'), ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
const forward = (signal: NodeJS.Signals) => () => serve.kill(signal);
process.on('SIGTERM', forward('SIGTERM'));
process.on('SIGINT', forward('SIGINT'));
serve.on('exit', (code) => {
  stopCluster();
  process.exit(code ?? 0);
});
