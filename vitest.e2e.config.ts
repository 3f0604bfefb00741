import { defineConfig } from 'vitest/config';
import { aliases } from './vitest.aliases.ts';

export default defineConfig({
  resolve: { alias: aliases },
  test: {
    include: ['e2e/**/*.e2e.ts'],
    // One migrated data directory that each file's server starts as a copy of (e2e/support/data-dir-template.ts).
    globalSetup: ['e2e/support/data-dir-template.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
