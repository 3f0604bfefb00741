import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { DocumentListQuery } from '@custodian/shared/contracts/documents.ts';
import { cappedCount, containsPattern, countedRows, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';

function documentQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom('documents')
    .selectAll('documents')
    .select((eb) => eb.selectFrom('users').select('users.name').whereRef('users.id', '=', 'documents.owner_user_id').as('owner_name'))
    .where('documents.org_id', '=', orgId);
}

export type DocumentRow = Awaited<ReturnType<ReturnType<typeof documentQuery>['executeTakeFirstOrThrow']>>;

const sorts: Record<DocumentListQuery['sort'], KeysetSort<DocumentRow>> = {
  name: { keys: keyColumns('documents.name', 'documents.id'), keyOf: (row) => [row.name, row.id] },
  updatedAt: { keys: keyColumns('documents.updated_at', 'documents.id'), keyOf: (row) => [new Date(row.updated_at).toISOString(), row.id] },
};

/** One page; the total comes from the row counter, or a capped count when filtered. */
export async function listDocumentRows(tx: Tx, orgId: string, query: DocumentListQuery): Promise<ListReply<DocumentRow>> {
  let base = documentQuery(tx, orgId);
  if (query.q) base = base.where('documents.name', 'ilike', containsPattern(query.q));
  const total = query.q ? await cappedCount(tx, base) : await countedRows(tx, orgId, 'documents');
  return keysetPage(base, { sort: sorts[query.sort], sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
}

/** Every document of the organisation (the checklist, the pack and the obligations read them all; a practice has dozens). */
export async function allDocumentRows(tx: Tx, orgId: string): Promise<DocumentRow[]> {
  return documentQuery(tx, orgId).orderBy('documents.name').orderBy('documents.id').execute();
}

export async function findDocumentRow(tx: Tx, orgId: string, id: string): Promise<DocumentRow | undefined> {
  return documentQuery(tx, orgId).where('documents.id', '=', id).executeTakeFirst();
}

export interface NewDocumentRow {
  org_id: string;
  id: string;
  name: string;
  template_key: string | null;
  mandatory_id: string | null;
  owner_user_id: string | null;
  draft_html: string;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
}

export async function insertDocumentRow(tx: Tx, row: NewDocumentRow): Promise<void> {
  await tx.insertInto('documents').values(row).execute();
}

export interface DocumentPatch {
  name?: string;
  draft_html?: string;
  owner_user_id?: string | null;
  review_months?: number;
  mandatory_id?: string | null;
  updated_at: Date;
  updated_by: string;
}

/** Saves changes if the record is still at the version the editor read; false otherwise. */
export async function updateDocumentRow(tx: Tx, key: { orgId: string; id: string; version: number }, patch: DocumentPatch): Promise<boolean> {
  const result = await tx
    .updateTable('documents')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records an approval on the document if it is still at the version the approver read; false otherwise. */
export async function markDocumentApproved(
  tx: Tx,
  key: { orgId: string; id: string; version: number },
  approved: { number: number; major: number; nextReviewOn: string; at: Date; by: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('documents')
    .set((eb) => ({ approved_number: approved.number, approved_major: approved.major, next_review_on: approved.nextReviewOn, updated_at: approved.at, updated_by: approved.by, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteDocumentRow(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('documents').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface NewVersionRow {
  org_id: string;
  document_id: string;
  number: number;
  major: number;
  minor: number;
  name: string;
  html: string;
  change_note: string;
  approved_at: Date;
  approved_by: string;
  approved_by_name: string;
}

export async function insertVersionRow(tx: Tx, row: NewVersionRow): Promise<void> {
  await tx.insertInto('document_versions').values(row).execute();
}

function versionQuery(tx: Tx, orgId: string, documentId: string) {
  return tx.selectFrom('document_versions').selectAll().where('org_id', '=', orgId).where('document_id', '=', documentId);
}
export type VersionRow = Awaited<ReturnType<ReturnType<typeof versionQuery>['executeTakeFirstOrThrow']>>;

export async function listVersionRows(tx: Tx, orgId: string, documentId: string): Promise<VersionRow[]> {
  return versionQuery(tx, orgId, documentId).orderBy('number', 'desc').execute();
}

export async function findVersionRow(tx: Tx, orgId: string, documentId: string, number: number): Promise<VersionRow | undefined> {
  return versionQuery(tx, orgId, documentId).where('number', '=', number).executeTakeFirst();
}

/** A member of the organisation (name and role), or nothing for someone who is not one. */
export async function findMemberRow(tx: Tx, orgId: string, userId: string): Promise<{ user_id: string; name: string; email: string; role: string } | undefined> {
  return tx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.name', 'u.email', 'm.role'])
    .where('m.org_id', '=', orgId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
}
