import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { AssignTrainingBody, TrainingItem, TrainingListQuery, TrainingTargetKind, createTrainingBody, updateTrainingBody } from '@custodian/shared/contracts/training.ts';
import type { DatedObligation } from '@custodian/shared/domain/obligations.ts';
import type { TrainingFrequency } from '@custodian/shared/domain/training-status.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import { roleLabels, roles, type Role } from '@custodian/shared/permissions.ts';
import type { z } from 'zod';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import type { PackFile } from '../../reports/pack-file.ts';
import { trainingRecordsPdf } from './training-pack.ts';
import { findMemberRow, findTeamRow } from './training-people.repo.ts';
import { trainingPicture } from './training-standings.ts';
import {
  countItemCompletions,
  deleteAssignmentRow,
  deleteItemRow,
  findItemRow,
  insertAssignmentRow,
  insertItemRow,
  listAssignmentRows,
  listItemRows,
  touchItemRow,
  updateItemRow,
  type AssignmentRow,
  type ItemFields,
  type TrainingItemRow,
} from './training.repo.ts';

const entity = (id: string) => ({ type: 'training', id });

function labelOf(a: AssignmentRow): string {
  if (a.target_kind === 'role') return `Everyone with the role ${roleLabels[a.target_key as Role] ?? a.target_key}`;
  return a.label ?? (a.target_kind === 'team' ? 'A removed team' : 'A former member');
}

function toItem(row: TrainingItemRow, assignments: readonly AssignmentRow[]): TrainingItem {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind as TrainingItem['kind'],
    content: row.content,
    url: row.url,
    frequency: row.frequency as TrainingFrequency,
    dueDays: row.due_days,
    assignments: assignments.map((a) => ({ targetKind: a.target_kind, targetId: a.target_key, label: labelOf(a), assignedOn: a.assigned_on })),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

function snapshot(row: TrainingItemRow) {
  return { title: row.title, kind: row.kind, frequency: row.frequency, dueDays: row.due_days, ...(row.kind === 'link' ? { url: row.url } : {}) };
}

async function requireItem(ctx: OrgCtx, id: string, lock?: 'update' | 'share'): Promise<TrainingItemRow> {
  const row = await findItemRow(ctx.tx, ctx.org.id, id, lock);
  if (!row) throw notFound('That training item');
  return row;
}

async function itemOf(ctx: OrgCtx, row: TrainingItemRow): Promise<TrainingItem> {
  return toItem(row, await listAssignmentRows(ctx.tx, ctx.org.id, row.id));
}

/** One page of the organisation's training items, each with who it is assigned to. */
export async function listTraining(ctx: OrgCtx, query: TrainingListQuery): Promise<ListReply<TrainingItem>> {
  const page = await listItemRows(ctx.tx, ctx.org.id, query);
  const assignments = await listAssignmentRows(ctx.tx, ctx.org.id);
  return { ...page, items: page.items.map((row) => toItem(row, assignments.filter((a) => a.item_id === row.id))) };
}

export async function getTraining(ctx: OrgCtx, id: string): Promise<TrainingItem> {
  return itemOf(ctx, await requireItem(ctx, id));
}

/** Adds an item: written content (plain text) or an https link, with its frequency and due period. */
export async function createTraining(ctx: OrgCtx, input: z.output<typeof createTrainingBody>): Promise<TrainingItem> {
  const row = await insertItemRow(ctx.tx, {
    org_id: ctx.org.id,
    id: newId(ctx.now.getTime()),
    kind: input.kind,
    title: input.title,
    content: input.content,
    url: input.kind === 'link' ? input.url : null,
    frequency: input.frequency,
    due_days: input.dueDays,
    created_at: ctx.now,
    created_by: ctx.actor.userId,
    updated_at: ctx.now,
    updated_by: ctx.actor.userId,
  });
  await ctx.audit('training.created', entity(row.id), null, snapshot(row));
  return itemOf(ctx, row);
}

/** Changes the fields sent, if nobody saved the item since `version` was read (otherwise 409 with it as it is now). */
export async function updateTraining(ctx: OrgCtx, id: string, input: z.output<typeof updateTrainingBody>): Promise<TrainingItem> {
  const before = await requireItem(ctx, id, 'update');
  const conflict = async (current: TrainingItemRow) =>
    new AppError('edit_conflict', `Someone else saved "${current.title}" after you opened it. Their version is shown: check it, then apply your change again.`, { current: await itemOf(ctx, current) });
  if (before.version !== input.version) throw await conflict(before);
  if (input.url !== undefined && before.kind !== 'link') throw new AppError('validation_failed', 'This training is written content, so it has no web address to change.', [{ path: 'url', message: 'only a link has one' }]);
  if (input.content !== undefined && before.kind === 'content' && input.content.trim() === '') throw new AppError('validation_failed', 'Write the training content.', [{ path: 'content', message: 'is empty' }]);
  const patch: Partial<ItemFields> = {
    ...(input.title === undefined ? {} : { title: input.title }),
    ...(input.content === undefined ? {} : { content: input.content }),
    ...(input.url === undefined ? {} : { url: input.url }),
    ...(input.frequency === undefined ? {} : { frequency: input.frequency }),
    ...(input.dueDays === undefined ? {} : { due_days: input.dueDays }),
  };
  if (Object.keys(patch).length === 0) return itemOf(ctx, before);
  const after = await updateItemRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, { ...patch, updated_at: ctx.now, updated_by: ctx.actor.userId });
  if (!after) throw await conflict(await requireItem(ctx, id));
  await ctx.audit('training.updated', entity(id), snapshot(before), snapshot(after));
  return itemOf(ctx, after);
}

