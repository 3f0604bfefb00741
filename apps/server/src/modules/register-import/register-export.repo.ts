import { sql } from 'kysely';
import type { Tx } from '../../db/with-org.ts';

export interface ExportAssetRow {
  ref: string;
  name: string;
  kind: string;
  classification: string;
  confidentiality: number;
  integrity: number;
  availability: number;
  owner_email: string | null;
  location: string;
  description: string;
}

export interface ExportLinkRow {
  from_ref: string;
  relation: string;
  to_ref: string;
}

export interface ExportRiskRow {
  ref: string;
  title: string;
  threat: string;
  vulnerability: string;
  description: string;
  threat_id: string | null;
  owner_email: string | null;
  asset_refs: string[] | null;
  inherent_likelihood: number;
  inherent_impact: number;
  current_likelihood: number | null;
  current_impact: number | null;
  residual_likelihood: number | null;
  residual_impact: number | null;
  treatment: string | null;
  treatment_notes: string;
  status: string;
  next_review_on: string | null;
  accepted_by_email: string | null;
  accepted_at: Date | null;
  acceptance_note: string | null;
}

export interface ExportTaskRow {
  risk_ref: string;
  title: string;
  owner_email: string | null;
  due_on: string | null;
  status: string;
  control_ids: string[];
  notes: string;
}

export interface RegisterRows {
  assets: ExportAssetRow[];
  links: ExportLinkRow[];
  risks: ExportRiskRow[];
  tasks: ExportTaskRow[];
}

/** The whole asset and risk register of the organisation, by ref, in the request's one snapshot. */
export async function readRegister(trx: Tx, orgId: string): Promise<RegisterRows> {
  const assets = await sql<ExportAssetRow>`
    select a.ref, a.name, a.kind, a.classification, a.confidentiality, a.integrity, a.availability, u.email as owner_email, a.location, a.description
    from assets a left join users u on u.id = a.owner_user_id
    where a.org_id = ${orgId} order by a.ref`.execute(trx);
  const links = await sql<ExportLinkRow>`
    select f.ref as from_ref, l.relation, t.ref as to_ref
    from asset_links l
    join assets f on f.org_id = l.org_id and f.id = l.from_asset_id
    join assets t on t.org_id = l.org_id and t.id = l.to_asset_id
    where l.org_id = ${orgId} order by f.ref, l.relation, t.ref`.execute(trx);
  const risks = await sql<ExportRiskRow>`
    select r.ref, r.title, r.threat, r.vulnerability, r.description, r.threat_id, u.email as owner_email,
      (select array_agg(a.ref order by a.ref) from risk_assets ra join assets a on a.org_id = ra.org_id and a.id = ra.asset_id
        where ra.org_id = r.org_id and ra.risk_id = r.id) as asset_refs,
      r.inherent_likelihood, r.inherent_impact, r.current_likelihood, r.current_impact, r.residual_likelihood, r.residual_impact,
      r.treatment, r.treatment_notes, r.status, r.next_review_on,
      au.email as accepted_by_email, ac.accepted_at, ac.note as acceptance_note
    from risks r left join users u on u.id = r.owner_user_id
      left join risk_acceptances ac on ac.org_id = r.org_id and ac.risk_id = r.id and ac.withdrawn_at is null
      left join users au on au.id = ac.accepted_by
    where r.org_id = ${orgId} order by r.ref`.execute(trx);
  const tasks = await sql<ExportTaskRow>`
    select r.ref as risk_ref, t.title, u.email as owner_email, t.due_on, t.status, t.control_ids, t.notes
    from risk_tasks t join risks r on r.org_id = t.org_id and r.id = t.risk_id left join users u on u.id = t.owner_user_id
    where t.org_id = ${orgId} order by r.ref, t.created_at, t.title, t.id`.execute(trx);
  return { assets: assets.rows, links: links.rows, risks: risks.rows, tasks: tasks.rows };
}
