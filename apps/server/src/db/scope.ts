import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';
import type { Tx } from './with-org.ts';

/** The session row custodian_resolve_session returns (all nulls when there is no valid session). */
export interface ResolvedSession {
  id_hash: string | null;
  user_id: string | null;
  user_name: string | null;
  user_email: string | null;
  has_mfa: boolean | null;
  is_mfa_pending: boolean | null;
  created_at: Date | null;
  needs_touch: boolean | null;
  session_org_id: string | null;
  member_role: string | null;
  org_name: string | null;
  time_zone: string | null;
  is_demo: boolean | null;
  is_mfa_required: boolean | null;
  /** The session's organisation requires single sign-on and this session did not come through it. */
  is_sso_blocked: boolean | null;
  /** The organisation whose single sign-on the session came through. */
  sso_org_id: string | null;
  app_role: string;
  /** Rows this backend had written before the transaction's work began (write transactions only). */
  writes_before: number | null;
}

/**
 * The first statement of every request's transaction: resolves the session, sets app.user_id and
 * app.org_id (custodian_resolve_session) and drops to the custodian_app role, which row-level security
 * applies to. The function always returns one row, so the role switch always happens; the caller still
 * checks it did.
 */
export async function resolveSessionScope(
  tx: Tx,
  input: { idHash: string | null; now: Date; idleMinutes: number; isCountingWrites: boolean; begin?: TransactionStart },
): Promise<ResolvedSession> {
  const writes = input.isCountingWrites ? auditableWrites : sql`null`;
  const query = input.begin
    ? sql<ResolvedSession>`${sql.raw(beginStatements[input.begin])};
      select r.*, set_config('role', 'custodian_app', true) as app_role, ${writes} as writes_before
      from custodian_resolve_session(${literal(input.idHash ?? '', hexOrEmpty)}, ${literal(input.now.toISOString(), isoInstant)}::timestamptz, ${literal(String(input.idleMinutes), digits)}::integer) as r`
    : sql<ResolvedSession>`
      select r.*, set_config('role', 'custodian_app', true) as app_role, ${writes} as writes_before
      from custodian_resolve_session(${input.idHash ?? ''}, ${input.now}, ${input.idleMinutes}) as r`;
  const result = await query.execute(tx);
  const row = result.rows[0];
  if (row?.app_role !== 'custodian_app') throw new Error('the request transaction did not switch to the application role');
  return row;
}

/** Why a bearer token cannot be used, or 'ok' (custodian_resolve_token). */
export type TokenState = 'ok' | 'unknown' | 'revoked' | 'expired' | 'not_member';

/** The row custodian_resolve_token returns: the session columns (id_hash always null) and the token's. */
export interface ResolvedToken extends ResolvedSession {
  token_id: string | null;
  token_name: string | null;
  /** Space-separated scopes ("gap:read gap:write"). */
  token_scopes: string | null;
  token_state: TokenState;
}

/**
 * resolveSessionScope for a request that carries an API token instead of a session cookie: the first
 * statement resolves the token's hash (custodian_resolve_token), sets the scope of its person and
 * organisation, and drops to custodian_app. Write transactions share-lock the token row, so a
 * revocation waits for them and every later request sees it.
 */
export async function resolveTokenScope(tx: Tx, input: { tokenHash: string; now: Date; isCountingWrites: boolean; begin: TransactionStart }): Promise<ResolvedToken> {
  const writes = input.isCountingWrites ? auditableWrites : sql`null`;
  const lock = input.begin === 'write' ? 'true' : 'false';
  const result = await sql<ResolvedToken>`${sql.raw(beginStatements[input.begin])};
      select r.*, set_config('role', 'custodian_app', true) as app_role, ${writes} as writes_before
      from custodian_resolve_token(${literal(input.tokenHash, hexOrEmpty)}, ${literal(input.now.toISOString(), isoInstant)}::timestamptz, ${sql.raw(lock)}) as r`.execute(tx);
  const row = result.rows[0];
  if (row?.app_role !== 'custodian_app') throw new Error('the request transaction did not switch to the application role');
  return row;
}

/**
 * Sets the tenancy scope and the application role in an open transaction, in one statement; with
 * isCountingWrites, also returns the write count the transaction starts from. With `begin`, the same
 * round trip starts the transaction.
 */
