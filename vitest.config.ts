import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup-fast-check.ts'],
    // Builds dist/ from the current source: process-level tests run what is deployed.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // e2e tests start real servers on 127.0.0.1; forks keep native modules (better-sqlite3) isolated.
    pool: 'forks',
  },
});
