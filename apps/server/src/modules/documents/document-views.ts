import type { Document, DocumentAssignment, DocumentStatus, DocumentTemplateKey, DocumentVersionSummary } from '@custodian/shared/contracts/documents.ts';
import type { Role } from '@custodian/shared/permissions.ts';
import type { AssignmentRow } from './acknowledgements.repo.ts';
import type { DocumentRow, VersionRow } from './documents.repo.ts';

/** "2.1" for major 2, minor 1. */
export const versionLabel = (major: number, minor: number) => `${major}.${minor}`;

export function toDocument(row: DocumentRow, latest: VersionRow | undefined): Document {
  const status: DocumentStatus = !latest ? 'draft' : latest.html === row.draft_html && latest.name === row.name ? 'approved' : 'changed';
  return {
    id: row.id,
    name: row.name,
    templateKey: row.template_key as DocumentTemplateKey | null,
    mandatoryId: row.mandatory_id,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    reviewMonths: row.review_months,
    status,
    approvedLabel: latest ? versionLabel(latest.major, latest.minor) : null,
    approvedNumber: row.approved_number,
    nextReviewOn: row.next_review_on === null ? null : dayString(row.next_review_on),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

/** A date column as yyyy-mm-dd, whichever driver read it. */
export function dayString(value: Date | string): string {
  if (typeof value === 'string') return value.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

export function toVersionSummary(row: VersionRow): DocumentVersionSummary {
  return {
    number: row.number,
    label: versionLabel(row.major, row.minor),
    isMajor: row.minor === 0,
    changeNote: row.change_note,
    approvedAt: new Date(row.approved_at).toISOString(),
    approvedByName: row.approved_by_name,
  };
}

export function toAssignment(row: AssignmentRow): DocumentAssignment {
  return { id: row.id, role: row.role as Role | null, userId: row.user_id, userName: row.user_name };
}

/** The calendar day `months` after `isoDay` (the last day of a shorter month when the day does not exist). */
export function addMonths(isoDay: string, months: number): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
