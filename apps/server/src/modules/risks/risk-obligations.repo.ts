import type { Tx } from '../../db/with-org.ts';

export interface RiskReviewDateRow {
  id: string;
  ref: string;
  title: string;
  owner_user_id: string | null;
  next_review_on: string;
  status: string;
}

/** Every risk of the organisation with a review date. */
export async function listRiskReviewDates(tx: Tx, orgId: string): Promise<RiskReviewDateRow[]> {
  return tx
    .selectFrom('risks')
    .select(['id', 'ref', 'title', 'owner_user_id', 'next_review_on', 'status'])
    .where('org_id', '=', orgId)
    .where('next_review_on', 'is not', null)
    .orderBy('next_review_on')
    .orderBy('id')
    .execute() as Promise<RiskReviewDateRow[]>;
}

export interface RiskTaskDueRow {
  id: string;
  risk_id: string;
  ref: string;
  title: string;
  owner_user_id: string | null;
  due_on: string;
  status: string;
}

/** Every treatment task of the organisation with a due date, with its risk's reference. */
export async function listRiskTaskDueDates(tx: Tx, orgId: string): Promise<RiskTaskDueRow[]> {
  return tx
    .selectFrom('risk_tasks as t')
    .innerJoin('risks as r', (join) => join.onRef('r.org_id', '=', 't.org_id').onRef('r.id', '=', 't.risk_id'))
    .select(['t.id', 't.risk_id', 'r.ref', 't.title', 't.owner_user_id', 't.due_on', 't.status'])
    .where('t.org_id', '=', orgId)
    .where('t.due_on', 'is not', null)
    .orderBy('t.due_on')
    .orderBy('t.id')
    .execute() as Promise<RiskTaskDueRow[]>;
}

/** How many risks the organisation has, and how many are assessed with a treatment decided. */
export async function countRiskProgress(tx: Tx, orgId: string): Promise<{ total: number; treated: number }> {
  const row = await tx
    .selectFrom('risks')
    .select((eb) => [eb.fn.countAll<string>().as('total'), eb.fn.countAll<string>().filterWhere('status', 'in', ['treatment_planned', 'in_treatment', 'accepted', 'closed']).as('treated')])
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), treated: Number(row.treated) };
}
