import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // TEST_STORE=postgres runs the same suite on a throwaway PostgreSQL cluster (test/support/).
    globalSetup: ['test/support/vitest-postgres.ts'],
  },
});
