import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';
import { isoDate, okReply, recordVersion, singleLineName, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';

/**
 * Internal audit (ISO/IEC 27001 clause 9.2): a three-year programme of audits, each with a scope
 * (clauses 4 to 10 and applicable controls), criteria, dates and an independent auditor, a checklist
 * generated from the catalogue and the SoA, findings and a report. ADR 0030.
 */

export const auditStatuses = ['planned', 'in_progress', 'completed'] as const;
export type AuditStatus = (typeof auditStatuses)[number];
export const auditStatusLabels: Record<AuditStatus, string> = { planned: 'Planned', in_progress: 'In progress', completed: 'Completed' };

/** The management-system clauses an audit can cover (top-level clause numbers of the standard). */
export const auditClauses = ['4', '5', '6', '7', '8', '9', '10'] as const;

export const checklistResults = ['not_checked', 'conforms', 'nonconformity', 'observation', 'not_applicable'] as const;
export type ChecklistResult = (typeof checklistResults)[number];
export const checklistResultLabels: Record<ChecklistResult, string> = {
  not_checked: 'Not checked yet',
  conforms: 'Conforms',
  nonconformity: 'Nonconformity',
  observation: 'Observation',
  not_applicable: 'Not applicable',
};

export const findingTypes = ['major', 'minor', 'observation', 'improvement'] as const;
export type FindingType = (typeof findingTypes)[number];
export const findingTypeLabels: Record<FindingType, string> = {
  major: 'Major nonconformity',
  minor: 'Minor nonconformity',
  observation: 'Observation',
  improvement: 'Opportunity for improvement',
};

export const checklistItem = z.object({
  itemId: z.string(),
  kind: z.enum(['requirement', 'control']),
  ref: z.string(),
  title: z.string(),
  result: z.enum(checklistResults),
  notes: z.string(),
  version: z.number().int(),
});
export type ChecklistItem = z.infer<typeof checklistItem>;

export const auditFinding = z.object({
  id: z.uuid(),
  type: z.enum(findingTypes),
  itemId: z.string().nullable(),
  ref: z.string().nullable(),
  description: z.string(),
  evidenceId: z.uuid().nullable(),
  evidenceTitle: z.string().nullable(),
  evidenceRef: z.string(),
  nonconformityId: z.uuid().nullable(),
  nonconformityNumber: z.number().int().nullable(),
  createdAt: z.string(),
});
export type AuditFinding = z.infer<typeof auditFinding>;

export const audit = z.object({
  id: z.uuid(),
  title: z.string(),
  scopeClauses: z.array(z.string()),
  scopeControls: z.array(z.string()),
  criteria: z.string(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  auditorUserId: z.uuid().nullable(),
  auditorName: z.string().nullable(),
  status: z.enum(auditStatuses),
  completedOn: z.string().nullable(),
  conclusion: z.string(),
  findingCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Audit = z.infer<typeof audit>;

export const auditDetail = audit.extend({ checklist: z.array(checklistItem), findings: z.array(auditFinding) });
export type AuditDetail = z.infer<typeof auditDetail>;

export const auditListQuery = listQuery({
  sorts: ['plannedStart', 'title', 'updatedAt'],
  sort: 'plannedStart',
  filters: { status: z.enum(auditStatuses).optional(), q: z.string().trim().max(200).optional() },
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

const clauseList = z.array(z.enum(auditClauses, { message: 'must be a clause from 4 to 10' })).max(7);
const controlList = z.array(z.string().trim().min(1).max(100)).max(200);

export const createAuditBody = z
  .strictObject({
    title: singleLineName(1, 200),
    scopeClauses: clauseList.default([]),
    scopeControls: controlList.default([]),
    criteria: z.string().max(5000).default(''),
    plannedStart: isoDate,
    plannedEnd: isoDate,
    auditorUserId: z.uuid({ message: 'must be a valid id' }).nullable().default(null),
  })
  .refine((body) => body.plannedEnd >= body.plannedStart, { message: 'The planned end cannot be before the planned start.', path: ['plannedEnd'] })
  .refine((body) => body.scopeClauses.length + body.scopeControls.length > 0, { message: 'Choose at least one clause or control for the audit to cover.', path: ['scopeClauses'] });
export type CreateAuditBody = z.input<typeof createAuditBody>;

/** Only the fields that changed, with the version the editor read. */
export const updateAuditBody = z.strictObject({
  version: recordVersion,
  title: singleLineName(1, 200).optional(),
  scopeClauses: clauseList.optional(),
  scopeControls: controlList.optional(),
  criteria: z.string().max(5000).optional(),
  plannedStart: isoDate.optional(),
  plannedEnd: isoDate.optional(),
  auditorUserId: z.uuid({ message: 'must be a valid id' }).nullable().optional(),
  status: z.enum(['planned', 'in_progress']).optional(),
  conclusion: z.string().max(10000).optional(),
});
export type UpdateAuditBody = z.input<typeof updateAuditBody>;

export const completeAuditBody = z.strictObject({ version: recordVersion, conclusion: z.string().trim().min(1, { message: 'Write the audit’s conclusion.' }).max(10000) });
export type CompleteAuditBody = z.input<typeof completeAuditBody>;

export const updateChecklistBody = z.strictObject({
  version: recordVersion,
  result: z.enum(checklistResults).optional(),
  notes: z.string().max(5000).optional(),
});
export type UpdateChecklistBody = z.input<typeof updateChecklistBody>;

export const createFindingBody = z.strictObject({
  type: z.enum(findingTypes, { message: 'must be major, minor, observation or improvement' }),
  itemId: z.string().min(1).max(100).nullable().default(null),
  description: z.string().trim().min(1, { message: 'Describe the finding.' }).max(5000),
  evidenceId: z.uuid({ message: 'must be a valid id' }).nullable().default(null),
  evidenceRef: z.string().max(500).default(''),
});
export type CreateFindingBody = z.input<typeof createFindingBody>;

/** The programme: every clause and applicable control, and which audits of the three years cover it. */
export const programmeLine = z.object({
  kind: z.enum(['clause', 'control']),
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  audits: z.array(z.object({ id: z.uuid(), title: z.string(), plannedStart: z.string(), status: z.enum(auditStatuses) })),
});
export type ProgrammeLine = z.infer<typeof programmeLine>;
export const auditProgramme = z.object({
  from: z.string(),
  to: z.string(),
  lines: z.array(programmeLine),
  coveredCount: z.number().int(),
  totalCount: z.number().int(),
});
export type AuditProgramme = z.infer<typeof auditProgramme>;

const idParams = z.strictObject({ id: uuidParam });
const itemParams = z.strictObject({ id: uuidParam, itemId: z.string().min(1).max(100) });
const tag = 'audits';
const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Internal audits. */
export const auditsApi = {
  list: apiRoute({ method: 'GET', path: '/audits', access: 'audits.read', tag, summary: 'List internal audits', query: auditListQuery, reply: listOf(audit) }),
  programme: apiRoute({ method: 'GET', path: '/audit-programme', access: 'audits.read', tag, summary: 'The three-year audit programme and what it covers', reply: auditProgramme }),
  get: apiRoute({ method: 'GET', path: '/audits/:id', access: 'audits.read', tag, summary: 'One audit with its checklist and findings', params: idParams, reply: auditDetail }),
  create: apiRoute({ method: 'POST', path: '/audits', access: 'audits.write', tag, summary: 'Plan an internal audit', body: createAuditBody, reply: auditDetail, status: 201 }),
  update: apiRoute({ method: 'PATCH', path: '/audits/:id', access: 'audits.write', tag, summary: 'Change an audit (send the version you read)', params: idParams, body: updateAuditBody, reply: auditDetail }),
  complete: apiRoute({ method: 'POST', path: '/audits/:id/complete', access: 'audits.write', tag, summary: 'Complete an audit with its conclusion', params: idParams, body: completeAuditBody, reply: auditDetail }),
  remove: apiRoute({ method: 'DELETE', path: '/audits/:id', access: 'audits.write', tag, summary: 'Delete a planned audit', params: idParams, reply: okReply }),
  updateChecklist: apiRoute({ method: 'PATCH', path: '/audits/:id/checklist/:itemId', access: 'audits.write', tag, summary: 'Record a checklist result', params: itemParams, body: updateChecklistBody, reply: checklistItem }),
  addFinding: apiRoute({ method: 'POST', path: '/audits/:id/findings', access: 'audits.write', tag, summary: 'Record a finding (a nonconformity raises a record)', params: idParams, body: createFindingBody, reply: auditDetail, status: 201 }),
  reportDocx: apiRoute({ method: 'GET', path: '/audits/:id/report.docx', access: 'audits.read', tag, summary: 'The audit report as a Word document', params: idParams, reply: fileReply(docx) }),
  reportPdf: apiRoute({ method: 'GET', path: '/audits/:id/report.pdf', access: 'audits.read', tag, summary: 'The audit report as a PDF', params: idParams, reply: fileReply('application/pdf') }),
};
