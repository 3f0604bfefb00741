import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Tx } from '../../db/with-org.ts';

/*
 * users, sessions, recovery_codes and email_verifications are person tables (migration 0012, ADR 0017):
 * the application role sees only the rows of the person the transaction is scoped to (and, in an
 * organisation, its members' names and addresses). A lookup before anyone knows who the person is goes
 * through a SECURITY DEFINER function (the `…ByEmail` / `find…` functions marked "pre-authentication");
 * the caller then scopes the transaction to that person (`ctx.setScope`) before reading their rows.
 */

/** Pre-authentication: the id of the account with this (normalised) address, or null. */
export async function findUserIdByEmail(trx: Tx, email: string): Promise<string | null> {
  const result = await sql<{ id: string | null }>`select custodian_user_id_by_email(${email}) as id`.execute(trx);
  return result.rows[0]?.id ?? null;
}

/**
 * Who holds an address (id, name, whether confirmed), before anyone is known: sign-up, invitations,
 * e-mail change and single sign-on decide with it (custodian_address_holder, never a secret). Reading
 * or changing that person's rows still needs the scope set to them.
 */
export async function findAddressHolder(trx: Tx, email: string) {
  const result = await sql<{ id: string; name: string; email: string; email_verified_at: Date | null; created_at: Date }>`
    select * from custodian_address_holder(${email})`.execute(trx);
  return result.rows[0];
}

/** The columns of a person the application may read (the password hash and TOTP secrets are not among them). */
const userColumns = ['id', 'email', 'name', 'email_verified_at', 'mfa_enabled_at', 'totp_last_step', 'failed_logins', 'locked_until', 'created_at'] as const;

/** A person's row without secrets: their own (scope), or a member's of the organisation in scope. */
export async function findUserById(trx: Tx, id: string) {
  return trx.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

/** The secrets of the person the transaction is scoped to (and only theirs): password hash, TOTP secrets. */
export async function findOwnCredentials(trx: Tx) {
  const result = await sql<{ password_hash: string; totp_secret_enc: string | null; totp_pending_secret_enc: string | null }>`
    select * from custodian_own_credentials()`.execute(trx);
  return result.rows[0];
}

/** Locks the scoped person's own row until the transaction ends (compare-and-set on a secret). */
async function lockOwnUser(trx: Tx, id: string): Promise<boolean> {
  return (await trx.selectFrom('users').select('id').where('id', '=', id).forUpdate().executeTakeFirst()) !== undefined;
}

/** Creates an account; returns false when the address is already registered (also by a parallel request). */
export async function insertUser(
  trx: Tx,
  row: { id: string; email: string; name: string; password_hash: string; email_verified_at: Date | null; created_at: Date },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Failed attempts are forgotten this long after the last one (accounts and unknown addresses alike). */
export const failureMemoryMs = 24 * 3_600_000;

/** The failure count after one more failure at `now`: starts again at 1 once the earlier ones are forgotten. */
function nextFailures(now: Date) {
  const forgottenBefore = new Date(now.getTime() - failureMemoryMs);
  return sql<number>`case when last_failed_login_at is not null and last_failed_login_at <= ${forgottenBefore} then 1 else failed_logins + 1 end`;
}

/** Counts one failed password or code atomically; returns the failures now on record. */
export async function addFailedLogin(trx: Tx, id: string, now: Date): Promise<number> {
  const row = await trx
    .updateTable('users')
    .set({ failed_logins: nextFailures(now), last_failed_login_at: now })
    .where('id', '=', id)
    .returning('failed_logins')
    .executeTakeFirst();
  return row?.failed_logins ?? 0;
}

/**
 * Reserves one attempt before a slow password check: counts it now, and only while the account is not
 * locked and has attempts left. Returns the attempts now on record, or null when none was left.
 */
export async function reserveLoginAttempt(trx: Tx, id: string, maxFailures: number, now: Date): Promise<number | null> {
  const row = await trx
    .updateTable('users')
    .set({ failed_logins: nextFailures(now), last_failed_login_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('failed_logins', '<', maxFailures), eb('last_failed_login_at', '<=', new Date(now.getTime() - failureMemoryMs))]))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('failed_logins')
    .executeTakeFirst();
  return row?.failed_logins ?? null;
}

/** Forgets failed attempts after a successful sign-in (writes only when there is something to forget). */
export async function clearFailedLogins(trx: Tx, id: string): Promise<void> {
  await trx
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('failed_logins', '>', 0), eb('locked_until', 'is not', null)]))
    .execute();
}

