// A real team server on a throwaway PostgreSQL cluster, as a team would run it: the database made,
// demo data seeded on a fixed instant, the first lead created with the same code as
// `npm run server -- create-lead`, every staff member given a password, and `npm run server`
// (serve/team-cli.ts) started as its own process. Used by the PostgreSQL e2e run, the team bench and
// the fault tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startCore, type RunningCore } from '../../electron/core/app';
import { clockFromEnv } from '../../electron/core/serve/clock';
import { createLead } from '../../electron/core/identity/create-lead';
import { hashPassword } from '../../electron/core/identity/password';
import { admin, startCluster, withDatabase, type PgCluster } from './postgres';

export interface RosterEntry {
  id: number;
  name: string;
  email: string;
  role: 'agent' | 'account_manager' | 'lead';
  active: boolean;
}

/** What the PostgreSQL e2e run's server tells the specs (E2E_DB_DIR/team.json). */
export interface TeamRunFile {
  /** Everyone on the team, in the order of staff.list (the first active one is "anyone"). */
  roster: RosterEntry[];
  password: string;
  /** The cluster's maintenance database, for specs that need a database of their own. */
  clusterUrl: string;
}

export interface TeamServerOptions {
  /** Reuse a running cluster (the caller stops it); otherwise one is started and stopped with the server. */
  cluster?: PgCluster;
  /** The database to create in the cluster. */
  database?: string;
  /** 0: a free port. */
  port?: number;
  /** The fixed instant (SUPPORT_CONSOLE_NOW) the demo data is seeded for and the server runs on. */
  now?: string;
  /** Seed the demo data (default true). */
  demo?: boolean;
  /** Extra agents with passwords (the bench's simulated agents): agent1@bench.test … */
  extraAgents?: number;
  /** Everyone's password (one hash for all: scrypt per person would only slow every start). */
  password?: string;
  /**
   * Extra setup on the prepared database while only the lead has a password (the core here lets
   * anyone else be picked by staff id, as on one machine): the bench's pool of tickets.
   */
  prepare?: (running: RunningCore) => Promise<void>;
  /** The server process's output: inherited, or dropped (the default). */
  stdio?: 'inherit' | 'ignore';
  /**
   * The renderer folder to serve (`--static`). By default the build's `out/renderer`, which the e2e
   * run needs; unit tests that only call the API give a stand-in, since they run before the build.
   */
  staticDir?: string;
  /** Options for the server's Node (the team bench's `--cpu-prof`). */
  nodeArgs?: string[];
}

export interface TeamServer {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  databaseUrl: string;
  cluster: PgCluster;
  /** Everyone who can sign in, in the order of staff.list. */
  roster: RosterEntry[];
  password: string;
  process: ChildProcess;
  /** Starts the server process again on the same database and port (after a kill). */
  restart(): Promise<void>;
  /** Stops the server (SIGTERM) and, if this helper started it, the cluster. */
  stop(): Promise<void>;
}

export const TEAM_PASSWORD = 'team password 2026';
export const LEAD_EMAIL = 'lead@team.test';

const root = join(import.meta.dirname, '..', '..');

