/**
 * Longer fuzzing than the bounded CI run:
 *   npm run fuzz -- --runs 2000 [--seed 1234] [--route "PUT /api/v1/gap"] [--minutes 20] [--path "12:3:1"]
 * --runs     requests per route (CI uses 100)
 * --seed     replays a run; every route's seed is derived from it (printed at the start of each run)
 * --route    only the routes whose "METHOD /path" contains this text
 * --minutes  the total time budget (default 30); routes share it equally
 * --path     replays one counterexample path reported by a failure (with the same --seed and --route)
 * Set TEST_DATABASE_URL to fuzz against PostgreSQL instead of PGlite.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000' },
    seed: { type: 'string' },
    route: { type: 'string', default: '' },
    minutes: { type: 'string', default: '30' },
    path: { type: 'string' },
  },
});

const seed = values.seed ?? String((Date.now() ^ Math.floor(Math.random() * 2 ** 31)) | 0);
const env = {
  ...process.env,
  FUZZ_RUNS: values.runs,
  FUZZ_SEED: seed,
  FUZZ_ROUTE: values.route,
  FUZZ_BUDGET_MS: String(Math.round(Number(values.minutes) * 60_000)),
  ...(values.path ? { FUZZ_PATH: values.path } : {}),
};
const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.config.ts', 'apps/server/test/harness/fuzz.test.ts'], { stdio: 'inherit', env });
const route = values.route ? ` --route "${values.route}"` : '';
process.stdout.write(`\nfuzz seed ${seed}. Replay: npm run fuzz -- --seed ${seed} --runs ${values.runs}${route}\n`);
process.exit(run.status ?? 1);
