import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { Audit, AuditDetail, AuditListQuery, ChecklistItem, CompleteAuditBody, UpdateAuditBody, UpdateChecklistBody } from '@custodian/shared/contracts/audits.ts';
import type { createAuditBody, createFindingBody } from '@custodian/shared/contracts/audits.ts';
import type { z } from 'zod';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { todayIn } from '../../lib/dates.ts';
import { getEvidence } from '../evidence/evidence.service.ts';
import { findMemberName } from '../org/org.service.ts';
import { assertControlsAuditable, auditUniverse, checklistLines, independenceRefusal } from './audit-scope.ts';
import { auditDetailOf, findAudit } from './audit-detail.ts';
import { buildAuditReport, type AuditReportDraft } from './audit-report.ts';
import { toAudit, toChecklistItem } from './audit-views.ts';
import {
  deleteAuditRow,
  insertAuditRow,
  insertFindingRow,
  listAuditRows,
  listChecklistRows,
  syncChecklistRows,
  updateAuditRow,
  updateChecklistRow,
  type AuditRow,
  type AuditValues,
} from './audits.repo.ts';
import { raiseNonconformity } from './nonconformities.service.ts';

export { auditProgramme } from './audit-programme.ts';
export { auditResultsForReview, auditsObligations, auditsPackFiles, internalAuditProgress, ncRegisterDraft as ncRegister, nonconformitiesForReview } from './audits-outputs.ts';
export { renderAuditReport } from './audit-report.ts';
export { sendCorrectiveActionReminders } from './ca-reminders.service.ts';

const entity = (id: string) => ({ type: 'audit', id });

function refused(path: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path, message }]);
}

function snapshot(values: AuditValues) {
  const { title, scope_clauses, scope_controls, criteria, planned_start, planned_end, auditor_user_id, status, completed_on, conclusion } = values;
  return { title, scopeClauses: scope_clauses, scopeControls: scope_controls, criteria, plannedStart: planned_start, plannedEnd: planned_end, auditorUserId: auditor_user_id, status, completedOn: completed_on, conclusion };
}

function valuesOf(row: AuditRow): AuditValues {
  return {
    title: row.title,
    scope_clauses: row.scope_clauses,
    scope_controls: row.scope_controls,
    criteria: row.criteria,
    planned_start: row.planned_start,
    planned_end: row.planned_end,
    auditor_user_id: row.auditor_user_id,
    status: row.status,
    completed_on: row.completed_on,
    conclusion: row.conclusion,
  };
}

export async function listAudits(ctx: OrgCtx, query: AuditListQuery): Promise<ListReply<Audit>> {
  const page = await listAuditRows(ctx.tx, ctx.org.id, query);
  return { ...page, items: page.items.map(toAudit) };
}

export async function getAudit(ctx: OrgCtx, id: string): Promise<AuditDetail> {
  return auditDetailOf(ctx, await findAudit(ctx, id));
}

async function auditorName(ctx: OrgCtx, userId: string | null): Promise<string | null> {
  if (userId === null) return null;
  const name = await findMemberName(ctx, userId);
  if (name === null) throw refused('auditorUserId', 'The auditor must be a member of this organisation.');
  return name;
}

/** Checks the scope against the register and the auditor's independence, then writes the checklist. */
async function applyScope(ctx: OrgCtx, auditId: string, values: AuditValues, name: string | null): Promise<void> {
  const universe = await auditUniverse(ctx);
  assertControlsAuditable(universe, values.scope_controls);
  const scope = { clauses: values.scope_clauses, controls: values.scope_controls };
  const refusal = independenceRefusal(universe, scope, { userId: values.auditor_user_id, name });
  if (refusal) throw refused('auditorUserId', refusal);
  await syncChecklistRows(ctx.tx, { orgId: ctx.org.id, auditId }, checklistLines(universe, scope), { at: ctx.now, by: ctx.actor.userId });
}

/** Plans an audit: scope, criteria, dates and an auditor who owns nothing in scope; the checklist follows from the scope. */
export async function createAudit(ctx: OrgCtx, input: z.output<typeof createAuditBody>): Promise<AuditDetail> {
  const id = newId(ctx.now.getTime());
  const values: AuditValues = {
    title: input.title,
    scope_clauses: [...new Set(input.scopeClauses)],
    scope_controls: [...new Set(input.scopeControls)],
    criteria: input.criteria,
    planned_start: input.plannedStart,
    planned_end: input.plannedEnd,
    auditor_user_id: input.auditorUserId,
    status: 'planned',
    completed_on: null,
    conclusion: '',
  };
  const name = await auditorName(ctx, values.auditor_user_id);
  await insertAuditRow(ctx.tx, { orgId: ctx.org.id, id }, values, { at: ctx.now, by: ctx.actor.userId });
  await applyScope(ctx, id, values, name);
  await ctx.audit('audits.created', entity(id), null, snapshot(values));
  return getAudit(ctx, id);
}

