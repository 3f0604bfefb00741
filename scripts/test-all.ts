/**
 * The one test command (npm test): every tier, each labelled, then one closing line
 * "N passed, N failed" with the totals, so a run that executed nothing is visible.
 *   1. unit: pure rules and helpers (no database)
 *   2. integration on PGlite (always; with PostgreSQL set, the route matrices and fuzzer are left to tier 3)
 *   3. integration on PostgreSQL, incl. the backup CLI and reliability runs (when TEST_DATABASE_URL is set; CI sets it)
 *   4. generator: `npm run new-module` in a temporary copy passes lint, typecheck and the harness
 *   5. end-to-end in headless Chromium
 * `npm test -- --tiers unit,integration` runs only those tiers (CI runs them again on the machine's own Node).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  exitCode: number;
  failures: string[];
}

const tiers = ['unit', 'integration', 'generator', 'e2e'] as const;
type Tier = (typeof tiers)[number];

function selectedTiers(argv: readonly string[]): Set<Tier> {
  const at = argv.indexOf('--tiers');
  if (at < 0) return new Set(tiers);
  const names = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((name) => !tiers.includes(name as Tier));
  if (unknown.length > 0 || names.length === 0) {
    process.stderr.write(`--tiers takes a comma list of ${tiers.join(', ')}\n`);
    process.exit(2);
  }
  return new Set(names as Tier[]);
}

const wanted = selectedTiers(process.argv.slice(2));
/** The slowest harness files: every route × every caller, and the contract fuzzer. */
const heavyHarness = [
  'apps/server/test/harness/authz-matrix.test.ts',
  'apps/server/test/harness/bearer-matrix.test.ts',
  'apps/server/test/harness/fuzz.test.ts',
];
const pgliteRaceRounds = 5;
const outDir = mkdtempSync(join(tmpdir(), 'custodian-tests-'));
const results: SuiteResult[] = [];

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: { name: string; message?: string; assertionResults?: { fullName: string; status: string }[] }[];
}

/** "file > test" for each failed test (or the file, when it failed to load), for the closing summary. */
function failedTests(json: VitestJsonReport): string[] {
  const out: string[] = [];
  for (const file of json.testResults ?? []) {
    const name = file.name.replace(`${process.cwd()}/`, '');
    const failedHere = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedHere) out.push(`${name} > ${test.fullName}`);
    if (failedHere.length === 0 && file.message) out.push(`${name}: ${file.message.split('\n')[0]}`);
  }
  return out;
}

function runVitest(name: string, args: string[], env: Record<string, string | undefined>): void {
  const report = join(outDir, `${results.length}.json`);
  process.stdout.write(`\n=== ${name} ===\n`);
  const run = spawnSync('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let failures: string[] = [];
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8')) as VitestJsonReport;
    passed = json.numPassedTests;
    failures = failedTests(json);
    failed = json.numFailedTests;
    skipped = json.numPendingTests + json.numTodoTests;
  }
  const exitCode = run.status ?? 1;
  if (exitCode !== 0 && failed === 0) failed = 1; // the suite itself broke (e.g. a file failed to load)
  results.push({ name, passed, failed, skipped, exitCode, failures });
}

process.stdout.write(`Node ${process.version}; tiers: ${[...wanted].join(', ')}\n`);
if (wanted.has('unit')) runVitest('unit', ['--config', 'vitest.unit.config.ts'], {});
if (wanted.has('integration')) {
  if (process.env.TEST_DATABASE_URL || process.env.CUSTODIAN_HEAVY_HARNESS === 'elsewhere') {
    // The route matrices and the fuzzer take minutes and test what the server answers, which both
    // databases run the same SQL for: with PostgreSQL here they run once, on it (the production-like
    // database), and the rule races run fewer rounds on PGlite. Without it they all run on PGlite,
    // unless CUSTODIAN_HEAVY_HARNESS=elsewhere says another pass of the same run has them (CI's second
    // pass on an older Node).
    process.stdout.write(`\n(${heavyHarness.join(', ')} run in another pass; the rule races ${pgliteRaceRounds} rounds on PGlite here.)\n`);
    runVitest('integration (PGlite)', ['--config', 'vitest.config.ts', ...heavyHarness.flatMap((file) => ['--exclude', file])], {
      TEST_DATABASE_URL: undefined,
      RACE_ROUNDS: String(pgliteRaceRounds),
    });
  } else {
    runVitest('integration (PGlite)', ['--config', 'vitest.config.ts'], { TEST_DATABASE_URL: undefined });
  }
  if (process.env.TEST_DATABASE_URL) {
    runVitest('integration (PostgreSQL)', ['--config', 'vitest.config.ts', 'apps/server', 'apps/cli/backup'], {
      TEST_DATABASE_URL: process.env.TEST_DATABASE_URL,
    });
  } else {
    process.stdout.write('\n(TEST_DATABASE_URL is not set: the PostgreSQL integration run is skipped; .ci/run sets it.)\n');
  }
}
if (wanted.has('generator'))
  runVitest('generator (new module in a temporary copy)', ['--config', 'vitest.generator.config.ts'], { TEST_DATABASE_URL: undefined });
if (wanted.has('e2e')) {
  process.stdout.write('\n=== building the web app for the end-to-end suite ===\n');
  const build = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
  if (build.status !== 0) {
    results.push({ name: 'web build', passed: 0, failed: 1, skipped: 0, exitCode: build.status ?? 1, failures: ['npm run build:web'] });
  } else {
    runVitest('end-to-end (Chromium)', ['--config', 'vitest.e2e.config.ts'], { TEST_DATABASE_URL: undefined });
  }
}

process.stdout.write(`\n=== summary (Node ${process.version}) ===\n`);
for (const r of results) {
  process.stdout.write(`${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped\n`);
  for (const failure of r.failures) process.stdout.write(`  failed: ${failure}\n`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 || results.some((r) => r.exitCode !== 0) || passed === 0 ? 1 : 0);
