import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery } from 'kysely';
import { inject } from 'vitest';
import { bootServer, type Server } from '../src/boot.ts';
import { parseConfig, type Config } from '../src/config.ts';
import { openPglite, openPostgres, type Database } from '../src/db/client.ts';
import { adminQuery, type DatabaseTemplate } from './database-template.ts';

/** Which database the integration tests run against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const testDatabaseKind = process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite';

export interface TestServer extends Server {
  /** Runs SQL as the schema owner (bypasses tenancy): for assertions and tampering, never for setup shortcuts. */
  ownerQuery: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
}

function ownerQueryOn(database: Database): TestServer['ownerQuery'] {
  return async <T>(text: string, params: unknown[] = []) => (await database.db.executeQuery<T>(CompiledQuery.raw(text, params))).rows;
}

type FreshDatabase = { database: Database; ownerQuery: TestServer['ownerQuery']; drop: () => Promise<void> };

/** A fresh, empty database: an in-memory PGlite, or a new database on the PostgreSQL server. */
export async function freshDatabase(): Promise<FreshDatabase> {
  return newDatabase(null);
}

/** The global setup's migrated template (database-template.ts), when this run has one for this database. */
function migratedTemplate(): DatabaseTemplate | null {
  const template = inject('databaseTemplate') as DatabaseTemplate | undefined;
  if (!template) return null;
  return (template.kind === 'postgresql') === Boolean(process.env.TEST_DATABASE_URL) ? template : null;
}

/**
 * A fresh database with every migration applied: a copy of the run's migrated template (much faster
 * than initdb and the migrations), or an empty one that the server's boot migrates.
 */
export async function migratedDatabase(): Promise<FreshDatabase> {
  return newDatabase(migratedTemplate());
}

let pgliteImage: Blob | null = null;

async function newDatabase(template: DatabaseTemplate | null): Promise<FreshDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (template?.kind === 'pglite') pgliteImage ??= new Blob([readFileSync(template.path)]);
    const database = await openPglite(null, template?.kind === 'pglite' && pgliteImage ? { loadDataDir: pgliteImage } : {});
    return { database, ownerQuery: ownerQueryOn(database), drop: () => database.close() };
  }
  const name = `custodian_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, template?.kind === 'postgresql' ? `create database ${name} template ${template.name}` : `create database ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = openPostgres(dbUrl.toString(), 5);
  return {
    database,
    ownerQuery: ownerQueryOn(database),
    drop: async () => {
      await database.close();
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    },
  };
}

/** The server secret of every test server (the CLI, run beside it, needs it to check the audit trail's MACs). */
export const testSecret = 'test-secret-test-secret-test-secret-0123456789';

/** Test settings: quiet logs, no demo, generous rate limits unless a test asks otherwise. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const parsed = parseConfig({
    CUSTODIAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'custodian-test-')),
    CUSTODIAN_DEMO: 'false',
    CUSTODIAN_SECRET: testSecret,
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    API_TOKEN_RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...overrides,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.config;
}

/**
 * Boots the real server (migrations, catalogue, mail worker, HTTP app) on a fresh database; with
 * isOnDisk, on an embedded PGlite data directory exactly as `npm start` uses it; with logLines, the
 * server logs (at LOG_LEVEL, give it in env) into that array.
 */
export async function startTestServer(
  options: { env?: Record<string, string>; clock?: () => Date; isOnDisk?: boolean; logLines?: string[] } = {},
): Promise<TestServer> {
  if (options.isOnDisk) {
    const server = await bootServer(testConfig(options.env), { logger: false, mailPollMs: 50, isValidatingReplies: true, isRunningTimedJobs: false });
    return { ...server, ownerQuery: ownerQueryOn(server.deps.database) };
  }
  const fresh = await migratedDatabase();
  const lines = options.logLines;
  const logging = lines ? { logger: true, logStream: { write: (line: string) => void lines.push(line) } } : { logger: false };
  const server = await bootServer(testConfig(options.env), {
    database: fresh.database,
    ...logging,
    mailPollMs: 50,
    isValidatingReplies: true,
    isRunningTimedJobs: false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    ...server,
    ownerQuery: fresh.ownerQuery,
    close: async () => {
      await server.close();
      await fresh.drop();
    },
  };
}
