import type { Tx } from '../../db/with-org.ts';

export interface SchemeRow {
  levels: unknown;
  updated_at: Date;
  version: number;
}

/** The organisation's saved scheme; none while it uses the default. */
export async function findSchemeRow(tx: Tx, orgId: string): Promise<SchemeRow | undefined> {
  return tx.selectFrom('classification_schemes').select(['levels', 'updated_at', 'version']).where('org_id', '=', orgId).executeTakeFirst();
}

/** Locks the saved scheme row for the rest of the transaction (a change and a new asset wait for each other). */
export async function lockSchemeRow(tx: Tx, orgId: string): Promise<SchemeRow | undefined> {
  return tx.selectFrom('classification_schemes').select(['levels', 'updated_at', 'version']).where('org_id', '=', orgId).forUpdate().executeTakeFirst();
}

/** Saves the first scheme of an organisation; false when a parallel request saved one first. */
export async function insertSchemeRow(tx: Tx, row: { org_id: string; levels: string; updated_at: Date; updated_by: string }): Promise<boolean> {
  const inserted = await tx.insertInto('classification_schemes').values(row).onConflict((oc) => oc.column('org_id').doNothing()).returning('org_id').executeTakeFirst();
  return inserted !== undefined;
}

/** Replaces the levels if the scheme is still at the version the editor read; false otherwise. */
export async function updateSchemeRow(tx: Tx, key: { orgId: string; version: number }, patch: { levels: string; updated_at: Date; updated_by: string }): Promise<boolean> {
  const result = await tx
    .updateTable('classification_schemes')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