function editConflict(current: AuditDetail): AppError {
  return new AppError('edit_conflict', `Someone else saved the audit “${current.title}” after you opened it. Their version is shown: check it, then apply your change again.`, { current });
}

/** Changes the fields sent, if nobody saved the audit since `version`; a completed audit is a record and stays as it is. */
export async function updateAudit(ctx: OrgCtx, id: string, input: UpdateAuditBody): Promise<AuditDetail> {
  const before = await findAudit(ctx, id, true);
  if (before.version !== input.version) throw editConflict(await auditDetailOf(ctx, before));
  if (before.status === 'completed') throw new AppError('conflict', 'This audit is completed and its report issued, so it can no longer be changed. Plan a follow-up audit instead.');
  const current = valuesOf(before);
  const values: AuditValues = {
    ...current,
    title: input.title ?? current.title,
    scope_clauses: input.scopeClauses ? [...new Set(input.scopeClauses)] : current.scope_clauses,
    scope_controls: input.scopeControls ? [...new Set(input.scopeControls)] : current.scope_controls,
    criteria: input.criteria ?? current.criteria,
    planned_start: input.plannedStart ?? current.planned_start,
    planned_end: input.plannedEnd ?? current.planned_end,
    auditor_user_id: input.auditorUserId === undefined ? current.auditor_user_id : input.auditorUserId,
    status: input.status ?? current.status,
    conclusion: input.conclusion ?? current.conclusion,
  };
  if (values.planned_end < values.planned_start) throw refused('plannedEnd', 'The planned end cannot be before the planned start.');
  if (values.scope_clauses.length + values.scope_controls.length === 0) throw refused('scopeClauses', 'Choose at least one clause or control for the audit to cover.');
  if (values.status === 'in_progress' && values.auditor_user_id === null) throw refused('auditorUserId', 'Name the auditor before the audit starts.');
  const name = await auditorName(ctx, values.auditor_user_id);
  if (!(await updateAuditRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, values, { at: ctx.now, by: ctx.actor.userId }))) {
    throw editConflict(await getAudit(ctx, id));
  }
  await applyScope(ctx, id, values, name);
  await ctx.audit('audits.updated', entity(id), snapshot(current), snapshot(values));
  return getAudit(ctx, id);
}

/**
 * Completes the audit with its conclusion: every checklist line has a result, and the auditor is still
 * independent of everything in scope (an owner may have changed since the audit was planned).
 */
export async function completeAudit(ctx: OrgCtx, id: string, input: CompleteAuditBody): Promise<AuditDetail> {
  const before = await findAudit(ctx, id, true);
  if (before.version !== input.version) throw editConflict(await auditDetailOf(ctx, before));
  if (before.status === 'completed') throw new AppError('conflict', 'This audit is already completed.');
  if (before.auditor_user_id === null) throw refused('auditorUserId', 'Name the auditor before completing the audit.');
  const unchecked = (await listChecklistRows(ctx.tx, ctx.org.id, id)).filter((line) => line.result === 'not_checked');
  if (unchecked.length > 0) {
    throw refused('checklist', `${unchecked.length} checklist ${unchecked.length === 1 ? 'line has' : 'lines have'} no result yet (first: ${unchecked[0]?.ref ?? ''}). Record a result for every line before completing the audit.`);
  }
  const current = valuesOf(before);
  const universe = await auditUniverse(ctx);
  const refusal = independenceRefusal(universe, { clauses: current.scope_clauses, controls: current.scope_controls }, { userId: current.auditor_user_id, name: before.auditor_name });
  if (refusal) throw refused('auditorUserId', refusal);
  const values: AuditValues = { ...current, status: 'completed', completed_on: todayIn(ctx.org.timeZone, ctx.now), conclusion: input.conclusion };
  if (!(await updateAuditRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, values, { at: ctx.now, by: ctx.actor.userId }))) {
    throw editConflict(await getAudit(ctx, id));
  }
  await ctx.audit('audits.completed', entity(id), snapshot(current), snapshot(values));
  return getAudit(ctx, id);
}

