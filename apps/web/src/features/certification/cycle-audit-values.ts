import { certificationOutcomeLabels, type CertificationAudit, type CertificationOutcome, type UpdateCertificationAuditBody } from '@custodian/shared/contracts/certification.ts';
import type { ConflictFields } from '../../lib/edit-conflict.ts';
import { formatDate } from '../../lib/format.ts';

/** What the editor of one audit of the cycle holds ('' for no date). */
export interface CycleAuditValues {
  plannedOn: string;
  heldOn: string;
  outcome: CertificationOutcome;
}

export const cycleAuditLabels: Record<keyof CycleAuditValues, string> = { plannedOn: 'Planned for', heldOn: 'Held on', outcome: 'Outcome' };

export function cycleAuditValues(audit: CertificationAudit): CycleAuditValues {
  return { plannedOn: audit.plannedOn ?? '', heldOn: audit.heldOn ?? '', outcome: audit.outcome };
}

/** The PATCH body: the version the person started from and only the fields they changed (empty dates as null). */
export function cycleAuditBody(version: number, changes: Partial<CycleAuditValues>): UpdateCertificationAuditBody {
  const body: UpdateCertificationAuditBody = { version };
  if (changes.plannedOn !== undefined) body.plannedOn = changes.plannedOn || null;
  if (changes.heldOn !== undefined) body.heldOn = changes.heldOn || null;
  if (changes.outcome !== undefined) body.outcome = changes.outcome;
  return body;
}

/** How the conflict notice names and shows each field: labels, dd/mm/yyyy, outcomes in words. */
export const cycleAuditConflictFields: ConflictFields<CycleAuditValues> = {
  plannedOn: { label: cycleAuditLabels.plannedOn, format: (value) => (value ? formatDate(value) : 'Not planned') },
  heldOn: { label: cycleAuditLabels.heldOn, format: (value) => (value ? formatDate(value) : 'Not held yet') },
  outcome: { label: cycleAuditLabels.outcome, format: (value) => certificationOutcomeLabels[value] },
};