export async function applyScope(tx: Tx, scope: { orgId: string | null; userId: string | null }, isCountingWrites = false, begin?: TransactionStart): Promise<number> {
  const writes = isCountingWrites ? auditableWrites : sql`null`;
  const query = begin
    ? sql<{ writes_before: number | null }>`${sql.raw(beginStatements[begin])};
      select set_config('app.org_id', ${literal(scope.orgId ?? '', uuidOrEmpty)}, true), set_config('app.user_id', ${literal(scope.userId ?? '', uuidOrEmpty)}, true),
             set_config('role', 'custodian_app', true), ${writes} as writes_before`
    : sql<{ writes_before: number | null }>`
      select set_config('app.org_id', ${scope.orgId ?? ''}, true), set_config('app.user_id', ${scope.userId ?? ''}, true),
             set_config('role', 'custodian_app', true), ${writes} as writes_before`;
  const result = await query.execute(tx);
  return result.rows[0]?.writes_before ?? 0;
}

/** How a unit of work's transaction starts: reads see one snapshot and cannot write. */
export type TransactionStart = 'read' | 'write';

const beginStatements: Record<TransactionStart, string> = {
  read: 'start transaction isolation level repeatable read, read only',
  write: 'start transaction isolation level read committed, read write',
};

const hexOrEmpty = /^(?:[0-9a-f]{64})?$/;
const uuidOrEmpty = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const digits = /^\d{1,6}$/;

/**
 * A value written into the statement text. The first statement of a unit of work is sent together
 * with its transaction start, in one round trip; that needs the simple protocol, which takes no
 * parameters. Only values of a known, checked shape (a hex hash, a uuid, an ISO instant, a number)
 * are ever written in, so nothing a person typed reaches the text.
 */
function literal(value: string, shape: RegExp) {
  if (!shape.test(value)) throw new Error('a value of an unexpected shape was refused for the transaction-opening statement');
  return sql.raw(`'${value}'`);
}

/** Ends a unit of work's transaction. */
export async function endTransaction(tx: Tx, outcome: 'commit' | 'rollback'): Promise<void> {
  await sql.raw(outcome).execute(tx);
}

/**
 * Tables whose writes need no audit event of their own: session bookkeeping and single-use WebAuthn
 * challenges (sign-in, sign-out and what a passkey was used for are audited where they matter), and the audit trail and row counters themselves.
 */
export const unauditedTables = ['sessions', 'webauthn_challenges', 'audit_events', 'audit_heads', 'row_counts'] as const;

/**
 * Rows inserted, updated or deleted outside the unaudited tables, as PostgreSQL's per-backend counters
 * see them. They also hold earlier transactions of the same connection until they are flushed (never
 * during a transaction), so a transaction compares the value at its end with the one at its start.
 */
const auditableWrites = sql<number>`(select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::int from pg_stat_xact_user_tables
    where schemaname = 'public' and relname not in (${sql.join(unauditedTables.map((t) => sql.lit(t)))}))`;

/** The write counter now (see auditableWrites). */
export async function countAuditableWrites(tx: Tx): Promise<number> {
  const result = await sql<{ writes: number }>`select ${auditableWrites} as writes`.execute(tx);
  return result.rows[0]?.writes ?? 0;
}

/** Moves a session's idle clock on (at most once a minute per session; runs outside the request's transaction). */
export async function touchSession(db: Kysely<DB>, idHash: string, now: Date): Promise<void> {
  await sql`update sessions set last_seen_at = ${now} where id_hash = ${idHash} and last_seen_at < ${now}`.execute(db);
}

/** Moves an API token's last-used time on (at most once a minute; runs outside the request's transaction). */
export async function touchApiToken(db: Kysely<DB>, tokenId: string, now: Date): Promise<void> {
  await sql`select custodian_touch_api_token(${tokenId}::uuid, ${now})`.execute(db);
}

/**
 * On an operator route, after its access check: turns on operator mode for the rest of the transaction
 * when the person in scope is the platform operator (custodian_enter_operator_mode, migration 0015) and
 * returns the platform organisation's id; null when they are not the operator.
 */
export async function enterOperatorScope(tx: Tx): Promise<string | null> {
  const result = await sql<{ platform: string | null }>`select custodian_enter_operator_mode() as platform`.execute(tx);
  return result.rows[0]?.platform ?? null;
}
