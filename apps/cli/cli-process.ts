import { spawn } from 'node:child_process';
import { testSecret } from '../server/test/test-server.ts';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node --import tsx apps/cli/main.ts …` as its own process (asynchronously, so the test can keep
 * a server busy meanwhile), with the given database settings and the test servers' secret; killed after
 * timeoutMs.
 */
export function runCli(env: Record<string, string>, args: string[], timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/main.ts', ...args], {
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', CUSTODIAN_SECRET: testSecret, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
