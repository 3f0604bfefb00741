import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../apps/server/src/db/client.ts';
import { lockDataDir } from '../apps/server/src/db/data-dir-lock.ts';

/** The two database engines the server runs on. */
export type DbKind = 'postgres' | 'pglite';

/** One fresh database for a run: how the server reaches it, how the bench opens it, how it goes away. */
export interface BenchDatabase {
  kind: DbKind;
  /** Settings for the server process (DATABASE_URL, or the data directory of the embedded database). */
  serverSettings: Record<string, string>;
  /** PostgreSQL URL, or the PGlite data directory (the server's CUSTODIAN_DATA_DIR). */
  location: string;
  /** Opens it as the schema owner (PGlite: takes the data-directory lock until closed). */
  open: () => Promise<Database>;
  drop: () => Promise<void>;
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** A new database on the PostgreSQL server (created through adminUrl, dropped again afterwards). */
export async function createPostgresDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `custodian_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    serverSettings: { DATABASE_URL: url.toString() },
    location: url.toString(),
    open: async () => openPostgres(url.toString(), 10),
    drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

/** A new, empty embedded data directory in the system's temporary folder. */
export async function createPgliteDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'custodian-bench-'));
  return {
    kind: 'pglite',
    serverSettings: { CUSTODIAN_DATA_DIR: dir },
    location: dir,
    open: async () => {
      const release = lockDataDir(dir);
      const database = await openPglite(join(dir, 'pglite')).catch((error: unknown) => {
        release();
        throw error;
      });
      return { ...database, close: async () => (await database.close(), release()) };
    },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh database of the given kind. */
export async function createDatabase(kind: DbKind, adminUrl: string): Promise<BenchDatabase> {
  return kind === 'postgres' ? createPostgresDatabase(adminUrl) : createPgliteDatabase();
}

/** The database engine's version string (PostgreSQL server, or PGlite's embedded PostgreSQL). */
export async function serverVersion(database: Database): Promise<string> {
  const result = await sql<{ version: string }>`select current_setting('server_version') as version`.execute(database.db);
  return result.rows[0]?.version ?? 'unknown';
}
