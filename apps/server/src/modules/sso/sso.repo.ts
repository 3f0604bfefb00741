import { sql } from 'kysely';
import type { Tx } from '../../db/with-org.ts';

export async function findSettings(trx: Tx, orgId: string) {
  return trx.selectFrom('sso_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export type SettingsRow = NonNullable<Awaited<ReturnType<typeof findSettings>>>;

interface SettingsValues {
  issuer: string;
  client_id: string;
  client_secret_enc: string;
  is_jit_enabled: boolean;
  jit_role: string;
}

/** The first save: false when a parallel first save got there before. */
export async function insertSettings(trx: Tx, orgId: string, values: SettingsValues, now: Date): Promise<SettingsRow | undefined> {
  return trx
    .insertInto('sso_settings')
    .values({ org_id: orgId, ...values, version: 1, updated_at: now })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Saves over the version the editor read; nothing when someone saved in between. */
export async function updateSettings(trx: Tx, orgId: string, version: number, values: SettingsValues, now: Date): Promise<SettingsRow | undefined> {
  return trx
    .updateTable('sso_settings')
    .set((eb) => ({ ...values, updated_at: now, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function listDomains(trx: Tx, orgId: string) {
  return trx.selectFrom('sso_domains').select(['domain', 'added_at']).where('org_id', '=', orgId).orderBy('domain').execute();
}

/** Claims a domain for the organisation; false when any organisation (this one included) already has it. */
export async function insertDomain(trx: Tx, orgId: string, domain: string, now: Date): Promise<boolean> {
  const row = await trx
    .insertInto('sso_domains')
    .values({ org_id: orgId, domain, added_at: now })
    .onConflict((oc) => oc.column('domain').doNothing())
    .returning('domain')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteDomain(trx: Tx, orgId: string, domain: string): Promise<boolean> {
  const row = await trx.deleteFrom('sso_domains').where('org_id', '=', orgId).where('domain', '=', domain).returning('domain').executeTakeFirst();
  return row !== undefined;
}

/**
 * Before anyone is known: the organisation that signs in with this e-mail domain (one with a provider
 * saved), through the SECURITY DEFINER function that returns its id and nothing else.
 */
export async function findSsoOrgForDomain(trx: Tx, domain: string): Promise<string | null> {
  const result = await sql<{ org_id: string | null }>`select custodian_sso_org_for_domain(${domain}) as org_id`.execute(trx);
  return result.rows[0]?.org_id ?? null;
}

/*
 * Sign-in attempts are reached before anyone is known, so the application role has no privilege on
 * sso_logins: each function below is one SECURITY DEFINER function of migration 0014.
 */

export async function insertLogin(trx: Tx, row: { state_hash: string; org_id: string; code_verifier_enc: string; nonce: string; created_at: Date; expires_at: Date }): Promise<void> {
  await sql`select custodian_insert_sso_login(${row.state_hash}, ${row.org_id}, ${row.code_verifier_enc}, ${row.nonce}, ${row.created_at}, ${row.expires_at})`.execute(trx);
}

/**
 * Before anyone is known: takes a sign-in attempt by its state, once. The row is deleted as it is read,
 * so of two callbacks with the same state only one gets it; an expired one is deleted and not returned.
 */
export async function takeLogin(trx: Tx, stateHash: string, now: Date): Promise<{ org_id: string; code_verifier_enc: string; nonce: string } | undefined> {
  const result = await sql<{ org_id: string; code_verifier_enc: string; nonce: string }>`select * from custodian_take_sso_login(${stateHash}, ${now})`.execute(trx);
  return result.rows[0];
}

/** Forgets sign-in attempts nobody came back from. */
export async function deleteExpiredLogins(trx: Tx, now: Date): Promise<void> {
  await sql`select custodian_delete_expired_sso_logins(${now})`.execute(trx);
}
