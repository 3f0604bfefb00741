import type { CreateMilestoneBody, CreatePlanBody, PlanMilestone, PlanStep, PlanView, UpdateMilestoneBody, UpdatePlanBody } from '@custodian/shared/contracts/plan.ts';
import type { DatedObligation } from '@custodian/shared/domain/obligations.ts';
import { addDaysTo } from '@custodian/shared/domain/stage2-projection.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { obligationSources } from './plan-sources.ts';
import { overdueOf, projectNow, projectionView, recordPlanProjection } from './plan-projection.service.ts';
import { readSteps } from './plan-steps.ts';
import {
  deleteMilestoneRow,
  findLastProjectionBefore,
  findMilestoneRow,
  findPlanRow,
  insertMilestoneRows,
  insertPlanRow,
  isMember,
  listMilestoneRows,
  updateMilestoneRow,
  updatePlanRow,
  type MilestoneRow,
} from './plan.repo.ts';

const planEntity = (orgId: string) => ({ type: 'plan', id: orgId });
const milestoneEntity = (id: string) => ({ type: 'plan_milestone', id });
const today = (ctx: OrgCtx) => todayIn(ctx.org.timeZone, ctx.now);

/** The default milestones, as days before the target Stage 2 date (never before today). */
const defaultMilestones: Array<{ step: PlanStep; title: string; daysBefore: number }> = [
  { step: 'scope', title: 'Scope statement approved', daysBefore: 168 },
  { step: 'risk', title: 'Risks assessed and treatments decided', daysBefore: 140 },
  { step: 'controls', title: 'Statement of Applicability approved', daysBefore: 112 },
  { step: 'documents', title: 'Mandatory documents approved', daysBefore: 84 },
  { step: 'audit_review', title: 'Internal audit completed', daysBefore: 56 },
  { step: 'audit_review', title: 'Management review held', daysBefore: 42 },
  { step: 'certification', title: 'Stage 1 audit held', daysBefore: 28 },
  { step: 'certification', title: 'Stage 2 audit held', daysBefore: 0 },
];

function toMilestone(row: MilestoneRow, todayOn: string): PlanMilestone {
  return {
    id: row.id,
    step: row.step,
    title: row.title,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    dueOn: row.due_on,
    completedOn: row.completed_on,
    isOverdue: row.completed_on === null && row.due_on < todayOn,
    version: row.version,
  };
}

const milestoneSnapshot = (row: { title: string; step: string; owner_user_id: string | null; due_on: string; completed_on: string | null }) => ({
  title: row.title,
  step: row.step,
  ownerUserId: row.owner_user_id,
  dueOn: row.due_on,
  completedOn: row.completed_on,
});

/** The plan, each step's progress, what to do next (overdue milestones first) and the projected Stage 2 date. */
export async function getPlanView(ctx: OrgCtx): Promise<PlanView> {
  const todayOn = today(ctx);
  const plan = await findPlanRow(ctx.tx, ctx.org.id);
  const { steps, stepsDone } = await readSteps(ctx);
  const milestones = plan ? await listMilestoneRows(ctx.tx, ctx.org.id) : [];
  const overdue = overdueOf(milestones, todayOn);
  const firstOpen = steps.find((s) => s.state !== 'done');
  const next: PlanView['next'] = [
    ...overdue.map((m) => ({ kind: 'overdue_milestone' as const, title: m.title, detail: `Was due ${m.due_on.slice(8, 10)}/${m.due_on.slice(5, 7)}/${m.due_on.slice(0, 4)}${m.owner_name ? ` (${m.owner_name})` : ''}.`, href: '/plan' })),
    ...(firstOpen ? [{ kind: 'step' as const, title: firstOpen.title, detail: firstOpen.nextAction, href: firstOpen.href }] : []),
  ];
  let projection: PlanView['projection'] = null;
  if (plan) {
    const projected = await projectNow(ctx, { plan, stepsDone, milestones, today: todayOn });
    const previous = await findLastProjectionBefore(ctx.tx, ctx.org.id, todayOn);
    projection = projectionView(projected, { targetOn: plan.target_stage2_on, stepsDone, previousOn: previous?.recorded_on ?? null });
  }
  return {
    plan: plan ? { targetStage2On: plan.target_stage2_on, version: plan.version } : null,
    steps,
    milestones: milestones.map((m) => toMilestone(m, todayOn)),
    next,
    projection,
  };
}

function assertAfterToday(ctx: OrgCtx, day: string): void {
  if (day <= today(ctx)) throw new AppError('validation_failed', 'The Stage 2 date must be after today.', [{ path: 'targetStage2On', message: 'must be after today' }]);
}

async function assertOwner(ctx: OrgCtx, userId: string | null | undefined): Promise<void> {
  if (userId && !(await isMember(ctx.tx, ctx.org.id, userId))) {
    throw new AppError('validation_failed', 'The owner must be a member of this organisation.', [{ path: 'ownerUserId', message: 'is not a member of this organisation' }]);
  }
}

/** Starts the plan from a target Stage 2 date: the default milestones, owned by whoever starts it, due back from that date. */
export async function startPlan(ctx: OrgCtx, input: CreatePlanBody): Promise<PlanView> {
  assertAfterToday(ctx, input.targetStage2On);
  const isNew = await insertPlanRow(ctx.tx, { org_id: ctx.org.id, target_stage2_on: input.targetStage2On, created_at: ctx.now, created_by: ctx.actor.userId, updated_at: ctx.now, updated_by: ctx.actor.userId });
  if (!isNew) throw new AppError('conflict', 'This organisation already has a plan: change its Stage 2 date instead.');
  const todayOn = today(ctx);
  await insertMilestoneRows(
    ctx.tx,
    defaultMilestones.map((m, i) => {
      const due = addDaysTo(input.targetStage2On, -m.daysBefore);
      return {
        org_id: ctx.org.id,
        id: newId(ctx.now.getTime() + i),
        step: m.step,
        title: m.title,
        owner_user_id: ctx.actor.userId,
        due_on: due < todayOn ? todayOn : due,
        created_at: ctx.now,
        created_by: ctx.actor.userId,
        updated_at: ctx.now,
        updated_by: ctx.actor.userId,
      };
    }),
  );
  await ctx.audit('plan.created', planEntity(ctx.org.id), null, { targetStage2On: input.targetStage2On, milestones: defaultMilestones.length });
  await recordPlanProjection(ctx);
  return getPlanView(ctx);
}

