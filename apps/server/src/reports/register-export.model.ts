import { importFields, sheetNames, type SheetRole } from '@custodian/shared/contracts/register-import.ts';
import {
  assetKindLabels,
  assetRelationLabels,
  riskStatusLabels,
  taskStatusLabels,
  treatmentLabels,
  type AssetKind,
  type AssetRelation,
  type ClassificationLevel,
  type RiskStatus,
  type TaskStatus,
  type TreatmentOption,
} from '@custodian/shared/contracts/risk-vocabulary.ts';
import { todayIn, wallClockIn } from '../lib/dates.ts';
import { calendarDate, type ReportCell } from './gap-analysis.model.ts';

/** The registers as plain rows; the service reads them (by ref) and this model puts them in words. */
export interface RegisterExportInput {
  organisation: string;
  generatedAt: Date;
  timeZone: string;
  classification: readonly ClassificationLevel[];
  /** Annex A control ref ("A.5.1") by catalogue id. */
  controlRefs: ReadonlyMap<string, string>;
  rows: {
    assets: Array<{
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
    }>;
    links: Array<{ from_ref: string; relation: string; to_ref: string }>;
    risks: Array<{
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
      /** The standing acceptance, when there is one. */
      accepted_by_email: string | null;
      accepted_at: Date | null;
      acceptance_note: string | null;
    }>;
    tasks: Array<{ risk_ref: string; title: string; owner_email: string | null; due_on: string | null; status: string; control_ids: string[]; notes: string }>;
  };
}

export interface RegisterExportModel {
  organisation: string;
  /** yyyy-mm-dd in the organisation's time zone (file name). */
  generatedOnIso: string;
  /** One sheet per table, headed by the labels an import maps by. */
  sheets: Array<{ role: SheetRole; name: string; columns: string[]; rows: ReportCell[][] }>;
}

const label = <K extends string>(labels: Record<K, string>, key: string | null): string => (key === null ? '' : (labels[key as K] ?? key));
const date = (iso: string | null): ReportCell => (iso === null ? null : calendarDate(iso));

/** The workbook's sheets: Assets, Asset links, Risks, Treatment tasks, with real numbers and dates in cells. */
export function buildRegisterExportModel(input: RegisterExportInput): RegisterExportModel {
  const classes = new Map(input.classification.map((level) => [level.key, level.label]));
  const { assets, links, risks, tasks } = input.rows;
  const sheet = (role: SheetRole, rows: ReportCell[][]) => ({ role, name: sheetNames[role], columns: importFields[role].map((f) => f.label), rows });
  return {
    organisation: input.organisation,
    generatedOnIso: todayIn(input.timeZone, input.generatedAt),
    sheets: [
      sheet(
        'assets',
        assets.map((a) => [
          a.ref,
          a.name,
          label<AssetKind>(assetKindLabels, a.kind),
          classes.get(a.classification) ?? a.classification,
          a.confidentiality,
          a.integrity,
          a.availability,
          a.owner_email,
          a.location,
          a.description,
        ]),
      ),
      sheet(
        'asset_links',
        links.map((l) => [l.from_ref, label<AssetRelation>(assetRelationLabels, l.relation), l.to_ref]),
      ),
      sheet(
        'risks',
        risks.map((r) => [
          r.ref,
          r.title,
          r.threat,
          r.vulnerability,
          r.description,
          r.threat_id,
          r.owner_email,
          (r.asset_refs ?? []).join('; '),
          r.inherent_likelihood,
          r.inherent_impact,
          r.current_likelihood,
          r.current_impact,
          r.residual_likelihood,
          r.residual_impact,
          label<TreatmentOption>(treatmentLabels, r.treatment),
          r.treatment_notes,
          label<RiskStatus>(riskStatusLabels, r.status),
          date(r.next_review_on),
          r.accepted_by_email,
          r.accepted_at === null ? null : { dateTime: wallClockIn(new Date(r.accepted_at), input.timeZone) },
          r.acceptance_note,
        ]),
      ),
      sheet(
        'treatment_tasks',
        tasks.map((t) => [
          t.risk_ref,
          t.title,
          t.owner_email,
          date(t.due_on),
          label<TaskStatus>(taskStatusLabels, t.status),
          t.control_ids.map((id) => input.controlRefs.get(id) ?? id).join('; '),
          t.notes,
        ]),
      ),
    ],
  };
}
