import { loadavg } from 'node:os';
import { parseConfig, type Config } from '../apps/server/src/config.ts';
import type { BenchOptions } from './cli-options.ts';
import { createDatabase, serverVersion, type BenchDatabase, type DbKind } from './databases.ts';
import { httpTargets, rawTargets, sessionLookupKey, trivialKey, type Fixture, type HttpTarget } from './endpoints.ts';
import { httpGet, keepAliveAgent, signIn } from './http-client.ts';
import { runClosedLoop, type CellStats } from './load.ts';
import { openRawSql } from './raw-sql.ts';
import { benchOwner, seedDatabase, type SeedResult } from './seed/seed.ts';
import type { SizeName } from './seed/sizes.ts';
import { startServer, type ServerProcess } from './server-process.ts';

/** One raw-SQL baseline as measured: the statements replayed and the latency cells. */
export interface RawResult {
  key: string;
  label: string;
  statements: number;
  /** The statements, shortened, as captured from Kysely. */
  sqlHeads: string[];
  /** Set when another baseline sent exactly the same statements and its cells were reused. */
  sameAs: string | null;
  cells: CellStats[];
  /** The same transaction run through Kysely and the service in this process, one client: SQL plus Kysely and service cost, no HTTP. */
  inProcess: CellStats;
}

/** Everything measured on one database kind at one size. */
export interface DbResult {
  kind: DbKind;
  size: SizeName;
  engineVersion: string;
  seed: SeedResult;
  seedSeconds: number;
  /** Cold start on an empty database is measured once per database kind (null for later sizes). */
  coldStartMs: { empty: number | null; seeded: number };
  rssMb: { afterWarmup: number; afterRun: number };
  /** The machine's load average (1 / 5 / 15 min) when the HTTP runs began. */
  loadAverage: [number, number, number];
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
  return {
    CUSTODIAN_DEMO: 'false',
    CUSTODIAN_SECRET: secret,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    ...database.serverSettings,
  };
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
  const session = JSON.parse((await httpGet(server.port, '/api/v1/auth/session', { cookie: `custodian_session=${sessionToken}` })).body) as {
    organisation: { orgId: string } | null;
  };
  if (session.organisation?.orgId !== seed.orgId) throw new Error('the bench owner was not signed in to the seeded organisation');
  return { sessionToken, orgId: seed.orgId, memberCount: seed.memberCount, auditEventCount: seed.auditEventCount };
}

