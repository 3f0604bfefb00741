import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Tx } from '../../db/with-org.ts';

export async function findUserByEmail(trx: Tx, email: string) {
  return trx.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(trx: Tx, id: string) {
  return trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Creates an account; returns false when the address is already registered (also by a parallel request). */
export async function insertUser(trx: Tx, row: { id: string; email: string; name: string; password_hash: string; email_verified_at: Date | null; created_at: Date }): Promise<boolean> {
  const inserted = await trx.insertInto('users').values(row).onConflict((oc) => oc.column('email').doNothing()).returning('id').executeTakeFirst();
  return inserted !== undefined;
}

/** Counts one failed password or code atomically; returns the failures now on record. */
export async function addFailedLogin(trx: Tx, id: string): Promise<number> {
  const row = await trx
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
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
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', id)
    .where('failed_logins', '<', maxFailures)
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
  await trx.insertInto('email_verifications').values({ ...row, used_at: null }).execute();
}

/** Marks a verification token used and returns its user, if it was valid and unused. */
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

/** The person a verification token was issued to, whether or not it is still usable. */
export async function findVerificationUser(trx: Tx, tokenHash: string) {
  return trx.selectFrom('email_verifications').select('user_id').where('token_hash', '=', tokenHash).executeTakeFirst();
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

export async function countUsers(trx: Tx): Promise<number> {
  const row = await trx.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
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
 * unless a passkey already turned it on); false if a parallel request already did.
 */
export async function enableMfa(trx: Tx, id: string, pendingSecret: string, step: number, now: Date): Promise<boolean> {
  const row = await trx
    .updateTable('users')
    .set((eb) => ({ totp_secret_enc: pendingSecret, totp_pending_secret_enc: null, mfa_enabled_at: eb.fn.coalesce('mfa_enabled_at', eb.val(now)), totp_last_step: String(step) }))
    .where('id', '=', id)
    .where('totp_pending_secret_enc', '=', pendingSecret)
    .where('totp_secret_enc', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
