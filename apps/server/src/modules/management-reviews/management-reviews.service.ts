import type { ListReply } from '@custodian/shared/contracts/list.ts';
import {
  reviewInputTitles,
  type CreateManagementReviewBody,
  type HoldReviewBody,
  type ManagementReview,
  type ManagementReviewDetail,
  type ManagementReviewListQuery,
  type ReviewInput,
  type ReviewInputKey,
  type ReviewPerson,
  type UpdateInputBody,
  type UpdateManagementReviewBody,
} from '@custodian/shared/contracts/management-reviews.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { formatAuDate, todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { findMemberName, listMembers } from '../org/org.service.ts';
import { assertMayApproveMinutes, assertMayDeleteReview, assertNotApproved } from './management-reviews.policy.ts';
import {
  deletePlannedReviewRow,
  findInputRow,
  findReviewRow,
  insertReviewRow,
  lastHeldDayBefore,
  listActionRows,
  listInputRows,
  listReviewRows,
  updateInputNotes,
  updateReviewRow,
  writeInputSnapshots,
  type ReviewRow,
} from './management-reviews.repo.ts';
import { readReviewInputs } from './review-inputs.ts';
import { toAction, toInput, orderedInputs, toReview } from './review-views.ts';

export { reviewsObligations, reviewsPackFiles, managementReviewProgress, buildReviewMinutes, renderReviewMinutes } from './review-exports.ts';
export { addReviewAction, updateReviewAction, deleteReviewAction } from './review-actions.ts';

const entity = (id: string) => ({ type: 'management_reviews', id });
const today = (ctx: OrgCtx) => todayIn(ctx.org.timeZone, ctx.now);

function snapshot(review: ManagementReview) {
  return {
    title: review.title,
    status: review.status,
    plannedOn: review.plannedOn,
    heldOn: review.heldOn,
    chair: review.chair?.name ?? null,
    attendees: review.attendees.map((p) => p.name),
    decisions: review.decisions,
  };
}

export async function listManagementReviews(ctx: OrgCtx, query: ManagementReviewListQuery): Promise<ListReply<ManagementReview>> {
  const page = await listReviewRows(ctx.tx, ctx.org.id, query);
  return { ...page, items: page.items.map(toReview) };
}

async function findRow(ctx: OrgCtx, id: string): Promise<ReviewRow> {
  const row = await findReviewRow(ctx.tx, ctx.org.id, id);
  if (!row) throw notFound('The management review');
  return row;
}

async function detailOf(ctx: OrgCtx, row: ReviewRow): Promise<ManagementReviewDetail> {
  const inputs = orderedInputs(await listInputRows(ctx.tx, ctx.org.id, row.id));
  const actions = (await listActionRows(ctx.tx, ctx.org.id, row.id)).map((action) => toAction(action, today(ctx)));
  return { ...toReview(row), inputs, actions };
}

export async function getManagementReview(ctx: OrgCtx, id: string): Promise<ManagementReviewDetail> {
  return detailOf(ctx, await findRow(ctx, id));
}

/** The chair: an owner of the organisation (top management). */
async function chairOf(ctx: OrgCtx, userId: string): Promise<ReviewPerson> {
  const owners = (await listMembers(ctx, { role: 'owner', sort: 'name', order: 'asc', limit: 200 })).items;
  const owner = owners.find((member) => member.userId === userId);
  if (!owner)
    throw new AppError('validation_failed', 'The chair must be an owner of the organisation (top management).', [
      { path: 'chairUserId', message: 'is not an owner of this organisation' },
    ]);
  return { userId: owner.userId, name: owner.name };
}

async function attendeesFor(ctx: OrgCtx, userIds: readonly string[]): Promise<ReviewPerson[]> {
  const people: ReviewPerson[] = [];
  for (const userId of new Set(userIds)) {
    const name = await findMemberName(ctx, userId);
    if (name === null)
      throw new AppError('validation_failed', 'Every attendee must be a member of the organisation.', [
        { path: 'attendeeUserIds', message: 'includes someone who is not a member of this organisation' },
      ]);
    people.push({ userId, name });
  }
  return people;
}

