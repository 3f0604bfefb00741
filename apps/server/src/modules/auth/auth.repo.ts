import type { Tx } from '../../db/with-org.ts';

export async function findUserByEmail(trx: Tx, email: string) {
  return trx.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(trx: Tx, id: string) {
  return trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(trx: Tx, row: { id: string; email: string; name: string; password_hash: string; email_verified_at: Date | null; created_at: Date }) {
  await trx.insertInto('users').values(row).execute();
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

export async function insertSession(trx: Tx, row: { id_hash: string; user_id: string; org_id: string | null; is_mfa_pending: boolean; created_at: Date; last_seen_at: Date; expires_at: Date }) {
  await trx.insertInto('sessions').values(row).execute();
}

export async function findSession(trx: Tx, idHash: string) {
  return trx.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export async function touchSession(trx: Tx, idHash: string, at: Date) {
  await trx.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function setSessionOrg(trx: Tx, idHash: string, orgId: string | null) {
  await trx.updateTable('sessions').set({ org_id: orgId }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(trx: Tx, idHash: string) {
  await trx.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
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
