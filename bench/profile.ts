/**
 * `npm run bench:profile -- --path "/api/v1/members?page=1&pageSize=50" [--size L] [--db postgres|pglite]
 * [--duration 15] [--concurrency 32] [--warmup 2] [--out file.md] [--label text]`: seeds a fresh database,
 * runs the bench server child under `node --cpu-prof`, loads one path with a closed loop of clients, then
 * reads the server's .cpuprofile and tells where its main thread spent the measured window, by package
 * and by function. Writes (and prints) one markdown section. Not part of the tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase } from './databases.ts';
import { describeFirstReply, httpGet, keepAliveAgent, signIn } from './http-client.ts';
import { runClosedLoop } from './load.ts';
import { benchOwner, seedDatabase } from './seed/seed.ts';

type Kind = 'postgres' | 'pglite';
type Size = 'S' | 'M' | 'L';
type Stats = Awaited<ReturnType<typeof runClosedLoop>>;

interface ProfileOptions {
  path: string;
  size: Size;
  db: Kind;
  durationSeconds: number;
  warmupSeconds: number;
  concurrency: number;
  adminUrl: string;
  outFile: string | null;
  label: string | null;
  command: string;
}

/** The parts of a .cpuprofile this reads (lineNumber and columnNumber are 0-based). */
type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type CpuProfile = { nodes: Array<{ id: number; callFrame: CallFrame }>; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };
type Share = { name: string; ms: number };
/** CPU figures (ms) from /proc (Linux): the server's main thread and whole process, this load generator, all cores. */
type ThreadTimes = { runMs: number; waitMs: number; userMs: number; sysMs: number; processCpuMs: number; generatorMs: number; machineBusyMs: number; stealMs: number; wallMs: number };
type Analysis = { windowMs: number; busyMs: number; idleMs: number; samples: number; isWindowed: boolean; categories: Share[]; functions: Share[] };

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const serverChild = 'bench/server-child.ts';
const secret = 'bench-secret-not-for-production-0123456789abcdef';
const usage = `npm run bench:profile -- --path /api/v1/... [--size S|M|L] [--db postgres|pglite] [--duration 15] [--concurrency 32]
                               [--warmup 2] [--pg-url postgres://postgres@127.0.0.1:5432/test] [--out file.md] [--label text]`;

/** Parses the command line; throws with the usage text on anything it does not understand. */
export function parseProfileOptions(argv: readonly string[]): ProfileOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] ?? '';
    const eq = flag.indexOf('=');
    const name = eq > 0 ? flag.slice(0, eq) : flag;
    if (!name.startsWith('--')) throw new Error(`unexpected argument ${flag}\n${usage}`);
    const value = eq > 0 ? flag.slice(eq + 1) : argv[(i += 1)];
    if (value === undefined) throw new Error(`${name} needs a value\n${usage}`);
    values.set(name.slice(2), value);
  }
  const known = new Set(['path', 'size', 'db', 'duration', 'warmup', 'concurrency', 'pg-url', 'out', 'label']);
  for (const name of values.keys()) if (!known.has(name)) throw new Error(`unknown option --${name}\n${usage}`);
  const path = values.get('path');
  if (!path?.startsWith('/')) throw new Error(`--path is required and starts with /\n${usage}`);
  const size = (values.get('size') ?? 'L').toUpperCase();
  if (size !== 'S' && size !== 'M' && size !== 'L') throw new Error(`--size must be S, M or L\n${usage}`);
  const db = values.get('db') ?? 'postgres';
  if (db !== 'postgres' && db !== 'pglite') throw new Error(`--db must be postgres or pglite\n${usage}`);
  const durationSeconds = Number(values.get('duration') ?? '15');
  const warmupSeconds = Number(values.get('warmup') ?? '2');
  if (!(durationSeconds > 0 && durationSeconds <= 600) || !(warmupSeconds >= 0 && warmupSeconds <= 60)) throw new Error(`--duration must be 0–600 s and --warmup 0–60 s\n${usage}`);
  const concurrency = Number(values.get('concurrency') ?? '32');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new Error(`--concurrency takes a whole number 1–256\n${usage}`);
  const adminUrl = values.get('pg-url') ?? 'postgres://postgres@127.0.0.1:5432/test';
  const host = new URL(adminUrl).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') throw new Error('--pg-url must point at a PostgreSQL server on this machine (loopback)');
  const outFile = values.get('out') ?? null;
  const label = values.get('label') ?? null;
  const args = [`--path "${path}"`, `--size ${size}`, `--db ${db}`, `--duration ${durationSeconds}`, `--concurrency ${concurrency}`];
  if (values.has('warmup')) args.push(`--warmup ${warmupSeconds}`);
  if (values.has('pg-url')) args.push(`--pg-url ${adminUrl}`);
  if (outFile) args.push(`--out ${outFile}`);
  if (label) args.push(`--label "${label}"`);
  return { path, size, db, durationSeconds, warmupSeconds, concurrency, adminUrl, outFile, label, command: `npm run bench:profile -- ${args.join(' ')}` };
}

