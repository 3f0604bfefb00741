import type { Audit, AuditFinding, AuditStatus, ChecklistItem, ChecklistResult, FindingType } from '@custodian/shared/contracts/audits.ts';
import type { CorrectiveAction, EffectivenessReview, NcSeverity, NcSource, NcStatus, Nonconformity } from '@custodian/shared/contracts/nonconformities.ts';
import type { AuditRow, ChecklistRow, FindingRow } from './audits.repo.ts';
import type { ActionRow, NcRow, ReviewRow } from './nonconformities.repo.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

export function toAudit(row: AuditRow): Audit {
  return {
    id: row.id,
    title: row.title,
    scopeClauses: row.scope_clauses,
    scopeControls: row.scope_controls,
    criteria: row.criteria,
    plannedStart: row.planned_start,
    plannedEnd: row.planned_end,
    auditorUserId: row.auditor_user_id,
    auditorName: row.auditor_name,
    status: row.status as AuditStatus,
    completedOn: row.completed_on,
    conclusion: row.conclusion,
    findingCount: Number(row.finding_count ?? 0),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

export function toChecklistItem(row: ChecklistRow): ChecklistItem {
  return { itemId: row.item_id, kind: row.kind as ChecklistItem['kind'], ref: row.ref, title: row.title, result: row.result as ChecklistResult, notes: row.notes, version: row.version };
}

export function toFinding(row: FindingRow, refs: Map<string, string>): AuditFinding {
  return {
    id: row.id,
    type: row.type as FindingType,
    itemId: row.item_id,
    ref: row.item_id === null ? null : (refs.get(row.item_id) ?? row.item_id),
    description: row.description,
    evidenceId: row.evidence_id,
    evidenceTitle: row.evidence_title ?? null,
    evidenceRef: row.evidence_ref,
    nonconformityId: row.nonconformity_id,
    nonconformityNumber: row.nc_number ?? null,
    createdAt: iso(row.created_at),
  };
}

export const ncRef = (number: number) => `NC-${number}`;

/** An open action is overdue the day after its due day; so is an effectiveness review. */
export function ncIsOverdue(row: NcRow, today: string): boolean {
  if (row.status === 'closed') return false;
  const earliest = row.earliest_open_due as string | null;
  if (earliest !== null && earliest < today) return true;
  return row.status === 'awaiting_review' && row.review_due_on !== null && row.review_due_on < today;
}

export function toNonconformity(row: NcRow, today: string): Nonconformity {
  return {
    id: row.id,
    number: row.number,
    ref: ncRef(row.number),
    source: row.source as NcSource,
    severity: row.severity as NcSeverity,
    auditId: row.audit_id,
    title: row.title,
    description: row.description,
    correction: row.correction,
    rootCause: row.root_cause,
    evidenceRef: row.evidence_ref,
    raisedOn: row.raised_on,
    status: row.status as NcStatus,
    reviewDueOn: row.review_due_on,
    closedOn: row.closed_on,
    isOverdue: ncIsOverdue(row, today),
    actionCount: Number(row.action_count ?? 0),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

export function toAction(row: ActionRow, today: string): CorrectiveAction {
  return {
    id: row.id,
    description: row.description,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    dueOn: row.due_on,
    completedOn: row.completed_on,
    isOverdue: row.completed_on === null && row.due_on < today,
    version: row.version,
  };
}

export function toReview(row: ReviewRow): EffectivenessReview {
  return { id: row.id, reviewerUserId: row.reviewer_user_id, reviewerName: row.reviewer_name, reviewedOn: row.reviewed_on, isEffective: row.is_effective, notes: row.notes };
}