function conflict(current: ManagementReviewDetail): AppError {
  return new AppError(
    'edit_conflict',
    `Someone else saved the management review "${current.title}" after you opened it. Their version is shown: check it, then apply your change again.`,
    { current },
  );
}

/** Refuses a stale version with the review as it is now. */
async function assertVersion(ctx: OrgCtx, row: ReviewRow, version: number): Promise<void> {
  if (row.version !== version) throw conflict(await detailOf(ctx, row));
}

async function conflictNow(ctx: OrgCtx, id: string): Promise<AppError> {
  return conflict(await detailOf(ctx, await findRow(ctx, id)));
}

async function snapshotInputs(ctx: OrgCtx, row: { id: string; planned_on: string }, asOfDay: string): Promise<void> {
  const since = await lastHeldDayBefore(ctx.tx, ctx.org.id, row.id, asOfDay);
  await writeInputSnapshots(ctx.tx, ctx.org.id, row.id, ctx.now, ctx.actor.userId, await readReviewInputs(ctx, row.id, since, asOfDay));
}

/** Prepares a review: chair and attendees checked, every input read from the records. */
export async function prepareManagementReview(ctx: OrgCtx, input: CreateManagementReviewBody): Promise<ManagementReviewDetail> {
  const chair = await chairOf(ctx, input.chairUserId);
  const attendees = await attendeesFor(ctx, input.attendeeUserIds ?? []);
  const id = newId(ctx.now.getTime());
  await insertReviewRow(ctx.tx, {
    org_id: ctx.org.id,
    id,
    title: input.title,
    planned_on: input.plannedOn,
    chair_user_id: chair.userId,
    chair_name: chair.name,
    attendees: JSON.stringify(attendees),
    created_at: ctx.now,
    created_by: ctx.actor.userId,
    updated_at: ctx.now,
    updated_by: ctx.actor.userId,
  });
  await snapshotInputs(ctx, { id, planned_on: input.plannedOn }, input.plannedOn);
  const detail = await detailOf(ctx, await findRow(ctx, id));
  await ctx.audit('management_reviews.created', entity(id), null, snapshot(detail));
  return detail;
}

export async function updateManagementReview(ctx: OrgCtx, id: string, input: UpdateManagementReviewBody): Promise<ManagementReviewDetail> {
  const before = await findRow(ctx, id);
  await assertVersion(ctx, before, input.version);
  assertNotApproved(before);
  const chair = input.chairUserId === undefined ? undefined : await chairOf(ctx, input.chairUserId);
  const attendees = input.attendeeUserIds === undefined ? undefined : await attendeesFor(ctx, input.attendeeUserIds);
  const patch = {
    ...(input.title === undefined ? {} : { title: input.title }),
    ...(input.plannedOn === undefined ? {} : { planned_on: input.plannedOn }),
    ...(chair === undefined ? {} : { chair_user_id: chair.userId, chair_name: chair.name }),
    ...(attendees === undefined ? {} : { attendees: JSON.stringify(attendees) }),
    ...(input.decisions === undefined ? {} : { decisions: input.decisions }),
  };
  if (!(await updateReviewRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, { ...patch, updated_at: ctx.now, updated_by: ctx.actor.userId })))
    throw await conflictNow(ctx, id);
  const after = await detailOf(ctx, await findRow(ctx, id));
  await ctx.audit('management_reviews.updated', entity(id), snapshot(toReview(before)), snapshot(after));
  return after;
}

/** Reads the inputs again from the records (notes kept); only before the meeting is held. */
export async function refreshReviewInputs(ctx: OrgCtx, id: string, version: number): Promise<ManagementReviewDetail> {
  const before = await findRow(ctx, id);
  await assertVersion(ctx, before, version);
  if (before.status !== 'planned') throw new AppError('conflict', 'The meeting has been held: its inputs are frozen as they were read that day.');
  if (!(await updateReviewRow(ctx.tx, { orgId: ctx.org.id, id, version, status: 'planned' }, { updated_at: ctx.now, updated_by: ctx.actor.userId })))
    throw await conflictNow(ctx, id);
  await snapshotInputs(ctx, before, before.planned_on);
  await ctx.audit('management_reviews.refreshed', entity(id), null, { title: before.title });
  return detailOf(ctx, await findRow(ctx, id));
}

