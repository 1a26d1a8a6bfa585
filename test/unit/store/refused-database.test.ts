// Databases the console must not touch are refused before anything is written, byte for byte; and a
// full disk is said to be a full disk, with the write rolled back whole.
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWrite } from '../../../electron/core/api/write';
import { startCore } from '../../../electron/core/app';
import { ForeignDatabaseError, MigrationMismatchError, openStore } from '../../../electron/core/store';
import { createTestCore, snapshot } from '../helpers/core';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sc-refused-'));
  file = join(dir, 'chosen.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The folder's files and their exact bytes. */
function state(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name)).toString('base64')]),
  );
}

function writeSqlite(statements: string[], walMode = false): void {
  const raw = new BetterSqlite3(file);
  if (walMode) raw.pragma('journal_mode = WAL');
  for (const statement of statements) raw.exec(statement);
  raw.close();
}

async function expectRefused(errorClass: new (message?: string) => Error, message: RegExp): Promise<void> {
  const before = state();
  const error = await openStore({ file }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(errorClass);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message.startsWith(`${file}: `)).toBe(true);
  expect(state()).toEqual(before);
  // The same through the composition root with demo data on: no demo rows, nothing written.
  await expect(startCore({ dbFile: file, demo: true })).rejects.toThrow(message);
  expect(state()).toEqual(before);
}

describe('a database that is not ours', () => {
  it('refuses another application’s SQLite file, naming its tables, and leaves it byte for byte', async () => {
    writeSqlite([
      'create table notes (id integer primary key, body text)',
      "insert into notes (body) values ('keep me')",
      'create table tags (name text)',
    ]);
    await expectRefused(
      ForeignDatabaseError,
      /is not a Support Console database: it already holds other tables \(notes, tags\)\. It was left unchanged/,
    );
  });

  it('refuses one in WAL mode too, without leaving -wal or -shm files behind', async () => {
    writeSqlite(['create table notes (id integer primary key)'], true);
    expect(readdirSync(dir)).toEqual(['chosen.sqlite']);
    await expectRefused(ForeignDatabaseError, /other tables \(notes\)/);
  });

  it('refuses a file that is not SQLite at all', async () => {
    writeFileSync(file, 'name,email\nAna,ana@example.test\n');
    await expectRefused(ForeignDatabaseError, /not an SQLite database\. It was left unchanged/);
  });

  it('refuses our own database whose schema_migrations was dropped, without recreating it', async () => {
    await (await openStore({ file })).close();
    writeSqlite(['drop table schema_migrations']);
    await expectRefused(MigrationMismatchError, /Support Console tables but no record of the migrations/);
    const raw = new BetterSqlite3(file, { readonly: true });
    const tables = raw.prepare("select name from sqlite_master where name = 'schema_migrations'").all();
    raw.close();
    expect(tables).toEqual([]);
  });

  it('refuses our own database whose schema_migrations was emptied', async () => {
    await (await openStore({ file })).close();
    writeSqlite(['delete from schema_migrations']);
    await expectRefused(MigrationMismatchError, /missing or empty/);
  });

  it.each([
    ['a zero-byte file', () => writeFileSync(file, '')],
    ['an SQLite file with no tables', () => writeSqlite(['pragma user_version = 0'])],
  ])('takes %s as a new database', async (_name, make) => {
    make();
    const store = await openStore({ file });
    const tables = await store.db.introspection.getTables();
    await store.close();
    expect(tables.map((t) => t.name)).toContain('tickets');
  });

  it('opens its own database again without complaint', async () => {
    await (await openStore({ file })).close();
    await (await openStore({ file })).close();
  });
});

describe('a full disk', () => {
  it('answers storage_full, saves nothing, and works again once there is room', async () => {
    const core = await createTestCore(undefined, { store: 'sqlite' }); // SQLite's page cap stands in for a full disk;
    try {
      const agent = await core.signedIn(core.ids.agent);
      // SQLite's own size cap gives exactly the error a full disk gives (SQLITE_FULL).
      const pages = await sql<{ page_count: number }>`pragma page_count`.execute(core.core.db);
      const full = Number(pages.rows[0]?.page_count);
      await sql.raw(`pragma max_page_count = ${full}`).execute(core.core.db);
      const before = await snapshot(core.core.db);
      const input = {
        customerId: core.ids.standard,
        channel: 'topic',
        subject: 'Big',
        body: 'x'.repeat(19_000),
      };
      const reply = await core.dispatcher.call(agent, 'tickets.create', input);
      expect(reply).toEqual({
        ok: false,
        error: {
          code: 'storage_full',
          message:
            'The disk that holds the database is full, so nothing was saved. Free some space on it, then try again.',
        },
      });
      expect(await snapshot(core.core.db)).toEqual(before);

      await sql.raw(`pragma max_page_count = ${full * 10}`).execute(core.core.db);
      const again = await core.dispatcher.call(agent, 'tickets.create', input);
      expect(again.ok).toBe(true);
    } finally {
      await core.dispose();
    }
  });

  it('keeps the real error when SQLite already rolled the transaction back itself', async () => {
    // On a full disk SQLite ends the transaction on its own; Kysely's ROLLBACK then failed with
    // "cannot rollback - no transaction is active", and that was all anyone saw.
    const core = await createTestCore(undefined, { store: 'sqlite' });
    try {
      const before = await snapshot(core.core.db);
      const failed = await runWrite(core.core, 'test.write', null, async (scope) => {
        await scope.db.insertInto('write_lock').values({ id: 2, writes: 0 }).execute();
        await sql.raw('rollback').execute(scope.db);
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      }).catch((e: unknown) => e);
      expect(failed).toMatchObject({ message: 'database or disk is full' });
      expect(await snapshot(core.core.db)).toEqual(before);
    } finally {
      await core.dispose();
    }
  });
});