/** One request per endpoint first: every one must answer 200, and the lists must hold the seeded data. */
async function checkTargets(server: ServerProcess, targets: readonly HttpTarget[], cookie: string): Promise<string[]> {
  const checks: string[] = [];
  for (const target of targets) {
    const reply = await httpGet(server.port, target.path, target.hasSession ? { cookie } : {});
    if (reply.status !== 200) throw new Error(`${target.label} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    const body = JSON.parse(reply.body) as {
      total?: { count: number; isExact: boolean };
      items?: unknown[];
      page?: { from: number | null; to: number | null };
    };
    const detail =
      body.total !== undefined
        ? `total ${body.total.count}${body.total.isExact ? '' : '+'}, rows ${body.page?.from ?? '?'}–${body.page?.to ?? '?'} (${body.items?.length ?? 0} on the page)`
        : `${reply.body.length} bytes`;
    checks.push(`${target.label}: 200, ${detail}`);
  }
  return checks;
}

/** The endpoints this run measures (--only), always with the trivial route. */
export function selectedTargets(options: BenchOptions): HttpTarget[] {
  const all = httpTargets();
  const unknown = options.only.filter((key) => !all.some((t) => t.key === key));
  if (unknown.length > 0) throw new Error(`--only names unknown endpoints: ${unknown.join(', ')} (known: ${all.map((t) => t.key).join(', ')})`);
  return options.only.length === 0 ? all : all.filter((t) => t.key === trivialKey || options.only.includes(t.key));
}

async function measureHttp(server: ServerProcess, fixture: Fixture, options: BenchOptions, log: (line: string) => void) {
  const cookie = `custodian_session=${fixture.sessionToken}`;
  const targets = selectedTargets(options);
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
    log(
      `  ${target.label.padEnd(34)} ${cells.map((c) => `c${c.concurrency} p50 ${c.p50.toFixed(2)} p95 ${c.p95.toFixed(2)} ms ${Math.round(c.rps)}/s${c.errors ? ` ${c.errors} errors` : ''}`).join(' | ')}`,
    );
  }
  return { http, checks, rssMb: { afterWarmup, afterRun: await readRssMb(server) } };
}

async function measureRaw(database: BenchDatabase, fixture: Fixture, options: BenchOptions, log: (line: string) => void): Promise<RawResult[]> {
  const raw = await openRawSql(database, benchConfig(database));
  return withCleanup(raw.close, async () => {
    const results: RawResult[] = [];
    const wanted = new Set([sessionLookupKey, ...selectedTargets(options).map((t) => t.rawKey)]);
    const measured = new Map<string, RawResult>();
    for (const target of rawTargets(fixture).filter((t) => wanted.has(t.key))) {
      await raw.capture(target.work);
      const statements = await raw.capture(target.work);
      const inProcess = await runClosedLoop(async () => (await target.work(raw.deps), true), {
        concurrency: 1,
        durationMs: Math.min(2000, options.durationSeconds * 1000),
      });
      const sqlHeads = statements.map((s) => s.sql.replace(/\s+/g, ' ').trim().slice(0, 90));
      const identity = JSON.stringify(statements);
      const same = measured.get(identity);
      if (same) {
        results.push({ key: target.key, label: target.label, statements: statements.length, sqlHeads, sameAs: same.label, cells: same.cells, inProcess });
        log(
          `  raw: ${target.label.padEnd(38)} ${statements.length} statements, the same as ${same.label}; through Kysely c1 p50 ${inProcess.p50.toFixed(2)} ms`,
        );
        continue;
      }
      const task = async () => (await raw.replay(statements), true);
      await runClosedLoop(task, { concurrency: 8, durationMs: Math.min(500, options.warmupSeconds * 1000) });
      const cells: CellStats[] = [];
      for (const concurrency of options.concurrencies) cells.push(await runClosedLoop(task, { concurrency, durationMs: options.durationSeconds * 1000 }));
      const result: RawResult = { key: target.key, label: target.label, statements: statements.length, sqlHeads, sameAs: null, cells, inProcess };
      measured.set(identity, result);
      results.push(result);
      log(
        `  raw: ${target.label.padEnd(38)} ${statements.length} statements  ${cells.map((c) => `c${c.concurrency} p50 ${c.p50.toFixed(2)} ms ${Math.round(c.rps)}/s`).join(' | ')}; through Kysely c1 p50 ${inProcess.p50.toFixed(2)} ms`,
      );
      for (const head of sqlHeads) log(`         ${head}`);
    }
    return results;
  });
}

/**
 * Everything measured on one database kind at one size: cold start on an empty database (when asked),
 * seeding, cold start on the seeded data, the HTTP runs against the real server process, then the
 * raw-SQL baselines.
 */
export async function runOnDatabase(
  kind: DbKind,
  size: SizeName,
  options: BenchOptions,
  log: (line: string) => void,
  isColdStartingEmpty: boolean,
): Promise<DbResult> {
  log(`\n== ${kind}: size ${size} ==`);
  const coldEmpty = isColdStartingEmpty ? await coldStart(kind, options, log) : null;
  const database = await createDatabase(kind, options.adminUrl);
  return withCleanup(database.drop, async () => {
    const started = performance.now();
    const owner = await database.open();
    const { engineVersion, seed } = await withCleanup(owner.close, async () => {
      const version = await serverVersion(owner);
      log(`  seeding (${kind} ${version}):`);
      return { engineVersion: version, seed: await seedDatabase(owner.db, { size, log }) };
    });
    const seedSeconds = (performance.now() - started) / 1000;
    const coldServer = await startServer('main', serverSettings(database));
    await coldServer.stop();
    log(`  cold start, seeded database: ${(coldServer.readyMs / 1000).toFixed(2)} s`);
    const server = await startServer('bench', serverSettings(database));
    const [one = 0, five = 0, fifteen = 0] = loadavg();
    const loadAverage: [number, number, number] = [one, five, fifteen];
    log(`  load average ${loadAverage.map((l) => l.toFixed(2)).join(' ')}`);
    const { fixture, measured } = await withCleanup(server.stop, async () => {
      const signedIn = await signedInFixture(server, seed);
      return { fixture: signedIn, measured: await measureHttp(server, signedIn, options, log) };
    });
    const raw = await measureRaw(database, fixture, options, log);
    return {
      kind,
      size,
      engineVersion,
      seed,
      seedSeconds,
      coldStartMs: { empty: coldEmpty, seeded: coldServer.readyMs },
      rssMb: measured.rssMb,
      loadAverage,
      http: measured.http,
      raw,
      checks: measured.checks,
    };
  });
}