/** The same server settings as the bench runs (bench/run-database.ts): no demo, quiet logs, no rate limit in the way. */
function serverSettings(databaseSettings: Record<string, string>): Record<string, string> {
  return { CUSTODIAN_DEMO: 'false', CUSTODIAN_SECRET: secret, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000', AUTH_RATE_LIMIT_PER_MINUTE: '1000', ...databaseSettings };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return once(child, 'exit', { signal: AbortSignal.timeout(timeoutMs) }).then(() => true, () => false);
}

/**
 * Starts bench/server-child.ts like bench/server-process.ts does (same environment, nothing else leaks in),
 * but with `--cpu-prof` (which NODE_OPTIONS does not accept). The child exits through process.exit after a
 * graceful close on SIGTERM, which is when node writes the profile.
 */
async function startProfiledServer(settings: Record<string, string>, profileDir: string, timeoutMs = 120_000) {
  const port = await freePort();
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...settings };
  if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
  const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profileDir, '--import', 'tsx', serverChild], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async (): Promise<boolean> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode === 0;
    child.kill('SIGTERM');
    if (await waitForExit(child, 30_000)) return child.exitCode === 0;
    child.kill('SIGKILL');
    await waitForExit(child, 5_000);
    return false;
  };
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was healthy:\n${output}`);
    const reply = await httpGet(port, '/api/v1/health', { timeoutMs: 2_000 }).catch(() => null);
    if (reply?.status === 200) return { port, pid: child.pid ?? 0, stop, output: () => output };
    await new Promise((wait) => setTimeout(wait, 50));
  }
  await stop();
  throw new Error(`the server was not healthy within ${timeoutMs} ms:\n${output}`);
}

/** The profile node wrote for the process (file names carry the pid; the largest file if there are several). */
function readProfile(dir: string, pid: number): CpuProfile {
  const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  const own = files.filter((name) => name.split('.').includes(String(pid)));
  const candidates = (own.length > 0 ? own : files).map((name) => join(dir, name)).sort((a, b) => statSync(b).size - statSync(a).size);
  const file = candidates[0];
  if (!file) throw new Error(`node wrote no .cpuprofile into ${dir}`);
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

const socketWriteFunctions = new Set(['writev', 'writeBuffer', 'writeGeneric', '_writeGeneric', 'handleWriteReq', 'writeUtf8String', 'writeLatin1String']);
const packageGroups: Array<[string, (name: string) => boolean]> = [
  ['kysely', (n) => n === 'kysely'],
  ['pg (pg, pg-protocol, pg-pool, pg-types, postgres-*)', (n) => n === 'pg' || n.startsWith('pg-') || n.startsWith('postgres-')],
  ['fastify (+ @fastify/*, find-my-way, light-my-request, avvio)', (n) => n.startsWith('fastify') || n.startsWith('@fastify/') || ['find-my-way', 'light-my-request', 'avvio'].includes(n)],
  ['zod', (n) => n === 'zod'],
  ['fast-json-stringify', (n) => n === 'fast-json-stringify'],
  ['pino (+ sonic-boom)', (n) => n.startsWith('pino') || n === 'sonic-boom'],
  ['@electric-sql/pglite', (n) => n === '@electric-sql/pglite'],
  ['exceljs', (n) => n === 'exceljs'],
];

function packageOf(url: string): string {
  const rest = url.slice(url.lastIndexOf('/node_modules/') + '/node_modules/'.length).split('/');
  return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? '');
}

/** The category of one call frame: V8's special nodes, node internals, a package group, or the app's own code. */
export function categoryOf(frame: CallFrame): string {
  const { functionName, url } = frame;
  if (url === '' && functionName.startsWith('(') && functionName.endsWith(')')) return functionName;
  if (url.startsWith('node:') || url === '') {
    if (socketWriteFunctions.has(functionName) || url === 'node:internal/stream_base_commons' || url === 'node:net') return 'node: socket writes';
    return url === '' ? 'native / V8 builtins (no script url)' : 'node: other internals';
  }
  if (url.startsWith('wasm://')) return "wasm (PGlite's embedded PostgreSQL)";
  if (url.includes('/node_modules/')) {
    const name = packageOf(url);
    return packageGroups.find(([, matches]) => matches(name))?.[0] ?? `other node_modules`;
  }
  if (url.includes('/apps/') || url.includes('/packages/') || url.includes('/bench/')) return 'app code (apps/, packages/, bench/)';
  return 'other';
}

function shortLocation(frame: CallFrame): string {
  if (frame.url === '') return '(native)';
  const path = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  const marker = path.lastIndexOf('/node_modules/');
  const short = marker >= 0 ? path.slice(marker + '/node_modules/'.length) : path.startsWith('/') ? relative(repoRoot, path) : path;
  // tsx compiles each .ts file to one line (minifyWhitespace), so there only the column tells functions apart.
  return /\.[cm]?tsx?$/.test(short) ? `${short} (col ${frame.columnNumber + 1})` : `${short}:${frame.lineNumber + 1}`;
}

/**
 * Self time per node (sample i lasts until sample i+1, as DevTools counts it), within [fromUs, toUs) of the
 * profile's monotonic clock, summed by category and by function. Busy time is everything but (idle).
 */
export function analyseProfile(profile: CpuProfile, window: { fromUs: number; toUs: number } | null): Analysis {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const isWindowed = window !== null && window.fromUs >= profile.startTime && window.toUs <= profile.endTime;
  const from = isWindowed ? window.fromUs : profile.startTime;
  const to = isWindowed ? window.toUs : profile.endTime;
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let stamp = profile.startTime;
  let totalUs = 0;
  let idleUs = 0;
  let samples = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    stamp += profile.timeDeltas[i] ?? 0;
    const next = i + 1 < profile.samples.length ? stamp + (profile.timeDeltas[i + 1] ?? 0) : profile.endTime;
    if (stamp < from || stamp >= to) continue;
    const frame = frames.get(profile.samples[i] ?? -1);
    if (!frame) continue;
    const us = Math.max(0, next - stamp);
    samples += 1;
    totalUs += us;
    const category = categoryOf(frame);
    if (category === '(idle)') {
      idleUs += us;
      continue;
    }
    byCategory.set(category, (byCategory.get(category) ?? 0) + us);
    const key = `${frame.functionName || '(anonymous)'}\t${shortLocation(frame)}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const sorted = (map: Map<string, number>) => [...map].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
  return { windowMs: (to - from) / 1000, busyMs: (totalUs - idleUs) / 1000, idleMs: idleUs / 1000, samples, isWindowed, categories: sorted(byCategory), functions: sorted(byFunction).slice(0, 15) };
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const escape = (text: string) => text.replaceAll('|', '\\|');

