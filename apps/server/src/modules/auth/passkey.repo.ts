import { sql } from 'kysely';
import type { Tx } from '../../db/with-org.ts';
import { findOwnCredentials } from './auth.repo.ts';

/** Passkeys, WebAuthn challenges and step-up times (the person is in scope for all but custodian_find_passkey). */

export type ChallengePurpose = 'register' | 'sign_in' | 'second_factor' | 'step_up';

export interface PasskeyRow {
  id: string;
  user_id: string;
  credential_id: string;
  public_key: string;
  counter: string;
  transports: string;
  name: string;
  version: number;
  created_at: Date;
  last_used_at: Date | null;
}

/** Stores a challenge's hash; also forgets this person's (or, for a sign-in attempt, anyone's) expired ones. */
export async function insertChallenge(
  trx: Tx,
  row: { challenge_hash: string; purpose: ChallengePurpose; user_id: string | null; session_id_hash: string | null; created_at: Date; expires_at: Date },
): Promise<void> {
  let expired = trx.deleteFrom('webauthn_challenges').where('expires_at', '<=', row.created_at);
  expired = row.user_id === null ? expired.where('user_id', 'is', null) : expired.where('user_id', '=', row.user_id);
  await expired.execute();
  await trx.insertInto('webauthn_challenges').values(row).execute();
}

/**
 * Uses a challenge up: deletes it and returns its person, only while it is unexpired, of this purpose
 * and (when given) of this session. Of two parallel uses one gets the row, the other nothing.
 */
export async function claimChallenge(trx: Tx, input: { challengeHash: string; purpose: ChallengePurpose; sessionIdHash: string | null; now: Date }): Promise<{ user_id: string | null } | null> {
  let query = trx
    .deleteFrom('webauthn_challenges')
    .where('challenge_hash', '=', input.challengeHash)
    .where('purpose', '=', input.purpose)
    .where('expires_at', '>', input.now);
  query = input.sessionIdHash === null ? query.where('session_id_hash', 'is', null) : query.where('session_id_hash', '=', input.sessionIdHash);
  return (await query.returning('user_id').executeTakeFirst()) ?? null;
}

/**
 * The passkey a browser presents, before anyone is known (passwordless sign-in): through the one
 * SECURITY DEFINER function, which returns only what checking the signature needs.
 */
export async function findPasskeyForSignIn(trx: Tx, credentialId: string) {
  const result = await sql<{ passkey_id: string; user_id: string; public_key: string; counter: string; transports: string }>`
    select passkey_id, user_id, public_key, counter::text as counter, transports from custodian_find_passkey(${credentialId})`.execute(trx);
  return result.rows[0] ?? null;
}

/** One of the person's passkeys by its credential id. */
export async function findOwnPasskeyByCredential(trx: Tx, userId: string, credentialId: string): Promise<PasskeyRow | undefined> {
  return trx.selectFrom('passkeys').selectAll().where('user_id', '=', userId).where('credential_id', '=', credentialId).executeTakeFirst();
}

