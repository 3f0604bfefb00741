import { auditClauses, type AuditDetail, type UpdateAuditBody } from '@custodian/shared/contracts/audits.ts';
import type { ConflictFields } from '../../lib/edit-conflict.ts';
import { formatDate } from '../../lib/format.ts';

type AuditClause = (typeof auditClauses)[number];

/**
 * What the "change the plan" form edits, as the form holds it: '' for no auditor, and the clauses and
 * controls in scope as one sorted line each, so a field compares equal when the same boxes are ticked
 * in another order (the conflict notice compares values one by one).
 */
export interface AuditPlanValues {
  title: string;
  plannedStart: string;
  plannedEnd: string;
  auditorUserId: string;
  scopeClauses: string;
  scopeControls: string;
  criteria: string;
}

export const auditPlanLabels: Record<keyof AuditPlanValues, string> = {
  title: 'Audit title',
  plannedStart: 'Planned start',
  plannedEnd: 'Planned end',
  auditorUserId: 'Auditor',
  scopeClauses: 'Clauses in scope',
  scopeControls: 'Controls in scope',
  criteria: 'Audit criteria',
};

const separator = '\n';

/** A list of ids as the form holds it. */
export function joinIds(ids: readonly string[]): string {
  return [...new Set(ids)].sort().join(separator);
}

/** The ids of a list the form holds. */
export function splitIds(value: string): string[] {
  return value ? value.split(separator) : [];
}

export function auditPlanValues(audit: AuditDetail): AuditPlanValues {
  return {
    title: audit.title,
    plannedStart: audit.plannedStart,
    plannedEnd: audit.plannedEnd,
    auditorUserId: audit.auditorUserId ?? '',
    scopeClauses: joinIds(audit.scopeClauses),
    scopeControls: joinIds(audit.scopeControls),
    criteria: audit.criteria,
  };
}

/** The PATCH body: the version the person edited and only the fields they changed (an emptied end date means a one-day audit). */
export function auditPlanBody(version: number, changes: Partial<AuditPlanValues>, values: AuditPlanValues): UpdateAuditBody {
  const body: UpdateAuditBody = { version };
  if (changes.title !== undefined) body.title = changes.title;
  if (changes.plannedStart !== undefined) body.plannedStart = changes.plannedStart;
  if (changes.plannedEnd !== undefined) body.plannedEnd = changes.plannedEnd || values.plannedStart;
  if (changes.auditorUserId !== undefined) body.auditorUserId = changes.auditorUserId || null;
  if (changes.scopeClauses !== undefined) body.scopeClauses = splitIds(changes.scopeClauses) as AuditClause[];
  if (changes.scopeControls !== undefined) body.scopeControls = splitIds(changes.scopeControls);
  if (changes.criteria !== undefined) body.criteria = changes.criteria;
  return body;
}

/** Clause numbers in the standard's order: "Clause 4, Clause 10". */
export function clausesText(value: string): string {
  const chosen = splitIds(value);
  return auditClauses.filter((clause) => chosen.includes(clause)).map((clause) => `Clause ${clause}`).join(', ') || 'No clauses';
}

/** How the conflict notice names and shows each field: labels, dd/mm/yyyy, people's names, control numbers. */
export function auditPlanConflictFields(names: { people: ReadonlyMap<string, string>; controls: ReadonlyMap<string, string> }): ConflictFields<AuditPlanValues> {
  const date = (value: string) => (value ? formatDate(value) : 'Not set');
  return {
    title: { label: auditPlanLabels.title, format: (value) => value },
    plannedStart: { label: auditPlanLabels.plannedStart, format: date },
    plannedEnd: { label: auditPlanLabels.plannedEnd, format: date },
    auditorUserId: { label: auditPlanLabels.auditorUserId, format: (value) => (value ? (names.people.get(value) ?? 'Another member') : 'Not yet chosen') },
    scopeClauses: { label: auditPlanLabels.scopeClauses, format: clausesText },
    scopeControls: {
      label: auditPlanLabels.scopeControls,
      format: (value) => splitIds(value).map((id) => names.controls.get(id) ?? id).sort((a, b) => a.localeCompare(b, 'en-AU', { numeric: true })).join(', ') || 'No controls',
    },
    criteria: { label: auditPlanLabels.criteria, format: (value) => value || 'None written' },
  };
}
