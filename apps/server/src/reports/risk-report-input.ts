import { riskStatusLabels, taskStatusLabels, treatmentLabels, type RiskStatus, type TaskStatus, type TreatmentOption } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { isWithinAppetite, type RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import type { ControlEntry } from './document.model.ts';
import { formatAuDate, todayIn } from '../lib/dates.ts';

/*
 * What the risk assessment report and the risk treatment plan are built from: the register as plain
 * data (no database rows), with the helpers both use to write a score, a level and a date the same way.
 */

export interface ReportScore {
  likelihood: number;
  impact: number;
  levelKey: string;
}

export interface ReportTask {
  title: string;
  ownerName: string | null;
  /** yyyy-mm-dd */
  dueOn: string | null;
  status: TaskStatus;
  controlIds: string[];
}

export interface ReportAcceptance {
  byName: string;
  at: Date;
  levelKey: string;
  note: string;
}

export interface ReportRisk {
  ref: string;
  title: string;
  threat: string;
  vulnerability: string;
  status: RiskStatus;
  ownerName: string | null;
  assets: string[];
  inherent: ReportScore;
  current: ReportScore | null;
  residual: ReportScore | null;
  treatment: TreatmentOption | null;
  treatmentNotes: string;
  /** yyyy-mm-dd */
  nextReviewOn: string | null;
  acceptance: ReportAcceptance | null;
  tasks: ReportTask[];
}

export interface RiskReportInput {
  organisation: string;
  timeZone: string;
  now: Date;
  preparedBy: string;
  /** null: the organisation has not saved a method; the default applies. */
  methodVersion: number | null;
  method: RiskMethodDefinition;
  risks: ReportRisk[];
  /** "A.8.13 Information backup" for a catalogue id. */
  controlName: (controlId: string) => string;
  /** The control's gap-analysis status in words. */
  controlStatus: (controlId: string) => string;
}

export function levelLabel(input: RiskReportInput, key: string): string {
  return input.method.levels.find((level) => level.key === key)?.label ?? key;
}

/** "High (Likely × Major)", or "Not assessed". */
export function scoreText(input: RiskReportInput, score: ReportScore | null): string {
  if (!score) return 'Not assessed';
  const likelihood = input.method.likelihood[score.likelihood - 1]?.label ?? String(score.likelihood);
  const impact = input.method.impact[score.impact - 1]?.label ?? String(score.impact);
  return `${levelLabel(input, score.levelKey)} (${likelihood} × ${impact})`;
}

/** The residual score where assessed, else current, else inherent: where the risk stands today. */
export function standing(risk: ReportRisk): ReportScore {
  return risk.residual ?? risk.current ?? risk.inherent;
}

export function isAboveAppetite(input: RiskReportInput, risk: ReportRisk): boolean {
  return !isWithinAppetite(input.method, standing(risk).levelKey);
}

export const statusText = (status: RiskStatus): string => riskStatusLabels[status];
export const taskStatusText = (status: TaskStatus): string => taskStatusLabels[status];
export const treatmentText = (treatment: TreatmentOption | null): string => (treatment ? treatmentLabels[treatment] : 'Not decided');
export const dateText = (isoDate: string | null): string => (isoDate ? formatAuDate(isoDate) : '—');

/** dd/mm/yyyy of an instant, in the organisation's time zone. */
export function dayText(input: RiskReportInput, at: Date): string {
  return formatAuDate(todayIn(input.timeZone, at));
}

export function methodVersionText(input: RiskReportInput): string {
  const size = `${input.method.likelihood.length} × ${input.method.impact.length}`;
  return input.methodVersion === null ? `Default ${size} method (not yet saved by the organisation)` : `Version ${input.methodVersion} (${size})`;
}

/** The document-control block both reports print under their title. */
export function controlBlock(input: RiskReportInput): ControlEntry[] {
  return [
    { label: 'Organisation', value: input.organisation },
    { label: 'Date', value: dayText(input, input.now) },
    { label: 'Risk method', value: methodVersionText(input) },
    { label: 'Prepared by', value: input.preparedBy },
  ];
}

/**
 * Registers larger than this list their highest risks only (the counts stay complete): a Word document
 * or PDF of tens of thousands of rows helps nobody and would take the server's memory. The full
 * register is in the XLSX export.
 */
export const reportRowLimit = 1000;

function rankOf(input: RiskReportInput, key: string): number {
  return input.method.levels.findIndex((level) => level.key === key);
}

/** At most `limit` risks, the highest standing first when some must be left out, then listed by ref. */
export function listedRisks(input: RiskReportInput, risks: readonly ReportRisk[], limit = reportRowLimit): ReportRisk[] {
  if (risks.length <= limit) return [...risks];
  const chosen = [...risks]
    .sort((a, b) => rankOf(input, standing(b).levelKey) - rankOf(input, standing(a).levelKey) || rankOf(input, b.inherent.levelKey) - rankOf(input, a.inherent.levelKey) || a.ref.localeCompare(b.ref))
    .slice(0, limit);
  return chosen.sort((a, b) => a.ref.localeCompare(b.ref));
}

/** The sentence that says rows were left out (empty when none were). */
export function leftOutNote(total: number, listed: number, what: string): string {
  return total > listed ? `${total} ${what} in all; the ${listed} standing highest are listed here. The full register is in the XLSX export of the register.` : '';
}
