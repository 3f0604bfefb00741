import type { DocumentModel, DocumentSection } from './document.model.ts';
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
  taskStatusText,
  treatmentText,
  type ReportRisk,
  type RiskReportInput,
} from './risk-report-input.ts';

/*
 * The risk treatment plan (ISO/IEC 27001:2022 6.1.3 e, 8.3): for every open risk that is being
 * treated or stands above the appetite, the option chosen, who does what by when, the Annex A controls
 * each task puts in place with their gap-analysis status, and the owners' acceptance of what remains.
 */

/** Open risks that the plan covers: a treatment chosen, tasks planned, or above the appetite. */
export function risksInPlan(input: RiskReportInput): ReportRisk[] {
  return input.risks.filter((risk) => risk.status !== 'closed' && (risk.treatment !== null || risk.tasks.length > 0 || isAboveAppetite(input, risk)));
}

function risksSection(input: RiskReportInput, risks: readonly ReportRisk[]): DocumentSection {
  return {
    heading: 'Risks to treat',
    blocks: [
      {
        kind: 'table',
        columns: [
          { header: 'Ref' },
          { header: 'Risk', weight: 3 },
          { header: 'Owner', weight: 1.5 },
          { header: 'Now', weight: 2 },
          { header: 'Treatment', weight: 2 },
          { header: 'Target after treatment', weight: 2 },
          { header: 'How', weight: 3 },
        ],
        rows: risks.map((risk) => [
          risk.ref,
          risk.title,
          risk.ownerName ?? 'No owner',
          scoreText(input, risk.current ?? risk.inherent),
          treatmentText(risk.treatment),
          scoreText(input, risk.residual),
          risk.treatmentNotes || '—',
        ]),
        empty: 'No open risk needs treatment.',
      },
    ],
  };
}

function tasksSection(input: RiskReportInput, risks: readonly ReportRisk[]): DocumentSection {
  const rows = risks.flatMap((risk) =>
    risk.tasks.map((task) => [
      risk.ref,
      task.title,
      task.ownerName ?? 'No owner',
      dateText(task.dueOn),
      taskStatusText(task.status),
      task.controlIds.map((id) => `${input.controlName(id)} (${input.controlStatus(id)})`).join('; ') || '—',
    ]),
  );
  return {
    heading: 'Actions',
    blocks: [
      {
        kind: 'table',
        columns: [{ header: 'Risk' }, { header: 'Action', weight: 3 }, { header: 'Owner', weight: 1.5 }, { header: 'Due' }, { header: 'Progress' }, { header: 'Annex A controls (gap analysis)', weight: 4 }],
        rows,
        empty: 'No treatment actions have been planned yet.',
      },
    ],
  };
}

/** Up to ten refs, then how many more. */
function refsText(refs: readonly string[]): string {
  return refs.length <= 10 ? refs.join(', ') : `${refs.slice(0, 10).join(', ')} and ${refs.length - 10} more`;
}

function controlsSection(input: RiskReportInput, risks: readonly ReportRisk[]): DocumentSection {
  const ids = [...new Set(risks.flatMap((risk) => risk.tasks.flatMap((task) => task.controlIds)))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return {
    heading: 'Annex A controls this plan relies on',
    blocks: [
      { kind: 'paragraph', text: 'These controls should be marked as applicable in the Statement of Applicability; their status comes from the gap analysis.' },
      {
        kind: 'table',
        columns: [{ header: 'Control', weight: 3 }, { header: 'Gap analysis' }, { header: 'Risks' }],
        rows: ids.map((id) => [input.controlName(id), input.controlStatus(id), refsText(risks.filter((risk) => risk.tasks.some((task) => task.controlIds.includes(id))).map((risk) => risk.ref))]),
        empty: 'No Annex A control has been linked to a treatment action yet.',
      },
    ],
  };
}

function acceptanceSection(input: RiskReportInput, risks: readonly ReportRisk[]): DocumentSection {
  const rows = risks.map((risk) => {
    const acceptance = risk.acceptance;
    const remaining = scoreText(input, risk.residual ?? standing(risk));
    if (!acceptance) return [risk.ref, remaining, 'Awaiting acceptance by the risk owner', '—', '—'];
    const level = levelLabel(input, acceptance.levelKey);
    return [risk.ref, remaining, `Accepted at ${level}${isAboveAppetite(input, risk) ? ' (above appetite)' : ''}`, `${acceptance.byName}, ${dayText(input, acceptance.at)}`, acceptance.note || '—'];
  });
  return {
    heading: 'Approval of the plan and acceptance of residual risk',
    blocks: [
      { kind: 'paragraph', text: 'Each risk owner approves the plan for their risk and accepts the risk that remains after it; an acceptance lapses when the residual score changes.' },
      {
        kind: 'table',
        columns: [{ header: 'Risk' }, { header: 'Remaining risk', weight: 2 }, { header: 'Decision', weight: 2 }, { header: 'By, on', weight: 2 }, { header: 'Reason', weight: 3 }],
        rows,
        empty: 'No open risk needs treatment.',
      },
    ],
  };
}

/** The risk treatment plan's model, from the register as plain data. */
export function buildRiskTreatmentPlanModel(input: RiskReportInput): DocumentModel {
  const all = risksInPlan(input);
  const risks = listedRisks(input, all);
  const note = leftOutNote(all.length, risks.length, 'open risks need treatment');
  return {
    title: 'Information security risk treatment plan',
    subtitle: 'ISO/IEC 27001:2022 clauses 6.1.3 e and 8.3',
    control: controlBlock(input),
    sections: [
      {
        heading: 'Purpose',
        blocks: [
          {
            kind: 'paragraph',
            text: `This plan lists the ${all.length} open risk${all.length === 1 ? '' : 's'} of ${input.organisation} that are being treated or stand above the risk appetite, what is being done about each, by whom and by when, and who has accepted the risk that remains.`,
          },
          ...(note ? [{ kind: 'paragraph' as const, text: note }] : []),
        ],
      },
      risksSection(input, risks),
      tasksSection(input, risks),
      controlsSection(input, all),
      acceptanceSection(input, risks),
    ],
    footnote: `Generated by Custodian from the risk register of ${input.organisation} on ${dayText(input, input.now)}.`,
    isLandscape: true,
  };
}
