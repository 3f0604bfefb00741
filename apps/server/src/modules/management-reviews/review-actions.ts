import type { CreateActionBody, ReviewAction, UpdateActionBody } from '@custodian/shared/contracts/management-reviews.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { findMemberName } from '../org/org.service.ts';
import { assertNotApproved } from './management-reviews.policy.ts';
import { deleteActionRow, findActionRow, findReviewRow, insertActionRow, updateActionRow, type ActionRow } from './management-reviews.repo.ts';
import { toAction } from './review-views.ts';

/*
 * Actions decided at a management review (9.3.3): what, who, by when, and whether it is done. Actions
 * are added while the minutes are open; their status is followed up afterwards, and those still open
 * are reported at the next review.
 */

const today = (ctx: OrgCtx) => todayIn(ctx.org.timeZone, ctx.now);
const entity = (id: string) => ({ type: 'management_review_actions', id });
const snapshot = (row: ActionRow) => ({
  title: row.title,
  review: row.review_title,
  owner: row.owner_name,
  dueOn: row.due_on,
  status: row.status,
  notes: row.notes,
});

async function reviewOf(ctx: OrgCtx, reviewId: string) {
  const review = await findReviewRow(ctx.tx, ctx.org.id, reviewId);
  if (!review) throw notFound('The management review');
  return review;
}

async function assertOwner(ctx: OrgCtx, userId: string | null | undefined): Promise<void> {
  if (userId === null || userId === undefined) return;
  if ((await findMemberName(ctx, userId)) === null)
    throw new AppError('validation_failed', 'The owner of an action must be a member of this organisation.', [
      { path: 'ownerUserId', message: 'is not a member of this organisation' },
    ]);
}

async function findAction(ctx: OrgCtx, reviewId: string, id: string): Promise<ActionRow> {
  const row = await findActionRow(ctx.tx, ctx.org.id, reviewId, id);
  if (!row) throw notFound('The action');
  return row;
}

export async function addReviewAction(ctx: OrgCtx, reviewId: string, input: CreateActionBody): Promise<ReviewAction> {
  const review = await reviewOf(ctx, reviewId);
  assertNotApproved(review);
  await assertOwner(ctx, input.ownerUserId);
  const id = newId(ctx.now.getTime());
  await insertActionRow(ctx.tx, {
    org_id: ctx.org.id,
    id,
    review_id: reviewId,
    title: input.title,
    owner_user_id: input.ownerUserId ?? null,
    due_on: input.dueOn ?? null,
    status: 'open',
    notes: input.notes ?? '',
    done_on: null,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  const row = await findAction(ctx, reviewId, id);
  await ctx.audit('management_reviews.action_added', entity(id), null, snapshot(row));
  return toAction(row, today(ctx));
}

/** Changes an action; its status may change after the minutes are approved (that is the follow-up). */
export async function updateReviewAction(ctx: OrgCtx, reviewId: string, id: string, input: UpdateActionBody): Promise<ReviewAction> {
  const review = await reviewOf(ctx, reviewId);
  const before = await findAction(ctx, reviewId, id);
  const stale = (current: ActionRow) =>
    new AppError(
      'edit_conflict',
      `Someone else saved the action "${current.title}" after you opened it. Their version is shown: check it, then apply your change again.`,
      { current: toAction(current, today(ctx)) },
    );
  if (before.version !== input.version) throw stale(before);
  const changesWording = input.title !== undefined || input.ownerUserId !== undefined || input.dueOn !== undefined;
  if (changesWording && review.status === 'approved') {
    throw new AppError(
      'conflict',
      'The minutes of this review are approved: the action’s wording, owner and due date stay as approved. Change its status or notes, or add the change as an action at the next review.',
    );
  }
  await assertOwner(ctx, input.ownerUserId);
  const status = input.status;
  const patch = {
    ...(input.title === undefined ? {} : { title: input.title }),
    ...(input.ownerUserId === undefined ? {} : { owner_user_id: input.ownerUserId }),
    ...(input.dueOn === undefined ? {} : { due_on: input.dueOn }),
    ...(input.notes === undefined ? {} : { notes: input.notes }),
    ...(status === undefined || status === before.status ? {} : { status, done_on: status === 'open' ? null : today(ctx) }),
  };
  if (!(await updateActionRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, { ...patch, updated_at: ctx.now })))
    throw stale(await findAction(ctx, reviewId, id));
  const after = await findAction(ctx, reviewId, id);
  await ctx.audit('management_reviews.action_updated', entity(id), snapshot(before), snapshot(after));
  return toAction(after, today(ctx));
}

export async function deleteReviewAction(ctx: OrgCtx, reviewId: string, id: string): Promise<void> {
  const review = await reviewOf(ctx, reviewId);
  assertNotApproved(review);
  const before = await findAction(ctx, reviewId, id);
  if (!(await deleteActionRow(ctx.tx, ctx.org.id, id))) throw notFound('The action');
  await ctx.audit('management_reviews.action_deleted', entity(id), snapshot(before));
}
