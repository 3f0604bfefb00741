import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** The connection a unit of work runs on, inside its transaction (core/transaction.ts opens and ends it). */
export type Tx = Kysely<DB>;

// Requests and services get their transaction, already scoped to the caller's organisation, from
// core/transaction.ts (the scope statement is in scope.ts). What remains here are the three narrow
// roles that work across organisations, never reachable over HTTP: maintenance, backup, restore.

/** Read-only work across organisations for maintenance commands (never reachable over HTTP). */
export async function withMaintenance<T>(db: Kysely<DB>, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local role custodian_maintenance`.execute(trx);
    await sql`set transaction read only`.execute(trx);
    return fn(trx);
  });
}

/**
 * One consistent, read-only snapshot of the whole database (REPEATABLE READ) as custodian_maintenance,
 * with timestamps rendered in UTC: backups and organisation exports (CLI only).
 */
export async function withSnapshot<T>(db: Kysely<DB>, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set transaction read only`.execute(trx);
      await sql`set local role custodian_maintenance`.execute(trx);
      await sql`set local timezone to 'UTC'`.execute(trx);
      return fn(trx);
    });
}

/** Loads a backup into an empty database as custodian_restore, in one transaction (CLI only). */
export async function withRestore<T>(db: Kysely<DB>, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local role custodian_restore`.execute(trx);
    // The row counters are restored as they were backed up; the restore's own inserts must not add to them.
    await sql`select set_config('app.skip_row_counts', 'on', true)`.execute(trx);
    return fn(trx);
  });
}
