import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = {
  '@custodian/shared': fileURLToPath(new URL('./packages/shared/src', import.meta.url)),
  '@custodian/catalogue': fileURLToPath(new URL('./packages/catalogue/src', import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['apps/server/**/*.test.ts', 'packages/**/*.test.ts', 'apps/cli/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
