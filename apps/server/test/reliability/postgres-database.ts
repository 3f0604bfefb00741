import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface PostgresDatabase {
  url: string;
  name: string;
  /** Runs SQL as the connecting role (the schema owner): for assertions only. */
  query: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  drop: () => Promise<void>;
}

/**
 * Creates an empty database on the TEST_DATABASE_URL server (as apps/server/test/test-server.ts does)
 * and returns its URL, so a separate process (the server, the CLI) can connect to it.
 */
export async function createPostgresDatabase(prefix = 'custodian_rel'): Promise<PostgresDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    url: url.toString(),
    name,
    query: async <T,>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[],
    drop: async () => {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
