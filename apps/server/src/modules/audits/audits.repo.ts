import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { AuditListQuery } from '@custodian/shared/contracts/audits.ts';
import { cappedCount, containsPattern, countedRows, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';

function auditQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom('audits')
    .selectAll('audits')
    .select((eb) => [
      eb.selectFrom('users as u').whereRef('u.id', '=', 'audits.auditor_user_id').select('u.name').as('auditor_name'),
      eb.selectFrom('audit_findings as f').whereRef('f.org_id', '=', 'audits.org_id').whereRef('f.audit_id', '=', 'audits.id').select((c) => c.fn.countAll<string>().as('n')).as('finding_count'),
    ])
    .where('audits.org_id', '=', orgId);
}

export type AuditRow = Awaited<ReturnType<ReturnType<typeof auditQuery>['executeTakeFirstOrThrow']>>;

const sorts: Record<AuditListQuery['sort'], KeysetSort<AuditRow>> = {
  plannedStart: { keys: keyColumns('audits.planned_start', 'audits.id'), keyOf: (row) => [row.planned_start, row.id] },
  title: { keys: keyColumns('audits.title', 'audits.id'), keyOf: (row) => [row.title, row.id] },
  updatedAt: { keys: keyColumns('audits.updated_at', 'audits.id'), keyOf: (row) => [new Date(row.updated_at).toISOString(), row.id] },
};

/** One page; the total comes from the row counter, or a capped count when filtered. */
export async function listAuditRows(tx: Tx, orgId: string, query: AuditListQuery): Promise<ListReply<AuditRow>> {
  let base = auditQuery(tx, orgId);
  if (query.q) base = base.where('audits.title', 'ilike', containsPattern(query.q));
  if (query.status) base = base.where('audits.status', '=', query.status);
  const isFiltered = Boolean(query.q || query.status);
  const total = isFiltered ? await cappedCount(tx, base) : await countedRows(tx, orgId, 'audits');
  return keysetPage(base, { sort: sorts[query.sort], sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
}

export async function listAllAuditRows(tx: Tx, orgId: string): Promise<AuditRow[]> {
  return auditQuery(tx, orgId).orderBy('audits.planned_start').orderBy('audits.id').execute();
}

export async function findAuditRow(tx: Tx, orgId: string, id: string, lock = false): Promise<AuditRow | undefined> {
  if (lock) await tx.selectFrom('audits').select('id').where('org_id', '=', orgId).where('id', '=', id).forUpdate().executeTakeFirst();
  return auditQuery(tx, orgId).where('audits.id', '=', id).executeTakeFirst();
}

export interface AuditValues {
  title: string;
  scope_clauses: string[];
  scope_controls: string[];
  criteria: string;
  planned_start: string;
  planned_end: string;
  auditor_user_id: string | null;
  status: string;
  completed_on: string | null;
  conclusion: string;
}

export async function insertAuditRow(tx: Tx, key: { orgId: string; id: string }, values: AuditValues, meta: { at: Date; by: string }) {
  await tx
    .insertInto('audits')
    .values({ org_id: key.orgId, id: key.id, ...values, created_at: meta.at, created_by: meta.by, updated_at: meta.at, updated_by: meta.by })
    .execute();
}

/** Saves the values if the audit is still at the version the editor read; false otherwise. */
export async function updateAuditRow(tx: Tx, key: { orgId: string; id: string; version: number }, values: Partial<AuditValues>, meta: { at: Date; by: string }): Promise<boolean> {
  const result = await tx
    .updateTable('audits')
    .set((eb) => ({ ...values, updated_at: meta.at, updated_by: meta.by, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteAuditRow(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('audits').where('org_id', '=', orgId).where('id', '=', id).where('status', '=', 'planned').executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// Checklist

export async function listChecklistRows(tx: Tx, orgId: string, auditId: string) {
  return tx.selectFrom('audit_checklist_items').selectAll().where('org_id', '=', orgId).where('audit_id', '=', auditId).orderBy('position').execute();
}
export type ChecklistRow = Awaited<ReturnType<typeof listChecklistRows>>[number];

/** Replaces the lines no longer in scope and adds the new ones, keeping results already recorded. */
export async function syncChecklistRows(
  tx: Tx,
  key: { orgId: string; auditId: string },
  lines: Array<{ item_id: string; kind: string; ref: string; title: string }>,
  meta: { at: Date; by: string },
): Promise<void> {
  const ids = lines.map((line) => line.item_id);
  let remove = tx.deleteFrom('audit_checklist_items').where('org_id', '=', key.orgId).where('audit_id', '=', key.auditId);
  if (ids.length > 0) remove = remove.where('item_id', 'not in', ids);
  await remove.execute();
  if (lines.length === 0) return;
  await tx
    .insertInto('audit_checklist_items')
    .values(lines.map((line, position) => ({ org_id: key.orgId, audit_id: key.auditId, ...line, position, updated_at: meta.at, updated_by: meta.by })))
    .onConflict((oc) => oc.columns(['org_id', 'audit_id', 'item_id']).doUpdateSet((eb) => ({ position: eb.ref('excluded.position') })))
    .execute();
}

export async function updateChecklistRow(tx: Tx, key: { orgId: string; auditId: string; itemId: string; version: number }, values: { result?: string; notes?: string }, meta: { at: Date; by: string }) {
  return tx
    .updateTable('audit_checklist_items')
    .set((eb) => ({ ...values, updated_at: meta.at, updated_by: meta.by, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('audit_id', '=', key.auditId)
    .where('item_id', '=', key.itemId)
    .where('version', '=', key.version)
    .returningAll()
    .executeTakeFirst();
}

// Findings

export async function listFindingRows(tx: Tx, orgId: string, auditIds: string[]) {
  if (auditIds.length === 0) return [];
  return tx
    .selectFrom('audit_findings as f')
    .leftJoin('evidence_items as e', (join) => join.onRef('e.org_id', '=', 'f.org_id').onRef('e.id', '=', 'f.evidence_id'))
    .leftJoin('nonconformities as n', (join) => join.onRef('n.org_id', '=', 'f.org_id').onRef('n.id', '=', 'f.nonconformity_id'))
    .selectAll('f')
    .select(['e.title as evidence_title', 'n.number as nc_number'])
    .where('f.org_id', '=', orgId)
    .where('f.audit_id', 'in', auditIds)
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
}
export type FindingRow = Awaited<ReturnType<typeof listFindingRows>>[number];

export async function insertFindingRow(
  tx: Tx,
  row: { org_id: string; id: string; audit_id: string; type: string; item_id: string | null; description: string; evidence_id: string | null; evidence_ref: string; nonconformity_id: string | null; created_at: Date; created_by: string },
): Promise<void> {
  await tx.insertInto('audit_findings').values(row).execute();
}

/** Completed audits since a day, with their findings counted by type (management review input). */
export async function completedAuditsSince(tx: Tx, orgId: string, sinceDay: string) {
  return tx
    .selectFrom('audits')
    .select(['id', 'title', 'completed_on'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'completed')
    .where('completed_on', '>=', sinceDay)
    .orderBy('completed_on')
    .orderBy('id')
    .execute();
}
