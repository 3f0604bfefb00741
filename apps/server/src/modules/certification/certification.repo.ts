import type { Tx } from '../../db/with-org.ts';

function certificateQuery(tx: Tx, orgId: string) {
  return tx.selectFrom('certificates').selectAll().where('org_id', '=', orgId);
}

export type CertificateRow = Awaited<ReturnType<ReturnType<typeof certificateQuery>['executeTakeFirstOrThrow']>>;

function auditQuery(tx: Tx, orgId: string) {
  return tx.selectFrom('certification_audits').selectAll().where('org_id', '=', orgId);
}

export type CertificationAuditRow = Awaited<ReturnType<ReturnType<typeof auditQuery>['executeTakeFirstOrThrow']>>;

/** An organisation keeps a handful of certificates (one per cycle): the current first, then newest first. */
export const certificateListLimit = 50;

export async function listCertificateRows(tx: Tx, orgId: string): Promise<CertificateRow[]> {
  return certificateQuery(tx, orgId).orderBy('is_current', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(certificateListLimit).execute();
}

/** One certificate; `lock` 'update' before changing it or its audits. */
export async function findCertificateRow(tx: Tx, orgId: string, id: string, options: { lock?: boolean } = {}): Promise<CertificateRow | undefined> {
  const query = certificateQuery(tx, orgId).where('id', '=', id);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function findCurrentCertificateRow(tx: Tx, orgId: string): Promise<CertificateRow | undefined> {
  return certificateQuery(tx, orgId).where('is_current', '=', true).executeTakeFirst();
}

export interface CertificateFields {
  number: string;
  body_name: string;
  engagement_id: string | null;
  scope: string;
  issued_on: string | null;
  expires_on: string | null;
}

export async function insertCertificateRow(
  tx: Tx,
  row: CertificateFields & { org_id: string; id: string; is_current: boolean; created_at: Date; created_by: string; updated_at: Date; updated_by: string },
): Promise<void> {
  await tx.insertInto('certificates').values(row).execute();
}

/** Saves changes if the certificate is still at the version the editor read; false otherwise. */
export async function updateCertificateRow(
  tx: Tx,
  key: { orgId: string; id: string; version: number },
  patch: Partial<CertificateFields> & { is_current?: boolean; updated_at: Date; updated_by: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('certificates')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The current certificate, if any, stops being current (its version moves, so an editor holding it sees the change). */
export async function clearCurrentCertificate(tx: Tx, orgId: string, by: { updated_at: Date; updated_by: string }): Promise<Array<{ id: string; number: string }>> {
  return tx
    .updateTable('certificates')
    .set((eb) => ({ is_current: false, ...by, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('is_current', '=', true)
    .returning(['id', 'number'])
    .execute();
}

export async function deleteCertificateRow(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('certificates').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listAuditRows(tx: Tx, orgId: string, certificateIds: readonly string[]): Promise<CertificationAuditRow[]> {
  if (certificateIds.length === 0) return [];
  return auditQuery(tx, orgId).where('certificate_id', 'in', certificateIds).execute();
}

export async function insertAuditRows(tx: Tx, rows: ReadonlyArray<{ org_id: string; certificate_id: string; kind: string; updated_at: Date; updated_by: string }>): Promise<void> {
  await tx.insertInto('certification_audits').values([...rows]).execute();
}

export interface AuditFields {
  planned_on: string | null;
  held_on: string | null;
  outcome: string;
  notes: string;
}

/** Saves an audit's changes if it is still at the version the editor read; false otherwise. */
export async function updateAuditRow(
  tx: Tx,
  key: { orgId: string; certificateId: string; kind: string; version: number },
  patch: Partial<AuditFields> & { updated_at: Date; updated_by: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('certification_audits')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('certificate_id', '=', key.certificateId)
    .where('kind', '=', key.kind)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

