import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close: () => Promise<void>;
  /** PGlite only: the whole data directory as an uncompressed tarball (the tests' migrated template). */
  dump?: () => Promise<Blob>;
}

// Return DATE columns as the plain 'yyyy-mm-dd' text PostgreSQL stores, never shifted by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// count(*) and bigint come back as text from pg; keep them text and convert where needed.

/**
 * The pool as Kysely sees it, with one difference: a statement text holding several statements (sent
 * without parameters, so by the simple protocol) answers with its last statement's result. A request
 * opens its transaction and resolves its session in one round trip that way (db/scope.ts).
 */
export function lastResultPool(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => {
      const client = await pool.connect();
      return {
        query: ((text: string, parameters: unknown[]) =>
          client
            .query(text, parameters)
            .then((result: pg.QueryResult | pg.QueryResult[]) => (Array.isArray(result) ? result.at(-1) : result))) as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}

/** Opens a PostgreSQL server connection pool. */
export function openPostgres(url: string, maxConnections = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  // An idle pooled connection that PostgreSQL terminates (restart, pg_terminate_backend) emits 'error'
  // on the pool; without a listener that would crash the process. The pool replaces the connection.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: lastResultPool(pool) }) });
  return { db, kind: 'postgresql', close: () => db.destroy() };
}

/**
 * Opens (or creates) an embedded PGlite database in a directory, or in memory when dir is null. With
 * `loadDataDir`, the database starts as a copy of a dumped data directory instead of an empty one
 * (the tests start from a migrated copy rather than running initdb and every migration each time).
 */
export async function openPglite(dir: string | null, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  const pglite = await PGlite.create(dir ?? undefined, {
    parsers: { 1082: (value: string) => value },
    // Trigram indexes for the registers' text search (migration 0022 creates the extension).
    extensions: { pg_trgm },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy(), dump: async () => (await pglite.dumpDataDir('none')) as Blob };
}