/** Changes the target Stage 2 date (the milestones keep their dates: move them one by one). */
export async function changePlan(ctx: OrgCtx, input: UpdatePlanBody): Promise<PlanView> {
  const before = await findPlanRow(ctx.tx, ctx.org.id);
  if (!before) throw notFound('The plan');
  const conflict = async () => new AppError('edit_conflict', 'Someone else changed the plan after you opened it. It is shown as it is now: check it, then apply your change again.', { current: await getPlanView(ctx) });
  if (before.version !== input.version) throw await conflict();
  assertAfterToday(ctx, input.targetStage2On);
  const after = await updatePlanRow(ctx.tx, { orgId: ctx.org.id, version: input.version }, { target_stage2_on: input.targetStage2On, updated_at: ctx.now, updated_by: ctx.actor.userId });
  if (!after) throw await conflict();
  await ctx.audit('plan.updated', planEntity(ctx.org.id), { targetStage2On: before.target_stage2_on }, { targetStage2On: after.target_stage2_on });
  return getPlanView(ctx);
}

export async function addMilestone(ctx: OrgCtx, input: CreateMilestoneBody): Promise<PlanMilestone> {
  if (!(await findPlanRow(ctx.tx, ctx.org.id))) throw new AppError('conflict', 'Start the plan (choose a Stage 2 date) before adding milestones.');
  await assertOwner(ctx, input.ownerUserId);
  const id = newId(ctx.now.getTime());
  const row = { org_id: ctx.org.id, id, step: input.step, title: input.title, owner_user_id: input.ownerUserId ?? null, due_on: input.dueOn, created_at: ctx.now, created_by: ctx.actor.userId, updated_at: ctx.now, updated_by: ctx.actor.userId };
  await insertMilestoneRows(ctx.tx, [row]);
  await ctx.audit('plan.milestone_added', milestoneEntity(id), null, milestoneSnapshot({ ...row, completed_on: null }));
  const created = await findMilestoneRow(ctx.tx, ctx.org.id, id);
  if (!created) throw new Error('a milestone just added was not found');
  return toMilestone(created, today(ctx));
}

/** Changes the fields sent (marking it done records today as its completion), if nobody saved it since `version` was read. */
export async function changeMilestone(ctx: OrgCtx, id: string, input: UpdateMilestoneBody): Promise<PlanMilestone> {
  const before = await findMilestoneRow(ctx.tx, ctx.org.id, id);
  if (!before) throw notFound('The milestone');
  const todayOn = today(ctx);
  const conflict = (current: MilestoneRow) =>
    new AppError('edit_conflict', `Someone else saved “${current.title}” after you opened it. Their version is shown: check it, then apply your change again.`, { current: toMilestone(current, todayOn) });
  if (before.version !== input.version) throw conflict(before);
  await assertOwner(ctx, input.ownerUserId);
  const completion = input.isDone === undefined ? {} : { completed_on: input.isDone ? (before.completed_on ?? todayOn) : null };
  const patch = {
    ...(input.title === undefined ? {} : { title: input.title }),
    ...(input.ownerUserId === undefined ? {} : { owner_user_id: input.ownerUserId }),
    ...(input.dueOn === undefined ? {} : { due_on: input.dueOn }),
    ...completion,
  };
  if (!(await updateMilestoneRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, { ...patch, updated_at: ctx.now, updated_by: ctx.actor.userId }))) {
    throw conflict((await findMilestoneRow(ctx.tx, ctx.org.id, id)) ?? before);
  }
  const after = await findMilestoneRow(ctx.tx, ctx.org.id, id);
  if (!after) throw notFound('The milestone');
  await ctx.audit('plan.milestone_updated', milestoneEntity(id), milestoneSnapshot(before), milestoneSnapshot(after));
  return toMilestone(after, todayOn);
}

export async function removeMilestone(ctx: OrgCtx, id: string): Promise<void> {
  const before = await findMilestoneRow(ctx.tx, ctx.org.id, id);
  if (!before || !(await deleteMilestoneRow(ctx.tx, ctx.org.id, id))) throw notFound('The milestone');
  await ctx.audit('plan.milestone_deleted', milestoneEntity(id), milestoneSnapshot(before));
}

/** The plan's own milestones as dated obligations (kind `plan-milestone`), owned by each milestone's owner. */
export async function planObligations(ctx: OrgCtx): Promise<DatedObligation[]> {
  const rows = await listMilestoneRows(ctx.tx, ctx.org.id);
  return rows.map((m) => ({ key: `plan-milestone:${m.id}`, kind: 'plan-milestone', title: `Milestone: ${m.title}`, dueOn: m.due_on, ownerUserId: m.owner_user_id, href: '/plan', isDone: m.completed_on !== null }));
}

/** Every dated obligation in the product for this organisation: each source's, then the plan's own. */
export async function collectObligations(ctx: OrgCtx): Promise<DatedObligation[]> {
  const all: DatedObligation[] = [];
  for (const source of [...obligationSources, planObligations]) all.push(...(await source(ctx)));
  return all;
}
