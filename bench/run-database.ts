import { parseConfig, type Config } from '../apps/server/src/config.ts';
import type { BenchOptions } from './cli-options.ts';
import { createDatabase, serverVersion, type BenchDatabase, type DbKind } from './databases.ts';
import { httpTargets, rawTargets, type Fixture, type HttpTarget } from './endpoints.ts';
import { httpGet, keepAliveAgent, signIn } from './http-client.ts';
import { runClosedLoop, type CellStats } from './load.ts';
import { openRawSql } from './raw-sql.ts';
import { benchOwner, seedDatabase, type SeedResult } from './seed/seed.ts';
import { startServer, type ServerProcess } from './server-process.ts';

export interface RawResult {
  key: string;
  label: string;
  statements: number;
  cells: CellStats[];
}

export interface DbResult {
  kind: DbKind;
  engineVersion: string;
  seed: SeedResult;
  seedSeconds: number;
  coldStartMs: { empty: number; seeded: number };
  rssMb: { afterWarmup: number; afterRun: number };
  http: Array<{ target: HttpTarget; cells: CellStats[] }>;
  raw: RawResult[];
  checks: string[];
}

/** Cleanup steps still owed (servers to stop, databases to drop), run on failure or Ctrl-C. */
export const pendingCleanups = new Set<() => Promise<void>>();

/** Runs work, then the cleanup (also registered for Ctrl-C while the work runs); returns the work's value. */
async function withCleanup<T>(cleanup: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  pendingCleanups.add(cleanup);
  try {
    return await work();
  } finally {
    pendingCleanups.delete(cleanup);
    await cleanup();
  }
}

const secret = 'bench-secret-not-for-production-0123456789abcdef';

