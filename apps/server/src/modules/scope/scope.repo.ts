import { sql } from 'kysely';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { ScopeItemListQuery, ScopeSection } from '@custodian/shared/contracts/scope.ts';
import { cappedCount, containsPattern, countedRows, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';

/** A person's name as the organisation knew them (or their pseudonym once de-identified), by user id. */
function personName(column: 'scope_items.updated_by' | 'scope_statements.changed_by' | 'scope_statements.approved_by') {
  return sql<string | null>`(select coalesce(fm.name, u.name) from users u
    left join former_members fm on fm.org_id = app_org_id() and fm.user_id = u.id
    where u.id = ${sql.ref(column)})`;
}

function itemQuery(tx: Tx, orgId: string) {
  return tx.selectFrom('scope_items').selectAll().select(personName('scope_items.updated_by').as('updated_by_name')).where('scope_items.org_id', '=', orgId);
}

export type ScopeItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['executeTakeFirstOrThrow']>>;

const sorts: Record<ScopeItemListQuery['sort'], KeysetSort<ScopeItemRow>> = {
  name: { keys: keyColumns('name', 'id'), keyOf: (row) => [row.name, row.id] },
  updatedAt: { keys: keyColumns('updated_at', 'id'), keyOf: (row) => [new Date(row.updated_at).toISOString(), row.id] },
};

/** One page; the total comes from the row counter, or a capped count when filtered. */
export async function listScopeItemRows(tx: Tx, orgId: string, query: ScopeItemListQuery): Promise<ListReply<ScopeItemRow>> {
  let base = itemQuery(tx, orgId);
  if (query.section) base = base.where('section', '=', query.section);
  if (query.q) base = base.where('name', 'ilike', containsPattern(query.q));
  const isFiltered = query.section !== undefined || query.q !== undefined;
  const total = isFiltered ? await cappedCount(tx, base) : await countedRows(tx, orgId, 'scope_items');
  return keysetPage(base, { sort: sorts[query.sort], sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
}

/** Every entry of the organisation, by part then name: the statement's content (a few hundred at most). */
export async function allScopeItemRows(tx: Tx, orgId: string): Promise<ScopeItemRow[]> {
  return itemQuery(tx, orgId).orderBy('section').orderBy('name').orderBy('id').execute();
}

export async function findScopeItemRow(tx: Tx, orgId: string, id: string): Promise<ScopeItemRow | undefined> {
  return itemQuery(tx, orgId).where('id', '=', id).executeTakeFirst();
}

export interface NewScopeItemRow {
  org_id: string;
  id: string;
  section: ScopeSection;
  name: string;
  description: string;
  requirements: string;
  justification: string;
  suggestion_key: string | null;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
}

/** Adds an entry; returns false when its suggestion was already added (the unique index decides, so a race adds it once). */
export async function insertScopeItemRow(tx: Tx, row: NewScopeItemRow): Promise<boolean> {
  const result = await tx
    .insertInto('scope_items')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'suggestion_key']).where('suggestion_key', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}

export interface ScopeItemPatch {
  name?: string;
  description?: string;
  requirements?: string;
  justification?: string;
  updated_at: Date;
  updated_by: string;
}

/** Saves changes if the entry is still at the version the editor read; returns false otherwise. */
export async function updateScopeItemRow(tx: Tx, key: { orgId: string; id: string; version: number }, patch: ScopeItemPatch): Promise<boolean> {
  const result = await tx
    .updateTable('scope_items')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteScopeItemRow(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('scope_items').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** How many entries each part holds. */
export async function countScopeItemsBySection(tx: Tx, orgId: string): Promise<Array<{ section: string; count: number }>> {
  const rows = await tx
    .selectFrom('scope_items')
    .select((eb) => ['section', eb.fn.countAll<string>().as('count')])
    .where('org_id', '=', orgId)
    .groupBy('section')
    .execute();
  return rows.map((row) => ({ section: row.section, count: Number(row.count) }));
}

function statementQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom('scope_statements')
    .selectAll()
    .select([personName('scope_statements.changed_by').as('changed_by_name'), personName('scope_statements.approved_by').as('approved_by_name')])
    .where('scope_statements.org_id', '=', orgId);
}

export type ScopeStatementRow = Awaited<ReturnType<ReturnType<typeof statementQuery>['executeTakeFirstOrThrow']>>;

export async function findScopeStatementRow(tx: Tx, orgId: string): Promise<ScopeStatementRow | undefined> {
  return statementQuery(tx, orgId).executeTakeFirst();
}

/**
 * Counts one change to the scope: the statement's revision goes up by one (the row is created by the
 * first change). The row's lock is held to the end of the transaction, so concurrent changes are
 * counted one after another and an approval cannot slip between a change and its count.
 */
export async function bumpScopeRevision(tx: Tx, orgId: string, change: { at: Date; by: string }): Promise<number> {
  const row = await tx
    .insertInto('scope_statements')
    .values({ org_id: orgId, revision: 1, changed_at: change.at, changed_by: change.by })
    .onConflict((oc) => oc.column('org_id').doUpdateSet((eb) => ({ revision: eb('scope_statements.revision', '+', 1), changed_at: change.at, changed_by: change.by })))
    .returning('revision')
    .executeTakeFirstOrThrow();
  return row.revision;
}

/** The statement's row, created empty if missing, locked to the end of the transaction. */
export async function lockScopeStatementRow(tx: Tx, orgId: string): Promise<ScopeStatementRow> {
  await tx.insertInto('scope_statements').values({ org_id: orgId }).onConflict((oc) => oc.column('org_id').doNothing()).execute();
  return statementQuery(tx, orgId).forUpdate('scope_statements').executeTakeFirstOrThrow();
}

/** Saves the summary on the locked row (a change: the revision goes up too). */
export async function saveScopeSummary(tx: Tx, orgId: string, change: { summary: string; at: Date; by: string }): Promise<void> {
  await tx
    .updateTable('scope_statements')
    .set((eb) => ({ summary: change.summary, revision: eb('revision', '+', 1), changed_at: change.at, changed_by: change.by, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .execute();
}

/** Records an approval of `revision` if it is still the current one; returns false otherwise. */
export async function approveScopeRow(tx: Tx, orgId: string, approval: { revision: number; at: Date; by: string; note: string }): Promise<boolean> {
  const result = await tx
    .updateTable('scope_statements')
    .set((eb) => ({ approved_revision: approval.revision, approved_at: approval.at, approved_by: approval.by, approval_note: approval.note, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('revision', '=', approval.revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
