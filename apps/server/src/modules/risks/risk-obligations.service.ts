import type { DatedObligation } from '@custodian/shared/domain/obligations.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { countRiskProgress, listRiskReviewDates, listRiskTaskDueDates } from './risk-obligations.repo.ts';

/** The kinds this module's dates have; the review reminder job (risk-reminders) already e-mails `risk-review`. */
export const riskObligationKinds = { review: 'risk-review', task: 'risk-treatment-task' } as const;

/**
 * The register's dated obligations: each risk's next review (a closed risk's review is done) and each
 * treatment task's due date (done when the task is), owned by the risk's or the task's owner.
 */
export async function risksObligations(ctx: OrgCtx): Promise<DatedObligation[]> {
  const [reviews, tasks] = await Promise.all([listRiskReviewDates(ctx.tx, ctx.org.id), listRiskTaskDueDates(ctx.tx, ctx.org.id)]);
  return [
    ...reviews.map((r) => ({
      key: `${riskObligationKinds.review}:${r.id}`,
      kind: riskObligationKinds.review,
      title: `Review the risk ${r.ref} ${r.title}`,
      dueOn: r.next_review_on,
      ownerUserId: r.owner_user_id,
      href: `/risks/${r.id}`,
      isDone: r.status === 'closed',
    })),
    ...tasks.map((t) => ({
      key: `${riskObligationKinds.task}:${t.id}`,
      kind: riskObligationKinds.task,
      title: `Treatment of ${t.ref}: ${t.title}`,
      dueOn: t.due_on,
      ownerUserId: t.owner_user_id,
      href: `/risks/${t.risk_id}`,
      isDone: t.status === 'done',
    })),
  ];
}

/** For the guided path: how many risks there are, and how many are assessed with a treatment decided (planned, in treatment, accepted or closed). */
export async function riskProgressCounts(ctx: OrgCtx): Promise<{ total: number; treated: number }> {
  return countRiskProgress(ctx.tx, ctx.org.id);
}
