import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Tx } from '../../db/with-org.ts';

/** Sign-up claims on unconfirmed addresses, e-mail changes, and removing unconfirmed accounts. */

/**
 * Serialises everything that decides who holds an e-mail address (sign-up, confirming a sign-up,
 * accepting an invitation as a new person, confirming an e-mail change, the expiry job) for the rest of
 * the transaction. The unique index on users.email stays the last word; the lock makes the checks
 * before it hold, so of two racers one wins and the other gets a plain answer.
 */
export async function lockAddress(trx: Tx, email: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`custodian:address:${email}`}, 0))`.execute(trx);
}

/** Locks a person's row until the transaction ends (their requests that replace a pending link take turns). */
export async function lockUserRow(trx: Tx, userId: string): Promise<void> {
  await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
}

/** Locks an unconfirmed account's row; false when it is gone or its address was confirmed meanwhile. */
export async function lockUnconfirmedUser(trx: Tx, userId: string): Promise<boolean> {
  const row = await trx.selectFrom('users').select('id').where('id', '=', userId).where('email_verified_at', 'is', null).forUpdate().executeTakeFirst();
  return row !== undefined;
}

/** Deletes an unconfirmed account (its sessions, links and memberships go with it); false if it was confirmed meanwhile. */
export async function deleteUnconfirmedUser(trx: Tx, userId: string): Promise<boolean> {
  const row = await trx.deleteFrom('users').where('id', '=', userId).where('email_verified_at', 'is', null).returning('id').executeTakeFirst();
  return row !== undefined;
}

/** Marks an account's address confirmed (only once); false when it already was. */
export async function markEmailVerified(trx: Tx, userId: string, now: Date): Promise<boolean> {
  const row = await trx.updateTable('users').set({ email_verified_at: now }).where('id', '=', userId).where('email_verified_at', 'is', null).returning('id').executeTakeFirst();
  return row !== undefined;
}

/** Retires every unused confirmation link of an account (a newer sign-up for its address supersedes them). */
export async function retireVerifications(trx: Tx, userId: string, now: Date): Promise<void> {
  await trx.updateTable('email_verifications').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

/**
 * Accounts whose address was never confirmed, created before `before`, with no confirmation link still
 * usable: the expiry job's candidates. Read before anyone is known (the job has no person in scope).
 */
export async function findExpiredUnconfirmedUsers(db: Kysely<DB>, before: Date, now: Date, limit: number) {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.email'])
    .where('u.email_verified_at', 'is', null)
    .where('u.created_at', '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('email_verifications as v').select('v.token_hash').whereRef('v.user_id', '=', 'u.id').where('v.used_at', 'is', null).where('v.expires_at', '>', now))),
    )
    .orderBy('u.created_at')
    .limit(limit)
    .execute();
}

/** Deletes sign-up claims that can no longer be used (expired, or used a day ago); they hold password hashes. */
export async function deleteStaleClaims(db: Kysely<DB>, now: Date): Promise<number> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const result = await db
    .deleteFrom('signup_claims')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('used_at', '<=', dayAgo)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/*
 * Sign-up claims are reached before anyone is known, so the application role has no privilege on
 * signup_claims: each function below is one SECURITY DEFINER function of migration 0014.
 */

export async function insertSignupClaim(trx: Tx, row: { token_hash: string; email: string; name: string; organisation_name: string; password_hash: string; created_at: Date; expires_at: Date }): Promise<void> {
  await sql`select custodian_insert_signup_claim(${row.token_hash}, ${row.email}, ${row.name}, ${row.organisation_name}, ${row.password_hash}, ${row.created_at}, ${row.expires_at})`.execute(trx);
}

/** Retires every unused sign-up claim of an address (only the newest sign-up's link works). */
export async function retireSignupClaims(trx: Tx, email: string, now: Date): Promise<void> {
  await sql`select custodian_retire_signup_claims(${email}, ${now})`.execute(trx);
}

export interface SignupClaim {
  token_hash: string;
  email: string;
  name: string;
  organisation_name: string;
  password_hash: string;
  expires_at: Date;
  used_at: Date | null;
  confirmed_user_id: string | null;
}

/** A sign-up claim by its link's token hash, whatever its state (looked up before anyone is known). */
export async function findSignupClaim(trx: Tx, tokenHash: string): Promise<SignupClaim | undefined> {
  const result = await sql<SignupClaim>`select * from custodian_find_signup_claim(${tokenHash})`.execute(trx);
  return result.rows[0];
}

/** The newest usable claim of an address (a new confirmation link is sent for it): what a new claim copies. */
export async function findNewestUsableClaim(trx: Tx, email: string, now: Date) {
  const result = await sql<{ email: string; name: string; organisation_name: string; password_hash: string }>`
    select * from custodian_newest_usable_signup_claim(${email}, ${now})`.execute(trx);
  return result.rows[0];
}

/** Uses a claim up: once, while unused and unexpired; records the account it created. */
export async function consumeSignupClaim(trx: Tx, tokenHash: string, now: Date, userId: string): Promise<boolean> {
  const result = await sql<{ consumed: boolean }>`select custodian_consume_signup_claim(${tokenHash}, ${now}, ${userId}) as consumed`.execute(trx);
  return result.rows[0]?.consumed === true;
}

export async function insertEmailChange(trx: Tx, row: { token_hash: string; user_id: string; new_email: string; created_at: Date; expires_at: Date }): Promise<void> {
  await trx.insertInto('email_changes').values({ ...row, used_at: null }).execute();
}

/** Retires a person's unused e-mail change links (a newer request, or the change made). */
export async function retireEmailChanges(trx: Tx, userId: string, now: Date): Promise<void> {
  await trx.updateTable('email_changes').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

/**
 * Whose e-mail change link this is, before anyone is known: the one pre-authentication lookup of
 * email_changes, through a function that returns only the person's id (migration 0011).
 */
export async function findEmailChangeOwner(trx: Tx, tokenHash: string): Promise<string | null> {
  const result = await sql<{ user_id: string | null }>`select custodian_email_change_owner(${tokenHash}) as user_id`.execute(trx);
  return result.rows[0]?.user_id ?? null;
}

/** An e-mail change link of the person in scope, whatever its state. */
export async function findEmailChange(trx: Tx, tokenHash: string) {
  return trx.selectFrom('email_changes').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Uses an e-mail change link up: once, while unused and unexpired. */
export async function consumeEmailChange(trx: Tx, tokenHash: string, now: Date): Promise<boolean> {
  const row = await trx
    .updateTable('email_changes')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('token_hash')
    .executeTakeFirst();
  return row !== undefined;
}

/** Moves a person to a new (now confirmed) address. The unique index refuses an address taken meanwhile. */
export async function setUserEmail(trx: Tx, userId: string, email: string, now: Date): Promise<void> {
  await trx.updateTable('users').set({ email, email_verified_at: now }).where('id', '=', userId).execute();
}
