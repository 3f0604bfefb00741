import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real server as a separate process (node --import tsx apps/server/src/main.ts) on an empty
 * embedded data directory, exactly as `npm start` does after building the web app. With `hostName`
 * (e.g. "localhost", which WebAuthn accepts as a relying party while an IP address is not), the
 * public address uses that name instead of 127.0.0.1. With `templateDir`, a new data directory starts
 * as a copy of that one's database (data-dir-template.ts: migrated and empty) rather than empty.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { hostName?: string; templateDir?: string } = {},
): Promise<{ url: string; dataDir: string; output: () => string; stop: () => Promise<void>; child: ChildProcess }> {
  const port = await freePort();
  // A given data directory is reused (a restart); otherwise a new one, empty or a copy of the template.
  let dataDir = env.CUSTODIAN_DATA_DIR;
  if (!dataDir) {
    dataDir = mkdtempSync(join(tmpdir(), 'custodian-e2e-'));
    if (options.templateDir) cpSync(join(options.templateDir, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
  }
  const local = `http://127.0.0.1:${port}`;
  const url = `http://${options.hostName ?? '127.0.0.1'}:${port}`;
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, CUSTODIAN_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // Watched from the start: a process ended by a signal has no exit code, so a second stop() cannot
  // tell it has gone by exitCode alone (it waited for an 'exit' that had already happened).
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(`${local}/api/v1/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { url, dataDir, output: () => output, stop, child };
}
