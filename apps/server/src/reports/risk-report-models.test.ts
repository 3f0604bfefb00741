import { defaultRiskMethod, scoreRisk } from '@custodian/shared/domain/risk-matrix.ts';
import { describe, expect, it } from 'vitest';
import type { DocumentModel } from './document.model.ts';
import { buildRiskAssessmentModel } from './risk-assessment.model.ts';
import { reportRowLimit, type ReportRisk, type RiskReportInput } from './risk-report-input.ts';
import { buildRiskTreatmentPlanModel } from './risk-treatment-plan.model.ts';

function risk(n: number, likelihood: number, impact: number): ReportRisk {
  const levelKey = scoreRisk(defaultRiskMethod, likelihood, impact).key;
  return {
    ref: `R-${String(n).padStart(5, '0')}`,
    title: `Risk ${n}`,
    threat: '',
    vulnerability: '',
    status: 'assessed',
    ownerName: null,
    assets: [],
    inherent: { likelihood, impact, levelKey },
    current: null,
    residual: null,
    treatment: 'modify',
    treatmentNotes: '',
    nextReviewOn: null,
    acceptance: null,
    tasks: [{ title: `Task ${n}`, ownerName: null, dueOn: null, status: 'not_started', controlIds: ['iso27001:2022:A.8.13'] }],
  };
}

function input(risks: ReportRisk[]): RiskReportInput {
  return {
    organisation: 'Big Clinic (demo)',
    timeZone: 'Australia/Sydney',
    now: new Date('2026-12-03T14:00:00Z'),
    preparedBy: 'Jo Harper (demo)',
    methodVersion: 3,
    method: defaultRiskMethod,
    risks,
    controlName: (id) => id,
    controlStatus: () => 'Not started',
  };
}

const tableRows = (model: DocumentModel, heading: string) => {
  const block = model.sections.find((section) => section.heading === heading)?.blocks.find((b) => b.kind === 'table');
  return block?.kind === 'table' ? block.rows : [];
};
const text = (model: DocumentModel) => JSON.stringify(model);

describe('the risk report models', () => {
  it('print the organisation, its date (dd/mm/yyyy in its time zone) and the method version', () => {
    const model = buildRiskAssessmentModel(input([risk(1, 3, 3)]));
    expect(model.control).toEqual([
      { label: 'Organisation', value: 'Big Clinic (demo)' },
      { label: 'Date', value: '04/12/2026' },
      { label: 'Risk method', value: 'Version 3 (5 × 5)' },
      { label: 'Prepared by', value: 'Jo Harper (demo)' },
    ]);
  });

  it(`list at most ${reportRowLimit} risks, the highest standing ones, and say how many were left out`, () => {
    const risks = Array.from({ length: reportRowLimit + 5 }, (_, i) => risk(i + 1, 1, 1));
    risks.push(risk(9999, 5, 5)); // last by ref, highest by level: must be listed
    const assessment = buildRiskAssessmentModel(input(risks));
    const register = tableRows(assessment, 'Risk register');
    expect(register).toHaveLength(reportRowLimit);
    expect(register.map((row) => row[0])).toContain('R-09999');
    expect(register.map((row) => row[0])).toEqual([...register.map((row) => row[0])].sort());
    expect(text(assessment)).toContain(`${reportRowLimit + 6} risks are recorded in all; the ${reportRowLimit} standing highest are listed here.`);
    expect(tableRows(assessment, 'Summary')[0]).toEqual(['Low', String(reportRowLimit + 5), String(reportRowLimit + 5)]);
    const plan = buildRiskTreatmentPlanModel(input(risks));
    expect(tableRows(plan, 'Risks to treat')).toHaveLength(reportRowLimit);
    expect(tableRows(plan, 'Actions')).toHaveLength(reportRowLimit);
    expect(tableRows(plan, 'Annex A controls this plan relies on')[0]?.[2]).toMatch(/and 996 more$/);
  });

  it('list everything when the register is within the limit', () => {
    const model = buildRiskAssessmentModel(input([risk(1, 2, 2), risk(2, 4, 4)]));
    expect(tableRows(model, 'Risk register')).toHaveLength(2);
    expect(text(model)).not.toContain('standing highest');
  });
});