/** Deletes an audit that has not started; a started or completed audit is part of the record. */
export async function deleteAudit(ctx: OrgCtx, id: string): Promise<void> {
  const before = await findAudit(ctx, id, true);
  if (before.status !== 'planned') throw new AppError('conflict', 'Only a planned audit can be deleted; this one has started, so it stays on the record.');
  if (!(await deleteAuditRow(ctx.tx, ctx.org.id, id))) throw notFound('The audit');
  await ctx.audit('audits.deleted', entity(id), snapshot(valuesOf(before)));
}

/** Records a checklist line's result and notes while the audit is open (version per line). */
export async function updateChecklistItem(ctx: OrgCtx, id: string, itemId: string, input: UpdateChecklistBody): Promise<ChecklistItem> {
  const audit = await findAudit(ctx, id);
  if (audit.status === 'completed') throw new AppError('conflict', 'This audit is completed, so its checklist can no longer be changed.');
  const line = (await listChecklistRows(ctx.tx, ctx.org.id, id)).find((row) => row.item_id === itemId);
  if (!line) throw notFound('The checklist line');
  const conflict = (current: ChecklistItem) => new AppError('edit_conflict', `Someone else recorded ${current.ref} after you opened it. Their version is shown: check it, then apply your change again.`, { current });
  if (line.version !== input.version) throw conflict(toChecklistItem(line));
  const values = { ...(input.result === undefined ? {} : { result: input.result }), ...(input.notes === undefined ? {} : { notes: input.notes }) };
  const after = await updateChecklistRow(ctx.tx, { orgId: ctx.org.id, auditId: id, itemId, version: input.version }, values, { at: ctx.now, by: ctx.actor.userId });
  if (!after) throw conflict(toChecklistItem((await listChecklistRows(ctx.tx, ctx.org.id, id)).find((row) => row.item_id === itemId) ?? line));
  await ctx.audit('audits.checklist_recorded', entity(id), { ref: line.ref, result: line.result, notes: line.notes }, { ref: after.ref, result: after.result, notes: after.notes });
  return toChecklistItem(after);
}

/**
 * Records a finding on a started audit. A major or minor nonconformity raises a nonconformity record
 * (source: internal audit) that the corrective-action workflow takes from there.
 */
export async function addFinding(ctx: OrgCtx, id: string, input: z.output<typeof createFindingBody>): Promise<AuditDetail> {
  const audit = await findAudit(ctx, id, true);
  if (audit.status !== 'in_progress') throw new AppError('conflict', audit.status === 'planned' ? 'Start the audit before recording findings.' : 'This audit is completed, so no more findings can be added.');
  const line = input.itemId === null ? null : (await listChecklistRows(ctx.tx, ctx.org.id, id)).find((row) => row.item_id === input.itemId);
  if (input.itemId !== null && !line) throw refused('itemId', 'The finding must name a line of this audit’s checklist.');
  let evidenceTitle: string | null = null;
  if (input.evidenceId !== null) {
    try {
      evidenceTitle = (await getEvidence(ctx, input.evidenceId)).title;
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') throw refused('evidenceId', 'The evidence must be an item of this organisation’s evidence.');
      throw error;
    }
  }
  const findingId = newId(ctx.now.getTime());
  let nonconformityId: string | null = null;
  if (input.type === 'major' || input.type === 'minor') {
    const where = line ? ` (${line.ref})` : '';
    nonconformityId = await raiseNonconformity(ctx, {
      source: 'audit',
      severity: input.type,
      auditId: id,
      title: `${audit.title}${where}: ${input.description}`.slice(0, 200).replace(/[\r\n]+/g, ' '),
      description: input.description,
      evidenceRef: evidenceTitle ? `Evidence: ${evidenceTitle}` : input.evidenceRef,
    });
  }
  await insertFindingRow(ctx.tx, {
    org_id: ctx.org.id,
    id: findingId,
    audit_id: id,
    type: input.type,
    item_id: input.itemId,
    description: input.description,
    evidence_id: input.evidenceId,
    evidence_ref: input.evidenceRef,
    nonconformity_id: nonconformityId,
    created_at: ctx.now,
    created_by: ctx.actor.userId,
  });
  await ctx.audit('audits.finding_added', entity(id), null, { type: input.type, ref: line?.ref ?? null, description: input.description, evidence: evidenceTitle ?? input.evidenceRef });
  return getAudit(ctx, id);
}


/** The audit report's content, read in the request; `renderAuditReport` makes the DOCX or PDF after the commit. */
export async function auditReport(ctx: OrgCtx, id: string): Promise<AuditReportDraft> {
  return buildAuditReport(ctx, await getAudit(ctx, id));
}
