import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { TrainingListQuery, TrainingTargetKind } from '@custodian/shared/contracts/training.ts';
import { sql } from 'kysely';
import { cappedCount, containsPattern, countedRows, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';

function itemQuery(tx: Tx, orgId: string) {
  return tx.selectFrom('training_items').selectAll().where('org_id', '=', orgId);
}

export type TrainingItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['executeTakeFirstOrThrow']>>;

const sorts: Record<TrainingListQuery['sort'], KeysetSort<TrainingItemRow>> = {
  title: { keys: keyColumns('title', 'id'), keyOf: (row) => [row.title, row.id] },
  updatedAt: { keys: keyColumns('updated_at', 'id'), keyOf: (row) => [new Date(row.updated_at).toISOString(), row.id] },
};

/** One page; the total comes from the row counter, or a capped count when filtered. */
export async function listItemRows(tx: Tx, orgId: string, query: TrainingListQuery): Promise<ListReply<TrainingItemRow>> {
  let base = itemQuery(tx, orgId);
  if (query.q) base = base.where('title', 'ilike', containsPattern(query.q));
  const total = query.q ? await cappedCount(tx, base) : await countedRows(tx, orgId, 'training_items');
  return keysetPage(base, { sort: sorts[query.sort], sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
}

/** Every item of the organisation (coverage, reminders, the records PDF). */
export async function listAllItemRows(tx: Tx, orgId: string): Promise<TrainingItemRow[]> {
  return itemQuery(tx, orgId).orderBy('title').orderBy('id').execute();
}

/** One item; `lock` 'update' before changing or deleting it, 'share' before recording a completion (a deletion waits); an assignment takes 'update', since it touches the row. */
export async function findItemRow(tx: Tx, orgId: string, id: string, lock?: 'update' | 'share'): Promise<TrainingItemRow | undefined> {
  let query = itemQuery(tx, orgId).where('id', '=', id);
  if (lock === 'update') query = query.forUpdate();
  if (lock === 'share') query = query.forShare();
  return query.executeTakeFirst();
}

export interface ItemFields {
  title: string;
  content: string;
  url: string | null;
  frequency: string;
  due_days: number;
}

export async function insertItemRow(tx: Tx, row: ItemFields & { org_id: string; id: string; kind: string; created_at: Date; created_by: string; updated_at: Date; updated_by: string }): Promise<TrainingItemRow> {
  return tx.insertInto('training_items').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Saves changes if the item is still at the version the editor read; nothing otherwise. */
export async function updateItemRow(tx: Tx, key: { orgId: string; id: string; version: number }, patch: Partial<ItemFields> & { updated_at: Date; updated_by: string }): Promise<TrainingItemRow | undefined> {
  return tx
    .updateTable('training_items')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .returningAll()
    .executeTakeFirst();
}

/** Marks an item changed (an assignment added or removed), so editors holding the old version see it. */
export async function touchItemRow(tx: Tx, orgId: string, id: string, by: { updated_at: Date; updated_by: string }): Promise<void> {
  await tx
    .updateTable('training_items')
    .set((eb) => ({ ...by, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function deleteItemRow(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('training_items').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countItemCompletions(tx: Tx, orgId: string, itemId: string): Promise<number> {
  const row = await tx.selectFrom('training_completions').select((eb) => eb.fn.countAll<string>().as('n')).where('org_id', '=', orgId).where('item_id', '=', itemId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface AssignmentRow {
  item_id: string;
  target_kind: TrainingTargetKind;
  target_key: string;
  assigned_on: string;
  label: string | null;
}

/** Assignments with the member's or team's name (roles are named by the caller); of one item, or all. */
export async function listAssignmentRows(tx: Tx, orgId: string, itemId?: string): Promise<AssignmentRow[]> {
  let query = tx
    .selectFrom('training_assignments as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .leftJoin('training_teams as t', (join) => join.onRef('t.org_id', '=', 'a.org_id').onRef('t.id', '=', 'a.team_id'))
    .select((eb) => ['a.item_id', 'a.target_kind', 'a.target_key', sql<string>`to_char(a.assigned_on, 'YYYY-MM-DD')`.as('assigned_on'), eb.fn.coalesce('u.name', 't.name').as('label')])
    .where('a.org_id', '=', orgId);
  if (itemId) query = query.where('a.item_id', '=', itemId);
  return (await query.orderBy('a.target_kind').orderBy('a.target_key').execute()) as AssignmentRow[];
}

/** Adds an assignment; false when it was there already. */
export async function insertAssignmentRow(
  tx: Tx,
  row: { org_id: string; item_id: string; target_kind: TrainingTargetKind; target_key: string; user_id: string | null; team_id: string | null; assigned_on: string; created_at: Date; created_by: string },
): Promise<boolean> {
  const inserted = await tx
    .insertInto('training_assignments')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'item_id', 'target_kind', 'target_key']).doNothing())
    .returning(sql<number>`1`.as('one'))
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function deleteAssignmentRow(tx: Tx, key: { orgId: string; itemId: string; targetKind: TrainingTargetKind; targetKey: string }): Promise<boolean> {
  const result = await tx
    .deleteFrom('training_assignments')
    .where('org_id', '=', key.orgId)
    .where('item_id', '=', key.itemId)
    .where('target_kind', '=', key.targetKind)
    .where('target_key', '=', key.targetKey)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