/** Records that the meeting was held: the inputs are read a last time, as of that day, and frozen. */
export async function holdManagementReview(ctx: OrgCtx, id: string, input: HoldReviewBody): Promise<ManagementReviewDetail> {
  const before = await findRow(ctx, id);
  await assertVersion(ctx, before, input.version);
  if (before.status !== 'planned')
    throw new AppError('conflict', `The meeting was already recorded as held on ${formatAuDate(before.held_on ?? before.planned_on)}.`);
  if (input.heldOn > today(ctx))
    throw new AppError('validation_failed', 'A meeting cannot be recorded as held on a day still to come. Enter the day it was held (today or earlier).', [
      { path: 'heldOn', message: 'is after today' },
    ]);
  const ok = await updateReviewRow(
    ctx.tx,
    { orgId: ctx.org.id, id, version: input.version, status: 'planned' },
    { status: 'held', held_on: input.heldOn, updated_at: ctx.now, updated_by: ctx.actor.userId },
  );
  if (!ok) throw await conflictNow(ctx, id);
  await snapshotInputs(ctx, before, input.heldOn);
  const after = await detailOf(ctx, await findRow(ctx, id));
  await ctx.audit('management_reviews.held', entity(id), snapshot(toReview(before)), snapshot(after));
  return after;
}

/** Approves the minutes (an owner): the review no longer changes, its actions are still followed up. */
export async function approveReviewMinutes(ctx: OrgCtx, id: string, version: number): Promise<ManagementReviewDetail> {
  const before = await findRow(ctx, id);
  await assertVersion(ctx, before, version);
  assertMayApproveMinutes(ctx.actor);
  if (before.status === 'planned') throw new AppError('conflict', 'Record the meeting as held before approving its minutes.');
  assertNotApproved(before);
  const approver = (await findMemberName(ctx, ctx.actor.userId)) ?? 'An owner';
  const ok = await updateReviewRow(
    ctx.tx,
    { orgId: ctx.org.id, id, version, status: 'held' },
    { status: 'approved', approved_at: ctx.now, approved_by_name: approver, updated_at: ctx.now, updated_by: ctx.actor.userId },
  );
  if (!ok) throw await conflictNow(ctx, id);
  const after = await detailOf(ctx, await findRow(ctx, id));
  await ctx.audit('management_reviews.approved', entity(id), snapshot(toReview(before)), snapshot(after));
  return after;
}

export async function deleteManagementReview(ctx: OrgCtx, id: string): Promise<void> {
  const before = await findRow(ctx, id);
  assertMayDeleteReview(ctx.actor, before);
  if (before.status !== 'planned') throw new AppError('conflict', 'A review that was held is a record of the ISMS and cannot be deleted.');
  if (!(await deletePlannedReviewRow(ctx.tx, ctx.org.id, id))) throw notFound('The management review');
  await ctx.audit('management_reviews.deleted', entity(id), snapshot(toReview(before)));
}

/** Changes the meeting's notes on one input (until the minutes are approved). */
export async function updateReviewInput(ctx: OrgCtx, id: string, key: ReviewInputKey, input: UpdateInputBody): Promise<ReviewInput> {
  const review = await findRow(ctx, id);
  assertNotApproved(review);
  const before = await findInputRow(ctx.tx, ctx.org.id, id, key);
  if (!before) throw notFound(`The input "${reviewInputTitles[key]}"`);
  const stale = (current: ReviewInput) =>
    new AppError(
      'edit_conflict',
      `Someone else saved the notes on "${current.title}" after you opened them. Their version is shown: check it, then apply your change again.`,
      { current },
    );
  if (before.version !== input.version) throw stale(toInput(before));
  const after = await updateInputNotes(ctx.tx, { orgId: ctx.org.id, reviewId: id, key, version: input.version }, input.notes, ctx.now, ctx.actor.userId);
  if (!after) throw stale(toInput((await findInputRow(ctx.tx, ctx.org.id, id, key)) ?? before));
  await ctx.audit(
    'management_reviews.input_noted',
    { type: 'management_reviews', id },
    { input: reviewInputTitles[key], notes: before.notes },
    { input: reviewInputTitles[key], notes: after.notes, title: review.title },
  );
  return toInput(after);
}
