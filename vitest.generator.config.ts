import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The generator tier: `npm run new-module` in a temporary copy of the repository (minutes, not seconds). */
export default defineConfig({
  resolve: {
    alias: {
      '@custodian/shared': fileURLToPath(new URL('./packages/shared/src', import.meta.url)),
      '@custodian/catalogue': fileURLToPath(new URL('./packages/catalogue/src', import.meta.url)),
    },
  },
  test: {
    include: ['scripts/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
