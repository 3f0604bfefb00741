import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { loadCatalogue } from '@custodian/catalogue/load-catalogue.ts';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import { lastResultPool } from '../apps/server/src/db/client.ts';
import pg from 'pg';
import type { Config } from '../apps/server/src/config.ts';
import { lockDataDir } from '../apps/server/src/db/data-dir-lock.ts';
import { PGliteDialect } from '../apps/server/src/db/pglite-dialect.ts';
import type { DB } from '../apps/server/src/db/schema.ts';
import type { AppDeps } from '../apps/server/src/core/deps.ts';
import { loadKeys } from '../apps/server/src/keys.ts';
import { openBlobStore } from '../apps/server/src/lib/blob-store/open-blob-store.ts';
import type { BenchDatabase } from './databases.ts';

/** One statement exactly as the server's Kysely sent it to the driver. */
export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * The raw-SQL baseline. `capture` runs a service function once on a Kysely instance that records
 * every statement it sends (begin, the tenancy set_config and role, the page's queries, commit);
 * `replay` sends those same statements straight to pg / PGlite, without HTTP, Fastify or Kysely.
 */
export interface RawSql {
  deps: AppDeps;
  capture: (work: (deps: AppDeps) => Promise<unknown>) => Promise<Statement[]>;
  replay: (statements: readonly Statement[]) => Promise<void>;
  close: () => Promise<void>;
}

function recorder() {
  let recording: Statement[] | null = null;
  return {
    log: (event: LogEvent) => {
      if (event.level === 'query' && recording) recording.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
    },
    capture: async (work: () => Promise<unknown>) => {
      recording = [];
      try {
        await work();
        return recording;
      } finally {
        recording = null;
      }
    },
  };
}

function depsFor(db: Kysely<DB>, kind: AppDeps['database']['kind'], config: Config): AppDeps {
  return {
    database: { db, kind, close: () => db.destroy() },
    config,
    catalogue: loadCatalogue(),
    keys: loadKeys(config.secret, config.dataDir),
    clock: () => new Date(),
    notifyMail: () => undefined,
    blobs: openBlobStore(config.evidenceStore),
  };
}

/** Serialises whole transactions, as the server's PGlite driver does (PGlite has one connection). */
function transactionQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Opens the bench database for the raw baseline, with the same pool size the server uses on PostgreSQL. */
export async function openRawSql(database: BenchDatabase, config: Config): Promise<RawSql> {
  const rec = recorder();
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.location, max: 10 });
    // pool.end() resolves before its connections have closed, so dropping the database right after can
    // terminate them (57P01); without a listener that error would end the process.
    let isClosed = false;
    pool.on('error', (error) => {
      if (!isClosed) process.stderr.write(`raw SQL pool: ${error.message}\n`);
    });
    // The server's pool wrapper: a transaction's first round trip holds two statements (db/client.ts).
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: lastResultPool(pool) }), log: rec.log });
    const deps = depsFor(db, 'postgresql', config);
    return {
      deps,
      capture: (work) => rec.capture(() => work(deps)),
      replay: async (statements) => {
        const client = await pool.connect();
        try {
          for (const statement of statements) await client.query(statement.sql, [...statement.parameters]);
        } finally {
          client.release();
        }
      },
      close: async () => {
        isClosed = true;
        await db.destroy();
      },
    };
  }
  const release = lockDataDir(database.location);
  const pglite = await PGlite.create(join(database.location, 'pglite'), { parsers: { 1082: (value: string) => value }, extensions: { pg_trgm } });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), log: rec.log });
  const deps = depsFor(db, 'pglite', config);
  const inQueue = transactionQueue();
  return {
    deps,
    capture: (work) => rec.capture(() => work(deps)),
    replay: (statements) =>
      inQueue(async () => {
        for (const statement of statements) {
          if (statement.parameters.length === 0) await pglite.exec(statement.sql);
          else await pglite.query(statement.sql, [...statement.parameters]);
        }
      }),
    close: async () => {
      await db.destroy();
      release();
    },
  };
}
