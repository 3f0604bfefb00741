import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'custodian-new-module-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** Runs a command in the copy; returns its exit status and the tail of its output. */
function run(command: string, args: string[], env: Record<string, string | undefined> = {}): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd: copy, encoding: 'utf8', env: { ...process.env, TEST_DATABASE_URL: undefined, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`.slice(-6000) };
}

/** The repository as a clean checkout would have it (tracked and new files, nothing ignored, nothing deleted), with node_modules linked. */
function copyRepository(): void {
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (const file of files.filter((f) => existsSync(join(root, f)))) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
}

describe('npm run new-module', () => {
  it('writes a module that passes lint, typecheck, the authorisation matrix, the fuzzer and the race check as generated', () => {
    copyRepository();
    const generated = run('node', ['--import', 'tsx', 'scripts/new-module.ts', 'demo-widgets']);
    expect(generated.status, generated.output).toBe(0);
    const files = generated.output
      .split('\n')
      .map((line) => line.trim().replace(/ \(regenerated\)$/, ''))
      .filter((line) => /^(apps|packages)\/.+\.(ts|tsx)$/.test(line));
    expect(files.length).toBeGreaterThanOrEqual(12);
    const typecheck = run('npx', ['tsc', '--noEmit', '-p', '.']);
    expect(typecheck.status, typecheck.output).toBe(0);
    const lint = run('npx', ['eslint', '--max-warnings', '0', ...files]);
    expect(lint.status, lint.output).toBe(0);
    const harness = run(
      'npx',
      [
        'vitest',
        'run',
        '--config',
        'vitest.config.ts',
        'apps/server/src/modules/demo-widgets',
        'apps/server/test/harness/route-inventory.test.ts',
        'apps/server/test/harness/authz-matrix.test.ts',
        'apps/server/test/harness/race.test.ts',
        'apps/server/test/harness/fuzz.test.ts',
        'apps/server/src/http/tenancy.test.ts',
        'apps/server/src/db/schema-gen.test.ts',
      ],
      { FUZZ_ROUTE: 'demo-widgets', FUZZ_BUDGET_MS: '20000' },
    );
    expect(harness.status, harness.output).toBe(0);
    expect(harness.output).toMatch(/DELETE \/api\/v1\/demo-widgets\/:id/);
  });
});
