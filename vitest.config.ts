import { defineConfig } from 'vitest/config';

const onPostgres = process.env.TEST_STORE === 'postgres';

/**
 * The PostgreSQL pass (TEST_STORE=postgres) runs every test that reaches a store. These never open
 * one (pure rules, calendars, formatting, the Electron shell, argument parsing), so a second pass
 * would run the very same code again; and these are about SQLite files as such, each with its
 * PostgreSQL counterpart in store/postgres.test.ts (migrations, search index).
 */
const storeFree = [
  'test/unit/rules/**',
  'test/unit/renderer/**',
  'test/unit/main/notifications.test.ts',
  'test/unit/main/shell.test.ts',
  'test/unit/main/start.test.ts',
  'test/unit/calls/slots.property.test.ts',
  'test/unit/serve/cli.test.ts',
  'test/unit/sla/clock.property.test.ts',
];
const sqliteFiles = ['test/unit/store/migrations.test.ts', 'test/unit/store/search-index.test.ts'];

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(onPostgres ? [...storeFree, ...sqliteFiles] : [])],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // TEST_STORE=postgres runs the same suite on a throwaway PostgreSQL cluster (test/support/).
    globalSetup: ['test/support/vitest-postgres.ts'],
  },
});