function renderProfile(input: { options: ProfileOptions; facts: string; stats: Stats; analysis: Analysis; times: ThreadTimes | null; seedSeconds: number; check: string }): string {
  const { options, stats, analysis, times } = input;
  const pct = (ms: number) => fixed(analysis.busyMs > 0 ? (100 * ms) / analysis.busyMs : Number.NaN);
  const scope = analysis.isWindowed
    ? `the measured ${fixed(analysis.windowMs / 1000, 1)} s window only (warm-up, boot and shutdown left out)`
    : `the whole server process (the measured window could not be placed on the profile's clock)`;
  const categorySum = analysis.categories.reduce((sum, c) => sum + c.ms, 0);
  return [
    `## CPU profile: ${escape(options.label ?? `GET ${options.path}`)}`,
    '',
    `Command: \`${options.command}\``,
    '',
    `Machine: ${input.facts}. Database: ${options.db}, size ${options.size} (seeded in ${fixed(input.seedSeconds, 1)} s). First request: ${input.check}.`,
    '',
    `### Load (closed loop, ${options.concurrency} clients, ${options.durationSeconds} s after ${options.warmupSeconds} s warm-up)`,
    '',
    table(['requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'], [[String(stats.requests), fixed(stats.rps, 0), fixed(stats.p50, 2), fixed(stats.p95, 2), fixed(stats.p99, 2), fixed(stats.max, 1), String(stats.errors)]]),
    '',
    `### Server main thread: where the busy time went`,
    '',
    `Self time from \`node --cpu-prof\` of the server process over ${scope}: ${analysis.samples} samples, ` +
      `busy ${fixed(analysis.busyMs, 0)} ms of ${fixed(analysis.windowMs, 0)} ms (${fixed((100 * analysis.busyMs) / analysis.windowMs)}% of one core), idle ${fixed(analysis.idleMs, 0)} ms. ` +
      `Shares are of busy time (total minus idle). Work off the main thread (libuv pool: argon2, file I/O) and the database server itself are not in it.`,
    '',
    times
      ? `Scheduler (/proc) over the same window: main thread on a CPU ${fixed(times.runMs, 0)} ms (user ${fixed(times.userMs, 0)} + kernel ${fixed(times.sysMs, 0)} ms), ` +
        `runnable but waiting for a CPU ${fixed(times.waitMs, 0)} ms; whole server process (all threads) ${fixed(times.processCpuMs, 0)} ms CPU. ` +
        `The profiler samples wall time, so waiting time lands in whatever frame the thread was preempted in (often a socket write that woke the peer). ` +
        `All ${cpus().length} cores: busy ${fixed(times.machineBusyMs, 0)} of ${fixed(cpus().length * times.wallMs, 0)} ms; server ${fixed(times.processCpuMs, 0)} ms, ` +
        `load generator (this process) ${fixed(times.generatorMs, 0)} ms, everything else (PostgreSQL, other work on the machine) ${fixed(times.machineBusyMs - times.processCpuMs - times.generatorMs, 0)} ms; stolen by the hypervisor ${fixed(times.stealMs, 0)} ms.`
      : 'Scheduler figures unavailable (no /proc).',
    '',
    table(
      ['category', 'ms', '%'],
      [...analysis.categories.map((c) => [escape(c.name), fixed(c.ms, 0), pct(c.ms)]), ['**total busy**', fixed(categorySum, 0), pct(categorySum)]],
    ),
    '',
    `### Top ${analysis.functions.length} functions by self time`,
    '',
    'For .js files the line is that of the code node ran. tsx compiles each .ts file to a single line, so for those only the column of the compiled code is shown.',
    '',
    table(
      ['#', 'function', 'where', 'ms', '%'],
      analysis.functions.map((f, i) => {
        const [name = '', where = ''] = f.name.split('\t');
        return [String(i + 1), `\`${escape(name)}\``, `\`${escape(where)}\``, fixed(f.ms, 0), pct(f.ms)];
      }),
    ),
    '',
  ].join('\n');
}

