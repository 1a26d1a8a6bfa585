// The e2e web server on PostgreSQL: the real team server (`npm run server`) on a throwaway cluster,
// with the demo data seeded on the run's fixed instant (E2E_NOW), the demo's lead made the team's
// first lead and everyone given a password. What the specs need to sign in (who is on the team, in
// the order of staff.list, and the one password) goes to E2E_DB_DIR/team.json. Playwright stops it
// with SIGTERM; the cluster goes with it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startTeamServer, type TeamRunFile } from '../support/team-server';

const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: true });
const dir = process.env.E2E_DB_DIR;
if (!dir) throw new Error('E2E_DB_DIR is not set: run the tests through playwright.config.ts');

const server = await startTeamServer({
  port: Number(values.port ?? 0),
  now: process.env.E2E_NOW,
  stdio: 'inherit',
});
const file: TeamRunFile = {
  roster: server.roster,
  password: server.password,
  clusterUrl: server.cluster.url('postgres'),
};
writeFileSync(join(dir, 'team.json'), JSON.stringify(file));

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void server.stop().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.process.on('exit', (code) => {
  if (stopping) return;
  server.cluster.stop();
  process.exit(code ?? 1);
});
