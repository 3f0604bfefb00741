import { gapStatusLabels, type GapStatus } from '@custodian/shared/contracts/gap.ts';
import type { RiskStatus, TaskStatus, TreatmentOption } from '@custodian/shared/contracts/risk-vocabulary.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn, toIso } from '../../lib/dates.ts';
import type { DocumentModel } from '../../reports/document.model.ts';
import { renderDocumentDocx } from '../../reports/render-document-docx.ts';
import { renderDocumentPdf } from '../../reports/render-document-pdf.ts';
import { buildRiskAssessmentModel } from '../../reports/risk-assessment.model.ts';
import type { ReportRisk, ReportScore, ReportTask, RiskReportInput } from '../../reports/risk-report-input.ts';
import { buildRiskTreatmentPlanModel } from '../../reports/risk-treatment-plan.model.ts';
import { readInsightsMethod } from './risk-insights.service.ts';
import { listGapStatuses, listReportRisks, listReportTasks } from './risk-reports.repo.ts';

function scoreOf(likelihood: number | null, impact: number | null, levelKey: string | null): ReportScore | null {
  return likelihood === null || impact === null || levelKey === null ? null : { likelihood, impact, levelKey };
}

/** The register as the two reports read it, in one snapshot of the request's transaction. */
export async function readRiskReportInput(ctx: OrgCtx): Promise<RiskReportInput> {
  const method = await readInsightsMethod(ctx);
  const rows = await listReportRisks(ctx.tx, ctx.org.id);
  const taskRows = await listReportTasks(ctx.tx, ctx.org.id);
  const gap = await listGapStatuses(ctx.tx, ctx.org.id);
  const tasks = new Map<string, ReportTask[]>();
  for (const row of taskRows) {
    const list = tasks.get(row.risk_id) ?? [];
    list.push({ title: row.title, ownerName: row.owner_name, dueOn: row.due_on, status: row.status as TaskStatus, controlIds: row.control_ids });
    tasks.set(row.risk_id, list);
  }
  const risks: ReportRisk[] = rows.map((row) => ({
    ref: row.ref,
    title: row.title,
    threat: row.threat,
    vulnerability: row.vulnerability,
    status: row.status as RiskStatus,
    ownerName: row.owner_name,
    assets: row.assets,
    inherent: { likelihood: row.inherent_likelihood, impact: row.inherent_impact, levelKey: row.inherent_level },
    current: scoreOf(row.current_likelihood, row.current_impact, row.current_level),
    residual: scoreOf(row.residual_likelihood, row.residual_impact, row.residual_level),
    treatment: row.treatment as TreatmentOption | null,
    treatmentNotes: row.treatment_notes,
    nextReviewOn: row.next_review_on,
    acceptance:
      row.accepted_at === null || row.accepted_level === null
        ? null
        : { byName: row.accepted_by ?? 'A former member', at: new Date(toIso(row.accepted_at) ?? ''), levelKey: row.accepted_level, note: row.accepted_note ?? '' },
    tasks: tasks.get(row.id) ?? [],
  }));
  const catalogue = ctx.deps.catalogue.byId;
  return {
    organisation: ctx.org.name,
    timeZone: ctx.org.timeZone,
    now: ctx.now,
    preparedBy: ctx.user.name,
    methodVersion: method.version,
    method: method.definition,
    risks,
    controlName: (id) => {
      const item = catalogue.get(id);
      return item ? `${id.replace(/^iso27001:2022:/, '')} ${item.item.title}` : id;
    },
    controlStatus: (id) => gapStatusLabels[(gap.get(id) ?? 'not_started') as GapStatus] ?? 'Not started',
  };
}

export type RiskReportKind = 'assessment' | 'treatment';

export interface RiskReportDraft {
  model: DocumentModel;
  fileStem: string;
  now: Date;
}

/** The model of a report (built inside the request's transaction; rendered after it). */
export async function buildRiskReport(ctx: OrgCtx, kind: RiskReportKind): Promise<RiskReportDraft> {
  const input = await readRiskReportInput(ctx);
  const day = todayIn(input.timeZone, input.now);
  return kind === 'assessment'
    ? { model: buildRiskAssessmentModel(input), fileStem: `risk-assessment-${day}`, now: ctx.now }
    : { model: buildRiskTreatmentPlanModel(input), fileStem: `risk-treatment-plan-${day}`, now: ctx.now };
}

/** Renders a report's model to a Word document or a PDF. */
export async function renderRiskReport(draft: RiskReportDraft, format: 'docx' | 'pdf'): Promise<{ fileName: string; body: Buffer }> {
  const body = format === 'docx' ? await renderDocumentDocx(draft.model) : await renderDocumentPdf(draft.model, draft.now);
  return { fileName: `${draft.fileStem}.${format}`, body };
}