/** Prepares the database (demo, lead, passwords) with the core in this process; returns the roster. */
export async function prepareTeamDatabase(
  databaseUrl: string,
  options: Pick<TeamServerOptions, 'now' | 'demo' | 'extraAgents' | 'password' | 'prepare'> = {},
): Promise<RosterEntry[]> {
  const password = options.password ?? TEAM_PASSWORD;
  const running = await startCore({
    dbFile: databaseUrl,
    demo: options.demo ?? true,
    now: clockFromEnv(options.now),
  });
  try {
    const { core } = running;
    // The demo's lead (if any) becomes the team's first lead the way `create-lead` makes one.
    const demoLead = await core.db
      .selectFrom('staff')
      .select(['email'])
      .where('role', '=', 'lead')
      .where('active', '=', 1)
      .orderBy('id')
      .executeTakeFirst();
    await createLead(core, {
      email: demoLead?.email ?? LEAD_EMAIL,
      name: demoLead ? undefined : 'Team Lead',
      password,
    });
    const hash = await hashPassword(password, core.identity.scrypt);
    const at = core.now();
    const extra = options.extraAgents ?? 0;
    if (extra > 0) {
      await core.db
        .insertInto('staff')
        .values(
          Array.from({ length: extra }, (_, i) => ({
            name: `Bench Agent ${i + 1}`,
            email: `agent${i + 1}@bench.test`,
            role: 'agent' as const,
            zone: 'UTC',
            active: 1,
            capacity: null,
            last_signed_in_at: null,
            created_at: at,
          })),
        )
        .execute();
    }
    await options.prepare?.(running);
    await core.db
      .updateTable('staff')
      .set({ password_hash: hash, password_changed_at: at })
      .where('password_hash', 'is', null)
      .execute();
    const rows = await core.db
      .selectFrom('staff')
      .select(['id', 'name', 'email', 'role', 'active'])
      .orderBy('role')
      .orderBy('name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      role: r.role,
      active: r.active === 1,
    }));
  } finally {
    await running.close();
  }
}

/** Starts `npm run server` on a prepared database; resolves once it listens. */
export function spawnTeamServer(
  databaseUrl: string,
  port: number,
  options: {
    now?: string | undefined;
    stdio?: 'inherit' | 'ignore';
    env?: NodeJS.ProcessEnv;
    staticDir?: string | undefined;
    nodeArgs?: string[] | undefined;
  } = {},
): Promise<{ process: ChildProcess; url: string; port: number }> {
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--import',
      'tsx',
      join(root, 'electron/core/serve/team-cli.ts'),
      '--database',
      databaseUrl,
      '--listen',
      `127.0.0.1:${port}`,
      ...(options.staticDir ? ['--static', options.staticDir] : []),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        ...options.env,
        ...(options.now ? { SUPPORT_CONSOLE_NOW: options.now } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const onExit = (code: number | null) =>
      reject(new Error(`the team server exited (${code ?? 'signal'}) before listening: ${err || out}`));
    child.on('exit', onExit);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (options.stdio === 'inherit') process.stdout.write(chunk);
      out += chunk.toString();
      const match = /Team server at (https?:\/\/\S+?)\/?\s/.exec(out);
      if (match?.[1]) {
        child.off('exit', onExit);
        const url = match[1].replace(/\/$/, '');
        resolve({ process: child, url, port: Number(new URL(url).port) });
        out = '';
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (options.stdio === 'inherit') process.stderr.write(chunk);
      else if (err.length < 20_000) err += chunk.toString();
    });
  });
}

export async function startTeamServer(options: TeamServerOptions = {}): Promise<TeamServer> {
  const ownCluster = !options.cluster;
  const cluster = options.cluster ?? (await startCluster());
  try {
    const database = options.database ?? 'team';
    await admin(cluster.url('postgres'), [`create database ${database}`]);
    const databaseUrl = withDatabase(cluster.url('postgres'), database);
    const password = options.password ?? TEAM_PASSWORD;
    const roster = await prepareTeamDatabase(databaseUrl, { ...options, password });
    let started = await spawnTeamServer(databaseUrl, options.port ?? 0, options);
    const port = started.port;
    const server: TeamServer = {
      url: started.url,
      port,
      databaseUrl,
      cluster,
      roster,
      password,
      process: started.process,
      async restart() {
        started = await spawnTeamServer(databaseUrl, port, options);
        server.process = started.process;
      },
      async stop() {
        const child = server.process;
        if (child.exitCode === null && child.signalCode === null) {
          await new Promise<void>((resolve) => {
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          });
        }
        if (ownCluster) cluster.stop();
      },
    };
    return server;
  } catch (error) {
    if (ownCluster) cluster.stop();
    throw error;
  }
}
