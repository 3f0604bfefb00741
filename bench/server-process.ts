import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../e2e/support/server-process.ts';
import { httpGet } from './http-client.ts';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The real entry point (as `npm start` runs it) or the bench entry (the same server plus /bench routes). */
export const entries = { main: 'apps/server/src/main.ts', bench: 'bench/server-child.ts' } as const;

/** A running server process and how to stop it. */
export interface ServerProcess {
  port: number;
  pid: number;
  /** Milliseconds from spawning the process to the first healthy /api/v1/health. */
  readyMs: number;
  stop: () => Promise<void>;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts the server as its own process on 127.0.0.1 and waits (at most timeoutMs) until
 * /api/v1/health answers 200. The settings are the whole environment of the child: nothing else leaks in.
 */
export async function startServer(entry: keyof typeof entries, settings: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  const port = await freePort();
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...settings };
  if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', entries[entry]], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 20_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
  };
  const deadline = started + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was healthy:\n${output}`);
    const reply = await httpGet(port, '/api/v1/health', { timeoutMs: 2_000 }).catch(() => null);
    if (reply?.status === 200) return { port, pid: child.pid ?? 0, readyMs: performance.now() - started, stop };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await stop();
  throw new Error(`the server was not healthy within ${timeoutMs} ms:\n${output}`);
}
