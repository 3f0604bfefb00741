import { defineConfig } from 'vitest/config';
import { aliases } from './vitest.aliases.ts';

export default defineConfig({
  resolve: { alias: aliases },
  test: {
    // The integration tier: the real server on a real database. Pure rules are in vitest.unit.config.ts.
    include: ['apps/server/**/*.test.ts', 'apps/cli/**/*.test.ts'],
    exclude: ['apps/server/src/lib/**', '**/node_modules/**'],
    // One migrated database per run; each test server starts as a copy of it (test/database-template.ts).
    globalSetup: ['apps/server/test/database-template.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
