import { sql } from 'kysely';
import type { Tx } from '../../db/with-org.ts';

/* Reads of the whole register for the risk assessment report and the risk treatment plan. */

export interface ReportRiskRow {
  id: string;
  ref: string;
  title: string;
  threat: string;
  vulnerability: string;
  status: string;
  owner_name: string | null;
  assets: string[];
  inherent_likelihood: number;
  inherent_impact: number;
  inherent_level: string;
  current_likelihood: number | null;
  current_impact: number | null;
  current_level: string | null;
  residual_likelihood: number | null;
  residual_impact: number | null;
  residual_level: string | null;
  treatment: string | null;
  treatment_notes: string;
  next_review_on: string | null;
  accepted_by: string | null;
  accepted_at: Date | string | null;
  accepted_level: string | null;
  accepted_note: string | null;
}

/** Every risk of the organisation by ref, with its assets ("ref name"), owner and standing acceptance. */
export async function listReportRisks(tx: Tx, orgId: string): Promise<ReportRiskRow[]> {
  const result = await sql<ReportRiskRow>`
    select r.id, r.ref, r.title, r.threat, r.vulnerability, r.status, u.name as owner_name,
           coalesce((select array_agg(a.ref || ' ' || a.name order by a.ref) from risk_assets ra
                     join assets a on a.org_id = ra.org_id and a.id = ra.asset_id
                     where ra.org_id = r.org_id and ra.risk_id = r.id), '{}') as assets,
           r.inherent_likelihood, r.inherent_impact, r.inherent_level,
           r.current_likelihood, r.current_impact, r.current_level,
           r.residual_likelihood, r.residual_impact, r.residual_level,
           r.treatment, r.treatment_notes, to_char(r.next_review_on, 'YYYY-MM-DD') as next_review_on,
           au.name as accepted_by, ac.accepted_at, ac.level as accepted_level, ac.note as accepted_note
    from risks r
    left join users u on u.id = r.owner_user_id
    left join risk_acceptances ac on ac.org_id = r.org_id and ac.risk_id = r.id and ac.withdrawn_at is null
    left join users au on au.id = ac.accepted_by
    where r.org_id = ${orgId}
    order by r.ref`.execute(tx);
  return result.rows;
}

export interface ReportTaskRow {
  risk_id: string;
  title: string;
  owner_name: string | null;
  due_on: string | null;
  status: string;
  control_ids: string[];
}

/** Every treatment task, oldest first within each risk. */
export async function listReportTasks(tx: Tx, orgId: string): Promise<ReportTaskRow[]> {
  const result = await sql<ReportTaskRow>`
    select t.risk_id, t.title, u.name as owner_name, to_char(t.due_on, 'YYYY-MM-DD') as due_on, t.status, t.control_ids
    from risk_tasks t left join users u on u.id = t.owner_user_id
    where t.org_id = ${orgId}
    order by t.risk_id, t.created_at, t.id`.execute(tx);
  return result.rows;
}

/** The gap-analysis status of every item the organisation has recorded (absent: not started). */
export async function listGapStatuses(tx: Tx, orgId: string): Promise<Map<string, string>> {
  const rows = await tx.selectFrom('gap_entries').select(['item_id', 'status']).where('org_id', '=', orgId).execute();
  return new Map(rows.map((row) => [row.item_id, row.status]));
}