function machineLine(): string {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, load average at start ${[one, five, fifteen].map((l) => l.toFixed(2)).join(' ')}`;
}

const cleanups: Array<() => Promise<unknown>> = [];

async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()?.().catch((error: unknown) => process.stderr.write(`cleanup failed: ${String(error)}\n`));
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

function threadTimes(pid: number): ThreadTimes | null {
  try {
    const [runNs = 0, waitNs = 0] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
    const statFields = (file: string) => (readFileSync(file, 'utf8').split(') ')[1] ?? '').split(' ').map(Number);
    const [thread, all] = [statFields(`/proc/${pid}/task/${pid}/stat`), statFields(`/proc/${pid}/stat`)];
    const tick = (value: number | undefined) => (value ?? Number.NaN) * 10; // USER_HZ is 100 on Linux
    const cpu = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
    const [machineBusyMs, stealMs] = [tick(cpu.reduce((sum, value) => sum + value, 0) - (cpu[3] ?? 0) - (cpu[4] ?? 0) - (cpu[7] ?? 0)), tick(cpu[7])];
    const { user, system } = process.cpuUsage();
    return { runMs: runNs / 1e6, waitMs: waitNs / 1e6, userMs: tick(thread[11]), sysMs: tick(thread[12]), processCpuMs: tick(all[11]) + tick(all[12]), generatorMs: (user + system) / 1000, machineBusyMs, stealMs, wallMs: performance.now() };
  } catch {
    return null;
  }
}

function timesBetween(before: ThreadTimes | null, after: ThreadTimes | null): ThreadTimes | null {
  if (!before || !after) return null;
  return Object.fromEntries(Object.entries(after).map(([key, value]) => [key, value - before[key as keyof ThreadTimes]])) as ThreadTimes;
}

async function profileRun(options: ProfileOptions, log: (line: string) => void): Promise<string> {
  const facts = machineLine();
  log(`Custodian CPU profile: ${options.command}`);
  log(facts);
  const database = await createDatabase(options.db, options.adminUrl);
  cleanups.push(database.drop);
  const seedStarted = performance.now();
  const owner = await database.open();
  try {
    log(`seeding ${options.db}, size ${options.size}:`);
    await seedDatabase(owner.db, { size: options.size, log });
  } finally {
    await owner.close();
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const profileDir = mkdtempSync(join(tmpdir(), 'custodian-cpuprof-'));
  cleanups.push(async () => rmSync(profileDir, { recursive: true, force: true }));
  const server = await startProfiledServer(serverSettings(database.serverSettings), profileDir);
  cleanups.push(server.stop);
  log(`server up on port ${server.port} (pid ${server.pid}), profiling into ${profileDir}`);
  const cookie = `custodian_session=${await signIn(server.port, benchOwner)}`;
  const first = await httpGet(server.port, options.path, { cookie });
  if (first.status !== 200) throw new Error(`GET ${options.path} answered ${first.status}: ${first.body.slice(0, 300)}`);
  const check = `200, ${describeFirstReply(first.body)}${first.body.length} bytes`;
  log(`first request: ${check}`);
  const agent = keepAliveAgent(options.concurrency);
  const task = async () => (await httpGet(server.port, options.path, { agent, cookie })).status === 200;
  if (options.warmupSeconds > 0) await runClosedLoop(task, { concurrency: options.concurrency, durationMs: options.warmupSeconds * 1000 });
  log(`measuring ${options.durationSeconds} s at concurrency ${options.concurrency}…`);
  const [fromUs, timesBefore] = [nowUs(), threadTimes(server.pid)];
  const stats = await runClosedLoop(task, { concurrency: options.concurrency, durationMs: options.durationSeconds * 1000 });
  const [toUs, times] = [nowUs(), timesBetween(timesBefore, threadTimes(server.pid))];
  agent.destroy();
  log(`${stats.requests} requests, ${Math.round(stats.rps)}/s, p50 ${fixed(stats.p50, 2)} p95 ${fixed(stats.p95, 2)} p99 ${fixed(stats.p99, 2)} ms, ${stats.errors} errors`);
  if (!(await server.stop())) throw new Error(`the server did not exit cleanly on SIGTERM, so node wrote no profile:\n${server.output()}`);
  const profile = readProfile(profileDir, server.pid);
  const analysis = analyseProfile(profile, { fromUs, toUs });
  return renderProfile({ options, facts, stats, analysis, times, seedSeconds, check });
}

/** Entry point: parse, run, write the report, and on failure or Ctrl-C stop the server and drop the database. */
export async function main(argv: readonly string[]): Promise<number> {
  let isInterrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (isInterrupted) return;
      isInterrupted = true;
      process.stderr.write(`\n${signal}: stopping the server and dropping the bench database…\n`);
      void cleanUp().then(() => process.exit(130));
    });
  }
  try {
    const options = parseProfileOptions(argv);
    const log = (line: string) => process.stdout.write(`${line}\n`);
    const report = await profileRun(options, log).finally(cleanUp);
    log(`\n${report}`);
    if (options.outFile) {
      const outFile = resolve(process.cwd(), options.outFile);
      writeFileSync(outFile, report);
      log(`Written to ${outFile}`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`\nprofile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await cleanUp();
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(await main(process.argv.slice(2)));
