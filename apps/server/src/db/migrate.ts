import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

const migrationsDir = new URL('./migrations/', import.meta.url);

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** Lists the forward-only SQL migrations shipped with this build, in order. */
export function listMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(new URL(file, migrationsDir), 'utf8');
      return {
        version: Number.parseInt(file.slice(0, 4), 10),
        name: file.replace(/\.sql$/, ''),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

/**
 * Roles belong to the whole PostgreSQL cluster, but the advisory lock below only covers one database:
 * two databases migrating at the same moment (parallel test files) can both find a role missing and
 * both create it. The loser's transaction rolls back whole; running it again finds the role.
 */
async function retryOnRoleRace<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      const isRoleRace = code === '42710' || (code === '23505' && constraint === 'pg_authid_rolname_index');
      if (!isRoleRace || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/**
 * Applies every migration not yet applied, each in its own transaction, under an advisory lock so two
 * servers starting together do not race. Refuses to start if an applied migration's file has changed.
 * Returns the schema version now in force. `upTo` stops at that version (a restore first brings an
 * empty database to the backup's version, loads it, then applies the rest).
 */
export async function migrate(db: Kysely<DB>, options: { upTo?: number } = {}): Promise<number> {
  const migrations = listMigrations().filter((m) => options.upTo === undefined || m.version <= options.upTo);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(727274)`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        version integer primary key, name text not null, checksum text not null,
        applied_at timestamptz not null default now())`.execute(conn);
      const applied = await sql<{ version: number; checksum: string; name: string }>`
        select version, checksum, name from schema_migrations order by version`.execute(conn);
      const byVersion = new Map(applied.rows.map((row) => [row.version, row]));
      for (const migration of migrations) {
        const done = byVersion.get(migration.version);
        if (done) {
          if (done.checksum !== migration.checksum) {
            throw new Error(`Migration ${migration.name} was changed after it was applied. Migrations are forward-only: add a new one.`);
          }
          continue;
        }
        await retryOnRoleRace(() =>
          conn.transaction().execute(async (trx) => {
            await sql.raw(migration.sql).execute(trx);
            await sql`insert into schema_migrations (version, name, checksum)
              values (${migration.version}, ${migration.name}, ${migration.checksum})`.execute(trx);
          }),
        );
      }
      return migrations.at(-1)?.version ?? 0;
    } finally {
      await sql`select pg_advisory_unlock(727274)`.execute(conn);
    }
  });
}

/** The highest migration version recorded in the database. */
export async function schemaVersion(db: Kysely<DB>): Promise<number> {
  const result = await sql<{ version: number | null }>`select max(version) as version from schema_migrations`.execute(db);
  return result.rows[0]?.version ?? 0;
}
