import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { createActionBody, createNcBody, createReviewBody, NcListQuery, NcSeverity, NcSource, Nonconformity, NonconformityDetail, UpdateActionBody, UpdateNcBody } from '@custodian/shared/contracts/nonconformities.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import type { OrgCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { todayIn } from '../../lib/dates.ts';
import { pageArray, tupleComparer } from '../../lib/list-array.ts';
import { findMemberName, lockOrganisation } from '../org/org.service.ts';
import { addDays } from './audit-days.ts';
import { ncRef, toAction, toNonconformity, toReview } from './audit-views.ts';
import { findNcRow, insertActionRow, insertNcRow, insertReviewRow, listActionRows, listNcRows, listReviewRows, nextNcNumber, updateActionRow, updateNcRow, type NcRow, type NcValues } from './nonconformities.repo.ts';

/** Days after the last corrective action is completed by which its effectiveness should be reviewed. */
export const effectivenessReviewDays = 30;

const entity = (id: string) => ({ type: 'nonconformity', id });
const today = (ctx: OrgCtx) => todayIn(ctx.org.timeZone, ctx.now);

function refused(path: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path, message }]);
}

function valuesOf(row: NcRow): NcValues {
  const { source, severity, audit_id, title, description, correction, root_cause, evidence_ref, raised_on, status, review_due_on, closed_on } = row;
  return { source, severity, audit_id, title, description, correction, root_cause, evidence_ref, raised_on, status, review_due_on, closed_on };
}

function snapshot(values: NcValues) {
  return { title: values.title, status: values.status, correction: values.correction, rootCause: values.root_cause, evidence: values.evidence_ref, reviewDueOn: values.review_due_on, closedOn: values.closed_on };
}

const sorts = {
  number: { keyOf: (n: Nonconformity) => [n.number], compareKeys: tupleComparer([null]) },
  raisedOn: { keyOf: (n: Nonconformity) => [n.raisedOn, n.number], compareKeys: tupleComparer([null, null]) },
  updatedAt: { keyOf: (n: Nonconformity) => [n.updatedAt, n.number], compareKeys: tupleComparer([null, null]) },
};

/** The register, filtered (status, overdue, words) and paged in memory: an organisation has tens to hundreds. */
export async function listNonconformities(ctx: OrgCtx, query: NcListQuery): Promise<ListReply<Nonconformity>> {
  const day = today(ctx);
  const words = query.q?.toLowerCase();
  const all = (await listNcRows(ctx.tx, ctx.org.id)).map((row) => toNonconformity(row, day));
  const matching = all.filter(
    (n) => (!query.status || n.status === query.status) && (query.isOverdue === undefined || n.isOverdue === query.isOverdue) && (!words || `${n.ref} ${n.title} ${n.description}`.toLowerCase().includes(words)),
  );
  const sort = sorts[query.sort];
  return pageArray(matching, { ...sort, sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor });
}

async function mustFind(ctx: OrgCtx, id: string, lock = false): Promise<NcRow> {
  const row = await findNcRow(ctx.tx, ctx.org.id, id, lock);
  if (!row) throw notFound('The nonconformity');
  return row;
}

async function detailOf(ctx: OrgCtx, row: NcRow): Promise<NonconformityDetail> {
  const day = today(ctx);
  const actions = await listActionRows(ctx.tx, ctx.org.id, row.id);
  const reviews = await listReviewRows(ctx.tx, ctx.org.id, row.id);
  return { ...toNonconformity(row, day), actions: actions.map((a) => toAction(a, day)), reviews: reviews.map(toReview) };
}

export async function getNonconformity(ctx: OrgCtx, id: string): Promise<NonconformityDetail> {
  return detailOf(ctx, await mustFind(ctx, id));
}

/**
 * Records a nonconformity with the next NC number. The number is read and written under the
 * organisation's lock, so two nonconformities raised at once get different numbers.
 */
