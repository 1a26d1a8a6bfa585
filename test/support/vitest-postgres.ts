// Vitest globalSetup: with TEST_STORE=postgres, one throwaway cluster for the whole run and a migrated
// template database every test core is cloned from (CREATE DATABASE … TEMPLATE copies files: far
// faster than migrating each time). Without it, nothing starts and the suite runs on SQLite files.
import { openStore } from '../../electron/core/store';
import { admin, startCluster, type PgCluster } from './postgres';

export const TEMPLATE_DATABASE = 'sc_template';

let cluster: PgCluster | null = null;

export async function setup(): Promise<void> {
  if (process.env.TEST_STORE !== 'postgres' || process.env.TEST_PG_URL) return;
  cluster = await startCluster();
  const server = cluster.url('postgres');
  await admin(server, [`create database ${TEMPLATE_DATABASE}`]);
  const store = await openStore({ file: cluster.url(TEMPLATE_DATABASE) });
  await store.close();
  // Workers are started after this and inherit the environment.
  process.env.TEST_PG_URL = server;
  process.env.TEST_PG_TEMPLATE = TEMPLATE_DATABASE;
}

export function teardown(): void {
  cluster?.stop();
  cluster = null;
}
