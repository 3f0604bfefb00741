import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../../../e2e/support/server-process.ts';

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  output: () => string;
  /** SIGKILL: no shutdown hooks, no lock release, connections cut mid-request. */
  kill9: () => Promise<void>;
  /** SIGTERM and wait for a graceful exit (SIGKILL after 10 s). */
  stop: () => Promise<void>;
}

/** Settings every reliability run uses: quiet logs, no demo, a fixed secret so restarts keep sessions valid. */
export function reliabilityEnv(env: Record<string, string>): Record<string, string> {
  return {
    LOG_LEVEL: 'warn',
    CUSTODIAN_DEMO: 'false',
    CUSTODIAN_SECRET: 'reliability-secret-reliability-secret-0123456789',
    RATE_LIMIT_PER_MINUTE: '100000000',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    DATABASE_URL: '',
    ...env,
  };
}

/**
 * Starts the real server as its own process (node --import tsx apps/server/src/main.ts, as
 * e2e/support/server-process.ts does) on 127.0.0.1 and waits until /api/v1/health answers. Pass the
 * same dataDir / DATABASE_URL and port to restart on the same database after a crash. nodeArgs adds
 * node flags (e.g. --cpu-prof to profile a run).
 */
export async function spawnServer(options: { env: Record<string, string>; dataDir: string; port?: number; timeoutMs?: number; nodeArgs?: string[] }): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'apps/server/src/main.ts'], {
    env: { ...process.env, TEST_DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, CUSTODIAN_DATA_DIR: options.dataDir, ...reliabilityEnv(options.env) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within ${options.timeoutMs ?? 60_000} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    port,
    pid: child.pid ?? 0,
    output: () => output,
    kill9: async () => {
      if (!isRunning()) return;
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!isRunning()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
