import { sql } from 'kysely';
import type { Tx } from '../../db/with-org.ts';
import { findOwnCredentials } from './auth.repo.ts';

/** Password-reset tokens (hashed), password changes and a person's own sessions. */

export async function insertPasswordReset(trx: Tx, row: { token_hash: string; user_id: string; created_at: Date; expires_at: Date }): Promise<void> {
  await trx
    .insertInto('password_resets')
    .values({ ...row, used_at: null })
    .execute();
}

/** How many reset links a person was sent since a moment (the quiet per-address limit). */
export async function countPasswordResetsSince(trx: Tx, userId: string, since: Date): Promise<number> {
  const row = await trx
    .selectFrom('password_resets')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Pre-authentication: a reset token's person and state, whatever its state (password_resets is a person table). */
export async function findPasswordReset(trx: Tx, tokenHash: string) {
  const result = await sql<{ user_id: string; expires_at: Date; used_at: Date | null }>`
    select user_id, expires_at, used_at from custodian_find_password_reset(${tokenHash})`.execute(trx);
  return result.rows[0];
}

/**
 * Uses a reset token up: succeeds for one request only, and only while it is unused and unexpired.
 * The transaction must be scoped to the token's person (findPasswordReset says who).
 */
export async function consumePasswordReset(trx: Tx, tokenHash: string, now: Date): Promise<string | null> {
  const row = await trx
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Retires every other unused reset link of a person once one was used (or the password changed). */
export async function retirePasswordResets(trx: Tx, userId: string, now: Date): Promise<void> {
  await trx.updateTable('password_resets').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

/**
 * Sets a new password and forgets failed attempts and any lockout. With `expectedHash`, only if the
 * password is still the one that was checked (of two parallel changes, one wins): the person's row is
 * locked and the hash compared outside SQL, since the application role cannot select it. Returns false
 * if not. The transaction must be scoped to the person.
 */
export async function setPassword(trx: Tx, userId: string, passwordHash: string, options: { expectedHash?: string; verifiedAt?: Date } = {}): Promise<boolean> {
  if (options.expectedHash !== undefined) {
    const locked = await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
    if (!locked || (await findOwnCredentials(trx))?.password_hash !== options.expectedHash) return false;
  }
  const query = trx
    .updateTable('users')
    .set((eb) => ({
      password_hash: passwordHash,
      failed_logins: 0,
      locked_until: null,
      last_failed_login_at: null,
      ...(options.verifiedAt ? { email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(options.verifiedAt)) } : {}),
    }))
    .where('id', '=', userId);
  return (await query.returning('id').executeTakeFirst()) !== undefined;
}

/** A person's sessions that are still alive, most recently used first. */
export async function listLiveSessions(trx: Tx, userId: string, now: Date, idleMinutes: number) {
  return trx
    .selectFrom('sessions')
    .select(['id', 'id_hash', 'device', 'created_at', 'last_seen_at', 'is_mfa_pending'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - idleMinutes * 60_000))
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** Ends every session of a person except one (null: all of them); returns how many ended. */
export async function deleteSessionsOfUser(trx: Tx, userId: string, keepIdHash: string | null): Promise<number> {
  let query = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) query = query.where('id_hash', '!=', keepIdHash);
  return Number((await query.executeTakeFirst()).numDeletedRows);
}

/** Ends one of a person's sessions by its shown id; false when they have no such session. */
export async function deleteSessionById(trx: Tx, userId: string, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('sessions').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** One of a person's sessions by its shown id: its id hash (to refuse ending the current one here) and device. */
export async function findOwnSession(trx: Tx, userId: string, id: string) {
  return trx.selectFrom('sessions').select(['id_hash', 'device']).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

/** Locks the person's row for the rest of the transaction; false when the account is already deleted. */
export async function lockLivePerson(trx: Tx, userId: string): Promise<boolean> {
  const row = await trx.selectFrom('users').select('id').where('id', '=', userId).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
  return row !== undefined;
}

/** What a deleted account keeps: its id (records still point at it) and when it was deleted. */
export const deletedName = 'Deleted account';

/**
 * Ends a person's account: every session, every credential (password, two-step secret, recovery
 * codes, pending confirmation and reset links) and their name and address go; the row stays as a
 * tombstone whose address (`deleted-<id>@deleted.invalid`) can never be signed in to or mailed.
 * Returns how many sessions ended.
 */
export async function erasePerson(trx: Tx, userId: string, now: Date): Promise<number> {
  const sessions = await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await trx.deleteFrom('email_verifications').where('user_id', '=', userId).execute();
  await trx.deleteFrom('password_resets').where('user_id', '=', userId).execute();
  await trx.deleteFrom('email_changes').where('user_id', '=', userId).execute();
  await trx.deleteFrom('passkeys').where('user_id', '=', userId).execute();
  await trx
    .updateTable('users')
    .set({
      email: `deleted-${userId}@deleted.invalid`,
      name: deletedName,
      password_hash: '!deleted',
      email_verified_at: null,
      totp_secret_enc: null,
      totp_pending_secret_enc: null,
      mfa_enabled_at: null,
      totp_last_step: null,
      failed_logins: 0,
      locked_until: null,
      deleted_at: now,
    })
    .where('id', '=', userId)
    .execute();
  return Number(sessions.numDeletedRows);
}