/** Server settings for the runs: production defaults except no demo, quiet logs and no rate limit in the way. */
function serverSettings(database: BenchDatabase): Record<string, string> {
  return { CUSTODIAN_DEMO: 'false', CUSTODIAN_SECRET: secret, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000', AUTH_RATE_LIMIT_PER_MINUTE: '1000', ...database.serverSettings };
}

function benchConfig(database: BenchDatabase): Config {
  const parsed = parseConfig({ ...serverSettings(database), CUSTODIAN_DATA_DIR: database.kind === 'pglite' ? database.location : '.' });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.config;
}

async function coldStart(kind: DbKind, options: BenchOptions, log: (line: string) => void): Promise<number> {
  const empty = await createDatabase(kind, options.adminUrl);
  const readyMs = await withCleanup(empty.drop, async () => {
    const server = await startServer('main', serverSettings(empty));
    await server.stop();
    return server.readyMs;
  });
  log(`  cold start, empty database: ${(readyMs / 1000).toFixed(2)} s`);
  return readyMs;
}

async function readRssMb(server: ServerProcess): Promise<number> {
  const reply = await httpGet(server.port, '/bench/memory');
  return (JSON.parse(reply.body) as { rss: number }).rss / 1_048_576;
}

async function signedInFixture(server: ServerProcess, seed: SeedResult): Promise<Fixture> {
  const sessionToken = await signIn(server.port, benchOwner);
  const session = JSON.parse((await httpGet(server.port, '/api/v1/auth/session', { cookie: `custodian_session=${sessionToken}` })).body) as { user: { id: string; name: string; email: string }; organisation: { orgId: string } | null };
  if (session.organisation?.orgId !== seed.orgId) throw new Error('the bench owner was not signed in to the seeded organisation');
  return { sessionToken, userId: session.user.id, userLabel: `${session.user.name} <${session.user.email}>`, orgId: seed.orgId, memberCount: seed.memberCount, auditEventCount: seed.auditEventCount };
}

/** One request per endpoint first: every one must answer 200, and the lists must hold the seeded data. */
async function checkTargets(server: ServerProcess, targets: readonly HttpTarget[], cookie: string): Promise<string[]> {
  const checks: string[] = [];
  for (const target of targets) {
    const reply = await httpGet(server.port, target.path, target.hasSession ? { cookie } : {});
    if (reply.status !== 200) throw new Error(`${target.label} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    const body = JSON.parse(reply.body) as { total?: number; items?: unknown[] };
    const detail = body.total !== undefined ? `total ${body.total}, ${body.items?.length ?? 0} on the page` : `${reply.body.length} bytes`;
    checks.push(`${target.label}: 200, ${detail}`);
  }
  return checks;
}

/** The endpoints this run measures (--only), always with the trivial route. */
export function selectedTargets(fixture: Fixture, options: BenchOptions): HttpTarget[] {
  const all = httpTargets(fixture);
  const unknown = options.only.filter((key) => !all.some((t) => t.key === key));
  if (unknown.length > 0) throw new Error(`--only names unknown endpoints: ${unknown.join(', ')} (known: ${all.map((t) => t.key).join(', ')})`);
  return options.only.length === 0 ? all : all.filter((t) => t.key === 'noop' || options.only.includes(t.key));
}

async function measureHttp(server: ServerProcess, fixture: Fixture, options: BenchOptions, log: (line: string) => void) {
  const cookie = `custodian_session=${fixture.sessionToken}`;
  const targets = selectedTargets(fixture, options);
  const checks = await checkTargets(server, targets, cookie);
  const taskFor = (target: HttpTarget, concurrency: number) => {
    const agent = keepAliveAgent(concurrency);
    const headers = target.hasSession ? { agent, cookie } : { agent };
    return { agent, task: async () => (await httpGet(server.port, target.path, headers)).status === 200 };
  };
  for (const target of targets) {
    const { agent, task } = taskFor(target, 8);
    await runClosedLoop(task, { concurrency: 8, durationMs: options.warmupSeconds * 1000 });
    agent.destroy();
  }
  const afterWarmup = await readRssMb(server);
  const http: DbResult['http'] = [];
  for (const target of targets) {
    const cells: CellStats[] = [];
    for (const concurrency of options.concurrencies) {
      const { agent, task } = taskFor(target, concurrency);
      cells.push(await runClosedLoop(task, { concurrency, durationMs: options.durationSeconds * 1000 }));
      agent.destroy();
    }
    http.push({ target, cells });
    log(`  ${target.label.padEnd(34)} ${cells.map((c) => `c${c.concurrency} p50 ${c.p50.toFixed(2)} p95 ${c.p95.toFixed(2)} ms ${Math.round(c.rps)}/s${c.errors ? ` ${c.errors} errors` : ''}`).join(' | ')}`);
  }
  return { http, checks, rssMb: { afterWarmup, afterRun: await readRssMb(server) } };
}

async function measureRaw(database: BenchDatabase, fixture: Fixture, options: BenchOptions, log: (line: string) => void): Promise<RawResult[]> {
  const raw = await openRawSql(database, benchConfig(database));
  return withCleanup(raw.close, async () => {
    const results: RawResult[] = [];
    const wanted = new Set(['session-lookup', ...selectedTargets(fixture, options).map((t) => t.rawKey)]);
    for (const target of (await rawTargets(fixture, raw.deps)).filter((t) => wanted.has(t.key))) {
      await raw.capture(target.work);
      const statements = await raw.capture(target.work);
      const task = async () => (await raw.replay(statements), true);
      await runClosedLoop(task, { concurrency: 8, durationMs: Math.min(500, options.warmupSeconds * 1000) });
      const cells: CellStats[] = [];
      for (const concurrency of options.concurrencies) cells.push(await runClosedLoop(task, { concurrency, durationMs: options.durationSeconds * 1000 }));
      results.push({ key: target.key, label: target.label, statements: statements.length, cells });
      log(`  raw: ${target.label.padEnd(30)} ${statements.length} statements  ${cells.map((c) => `c${c.concurrency} p50 ${c.p50.toFixed(2)} ms ${Math.round(c.rps)}/s`).join(' | ')}`);
    }
    return results;
  });
}

/**
 * Everything measured on one database kind: cold start on an empty database, seeding, cold start on
 * the seeded data, the HTTP runs against the real server process, then the raw-SQL baselines.
 */
export async function runOnDatabase(kind: DbKind, options: BenchOptions, log: (line: string) => void): Promise<DbResult> {
  log(`\n== ${kind}: size ${options.size} ==`);
  const coldEmpty = await coldStart(kind, options, log);
  const database = await createDatabase(kind, options.adminUrl);
  return withCleanup(database.drop, async () => {
    const started = performance.now();
    const owner = await database.open();
    const { engineVersion, seed } = await withCleanup(owner.close, async () => {
      const version = await serverVersion(owner);
      log(`  seeding (${kind} ${version}):`);
      return { engineVersion: version, seed: await seedDatabase(owner.db, { size: options.size, log }) };
    });
    const seedSeconds = (performance.now() - started) / 1000;
    const coldServer = await startServer('main', serverSettings(database));
    await coldServer.stop();
    log(`  cold start, seeded database: ${(coldServer.readyMs / 1000).toFixed(2)} s`);
    const server = await startServer('bench', serverSettings(database));
    const { fixture, measured } = await withCleanup(server.stop, async () => {
      const signedIn = await signedInFixture(server, seed);
      return { fixture: signedIn, measured: await measureHttp(server, signedIn, options, log) };
    });
    const raw = await measureRaw(database, fixture, options, log);
    return { kind, engineVersion, seed, seedSeconds, coldStartMs: { empty: coldEmpty, seeded: coldServer.readyMs }, rssMb: measured.rssMb, http: measured.http, raw, checks: measured.checks };
  });
}
