// A real core on a real temporary SQLite file (or, with TEST_STORE=postgres, a real PostgreSQL
// database), with a controllable clock and a few known people.
import type { MethodName, MethodOutput } from '../../../shared/contract';
import type { Session } from '../../../electron/core/api/context';
import { startCore, type CoreOptions, type RunningCore } from '../../../electron/core/app';
import type { Database } from '../../../electron/core/store/schema';
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../electron/core/store';
import { createTestDatabase } from '../../support/store';

/** Wednesday 2026-11-25 10:00 UTC: inside every channel's hours. */
export const WEDNESDAY_10_UTC = Date.UTC(2026, 10, 25, 10, 0);

export interface TestCore extends RunningCore {
  dir: string;
  /** The SQLite file or, on PostgreSQL, the database URL: what startCore takes as dbFile. */
  file: string;
  clock: { now: number };
  ids: Fixtures;
  signedIn(staffId: number): Promise<Session>;
  call<M extends MethodName>(session: Session, method: M, input: unknown): Promise<MethodOutput<M>>;
  dispose(): Promise<void>;
}

export interface Fixtures {
  agent: number;
  otherAgent: number;
  manager: number;
  lead: number;
  inactive: number;
  free: number;
  standard: number;
  standardExpress: number;
  enterpriseExpress: number;
}

export async function createTestCore(
  start = WEDNESDAY_10_UTC,
  options: { store?: 'sqlite' } & Pick<CoreOptions, 'identity' | 'channelWorkers'> = {},
): Promise<TestCore> {
  const database = await createTestDatabase('test.sqlite', options.store);
  const { dir, location: file } = database;
  const clock = { now: start };
  const running = await startCore({
    dbFile: file,
    demo: false,
    now: () => clock.now,
    checkOutputs: true,
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.channelWorkers === undefined ? {} : { channelWorkers: options.channelWorkers }),
  });
  const ids = await insertFixtures(running.core.db, start);
  const core: TestCore = {
    ...running,
    dir,
    file,
    clock,
    ids,
    async signedIn(staffId) {
      const session: Session = { staffId: null };
      const result = await running.dispatcher.invoke(session, 'session.signIn', { staffId });
      if (!result.ok) throw new Error(result.error.message);
      return session;
    },
    async call(session, method, input) {
      const result = await running.dispatcher.invoke(session, method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
    async dispose() {
      await running.close();
      await database.dispose();
    },
  };
  return core;
}

export async function insertFixtures(db: Kysely<Database>, at: number): Promise<Fixtures> {
  const staff = async (name: string, role: 'agent' | 'account_manager' | 'lead', active: 0 | 1 = 1) =>
    (
      await db
        .insertInto('staff')
        .values({
          name,
          email: `${name.toLowerCase().replace(/\s/g, '.')}@support.test`,
          role,
          zone: 'Europe/Paris',
          active,
          capacity: role === 'account_manager' ? 20 : null,
          last_signed_in_at: null,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const customer = async (name: string, planId: string) =>
    (
      await db
        .insertInto('customers')
        .values({
          name,
          company: `${name} Ltd`,
          account_email: `${name.toLowerCase().replace(/\s/g, '.')}@customer.test`,
          zone: 'America/New_York',
          plan_id: planId,
          plan_since: at - 86_400_000,
          created_at: at - 86_400_000,
          updated_at: at - 86_400_000,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  return {
    agent: await staff('Alice Agent', 'agent'),
    otherAgent: await staff('Bob Agent', 'agent'),
    manager: await staff('Maria Manager', 'account_manager'),
    lead: await staff('Leo Lead', 'lead'),
    inactive: await staff('Ivan Inactive', 'agent', 0),
    free: await customer('Fiona Free', 'free'),
    standard: await customer('Sam Standard', 'standard'),
    standardExpress: await customer('Sue Express', 'standard_express'),
    enterpriseExpress: await customer('Ed Enterprise', 'enterprise_express'),
  };
}

/**
 * The audit entries a refusal writes: a refused call, a failed sign-in, a tried invitation link. A
 * refusal writes these and nothing else, so "nothing changed" leaves them (and the write counter
 * they move) out.
 */
export const REFUSAL_AUDIT_ACTIONS = [
  'access.refused',
  'session.refused',
  'session.signIn.failed',
  'session.signIn.locked',
  'session.changePassword.failed',
  'staff.invitation.refused',
];

/** Every row of every table, for "nothing changed" assertions (refusals' own audit entries aside). */
export async function snapshot(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const postgres = dialectOf(db) === 'postgres';
  const tables = postgres
    ? await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
    : await sql<{ name: string }>`
        select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
        db,
      );
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) {
    // The change feed and the leader's lease are how processes talk, not data (a lease is renewed
    // every second whatever the test does).
    if (name.startsWith('live_')) continue;
    // A refusal's audit entry takes the write lock like any write; the lock's counter is not data.
    if (name === 'write_lock') continue;
    // PostgreSQL returns rows in no promised order: the first column (the key) fixes one.
    const order = postgres ? sql` order by 1` : sql``;
    const rows = (
      await sql<Record<string, unknown>>`select * from ${sql.table(name)}${order}`.execute(db)
    ).rows.map(
      // PostgreSQL's search_vector is computed from the row's own text (0018): not data of its own,
      // and a desktop file has no such column.
      ({ search_vector: _derived, ...row }) => row,
    );
    out[name] =
      name === 'audit_log'
        ? rows.filter((row) => !REFUSAL_AUDIT_ACTIONS.includes((row as { action: string }).action))
        : rows;
  }
  return out;
}