/** One of the person's passkeys by its shown id. */
export async function findOwnPasskey(trx: Tx, userId: string, id: string): Promise<PasskeyRow | undefined> {
  return trx.selectFrom('passkeys').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

/** The person's passkeys, oldest first (a person has a handful). */
export async function listPasskeys(trx: Tx, userId: string): Promise<PasskeyRow[]> {
  return trx.selectFrom('passkeys').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').limit(200).execute();
}

/** Stores a new passkey; false when that credential is already registered (also by a parallel request). */
export async function insertPasskey(
  trx: Tx,
  row: { id: string; user_id: string; credential_id: string; public_key: string; counter: number; transports: string; name: string; created_at: Date },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('passkeys')
    .values({ ...row, version: 1, last_used_at: null })
    .onConflict((oc) => oc.column('credential_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Renames a passkey if it is still at the version the person edited; the renamed row, or undefined. */
export async function renamePasskey(trx: Tx, userId: string, id: string, name: string, version: number): Promise<PasskeyRow | undefined> {
  return trx
    .updateTable('passkeys')
    .set((eb) => ({ name, version: eb('version', '+', 1) }))
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Removes one of the person's passkeys; the removed row, or undefined when there was none. */
export async function deletePasskey(trx: Tx, userId: string, id: string): Promise<PasskeyRow | undefined> {
  return trx.deleteFrom('passkeys').where('user_id', '=', userId).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Records a use: the authenticator's new counter (never lower) and when. */
export async function markPasskeyUsed(trx: Tx, id: string, counter: number, now: Date): Promise<void> {
  await trx
    .updateTable('passkeys')
    .set((eb) => ({ counter: sql`greatest(${eb.ref('counter')}, ${counter})`, last_used_at: now }))
    .where('id', '=', id)
    .execute();
}

/** Whether the person has any passkey. */
export async function hasPasskey(trx: Tx, userId: string): Promise<boolean> {
  return (await trx.selectFrom('passkeys').select('id').where('user_id', '=', userId).limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Locks the person's row for the rest of the transaction, so that changes to their second factors
 * (adding or removing a passkey, turning the authenticator app off) happen one at a time.
 */
export async function lockUserFactors(trx: Tx, userId: string): Promise<void> {
  await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
}

/**
 * Keeps `users.mfa_enabled_at` ("two-step verification is on") true to the person's second factors: set
 * while they have an authenticator app or a passkey, cleared when they have neither. Call it with the
 * person's row locked (lockUserFactors).
 */
export async function syncMfaEnabled(trx: Tx, userId: string, now: Date): Promise<void> {
  // The application role cannot read the TOTP secret column; custodian_own_credentials() gives the
  // person in scope (who this always is) their own.
  await sql`update users set mfa_enabled_at = case
      when exists (select 1 from custodian_own_credentials() c where c.totp_secret_enc is not null)
        or exists (select 1 from passkeys p where p.user_id = users.id) then coalesce(mfa_enabled_at, ${now})
      else null end
    where id = ${userId} and id = app_user_id()`.execute(trx);
}

/** Turns the authenticator app off: forgets its secret, any pending enrolment and the recovery codes. */
export async function clearTotp(trx: Tx, userId: string): Promise<boolean> {
  // Called with the person's row locked (lockUserFactors), so the check and the update cannot interleave.
  if (!(await findOwnCredentials(trx))?.totp_secret_enc) return false;
  const row = await trx
    .updateTable('users')
    .set({ totp_secret_enc: null, totp_pending_secret_enc: null, totp_last_step: null })
    .where('id', '=', userId)
    .returning('id')
    .executeTakeFirst();
  if (!row) return false;
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  return true;
}

/** Which second factors the person in scope has (their own credentials are the only ones readable). */
export async function findOwnMfaMethods(trx: Tx): Promise<{ hasTotp: boolean; hasPasskey: boolean }> {
  const result = await sql<{ has_totp: boolean; has_passkey: boolean }>`
    select exists (select 1 from custodian_own_credentials() c where c.totp_secret_enc is not null) as has_totp,
           exists (select 1 from passkeys p where p.user_id = app_user_id()) as has_passkey`.execute(trx);
  const row = result.rows[0];
  return { hasTotp: row?.has_totp === true, hasPasskey: row?.has_passkey === true };
}

/** When the person last proved who they are in this session (null: not since it started). */
export async function findSteppedUpAt(trx: Tx, sessionIdHash: string): Promise<Date | null> {
  const row = await trx.selectFrom('sessions').select('stepped_up_at').where('id_hash', '=', sessionIdHash).executeTakeFirst();
  return row?.stepped_up_at ? new Date(row.stepped_up_at) : null;
}

/** Records that the person proved who they are in this session just now. */
export async function markSteppedUp(trx: Tx, sessionIdHash: string, now: Date): Promise<void> {
  await trx.updateTable('sessions').set({ stepped_up_at: now }).where('id_hash', '=', sessionIdHash).execute();
}