/** Deletes an item nobody has completed (completions are the records an auditor reads). */
export async function deleteTraining(ctx: OrgCtx, id: string): Promise<void> {
  const before = await requireItem(ctx, id, 'update');
  if ((await countItemCompletions(ctx.tx, ctx.org.id, id)) > 0) {
    throw new AppError('conflict', `"${before.title}" has completions on record, so it cannot be deleted: they are the training records an auditor asks for.`);
  }
  if (!(await deleteItemRow(ctx.tx, ctx.org.id, id))) throw notFound('That training item');
  await ctx.audit('training.deleted', entity(id), snapshot(before));
}

async function resolveTarget(ctx: OrgCtx, body: AssignTrainingBody): Promise<{ key: string; label: string; userId: string | null; teamId: string | null }> {
  const invalid = (message: string) => new AppError('validation_failed', message, [{ path: 'targetId', message: 'was not found' }]);
  const kind: TrainingTargetKind = body.targetKind;
  if (kind === 'role') {
    if (!(roles as readonly string[]).includes(body.targetId)) throw invalid('Choose one of the roles: owner, ISMS manager, contributor, staff or auditor.');
    return { key: body.targetId, label: roleLabels[body.targetId as Role], userId: null, teamId: null };
  }
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(body.targetId);
  if (kind === 'member') {
    const member = isUuid ? await findMemberRow(ctx.tx, ctx.org.id, body.targetId.toLowerCase()) : undefined;
    if (!member) throw invalid('That person is not a member of this organisation.');
    return { key: member.user_id, label: member.name, userId: member.user_id, teamId: null };
  }
  const team = isUuid ? await findTeamRow(ctx.tx, ctx.org.id, body.targetId.toLowerCase(), true) : undefined;
  if (!team) throw invalid('That team was not found.');
  return { key: team.id, label: team.name, userId: null, teamId: team.id };
}

/** Assigns an item to a role, a member or a team (again is a no-op); it applies from the organisation's today. */
export async function assignTraining(ctx: OrgCtx, id: string, body: AssignTrainingBody): Promise<TrainingItem> {
  // Update lock, not share: the item row is touched below, and two share holders upgrading would deadlock.
  const item = await requireItem(ctx, id, 'update');
  const target = await resolveTarget(ctx, body);
  const assignedOn = todayIn(ctx.org.timeZone, ctx.now);
  const isNew = await insertAssignmentRow(ctx.tx, {
    org_id: ctx.org.id,
    item_id: id,
    target_kind: body.targetKind,
    target_key: target.key,
    user_id: target.userId,
    team_id: target.teamId,
    assigned_on: assignedOn,
    created_at: ctx.now,
    created_by: ctx.actor.userId,
  });
  if (!isNew) {
    ctx.skipAudit('the item was already assigned there');
    return itemOf(ctx, item);
  }
  await touchItemRow(ctx.tx, ctx.org.id, id, { updated_at: ctx.now, updated_by: ctx.actor.userId });
  await ctx.audit('training.assigned', entity(id), null, { title: item.title, to: target.label, targetKind: body.targetKind });
  return itemOf(ctx, await requireItem(ctx, id));
}

/** Removes an assignment (404 when there is none). */
export async function unassignTraining(ctx: OrgCtx, id: string, body: AssignTrainingBody): Promise<TrainingItem> {
  // Update lock, not share: the item row is touched below, and two share holders upgrading would deadlock.
  const item = await requireItem(ctx, id, 'update');
  const current = (await listAssignmentRows(ctx.tx, ctx.org.id, id)).find((a) => a.target_kind === body.targetKind && a.target_key === body.targetId.toLowerCase());
  if (!current || !(await deleteAssignmentRow(ctx.tx, { orgId: ctx.org.id, itemId: id, targetKind: body.targetKind, targetKey: current.target_key }))) {
    throw notFound('That assignment');
  }
  await touchItemRow(ctx.tx, ctx.org.id, id, { updated_at: ctx.now, updated_by: ctx.actor.userId });
  await ctx.audit('training.unassigned', entity(id), { title: item.title, to: labelOf(current), targetKind: body.targetKind }, null);
  return itemOf(ctx, await requireItem(ctx, id));
}

/** Every person's next due training (one obligation per person and item; done ones marked done). For the plan, calendar feed and reminders. */
export async function trainingObligations(ctx: OrgCtx): Promise<DatedObligation[]> {
  const picture = await trainingPicture(ctx);
  return picture.standings
    .filter((s) => s.dueOn !== null)
    .map((s) => ({
      key: `training:${s.item.id}:${s.person.user_id}:${s.dueOn ?? ''}`,
      kind: 'training',
      title: `${s.person.name}: complete the training “${s.item.title}”`,
      dueOn: s.dueOn ?? picture.today,
      ownerUserId: s.person.user_id,
      href: '/my-training',
      isDone: s.status === 'complete',
    }));
}

/** The training records PDF for the auditor pack: items, coverage per team, completions. */
export async function trainingPackFiles(ctx: OrgCtx): Promise<PackFile[]> {
  return [{ path: 'training/training-records.pdf', bytes: await trainingRecordsPdf(ctx), description: 'Awareness training records: items, coverage per team and completions' }];
}
