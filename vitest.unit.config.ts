import { defineConfig } from 'vitest/config';
import { aliases } from './vitest.aliases.ts';

/** The unit tier: pure rules and helpers, no database, no server, no browser (seconds). */
const unitTestFiles = ['packages/**/*.test.ts', 'apps/server/src/lib/**/*.test.ts', 'apps/web/src/**/*.test.ts'];

export default defineConfig({
  resolve: { alias: aliases },
  test: {
    include: unitTestFiles,
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 10_000,
  },
});
