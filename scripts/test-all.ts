/**
 * The one test command (npm test): every tier, each labelled, then one closing line
 * "N passed, N failed" with the totals, so a run that executed nothing is visible.
 *   1. unit: pure rules and helpers (no database)
 *   2. integration on PGlite (all of it; with PostgreSQL set, only the tests whose subject is the embedded engine)
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
const pgliteRaceRounds = 5;
/**
 * The integration tests that run on PGlite as well when PostgreSQL is here: the CLI on an embedded data
 * directory (backup, restore, verify-audit, import, operator); migrations and the generated schema;
 * tenancy, row-level security and the HTTP edge through the PGlite driver; kill -9 on a data
 * directory; the races through the one-connection driver; and the modules whose SQL leans on the
 * engine (bulk array inserts, pg_trgm built to WebAssembly).
 */
const pgliteFocus = [
  'apps/cli',
  'apps/server/src/db',
  'apps/server/src/http',
  'apps/server/test/reliability',
  'apps/server/test/harness/race.test.ts',
  'apps/server/test/harness/rule-races.test.ts',
  'apps/server/test/harness/tenancy-self-test.test.ts',
  'apps/server/src/modules/register-import',
  'apps/server/src/modules/assets',
  'apps/server/src/modules/risks',
  'apps/server/src/modules/audit-log',
];
const outDir = mkdtempSync(join(tmpdir(), 'custodian-tests-'));
const results: SuiteResult[] = [];

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: { name: string; message?: string; assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[] }[];
}

/** The first lines of a failure's message, colour codes removed: the summary is often all a CI log keeps. */
function firstLines(message: string | undefined, count = 8): string {
  const lines = (message ?? '')
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '' && !/^\s+at /.test(line));
  return lines
    .slice(0, count)
    .map((line) => `      ${line.length > 300 ? `${line.slice(0, 300)}…` : line}`)
    .join('\n');
}

/** "file > test" for each failed test (or the file, when it failed to load), for the closing summary. */
function failedTests(json: VitestJsonReport): string[] {
  const out: string[] = [];
  for (const file of json.testResults ?? []) {
    const name = file.name.replace(`${process.cwd()}/`, '');
    const failedHere = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedHere) out.push(`${name} > ${test.fullName}\n${firstLines(test.failureMessages?.[0])}`);
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
  if (process.env.TEST_DATABASE_URL) {
    // With PostgreSQL here (CI), every integration test runs on it in tier 3, and on PGlite only those
    // whose subject is the embedded engine or its one-connection driver (pgliteFocus): the rest would
    // run the same SQL through the same services a second time, and every page's flow runs on an
    // embedded data directory again in the end-to-end tier. Without PostgreSQL (a newcomer's
    // `npm test`) all of them run on PGlite.
    process.stdout.write(`\n(PGlite: ${pgliteFocus.join(', ')}; the rule races ${pgliteRaceRounds} rounds. Every server test runs on PostgreSQL below.)\n`);
    runVitest('integration (PGlite)', ['--config', 'vitest.config.ts', ...pgliteFocus], { TEST_DATABASE_URL: undefined, RACE_ROUNDS: String(pgliteRaceRounds) });
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