export async function updateUser(
  trx: Tx,
  id: string,
  patch: Partial<{
    email_verified_at: Date | null;
    totp_secret_enc: string | null;
    totp_pending_secret_enc: string | null;
    mfa_enabled_at: Date | null;
    totp_last_step: string | null;
    failed_logins: number;
    locked_until: Date | null;
    password_hash: string;
  }>,
) {
  await trx.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function insertVerification(trx: Tx, row: { token_hash: string; user_id: string; expires_at: Date }) {
  await trx
    .insertInto('email_verifications')
    .values({ ...row, used_at: null })
    .execute();
}

/**
 * Marks a verification token used and returns its user, if it was valid and unused. The transaction
 * must be scoped to the token's person (findEmailVerification says who).
 */
export async function consumeVerification(trx: Tx, tokenHash: string, now: Date) {
  return trx
    .updateTable('email_verifications')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
}

/** Pre-authentication: the person a verification token was issued to, whether or not it is still usable. */
export async function findEmailVerification(trx: Tx, tokenHash: string) {
  const result = await sql<{ user_id: string }>`select user_id from custodian_find_email_verification(${tokenHash})`.execute(trx);
  return result.rows[0];
}

export async function insertSession(trx: Tx, row: { id_hash: string; id: string; device: string; user_id: string; org_id: string | null; sso_org_id?: string | null; is_mfa_pending: boolean; created_at: Date; last_seen_at: Date; expires_at: Date; stepped_up_at: Date | null }) {
  await trx.insertInto('sessions').values(row).execute();
}

export async function setSessionOrg(trx: Tx, idHash: string, orgId: string | null) {
  await trx.updateTable('sessions').set({ org_id: orgId }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(trx: Tx, idHash: string) {
  await trx.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Deletes a person's sessions that have expired or gone idle (housekeeping at sign-in). */
export async function deleteExpiredSessionsOf(trx: Tx, userId: string, now: Date, idleMinutes: number) {
  await trx
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', new Date(now.getTime() - idleMinutes * 60_000))]))
    .execute();
}

export async function deleteUserSessionsExcept(trx: Tx, userId: string, keepIdHash: string | null) {
  let query = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) query = query.where('id_hash', '!=', keepIdHash);
  await query.execute();
}

export async function replaceRecoveryCodes(trx: Tx, userId: string, hashes: string[]) {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await trx
    .insertInto('recovery_codes')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
    .execute();
}

export async function consumeRecoveryCode(trx: Tx, userId: string, codeHash: string, now: Date) {
  return trx
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returning('code_hash')
    .executeTakeFirst();
}

export async function countRecoveryCodesLeft(trx: Tx, userId: string): Promise<number> {
  const row = await trx
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the database holds any account at all (read past the person scope by a SECURITY DEFINER function). */
export async function hasAnyAccount(trx: Tx): Promise<boolean> {
  const result = await sql<{ exists: boolean }>`select custodian_has_any_user() as exists`.execute(trx);
  return result.rows[0]?.exists === true;
}

/**
 * Pre-authentication, for an address without an account: reserves one attempt exactly as
 * reserveLoginAttempt does for an account. Returns the attempt number, or null with the lock's end.
 */
export async function reserveUnknownSignIn(
  trx: Tx,
  addressHash: string,
  maxFailures: number,
  now: Date,
): Promise<{ attempt: number | null; lockedUntil: Date | null }> {
  const result = await sql<{ attempt: number | null; locked_until: Date | null }>`
    select attempt, locked_until from custodian_reserve_unknown_sign_in(${addressHash}, ${maxFailures}, ${now}, make_interval(secs => ${failureMemoryMs / 1000}))`.execute(
    trx,
  );
  const row = result.rows[0];
  return { attempt: row?.attempt ?? null, lockedUntil: row?.locked_until ?? null };
}

/** Settles a failed attempt for an address without an account: at the limit, locks it until `until`. */
export async function settleUnknownSignIn(trx: Tx, addressHash: string, failures: number, maxFailures: number, until: Date): Promise<void> {
  await sql`select custodian_settle_unknown_sign_in(${addressHash}, ${failures}, ${maxFailures}, ${until})`.execute(trx);
}

/** Forgets failed sign-ins of unknown addresses a day after the last one, once any lock has ended (housekeeping). */
export async function deleteForgottenUnknownFailures(db: Kysely<DB>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('unknown_sign_in_failures')
    .where('last_failed_at', '<=', new Date(now.getTime() - failureMemoryMs))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes every session that has expired or gone idle (sessions hold no organisation data; no scope needed). */
export async function deleteEndedSessions(db: Kysely<DB>, now: Date, idleMinutes: number): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', new Date(now.getTime() - idleMinutes * 60_000))]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Uses up a TOTP time step: succeeds only if no equal or later step was used (a parallel replay loses). */
export async function useTotpStep(trx: Tx, id: string, step: number): Promise<boolean> {
  const row = await trx
    .updateTable('users')
    .set({ totp_last_step: String(step), failed_logins: 0 })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Turns the authenticator app on with the pending secret it was started with (and two-step verification,
 * unless a passkey already turned it on); false if a parallel request already did or enrolment was
 * started again. The person's row is locked first: the secret is compared outside SQL (the application
 * role cannot select it), so the comparison and the update cannot interleave.
 */
export async function enableMfa(trx: Tx, id: string, pendingSecret: string, step: number, now: Date): Promise<boolean> {
  if (!(await lockOwnUser(trx, id)) || (await findOwnCredentials(trx))?.totp_pending_secret_enc !== pendingSecret) return false;
  const row = await trx
    .updateTable('users')
    .set((eb) => ({ totp_secret_enc: pendingSecret, totp_pending_secret_enc: null, mfa_enabled_at: eb.fn.coalesce('mfa_enabled_at', eb.val(now)), totp_last_step: String(step) }))
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the person is the platform operator (granted from the command line only). */
export async function isPlatformOperator(trx: Tx, userId: string): Promise<boolean> {
  const row = await trx.selectFrom('users').select('is_platform_operator').where('id', '=', userId).executeTakeFirst();
  return row?.is_platform_operator === true;
}
