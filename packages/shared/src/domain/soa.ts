import type { ControlItem } from '../contracts/controls.ts';
import { controlReasonLabels, controlReasons } from '../contracts/controls.ts';
import { gapStatusLabels } from '../contracts/gap.ts';
import { soaFieldLabels, type SoaCheck, type SoaDiff, type SoaField, type SoaRow } from '../contracts/soa.ts';

/** "R-0001, R-0002 and 12 more": the refs listed and how many more the control treats. */
export function riskRefsText(row: Pick<SoaRow, 'risks' | 'riskCount'>): string {
  const more = row.riskCount - row.risks.length;
  return more > 0 ? `${row.risks.join(', ')} and ${more} more` : row.risks.join(', ');
}

/** One row of the statement from one control of the register: what an auditor reads, nothing else. */
export function soaRowOf(control: ControlItem): SoaRow {
  const reasons = new Set(control.reasons);
  if (control.riskCount > 0 && control.isApplicable) reasons.add('risk_treatment');
  return {
    controlId: control.controlId,
    source: control.source,
    ref: control.ref,
    title: control.title,
    isApplicable: control.isApplicable,
    // In the fixed order of the vocabulary, so the same reasons always read (and hash) the same.
    reasons: control.isApplicable ? controlReasons.filter((reason) => reasons.has(reason)) : [],
    justification: control.isApplicable ? '' : control.justification,
    status: control.status,
    implementation: control.implementation,
    ownerName: control.ownerName,
    risks: control.risks.map((risk) => risk.ref),
    riskCount: control.riskCount,
    evidenceCount: control.evidenceCount,
    noEvidenceReason: control.noEvidenceReason,
  };
}

/**
 * The contradictions an auditor would raise, one per control and kind: an excluded control that treats
 * a risk; an applicable control with no reason for including it; an implemented control with no
 * evidence linked and no reason stated.
 */
export function soaChecksOf(rows: readonly SoaRow[]): SoaCheck[] {
  const checks: SoaCheck[] = [];
  for (const row of rows) {
    const at = { controlId: row.controlId, ref: row.ref };
    if (!row.isApplicable && row.riskCount > 0) {
      checks.push({ kind: 'excluded_treats_risk', ...at, message: `${row.ref} is excluded but treats ${riskRefsText(row)}: make it applicable or change those risks' treatment.` });
    }
    if (row.isApplicable && row.reasons.length === 0) {
      checks.push({ kind: 'included_without_reason', ...at, message: `${row.ref} is applicable but no reason for including it is recorded.` });
    }
    if (row.status === 'implemented' && row.evidenceCount === 0 && row.noEvidenceReason.trim() === '') {
      checks.push({ kind: 'implemented_without_evidence', ...at, message: `${row.ref} is marked implemented but has no evidence linked and no reason why not.` });
    }
  }
  return checks;
}

/** A field's value as the statement prints it (and the diff shows it). */
export function soaFieldText(row: SoaRow, field: SoaField): string {
  switch (field) {
    case 'isApplicable':
      return row.isApplicable ? 'Yes' : 'No';
    case 'reasons':
      return row.reasons.map((reason) => controlReasonLabels[reason]).join('; ');
    case 'status':
      return gapStatusLabels[row.status];
    case 'ownerName':
      return row.ownerName ?? '';
    case 'risks':
      return riskRefsText(row);
    default:
      return row[field];
  }
}

const diffedFields = Object.keys(soaFieldLabels) as SoaField[];

/** What changed from one version's rows to another's, control by control, in the later version's order. */
export function soaDiffOf(from: { version: number; rows: readonly SoaRow[] }, to: { version: number; rows: readonly SoaRow[] }): SoaDiff {
  const before = new Map(from.rows.map((row) => [row.controlId, row]));
  const after = new Set(to.rows.map((row) => row.controlId));
  const changes: SoaDiff['changes'] = [];
  for (const row of to.rows) {
    const old = before.get(row.controlId);
    if (!old) {
      changes.push({ controlId: row.controlId, ref: row.ref, title: row.title, change: 'added', fields: [] });
      continue;
    }
    const fields = diffedFields
      .map((field) => ({ field, label: soaFieldLabels[field], before: soaFieldText(old, field), after: soaFieldText(row, field) }))
      .filter((field) => field.before !== field.after);
    if (fields.length > 0) changes.push({ controlId: row.controlId, ref: row.ref, title: row.title, change: 'changed', fields });
  }
  for (const row of from.rows) {
    if (!after.has(row.controlId)) changes.push({ controlId: row.controlId, ref: row.ref, title: row.title, change: 'removed', fields: [] });
  }
  return { from: from.version, to: to.version, changes };
}
