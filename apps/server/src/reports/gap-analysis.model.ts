import { gapStatusLabels, type GapItem, type ReadinessReply } from '@custodian/shared/contracts/gap.ts';
import { formatAuDate, todayIn } from '../lib/dates.ts';

export interface GapAnalysisModel {
  organisation: string;
  generatedOn: string;
  /** The same day as yyyy-mm-dd (file names). */
  generatedOnIso: string;
  summary: Array<[string, string]>;
  sections: Array<{ title: string; rows: string[][] }>;
  columns: string[];
}

const columns = ['Ref', 'Title', 'Theme / clause', 'Stage', 'Status', 'Owner', 'Target date', 'Overdue', 'Justification (if not applicable)', 'Notes'];

function row(item: GapItem): string[] {
  return [
    item.ref,
    item.title,
    item.theme ?? (item.clause ? `Clause ${item.clause}` : ''),
    item.stage ? `Stage ${item.stage}` : '',
    gapStatusLabels[item.status],
    item.ownerName ?? '',
    item.targetDate ? formatAuDate(item.targetDate) : '',
    item.isOverdue ? 'Yes' : '',
    item.justification,
    item.notes,
  ];
}

/** The gap analysis as plain data: what every rendering (XLSX today) shows. */
export function buildGapAnalysisModel(input: { organisation: string; generatedAt: Date; timeZone: string; items: GapItem[]; readiness: ReadinessReply }): GapAnalysisModel {
  const generatedOn = new Intl.DateTimeFormat('en-AU', { timeZone: input.timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(input.generatedAt);
  const pct = (n: number) => `${n.toFixed(1)}%`;
  return {
    organisation: input.organisation,
    generatedOn,
    generatedOnIso: todayIn(input.timeZone, input.generatedAt),
    columns,
    summary: [
      ['Organisation', input.organisation],
      ['Generated', generatedOn],
      ['Overall readiness', pct(input.readiness.overall.score)],
      ['Management system (clauses 4–10 and documents)', pct(input.readiness.clauseScore)],
      ['Annex A controls (applicable)', pct(input.readiness.controlScore)],
      ...input.readiness.themes.map((t): [string, string] => [`Theme: ${t.title}`, pct(t.score)]),
      ...input.readiness.stages.map((s): [string, string] => [s.title, s.isReady ? 'Ready' : `${s.blockers.length} item(s) outstanding`]),
    ],
    sections: [
      { title: 'Clauses 4–10', rows: input.items.filter((i) => i.kind === 'clause').map(row) },
      { title: 'Annex A controls', rows: input.items.filter((i) => i.kind === 'control').map(row) },
      { title: 'Mandatory documents', rows: input.items.filter((i) => i.kind === 'document').map(row) },
    ],
  };
}
