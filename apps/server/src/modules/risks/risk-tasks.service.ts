import type { z } from 'zod';
import type { RiskTask, createTaskBody, updateTaskBody } from '@custodian/shared/contracts/risks.ts';
import { gapStatusLabels, type GapItem } from '@custodian/shared/contracts/gap.ts';
import { taskStatusLabels, type TaskStatus } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { listAllGapItems } from '../gap/gap.service.ts';
import { findMemberName } from '../org/org.service.ts';
import { deleteTaskRow, findTaskRow, insertTaskRow, listTaskRows, updateTaskRow, type TaskRow } from './risk-tasks.repo.ts';
import { findRiskRow } from './risks.repo.ts';

/** Treatment tasks (6.1.3, 8.3): who does what by when, and the Annex A controls each implements. */

type RiskKey = { id: string; ref: string; title: string };

function toTask(row: TaskRow, gap: ReadonlyMap<string, GapItem>, today: string): RiskTask {
  return {
    id: row.id,
    riskId: row.risk_id,
    title: row.title,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    dueOn: row.due_on,
    isOverdue: row.status !== 'done' && row.due_on !== null && row.due_on < today,
    status: row.status as TaskStatus,
    controls: row.control_ids.map((id) => {
      const item = gap.get(id);
      return {
        id,
        ref: item?.ref ?? id,
        title: item?.title ?? 'A control no longer in the catalogue',
        gapStatus: item?.status ?? 'not_started',
        gapStatusLabel: gapStatusLabels[item?.status ?? 'not_started'],
      };
    }),
    notes: row.notes,
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

/** The gap-analysis lines of the organisation by catalogue id (each control's status is read, never copied). */
async function gapById(ctx: OrgCtx): Promise<Map<string, GapItem>> {
  return new Map((await listAllGapItems(ctx)).map((item) => [item.itemId, item]));
}

async function findRisk(ctx: OrgCtx, riskId: string): Promise<RiskKey> {
  const risk = await findRiskRow(ctx.tx, ctx.org.id, riskId);
  if (!risk) throw notFound('The risk');
  return risk;
}

function checkControls(ctx: OrgCtx, controlIds: readonly string[]): string[] {
  const unique = [...new Set(controlIds)];
  const unknown = unique.filter((id) => ctx.deps.catalogue.byId.get(id)?.kind !== 'control');
  if (unknown.length > 0) throw new AppError('validation_failed', 'Choose Annex A controls from the catalogue.', [{ path: 'controlIds', message: 'must be Annex A controls of the catalogue' }]);
  return unique;
}

async function checkOwner(ctx: OrgCtx, ownerUserId: string | null | undefined): Promise<void> {
  if (ownerUserId === null || ownerUserId === undefined) return;
  if ((await findMemberName(ctx, ownerUserId)) === null) throw new AppError('validation_failed', 'The task owner must be a member of this organisation.', [{ path: 'ownerUserId', message: 'is not a member' }]);
}

function snapshot(risk: RiskKey, task: { title: string; owner_user_id: string | null; due_on: string | null; status: string; control_ids: string[]; notes: string }) {
  return {
    ref: risk.ref,
    task: task.title,
    ownerUserId: task.owner_user_id,
    dueOn: task.due_on,
    status: taskStatusLabels[task.status as TaskStatus],
    controls: task.control_ids.map((id) => id.replace(/^iso27001:2022:/, '')).join(', '),
    notes: task.notes,
  };
}

export async function listRiskTasks(ctx: OrgCtx, riskId: string): Promise<{ items: RiskTask[] }> {
  await findRisk(ctx, riskId);
  const [rows, gap] = [await listTaskRows(ctx.tx, ctx.org.id, riskId), await gapById(ctx)];
  const today = todayIn(ctx.org.timeZone, ctx.now);
  return { items: rows.map((row) => toTask(row, gap, today)) };
}

/** Adds a task to a risk already read (also the first task of a risk from the threat library). */
export async function addTaskToRisk(ctx: OrgCtx, risk: RiskKey, input: Partial<z.output<typeof createTaskBody>> & { title: string }): Promise<RiskTask> {
  const controlIds = checkControls(ctx, input.controlIds ?? []);
  await checkOwner(ctx, input.ownerUserId);
  const row = {
    org_id: ctx.org.id,
    id: newId(ctx.now.getTime()),
    risk_id: risk.id,
    title: input.title,
    owner_user_id: input.ownerUserId ?? null,
    due_on: input.dueOn ?? null,
    status: input.status ?? 'not_started',
    control_ids: controlIds,
    notes: input.notes ?? '',
    created_at: ctx.now,
    created_by: ctx.actor.userId,
    updated_at: ctx.now,
    updated_by: ctx.actor.userId,
  };
  await insertTaskRow(ctx.tx, row);
  await ctx.audit('risk_task.added', { type: 'risk', id: risk.id }, null, snapshot(risk, row));
  const saved = await findTaskRow(ctx.tx, ctx.org.id, risk.id, row.id);
  if (!saved) throw notFound('The task');
  return toTask(saved, await gapById(ctx), todayIn(ctx.org.timeZone, ctx.now));
}

export async function addRiskTask(ctx: OrgCtx, riskId: string, input: z.output<typeof createTaskBody>): Promise<RiskTask> {
  return addTaskToRisk(ctx, await findRisk(ctx, riskId), input);
}

/** Changes the fields sent if nobody saved the task since `version` was read (409 with it as it is now). */
export async function updateRiskTask(ctx: OrgCtx, riskId: string, taskId: string, input: z.output<typeof updateTaskBody>): Promise<RiskTask> {
  const risk = await findRisk(ctx, riskId);
  const before = await findTaskRow(ctx.tx, ctx.org.id, riskId, taskId);
  if (!before) throw notFound('The task');
  const today = todayIn(ctx.org.timeZone, ctx.now);
  const conflict = async (current: TaskRow) =>
    new AppError('edit_conflict', `Someone else saved the task "${current.title}" after you opened it. Their version is shown: check it, then apply your change again.`, {
      current: toTask(current, await gapById(ctx), today),
    });
  if (before.version !== input.version) throw await conflict(before);
  await checkOwner(ctx, input.ownerUserId);
  const patch = {
    ...(input.title === undefined ? {} : { title: input.title }),
    ...(input.ownerUserId === undefined ? {} : { owner_user_id: input.ownerUserId }),
    ...(input.dueOn === undefined ? {} : { due_on: input.dueOn }),
    ...(input.status === undefined ? {} : { status: input.status }),
    ...(input.controlIds === undefined ? {} : { control_ids: checkControls(ctx, input.controlIds) }),
    ...(input.notes === undefined ? {} : { notes: input.notes }),
  };
  if (!(await updateTaskRow(ctx.tx, { orgId: ctx.org.id, id: taskId, version: input.version }, { ...patch, updated_at: ctx.now, updated_by: ctx.actor.userId }))) {
    throw await conflict((await findTaskRow(ctx.tx, ctx.org.id, riskId, taskId)) ?? before);
  }
  const after = await findTaskRow(ctx.tx, ctx.org.id, riskId, taskId);
  if (!after) throw notFound('The task');
  await ctx.audit('risk_task.updated', { type: 'risk', id: riskId }, snapshot(risk, before), snapshot(risk, after));
  return toTask(after, await gapById(ctx), today);
}

export async function removeRiskTask(ctx: OrgCtx, riskId: string, taskId: string): Promise<void> {
  const risk = await findRisk(ctx, riskId);
  const before = await findTaskRow(ctx.tx, ctx.org.id, riskId, taskId);
  if (!before || !(await deleteTaskRow(ctx.tx, ctx.org.id, taskId))) throw notFound('The task');
  await ctx.audit('risk_task.removed', { type: 'risk', id: riskId }, snapshot(risk, before));
}
