import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { ManagementReviewListQuery, ReviewInputKey } from '@custodian/shared/contracts/management-reviews.ts';
import { cappedCount, countedRows, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';

function reviewQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom('management_reviews')
    .selectAll('management_reviews')
    .select((eb) =>
      eb
        .selectFrom('management_review_actions as a')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('a.org_id', '=', 'management_reviews.org_id')
        .whereRef('a.review_id', '=', 'management_reviews.id')
        .where('a.status', '=', 'open')
        .as('open_actions'),
    )
    .where('management_reviews.org_id', '=', orgId);
}

export type ReviewRow = Awaited<ReturnType<ReturnType<typeof reviewQuery>['executeTakeFirstOrThrow']>>;

const sorts: Record<ManagementReviewListQuery['sort'], KeysetSort<ReviewRow>> = {
  plannedOn: { keys: keyColumns('planned_on', 'id'), keyOf: (row) => [row.planned_on, row.id] },
  updatedAt: { keys: keyColumns('updated_at', 'id'), keyOf: (row) => [new Date(row.updated_at).toISOString(), row.id] },
};

/** One page; the total comes from the row counter, or a capped count when filtered. */
export async function listReviewRows(tx: Tx, orgId: string, query: ManagementReviewListQuery): Promise<ListReply<ReviewRow>> {
  let base = reviewQuery(tx, orgId);
  if (query.status) base = base.where('management_reviews.status', '=', query.status);
  const total = query.status ? await cappedCount(tx, base) : await countedRows(tx, orgId, 'management_reviews');
  return keysetPage(base, {
    sort: sorts[query.sort],
    sortTag: `${query.sort}:${query.order}`,
    order: query.order,
    limit: query.limit,
    cursor: query.cursor,
    total,
  });
}

export async function findReviewRow(tx: Tx, orgId: string, id: string): Promise<ReviewRow | undefined> {
  return reviewQuery(tx, orgId).where('management_reviews.id', '=', id).executeTakeFirst();
}

/** Every review, newest plan first (obligations, progress, the auditor pack: a practice holds a few a year). */
export async function listAllReviewRows(tx: Tx, orgId: string): Promise<ReviewRow[]> {
  return reviewQuery(tx, orgId).orderBy('management_reviews.planned_on', 'desc').orderBy('management_reviews.id').execute();
}

