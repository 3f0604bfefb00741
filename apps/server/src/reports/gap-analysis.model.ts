import { gapStatusLabels, gapThemeLabels, gapThemes, type GapItem, type GapTheme, type ReadinessReply } from '@custodian/shared/contracts/gap.ts';
import { todayIn } from '../lib/dates.ts';

/**
 * One cell of a report: text, a number, a calendar date (a Date at UTC midnight of that day, shown
 * dd/mm/yyyy), a date-time (the wall clock in the organisation's time zone, in the Date's UTC
 * fields, shown dd/mm/yyyy hh:mm:ss), a percentage (0–100, shown with one decimal) or empty.
 * Renderers keep the types, so a spreadsheet can sort and sum them.
 */
export type ReportCell = string | number | Date | { dateTime: Date } | { percent: number } | null;

export interface GapAnalysisModel {
  organisation: string;
  generatedOn: string;
  /** The same day as yyyy-mm-dd (file names). */
  generatedOnIso: string;
  summary: Array<[string, ReportCell]>;
  sections: Array<{ title: string; rows: ReportCell[][] }>;
  columns: string[];
}

const columns = ['Ref', 'Title', 'Theme / clause', 'Stage', 'Status', 'Owner', 'Target date', 'Overdue', 'Justification (if not applicable)', 'Notes'];

/** A yyyy-mm-dd calendar date as a Date at midnight UTC (spreadsheet dates carry no time zone). */
export function calendarDate(isoDate: string): Date {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

function isTheme(value: string): value is GapTheme {
  return (gapThemes as readonly string[]).includes(value);
}

function themeOrClause(item: GapItem): string {
  if (item.theme) return isTheme(item.theme) ? gapThemeLabels[item.theme] : item.theme;
  return item.clause ? `Clause ${item.clause}` : '';
}

function row(item: GapItem): ReportCell[] {
  return [
    item.ref,
    item.title,
    themeOrClause(item),
    item.stage,
    gapStatusLabels[item.status],
    item.ownerName ?? '',
    item.targetDate ? calendarDate(item.targetDate) : null,
    item.isOverdue ? 'Yes' : '',
    item.justification,
    item.notes,
  ];
}

/** The gap analysis as plain data: what every rendering (XLSX today) shows. */
export function buildGapAnalysisModel(input: { organisation: string; generatedAt: Date; timeZone: string; items: GapItem[]; readiness: ReadinessReply }): GapAnalysisModel {
  const generatedOnIso = todayIn(input.timeZone, input.generatedAt);
  const generatedOn = generatedOnIso.split('-').reverse().join('/');
  const pct = (n: number) => ({ percent: n });
  return {
    organisation: input.organisation,
    generatedOn,
    generatedOnIso,
    columns,
    summary: [
      ['Organisation', input.organisation],
      ['Generated', calendarDate(generatedOnIso)],
      ['Overall readiness', pct(input.readiness.overall.score)],
      ['Management system (clauses 4–10 and documents)', pct(input.readiness.clauseScore)],
      ['Annex A controls (applicable)', pct(input.readiness.controlScore)],
      ...input.readiness.themes.map((t): [string, ReportCell] => [`Theme: ${t.title}`, pct(t.score)]),
      ...input.readiness.stages.map((s): [string, ReportCell] => [s.title, s.isReady ? 'Ready' : `${s.blockers.length} item(s) outstanding`]),
    ],
    sections: [
      { title: 'Clauses 4–10', rows: input.items.filter((i) => i.kind === 'clause').map(row) },
      { title: 'Annex A controls', rows: input.items.filter((i) => i.kind === 'control').map(row) },
      { title: 'Mandatory documents', rows: input.items.filter((i) => i.kind === 'document').map(row) },
    ],
  };
}
