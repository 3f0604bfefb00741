import type { Review } from '@custodian/shared/contracts/quotes.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { OperatorCtx, OrgCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { providerNames } from './comparison.repo.ts';
import { findEngagement } from './engagement.repo.ts';
import { findReview, hasReviewedProvider, insertReview, listReviewsByStatus, moderateReview, orgRequestIds, type ReviewRow } from './review.repo.ts';

/** How a published review names its author: never the organisation, only that the engagement was real. */
export const reviewerLabel = 'Verified client (healthcare)';

function toReview(row: ReviewRow, providerName: string): Review {
  return {
    id: row.id,
    providerOrgId: row.org_id,
    providerName,
    rating: row.rating,
    body: row.body,
    reviewerLabel: row.reviewer_label,
    status: row.status as Review['status'],
    moderationNote: row.moderation_note,
    createdAt: new Date(row.created_at).toISOString(),
    version: row.version,
  };
}

/**
 * The requester who engaged a provider reviews it, once per provider: stored pending until the operator
 * moderates it. Anyone else (another organisation, the provider itself) finds no such engagement (404).
 */
export async function submitReview(ctx: OrgCtx, engagementId: string, input: { rating: number; body: string }): Promise<Review> {
  const engagement = await findEngagement(ctx.tx, engagementId);
  if (!engagement || engagement.requester_org_id !== ctx.org.id) throw new AppError('not_found', 'This engagement was not found. Only the organisation that engaged a provider can review it.');
  if (await hasReviewedProvider(ctx.tx, engagement.provider_org_id, await orgRequestIds(ctx.tx, ctx.org.id))) {
    throw new AppError('conflict', 'Your organisation has already reviewed this provider.');
  }
  const row = await insertReview(ctx.tx, {
    org_id: engagement.provider_org_id,
    id: newId(ctx.now.getTime()),
    engagement_id: engagement.id,
    request_id: engagement.request_id,
    rating: input.rating,
    body: input.body,
    reviewer_label: reviewerLabel,
    status: 'pending',
    created_at: ctx.now,
  });
  if (!row) throw new AppError('conflict', 'Your organisation has already reviewed this provider.');
  const providerName = (await providerNames(ctx.tx, [row.org_id])).get(row.org_id) ?? 'the provider';
  await ctx.audit('marketplace.review_submitted', { type: 'provider_review', id: row.id }, null, { providerName, rating: row.rating });
  return toReview(row, providerName);
}

/** The operator's moderation queue (or the published or rejected reviews). */
export async function listReviewsForModeration(ctx: OperatorCtx, status: 'pending' | 'published' | 'rejected'): Promise<{ items: Review[] }> {
  const rows = await listReviewsByStatus(ctx.tx, status);
  return { items: rows.map((row) => toReview(row, row.provider_name ?? 'A provider without a profile')) };
}

async function moderate(ctx: OperatorCtx, reviewId: string, version: number, outcome: { status: 'published' | 'rejected'; note: string | null }): Promise<Review> {
  const current = await findReview(ctx.tx, reviewId);
  if (!current) throw new AppError('not_found', 'This review was not found.');
  const name = (await providerNames(ctx.tx, [current.org_id])).get(current.org_id) ?? 'A provider without a profile';
  if (current.status !== 'pending') throw new AppError('conflict', `This review has already been ${current.status}.`, { current: toReview(current, name) });
  if (current.version !== version) throw new AppError('edit_conflict', 'Someone else changed this review after you opened it.', { current: toReview(current, name) });
  const row = await moderateReview(ctx.tx, reviewId, version, { status: outcome.status, moderation_note: outcome.note, moderated_at: ctx.now, moderated_by: ctx.user.id });
  if (!row) throw new AppError('conflict', 'This review has already been moderated.');
  await ctx.audit(outcome.status === 'published' ? 'marketplace.review_published' : 'marketplace.review_rejected', { type: 'provider_review', id: row.id }, { status: 'pending' }, { status: row.status });
  return toReview(row, name);
}

/** Publishes a pending review: it then counts in the provider's review average. */
export async function publishReview(ctx: OperatorCtx, reviewId: string, version: number): Promise<Review> {
  return moderate(ctx, reviewId, version, { status: 'published', note: null });
}

/** Rejects a pending review with a note saying why. */
export async function rejectReview(ctx: OperatorCtx, reviewId: string, version: number, note: string): Promise<Review> {
  return moderate(ctx, reviewId, version, { status: 'rejected', note });
}
