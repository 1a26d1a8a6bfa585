// A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temporary folder, one
// postmaster on 127.0.0.1 and a free port, and databases cloned from a migrated template so that a
// test pays for CREATE DATABASE (a file copy) instead of running every migration again.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgCluster {
  dir: string;
  port: number;
  /** A URL to one database of the cluster (trust authentication, user postgres). */
  url(database: string): string;
  /** Stops the server and removes its folder. */
  stop(): void;
}

/** The newest PostgreSQL binaries Debian installed, or PG_BIN. */
export function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (!newest) {
    throw new Error(
      'PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/initdb. ' +
        'Install it (apt-get install postgresql postgresql-contrib) or set PG_BIN to its bin folder.',
    );
  }
  return join(root, newest, 'bin');
}

/** initdb refuses to run as root, so the cluster then belongs to the `postgres` OS user. */
function run(command: string, args: string[]): void {
  const asRoot = userInfo().uid === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ClusterOptions {
  /** Reuse (or create) the cluster in this folder instead of a temporary one; kept on stop. */
  dir?: string;
  port?: number;
}

export async function startCluster(options: ClusterOptions = {}): Promise<PgCluster> {
  const bin = postgresBin();
  const keep = options.dir !== undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'sc-pg-'));
  const data = join(dir, 'data');
  if (userInfo().uid === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
  if (!existsSync(join(data, 'PG_VERSION'))) {
    run(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
  }
  const port = options.port ?? (await freePort());
  run(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-o',
    // A test cluster lives minutes and is thrown away: durability only costs time here.
    `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  let stopped = false;
  return {
    dir,
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        if (!keep) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Stops the cluster's server (fast: sessions are cut as in a crash of their connections) or starts
 * it again on the same port, for outage tests; `stop()` still removes it at the end.
 */
export function pgCtl(cluster: PgCluster, action: 'stop' | 'start'): void {
  const data = join(cluster.dir, 'data');
  const options =
    action === 'start'
      ? [
          '-l',
          join(cluster.dir, 'server.log'),
          '-o',
          `-p ${cluster.port} -h 127.0.0.1 -k ${cluster.dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
        ]
      : ['-m', 'fast'];
  run(join(postgresBin(), 'pg_ctl'), ['-D', data, '-w', ...options, action]);
}

/** Runs statements on the cluster's maintenance database (CREATE/DROP DATABASE cannot run in a transaction). */
export async function admin(serverUrl: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Replaces the database part of a postgres:// URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

let counter = 0;

/** A fresh database cloned from `template`; returns its URL and a function that drops it. */
export async function cloneDatabase(
  serverUrl: string,
  template: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await admin(serverUrl, [`create database ${name} template ${template} strategy file_copy`]);
  return {
    url: withDatabase(serverUrl, name),
    drop: () => admin(serverUrl, [`drop database if exists ${name} with (force)`]),
  };
}
