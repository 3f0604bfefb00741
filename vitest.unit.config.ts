import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The unit tier: pure rules and helpers, no database, no server, no browser (seconds). */
const unitTestFiles = ['packages/**/*.test.ts', 'apps/server/src/lib/**/*.test.ts', 'apps/web/src/**/*.test.ts'];

export default defineConfig({
  resolve: {
    alias: {
      '@custodian/shared': fileURLToPath(new URL('./packages/shared/src', import.meta.url)),
      '@custodian/catalogue': fileURLToPath(new URL('./packages/catalogue/src', import.meta.url)),
    },
  },
  test: {
    include: unitTestFiles,
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 10_000,
  },
});
