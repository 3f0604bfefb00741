import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

export type Tx = Transaction<DB>;

/**
 * The one place tenancy is enforced. Opens a transaction, drops to the custodian_app role (which the
 * row-level security policies apply to) and sets app.org_id for this transaction only. Every query on
 * tenant data runs inside this.
 */
export async function withOrg<T>(
  db: Kysely<DB>,
  scope: { orgId: string; userId?: string | null },
  fn: (trx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.org_id', ${scope.orgId}, true),
                     set_config('app.user_id', ${scope.userId ?? ''}, true)`.execute(trx);
    await sql`set local role custodian_app`.execute(trx);
    return fn(trx);
  });
}

/**
 * For work outside any organisation (sign-up, login, sessions): still the app role, so no tenant row
 * is visible except a person's own memberships when userId is given.
 */
export async function withUser<T>(db: Kysely<DB>, userId: string | null, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.org_id', '', true), set_config('app.user_id', ${userId ?? ''}, true)`.execute(trx);
    await sql`set local role custodian_app`.execute(trx);
    return fn(trx);
  });
}

/** Changes the tenancy scope inside an open transaction (after a session has been identified). */
export async function setScope(trx: Tx, scope: { orgId: string | null; userId: string | null }): Promise<void> {
  await sql`select set_config('app.org_id', ${scope.orgId ?? ''}, true),
                   set_config('app.user_id', ${scope.userId ?? ''}, true)`.execute(trx);
}

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
    return fn(trx);
  });
}
