import type { Selectable } from 'kysely';
import type { ProviderReviewsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/with-org.ts';

/** Reviews of providers (row-level security: the reviewing requester, the provider, the operator, anyone once published). */

export type ReviewRow = Pick<
  Selectable<ProviderReviewsTable>,
  'org_id' | 'id' | 'engagement_id' | 'request_id' | 'rating' | 'body' | 'reviewer_label' | 'status' | 'moderation_note' | 'version' | 'created_at'
>;

const columns = ['org_id', 'id', 'engagement_id', 'request_id', 'rating', 'body', 'reviewer_label', 'status', 'moderation_note', 'version', 'created_at'] as const;

/** True when the requester in scope has already reviewed this provider (on any of its requests). */
export async function hasReviewedProvider(trx: Tx, providerOrgId: string, requestIds: string[]): Promise<boolean> {
  if (requestIds.length === 0) return false;
  const row = await trx.selectFrom('provider_reviews').select('id').where('org_id', '=', providerOrgId).where('request_id', 'in', requestIds).executeTakeFirst();
  return row !== undefined;
}

/** The requesting organisation's requests (row-level security). */
export async function orgRequestIds(trx: Tx, orgId: string): Promise<string[]> {
  const rows = await trx.selectFrom('marketplace_requests').select('id').where('org_id', '=', orgId).execute();
  return rows.map((row) => row.id);
}

/** Inserts a pending review; undefined when the engagement already has one. */
export async function insertReview(trx: Tx, row: Omit<ReviewRow, 'version' | 'moderation_note'>): Promise<ReviewRow | undefined> {
  return trx.insertInto('provider_reviews').values(row).onConflict((oc) => oc.column('engagement_id').doNothing()).returning(columns).executeTakeFirst();
}

export async function listReviewsByStatus(trx: Tx, status: string): Promise<Array<ReviewRow & { provider_name: string | null }>> {
  return trx
    .selectFrom('provider_reviews as r')
    .leftJoin('provider_profiles as p', 'p.org_id', 'r.org_id')
    .select(columns.map((column) => `r.${column}` as const))
    .select('p.display_name as provider_name')
    .where('r.status', '=', status)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(500)
    .execute();
}

export async function findReview(trx: Tx, reviewId: string): Promise<ReviewRow | undefined> {
  return trx.selectFrom('provider_reviews').select(columns).where('id', '=', reviewId).executeTakeFirst();
}

/** Moderates a pending review at the version the operator read; undefined when it moved on. */
export async function moderateReview(trx: Tx, reviewId: string, version: number, patch: { status: 'published' | 'rejected'; moderation_note: string | null; moderated_at: Date; moderated_by: string }): Promise<ReviewRow | undefined> {
  return trx
    .updateTable('provider_reviews')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', reviewId)
    .where('version', '=', version)
    .where('status', '=', 'pending')
    .returning(columns)
    .executeTakeFirst();
}
