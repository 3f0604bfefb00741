import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = {
  '@custodian/shared': fileURLToPath(new URL('./packages/shared/src', import.meta.url)),
  '@custodian/catalogue': fileURLToPath(new URL('./packages/catalogue/src', import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    // The integration tier: the real server on a real database. Pure rules are in vitest.unit.config.ts.
    include: ['apps/server/**/*.test.ts', 'apps/cli/**/*.test.ts'],
    exclude: ['apps/server/src/lib/**', '**/node_modules/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
