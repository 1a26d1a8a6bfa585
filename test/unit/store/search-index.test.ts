// The full-text index as a store feature: built over rows that existed before it, kept in step by the
// database on insert, update and delete, and never confused by what a person types.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store';
import { migrations } from '../../../electron/core/store/migrations';
import { migrate } from '../../../electron/core/store/migrator';
import { parseSearchText } from '../../../electron/core/store/search/query';
import { PREFIX_LENGTHS } from '../../../electron/core/store/search/sqlite-fts';
import { openSqlite, sqliteSchemaDialect, sqliteSearch } from '../../../electron/core/store/sqlite';
import { insertCustomer } from '../helpers/rows';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sc-search-'));
  file = join(dir, 'store.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const AT = Date.UTC(2026, 10, 25, 10);
const terms = (text: string) => parseSearchText(text);

describe('search index', () => {
  it('indexes the rows already there when the migration runs', async () => {
    const searchAt = migrations.findIndex((m) => m.name === '0004_search');
    expect(searchAt).toBeGreaterThan(0);
    const { db } = openSqlite({ file });
    await migrate(db, sqliteSchemaDialect, () => AT, migrations.slice(0, searchAt));
    await insertCustomer(db, {
      name: 'Agathe Dubois',
      company: 'Boulangerie Dubois',
      email: 'agathe@dubois.example',
      at: AT,
    });
    await db.destroy();

    const store = await openStore({ file, now: () => AT });
    try {
      expect(await store.search.customers(store.db, terms('boulangerie'), 10)).toHaveLength(1);
      expect(await store.search.customers(store.db, terms('agathe@dubois.example'), 10)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('keeps every indexed row and its triggers when 0021 rebuilds the indexes with longer prefixes', async () => {
    const prefixesAt = migrations.findIndex((m) => m.name === '0021_search_prefixes');
    expect(prefixesAt).toBeGreaterThan(0);
    const { db } = openSqlite({ file });
    await migrate(db, sqliteSchemaDialect, () => AT, migrations.slice(0, prefixesAt));
    const customer = (name: string, company: string, email: string) =>
      insertCustomer(db, { name, company, email, at: AT });
    const before = await customer('Agathe Dubois', 'Boulangerie Dubois', 'agathe@dubois.example');
    await migrate(db, sqliteSchemaDialect, () => AT, migrations.slice(0, prefixesAt + 1));
    const find = (text: string) => sqliteSearch.customers(db, terms(text), 10);
    try {
      const created = await sql<{ sql: string }>`
        select sql from sqlite_master where name = 'search_customers'`.execute(db);
      expect(created.rows[0]?.sql).toContain(`prefix = '${PREFIX_LENGTHS.join(' ')}'`);
      for (const text of ['boulangerie', 'boulang', 'agathe@dubois.example', 'dubo']) {
        expect(await find(text), text).toEqual([before]);
      }
      // The triggers of 0004 write into the rebuilt index.
      const after = await customer('Boris Boulanger', 'Fournil', 'boris@fournil.example');
      expect(await find('boulang')).toEqual([after, before]);
      await db.updateTable('customers').set({ company: 'Pâtisserie' }).where('id', '=', before).execute();
      expect(await find('boulangerie')).toEqual([]);
      expect(await find('patiss')).toEqual([before]);
      for (const fts of ['search_customers', 'search_tickets', 'search_messages']) {
        await sql`insert into ${sql.table(fts)}(${sql.table(fts)}) values ('integrity-check')`.execute(db);
      }
    } finally {
      await db.destroy();
    }
  });

  it('follows inserts, edits of indexed text and deletes, and ignores other edits', async () => {
    const store = await openStore({ file, now: () => AT });
    try {
      const db = store.db;
      const id = await insertCustomer(db, {
        name: 'Bruno Keller',
        email: 'bruno@example.test',
        planId: 'standard',
        at: AT,
      });
      const find = (text: string) => sqliteSearch.customers(db, terms(text), 10);
      expect(await find('keller')).toEqual([id]);
      await db.updateTable('customers').set({ plan_id: 'free' }).where('id', '=', id).execute();
      expect(await find('keller')).toEqual([id]);
      await db.updateTable('customers').set({ name: 'Bruno Meier' }).where('id', '=', id).execute();
      expect(await find('keller')).toEqual([]);
      expect(await find('meier')).toEqual([id]);
      await db.deleteFrom('customers').where('id', '=', id).execute();
      expect(await find('meier')).toEqual([]);
      // FTS5 checks its index against the content table and throws on any difference.
      for (const fts of ['search_customers', 'search_tickets', 'search_messages']) {
        await sql`insert into ${sql.table(fts)}(${sql.table(fts)}) values ('integrity-check')`.execute(db);
      }
    } finally {
      await store.close();
    }
  });
});