/** The day of the last review held before this one (its inputs report what changed since). */
export async function lastHeldDayBefore(tx: Tx, orgId: string, reviewId: string, plannedOn: string): Promise<string | null> {
  const row = await tx
    .selectFrom('management_reviews')
    .select('held_on')
    .where('org_id', '=', orgId)
    .where('id', '!=', reviewId)
    .where('held_on', 'is not', null)
    .where('held_on', '<=', plannedOn)
    .orderBy('held_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.held_on ?? null;
}

export interface ReviewValues {
  title: string;
  planned_on: string;
  chair_user_id: string | null;
  chair_name: string | null;
  attendees: string;
}

export async function insertReviewRow(
  tx: Tx,
  row: ReviewValues & { org_id: string; id: string; created_at: Date; created_by: string; updated_at: Date; updated_by: string },
) {
  await tx.insertInto('management_reviews').values(row).execute();
}

/** Saves changes if the review is still at the version the editor read (and, when given, in the status expected). */
export async function updateReviewRow(
  tx: Tx,
  key: { orgId: string; id: string; version: number; status?: string },
  patch: Partial<ReviewValues> & {
    decisions?: string;
    status?: string;
    held_on?: string;
    approved_at?: Date;
    approved_by_name?: string;
    updated_at: Date;
    updated_by: string;
  },
): Promise<boolean> {
  let query = tx
    .updateTable('management_reviews')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version);
  if (key.status) query = query.where('status', '=', key.status);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes a review that has not been held (its inputs and actions go with it). */
export async function deletePlannedReviewRow(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('management_reviews').where('org_id', '=', orgId).where('id', '=', id).where('status', '=', 'planned').executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ─── Inputs ──────────────────────────────────────────────────────────────────────────────────────────

function inputQuery(tx: Tx, orgId: string, reviewId: string) {
  return tx.selectFrom('management_review_inputs').selectAll().where('org_id', '=', orgId).where('review_id', '=', reviewId);
}
export type InputRow = Awaited<ReturnType<ReturnType<typeof inputQuery>['executeTakeFirstOrThrow']>>;

export async function listInputRows(tx: Tx, orgId: string, reviewId: string): Promise<InputRow[]> {
  return inputQuery(tx, orgId, reviewId).execute();
}

export async function findInputRow(tx: Tx, orgId: string, reviewId: string, key: ReviewInputKey): Promise<InputRow | undefined> {
  return inputQuery(tx, orgId, reviewId).where('key', '=', key).executeTakeFirst();
}

/** Writes what the records say now; the meeting's notes on an input are kept. */
export async function writeInputSnapshots(
  tx: Tx,
  orgId: string,
  reviewId: string,
  at: Date,
  userId: string,
  inputs: ReadonlyArray<{ key: ReviewInputKey; summary: string; lines: string[] }>,
) {
  for (const input of inputs) {
    await tx
      .insertInto('management_review_inputs')
      .values({
        org_id: orgId,
        review_id: reviewId,
        key: input.key,
        summary: input.summary,
        lines: JSON.stringify(input.lines),
        read_at: at,
        updated_at: at,
        updated_by: userId,
      })
      .onConflict((oc) => oc.columns(['org_id', 'review_id', 'key']).doUpdateSet({ summary: input.summary, lines: JSON.stringify(input.lines), read_at: at }))
      .execute();
  }
}

export async function updateInputNotes(
  tx: Tx,
  key: { orgId: string; reviewId: string; key: ReviewInputKey; version: number },
  notes: string,
  at: Date,
  userId: string,
): Promise<InputRow | undefined> {
  return tx
    .updateTable('management_review_inputs')
    .set((eb) => ({ notes, updated_at: at, updated_by: userId, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('review_id', '=', key.reviewId)
    .where('key', '=', key.key)
    .where('version', '=', key.version)
    .returningAll()
    .executeTakeFirst();
}

// ─── Actions ─────────────────────────────────────────────────────────────────────────────────────────

function actionQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom('management_review_actions as a')
    .innerJoin('management_reviews as r', (join) => join.onRef('r.org_id', '=', 'a.org_id').onRef('r.id', '=', 'a.review_id'))
    .leftJoin('users as u', 'u.id', 'a.owner_user_id')
    .leftJoin('former_members as f', (join) => join.onRef('f.org_id', '=', 'a.org_id').onRef('f.user_id', '=', 'a.owner_user_id'))
    .selectAll('a')
    .select((eb) => [
      eb.fn.coalesce('f.name', 'u.name').as('owner_name'),
      'r.title as review_title',
      'r.held_on as review_held_on',
      'r.status as review_status',
    ])
    .where('a.org_id', '=', orgId);
}
export type ActionRow = Awaited<ReturnType<ReturnType<typeof actionQuery>['executeTakeFirstOrThrow']>>;

export async function listActionRows(tx: Tx, orgId: string, reviewId: string): Promise<ActionRow[]> {
  return actionQuery(tx, orgId).where('a.review_id', '=', reviewId).orderBy('a.created_at').orderBy('a.id').execute();
}

/** Every action of the organisation's reviews (obligations; a few dozen a year). */
export async function listAllActionRows(tx: Tx, orgId: string): Promise<ActionRow[]> {
  return actionQuery(tx, orgId).orderBy('a.created_at').orderBy('a.id').execute();
}

/** Actions of the reviews held before this one: still open, or closed since the day given. */
export async function listCarriedActionRows(tx: Tx, orgId: string, reviewId: string, sinceDay: string | null): Promise<ActionRow[]> {
  let query = actionQuery(tx, orgId).where('a.review_id', '!=', reviewId).where('r.held_on', 'is not', null);
  query = sinceDay === null ? query.where('a.status', '=', 'open') : query.where((eb) => eb.or([eb('a.status', '=', 'open'), eb('a.done_on', '>=', sinceDay)]));
  return query.orderBy('r.held_on').orderBy('a.created_at').orderBy('a.id').limit(500).execute();
}

export async function findActionRow(tx: Tx, orgId: string, reviewId: string, id: string): Promise<ActionRow | undefined> {
  return actionQuery(tx, orgId).where('a.review_id', '=', reviewId).where('a.id', '=', id).executeTakeFirst();
}

export interface ActionValues {
  title: string;
  owner_user_id: string | null;
  due_on: string | null;
  status: string;
  notes: string;
  done_on: string | null;
}

export async function insertActionRow(tx: Tx, row: ActionValues & { org_id: string; id: string; review_id: string; created_at: Date; updated_at: Date }) {
  await tx.insertInto('management_review_actions').values(row).execute();
}

export async function updateActionRow(
  tx: Tx,
  key: { orgId: string; id: string; version: number },
  patch: Partial<ActionValues> & { updated_at: Date },
): Promise<boolean> {
  const result = await tx
    .updateTable('management_review_actions')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteActionRow(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('management_review_actions').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