export async function raiseNonconformity(
  ctx: OrgCtx,
  input: { source: NcSource; severity: NcSeverity; auditId: string | null; title: string; description: string; evidenceRef?: string; raisedOn?: string | undefined },
): Promise<string> {
  await lockOrganisation(ctx);
  const id = newId(ctx.now.getTime());
  const number = await nextNcNumber(ctx.tx, ctx.org.id);
  const values: NcValues = {
    source: input.source,
    severity: input.severity,
    audit_id: input.auditId,
    title: input.title,
    description: input.description,
    correction: '',
    root_cause: '',
    evidence_ref: input.evidenceRef ?? '',
    raised_on: input.raisedOn ?? today(ctx),
    status: 'open',
    review_due_on: null,
    closed_on: null,
  };
  await insertNcRow(ctx.tx, { orgId: ctx.org.id, id, number }, values, { at: ctx.now, by: ctx.actor.userId });
  await ctx.audit('nonconformities.raised', entity(id), null, { ref: ncRef(number), source: input.source, severity: input.severity, title: input.title });
  return id;
}

export async function createNonconformity(ctx: OrgCtx, input: z.output<typeof createNcBody>): Promise<NonconformityDetail> {
  if (input.raisedOn && input.raisedOn > today(ctx)) throw refused('raisedOn', 'A nonconformity cannot be raised on a day that has not come yet.');
  const id = await raiseNonconformity(ctx, { source: input.source, severity: input.severity, auditId: null, title: input.title, description: input.description, raisedOn: input.raisedOn });
  return getNonconformity(ctx, id);
}

function editConflict(current: NonconformityDetail): AppError {
  return new AppError('edit_conflict', `Someone else saved ${current.ref} after you opened it. Their version is shown: check it, then apply your change again.`, { current });
}

async function saveNc(ctx: OrgCtx, before: NcRow, version: number, values: NcValues): Promise<void> {
  if (!(await updateNcRow(ctx.tx, { orgId: ctx.org.id, id: before.id, version }, values, { at: ctx.now, by: ctx.actor.userId }))) {
    throw editConflict(await getNonconformity(ctx, before.id));
  }
}

/** Changes the words (description, correction, root cause, evidence) if nobody saved since `version`. */
export async function updateNonconformity(ctx: OrgCtx, id: string, input: UpdateNcBody): Promise<NonconformityDetail> {
  const before = await mustFind(ctx, id, true);
  if (before.version !== input.version) throw editConflict(await detailOf(ctx, before));
  if (before.status === 'closed') throw new AppError('conflict', `${ncRef(before.number)} is closed, so it stays as it was closed. Raise a new nonconformity if the problem came back.`);
  const current = valuesOf(before);
  const values: NcValues = {
    ...current,
    title: input.title ?? current.title,
    description: input.description ?? current.description,
    correction: input.correction ?? current.correction,
    root_cause: input.rootCause ?? current.root_cause,
    evidence_ref: input.evidenceRef ?? current.evidence_ref,
  };
  await saveNc(ctx, before, input.version, values);
  await ctx.audit('nonconformities.updated', entity(id), snapshot(current), snapshot(values));
  return getNonconformity(ctx, id);
}

/**
 * Moves the status after an action changed: an open action means "action planned"; when the last
 * open action is completed the nonconformity awaits its effectiveness review (due 30 days later).
 */
async function settleStatus(ctx: OrgCtx, id: string): Promise<void> {
  const row = await mustFind(ctx, id);
  const actions = await listActionRows(ctx.tx, ctx.org.id, id);
  const hasOpen = actions.some((a) => a.completed_on === null);
  const current = valuesOf(row);
  let next = current;
  if (hasOpen && current.status !== 'action_planned') next = { ...current, status: 'action_planned', review_due_on: null };
  if (!hasOpen && current.status === 'action_planned') next = { ...current, status: 'awaiting_review', review_due_on: addDays(today(ctx), effectivenessReviewDays) };
  if (next === current) return;
  await saveNc(ctx, row, row.version, next);
}

async function assertOwner(ctx: OrgCtx, userId: string | null): Promise<void> {
  if (userId !== null && (await findMemberName(ctx, userId)) === null) throw refused('ownerUserId', 'The owner must be a member of this organisation.');
}

export async function addCorrectiveAction(ctx: OrgCtx, id: string, input: z.output<typeof createActionBody>): Promise<NonconformityDetail> {
  const nc = await mustFind(ctx, id, true);
  if (nc.status === 'closed') throw new AppError('conflict', `${ncRef(nc.number)} is closed; raise a new nonconformity if more needs doing.`);
  await assertOwner(ctx, input.ownerUserId);
  const actionId = newId(ctx.now.getTime());
  const meta = { created_at: ctx.now, created_by: ctx.actor.userId, updated_at: ctx.now, updated_by: ctx.actor.userId };
  await insertActionRow(ctx.tx, { org_id: ctx.org.id, id: actionId, nonconformity_id: id, description: input.description, owner_user_id: input.ownerUserId, due_on: input.dueOn, ...meta });
  await ctx.audit('nonconformities.action_added', entity(id), null, { ref: ncRef(nc.number), description: input.description, dueOn: input.dueOn });
  await settleStatus(ctx, id);
  return getNonconformity(ctx, id);
}

