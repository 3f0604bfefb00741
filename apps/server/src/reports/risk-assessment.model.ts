import type { DocumentBlock, DocumentModel, DocumentSection } from './document.model.ts';
import {
  controlBlock,
  dateText,
  dayText,
  isAboveAppetite,
  leftOutNote,
  levelLabel,
  listedRisks,
  scoreText,
  standing,
  statusText,
  treatmentText,
  type ReportRisk,
  type RiskReportInput,
} from './risk-report-input.ts';

/*
 * The risk assessment report (ISO/IEC 27001:2022 8.2): the method the risks were assessed with, how
 * many stand at each level before and after treatment, the register with every risk's scores, the
 * scenario behind each, and the residual risks formally accepted. Written in our own words.
 */

function methodSection(input: RiskReportInput): DocumentSection {
  const { method } = input;
  const matrixRows = [...method.likelihood].reverse().map((likelihood) => [
    `${likelihood.level}. ${likelihood.label}`,
    ...method.impact.map((impact) => levelLabel(input, method.matrix[likelihood.level - 1]?.[impact.level - 1] ?? '')),
  ]);
  return {
    heading: 'How risks were assessed',
    blocks: [
      {
        kind: 'paragraph',
        text: `Each risk is rated for how likely it is (${method.likelihood.length} levels) and how much harm it would do (${method.impact.length} levels). The matrix below turns the two into a risk level. Risks are rated three times: before any controls (inherent), with the controls in place today (current), and after the planned treatment (residual).`,
      },
      { kind: 'subheading', text: 'Likelihood' },
      { kind: 'table', columns: [{ header: 'Level' }, { header: 'Name' }, { header: 'Meaning', weight: 4 }], rows: method.likelihood.map((l) => [String(l.level), l.label, l.description]) },
      { kind: 'subheading', text: 'Impact' },
      { kind: 'table', columns: [{ header: 'Level' }, { header: 'Name' }, { header: 'Meaning', weight: 4 }], rows: method.impact.map((i) => [String(i.level), i.label, i.description]) },
      { kind: 'subheading', text: 'Risk matrix (likelihood down, impact across)' },
      { kind: 'table', columns: [{ header: 'Likelihood', weight: 2 }, ...method.impact.map((i) => ({ header: `${i.level}. ${i.label}` }))], rows: matrixRows },
      {
        kind: 'paragraph',
        text: `Risk appetite: risks at ${levelLabel(input, method.acceptableLevel)} or below may be accepted without further treatment; anything higher is treated, or accepted by its owner with a recorded reason. Each risk is reviewed at least every ${method.reviewMonths} months.`,
      },
    ],
  };
}

function summarySection(input: RiskReportInput): DocumentSection {
  const open = input.risks.filter((risk) => risk.status !== 'closed');
  const rows = input.method.levels.map((level) => [
    level.label,
    String(open.filter((risk) => risk.inherent.levelKey === level.key).length),
    String(open.filter((risk) => standing(risk).levelKey === level.key).length),
  ]);
  const above = open.filter((risk) => isAboveAppetite(input, risk)).length;
  const closed = input.risks.length - open.length;
  return {
    heading: 'Summary',
    blocks: [
      {
        kind: 'paragraph',
        text: `${open.length} open risk${open.length === 1 ? '' : 's'} (${closed} closed). ${above} stand${above === 1 ? 's' : ''} above the risk appetite after treatment.`,
      },
      { kind: 'table', columns: [{ header: 'Risk level' }, { header: 'Before treatment' }, { header: 'After treatment' }], rows },
      { kind: 'paragraph', text: 'After treatment counts a risk at its residual score, or at its current or inherent score while no residual score has been assessed.' },
    ],
  };
}

function registerSection(input: RiskReportInput, listed: readonly ReportRisk[]): DocumentSection {
  const rows = listed.map((risk) => [
    risk.ref,
    risk.title,
    risk.assets.join('; ') || '—',
    risk.ownerName ?? 'No owner',
    scoreText(input, risk.inherent),
    scoreText(input, risk.current),
    scoreText(input, risk.residual),
    treatmentText(risk.treatment),
    statusText(risk.status),
    dateText(risk.nextReviewOn),
  ]);
  const table: DocumentBlock = {
    kind: 'table',
    columns: [
      { header: 'Ref' },
      { header: 'Risk', weight: 3 },
      { header: 'Assets', weight: 2 },
      { header: 'Owner', weight: 1.5 },
      { header: 'Inherent', weight: 2 },
      { header: 'Current', weight: 2 },
      { header: 'Residual', weight: 2 },
      { header: 'Treatment', weight: 1.5 },
      { header: 'Status', weight: 1.5 },
      { header: 'Next review', weight: 1.2 },
    ],
    rows,
    empty: 'No risks have been recorded yet.',
  };
  const note = leftOutNote(input.risks.length, listed.length, 'risks are recorded');
  return { heading: 'Risk register', blocks: note ? [{ kind: 'paragraph', text: note }, table] : [table] };
}

function scenarioSection(listed: readonly ReportRisk[]): DocumentSection {
  return {
    heading: 'Risk scenarios',
    blocks: [
      {
        kind: 'table',
        columns: [{ header: 'Ref' }, { header: 'Threat', weight: 4 }, { header: 'Vulnerability', weight: 4 }],
        rows: listed.map((risk) => [risk.ref, risk.threat || '—', risk.vulnerability || '—']),
        empty: 'No risks have been recorded yet.',
      },
    ],
  };
}

function acceptanceSection(input: RiskReportInput): DocumentSection {
  const all = input.risks.filter((risk) => risk.acceptance !== null);
  const accepted = listedRisks(input, all);
  const note = leftOutNote(all.length, accepted.length, 'residual risks are accepted');
  return {
    heading: 'Residual risks accepted by their owners',
    blocks: [
      ...(note ? [{ kind: 'paragraph' as const, text: note }] : []),
      {
        kind: 'table',
        columns: [{ header: 'Ref' }, { header: 'Risk', weight: 3 }, { header: 'Level accepted' }, { header: 'Accepted by', weight: 1.5 }, { header: 'On' }, { header: 'Reason', weight: 3 }],
        rows: accepted.map((risk) => {
          const acceptance = risk.acceptance;
          if (!acceptance) return [];
          const level = levelLabel(input, acceptance.levelKey);
          const flagged = isAboveAppetite(input, risk) ? `${level} (above appetite)` : level;
          return [risk.ref, risk.title, flagged, acceptance.byName, dayText(input, acceptance.at), acceptance.note || '—'];
        }),
        empty: 'No residual risk has been formally accepted yet.',
      },
    ],
  };
}

/** The risk assessment report's model, from the register as plain data. */
export function buildRiskAssessmentModel(input: RiskReportInput): DocumentModel {
  const listed = listedRisks(input, input.risks);
  return {
    title: 'Information security risk assessment',
    subtitle: 'ISO/IEC 27001:2022 clauses 6.1.2 and 8.2',
    control: controlBlock(input),
    sections: [methodSection(input), summarySection(input), registerSection(input, listed), scenarioSection(listed), acceptanceSection(input)],
    footnote: `Generated by Custodian from the risk register of ${input.organisation} on ${dayText(input, input.now)}.`,
    isLandscape: true,
  };
}
