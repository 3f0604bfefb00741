import { defineConfig } from 'vitest/config';
import { aliases } from './vitest.aliases.ts';

/** The generator tier: `npm run new-module` in a temporary copy of the repository (minutes, not seconds). */
export default defineConfig({
  resolve: { alias: aliases },
  test: {
    include: ['scripts/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