/** Changes or completes a corrective action (version per action); completing the last one asks for the effectiveness review. */
export async function updateCorrectiveAction(ctx: OrgCtx, id: string, actionId: string, input: UpdateActionBody): Promise<NonconformityDetail> {
  const nc = await mustFind(ctx, id, true);
  const action = (await listActionRows(ctx.tx, ctx.org.id, id)).find((a) => a.id === actionId);
  if (!action) throw notFound('The corrective action');
  const conflict = async () => new AppError('edit_conflict', `Someone else saved this corrective action of ${ncRef(nc.number)} after you opened it. Their version is shown: check it, then apply your change again.`, { current: await getNonconformity(ctx, id) });
  if (action.version !== input.version) throw await conflict();
  if (nc.status === 'closed') throw new AppError('conflict', `${ncRef(nc.number)} is closed, so its actions stay as they were.`);
  if (input.ownerUserId !== undefined) await assertOwner(ctx, input.ownerUserId);
  const values = {
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.ownerUserId === undefined ? {} : { owner_user_id: input.ownerUserId }),
    ...(input.dueOn === undefined ? {} : { due_on: input.dueOn }),
    ...(input.isCompleted === undefined ? {} : { completed_on: input.isCompleted ? (action.completed_on ?? today(ctx)) : null }),
  };
  if (!(await updateActionRow(ctx.tx, { orgId: ctx.org.id, id: actionId, version: input.version }, values, { at: ctx.now, by: ctx.actor.userId }))) throw await conflict();
  const before = { description: action.description, dueOn: action.due_on, completedOn: action.completed_on };
  await ctx.audit('nonconformities.action_updated', entity(id), { ref: ncRef(nc.number), ...before }, { ref: ncRef(nc.number), ...before, ...('completed_on' in values ? { completedOn: values.completed_on } : {}), ...(values.due_on ? { dueOn: values.due_on } : {}), ...(values.description ? { description: values.description } : {}) });
  await settleStatus(ctx, id);
  return getNonconformity(ctx, id);
}

/**
 * The effectiveness review: once every corrective action is done, someone checks the problem has not
 * come back. Effective closes the nonconformity; not effective reopens it for further action.
 */
export async function addEffectivenessReview(ctx: OrgCtx, id: string, input: z.output<typeof createReviewBody>): Promise<NonconformityDetail> {
  const before = await mustFind(ctx, id, true);
  if (before.version !== input.version) throw editConflict(await detailOf(ctx, before));
  if (before.status !== 'awaiting_review') {
    throw new AppError('conflict', `${ncRef(before.number)} is not awaiting an effectiveness review: ${before.status === 'closed' ? 'it is already closed' : 'complete its corrective actions first'}.`);
  }
  if (before.root_cause.trim() === '') throw refused('rootCause', `Record the root cause of ${ncRef(before.number)} before reviewing whether the actions worked.`);
  const reviewedOn = input.reviewedOn ?? today(ctx);
  if (reviewedOn > today(ctx)) throw refused('reviewedOn', 'The review cannot be dated on a day that has not come yet.');
  const current = valuesOf(before);
  const values: NcValues = input.isEffective ? { ...current, status: 'closed', closed_on: reviewedOn, review_due_on: null } : { ...current, status: 'open', review_due_on: null };
  await saveNc(ctx, before, input.version, values);
  await insertReviewRow(ctx.tx, { org_id: ctx.org.id, id: newId(ctx.now.getTime()), nonconformity_id: id, reviewer_user_id: ctx.actor.userId, reviewed_on: reviewedOn, is_effective: input.isEffective, notes: input.notes, created_at: ctx.now });
  await ctx.audit('nonconformities.reviewed', entity(id), snapshot(current), { ...snapshot(values), isEffective: input.isEffective, notes: input.notes });
  return getNonconformity(ctx, id);
}
