import { planSteps, type Stage2ProjectionView } from '@custodian/shared/contracts/plan.ts';
import { addDaysTo, paceWindowDays, projectStage2, type Stage2Projection } from '@custodian/shared/domain/stage2-projection.ts';
import type { AppDeps } from '../../core/deps.ts';
import type { BaseCtx, OrgCtx } from '../../core/ctx.ts';
import type { Logger } from '../../core/logger.ts';
import { runTransaction, scopedOpen } from '../../core/transaction.ts';
import { withMaintenance } from '../../db/with-org.ts';
import { todayIn } from '../../lib/dates.ts';
import { findOrgInfo } from './plan-feed.repo.ts';
import { readerCtx } from './plan-ctx.ts';
import { readSteps } from './plan-steps.ts';
import { findLastProjectionBefore, findPlanRow, listMilestoneRows, listOrgsWithPlans, listProjectionRows, upsertProjectionRow, type MilestoneRow, type PlanRow } from './plan.repo.ts';

/** Milestones not done whose due date has passed (in the organisation's today). */
export function overdueOf(milestones: MilestoneRow[], today: string): MilestoneRow[] {
  return milestones.filter((m) => m.completed_on === null && m.due_on < today);
}

/**
 * The projection now, from the recorded points of the last 28 days (the pace) and compared with the
 * last point recorded before today (why it moved).
 */
export async function projectNow(ctx: OrgCtx, input: { plan: PlanRow; stepsDone: number; milestones: MilestoneRow[]; today: string }): Promise<Stage2Projection> {
  const { plan, today } = input;
  const [history, previous] = await Promise.all([
    listProjectionRows(ctx.tx, ctx.org.id, addDaysTo(today, -paceWindowDays)),
    findLastProjectionBefore(ctx.tx, ctx.org.id, today),
  ]);
  return projectStage2({
    today,
    targetOn: plan.target_stage2_on,
    stepsDone: input.stepsDone,
    stepsTotal: planSteps.length,
    history: history.map((p) => ({ on: p.recorded_on, stepsDone: p.steps_done })),
    overdue: overdueOf(input.milestones, today).map((m) => ({ title: m.title, dueOn: m.due_on })),
    previous: previous
      ? {
          on: previous.recorded_on,
          targetOn: previous.target_stage2_on,
          projectedOn: previous.projected_on,
          stepsDone: previous.steps_done,
          pacePerWeek: previous.pace_per_week,
          slipDays: previous.slip_days,
          overdueTitles: previous.overdue_titles,
        }
      : null,
  });
}

export function projectionView(p: Stage2Projection, input: { targetOn: string; stepsDone: number; previousOn: string | null }): Stage2ProjectionView {
  return {
    targetOn: input.targetOn,
    projectedOn: p.projectedOn,
    cause: p.cause,
    pacePerWeek: p.pacePerWeek === null ? null : Math.round(p.pacePerWeek * 100) / 100,
    stepsDone: input.stepsDone,
    remainingSteps: p.remainingSteps,
    basis: p.basis,
    movement: { ...p.movement, since: input.previousOn },
  };
}

/** Writes (or rewrites) today's point of the organisation's projection; nothing without a plan. */
export async function recordPlanProjection(ctx: OrgCtx): Promise<boolean> {
  const plan = await findPlanRow(ctx.tx, ctx.org.id);
  if (!plan) return false;
  const today = todayIn(ctx.org.timeZone, ctx.now);
  const [{ stepsDone }, milestones] = [await readSteps(ctx), await listMilestoneRows(ctx.tx, ctx.org.id)];
  const projection = await projectNow(ctx, { plan, stepsDone, milestones, today });
  await upsertProjectionRow(ctx.tx, ctx.org.id, {
    recorded_on: today,
    steps_done: stepsDone,
    target_stage2_on: plan.target_stage2_on,
    projected_on: projection.projectedOn,
    pace_per_week: projection.pacePerWeek === null ? null : Math.round(projection.pacePerWeek * 10_000) / 10_000,
    slip_days: projection.slipDays,
    overdue_titles: overdueOf(milestones, today).map((m) => m.title),
    recorded_at: ctx.now,
  });
  return true;
}

/**
 * One run of the projection job: today's point for every organisation with a plan, each in its own
 * transaction and time zone. The points are derived data (the changes they count are audited).
 */
export async function recordAllPlanProjections(deps: AppDeps, log: Logger): Promise<number> {
  const now = deps.clock();
  const base: BaseCtx = { deps, now, requestId: 'plan-projections', log };
  const orgs = await withMaintenance(deps.database.db, (tx) => listOrgsWithPlans(tx));
  let written = 0;
  for (const { org_id: orgId } of orgs) {
    const isWritten = await runTransaction(base, { isReadOnly: false, open: scopedOpen({ orgId, userId: null }) }, async (tx) => {
      tx.skipAudit('a daily point of the projected Stage 2 date is derived data: the changes it counts are audited');
      const org = await findOrgInfo(tx.tx, orgId);
      if (!org) return false;
      return recordPlanProjection(readerCtx(tx, org, null));
    }).then(
      (outcome) => outcome.result,
      (error: unknown) => {
        log.warn({ err: error, orgId }, 'a plan projection could not be recorded; the next run tries again');
        return false;
      },
    );
    if (isWritten) written += 1;
  }
  return written;
}
