import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';
import { okReply, recordVersion, singleLineName, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';
import { roles } from '../permissions.ts';

/** The policy templates a document may start from (written in our own words, filled in with the organisation's details). */
export const documentTemplateKeys = [
  'information-security',
  'acceptable-use',
  'access-control',
  'clinical-workstations',
  'mobile-byod',
  'remote-work-telehealth',
  'backup',
  'incident-response',
  'supplier-security',
  'cryptography',
  'clean-desk',
  'records-retention',
] as const;
export type DocumentTemplateKey = (typeof documentTemplateKeys)[number];

/** The longest draft accepted (sanitised HTML). */
export const documentHtmlMax = 200_000;

export const documentStatuses = ['draft', 'approved', 'changed'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export const document = z.object({
  id: z.uuid(),
  name: z.string(),
  templateKey: z.enum(documentTemplateKeys).nullable(),
  mandatoryId: z.string().nullable(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  reviewMonths: z.number().int(),
  /** draft: never approved; approved: the draft is the approved text; changed: approved, with unapproved changes. */
  status: z.enum(documentStatuses),
  /** "2.1" for major 2, minor 1; null before the first approval. */
  approvedLabel: z.string().nullable(),
  approvedNumber: z.number().int().nullable(),
  nextReviewOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Document = z.infer<typeof document>;

export const documentVersionSummary = z.object({
  number: z.number().int(),
  label: z.string(),
  isMajor: z.boolean(),
  changeNote: z.string(),
  approvedAt: z.string(),
  approvedByName: z.string(),
});
export type DocumentVersionSummary = z.infer<typeof documentVersionSummary>;

export const documentAssignment = z.object({
  id: z.uuid(),
  role: z.enum(roles).nullable(),
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
});
export type DocumentAssignment = z.infer<typeof documentAssignment>;

export const documentDetail = document.extend({
  draftHtml: z.string(),
  versions: z.array(documentVersionSummary),
  assignments: z.array(documentAssignment),
});
export type DocumentDetail = z.infer<typeof documentDetail>;

export const documentVersion = documentVersionSummary.extend({ name: z.string(), html: z.string() });
export type DocumentVersion = z.infer<typeof documentVersion>;

export const documentListQuery = listQuery({
  sorts: ['name', 'updatedAt'],
  sort: 'name',
  filters: { q: z.string().trim().max(200).optional() },
});
export type DocumentListQuery = z.infer<typeof documentListQuery>;

const mandatoryIdField = z.string().regex(/^iso27001:2022:doc:[a-z0-9-]+$/, { message: 'must be one of the mandatory documents' });

/** Either a template (its name and text filled in) or a blank document with a name. */
export const createDocumentBody = z
  .strictObject({
    templateKey: z.enum(documentTemplateKeys).optional(),
    name: singleLineName(1, 200).optional(),
  })
  .refine((body) => body.templateKey !== undefined || body.name !== undefined, { message: 'Choose a template or enter a name.', path: ['name'] });
export type CreateDocumentBody = z.input<typeof createDocumentBody>;

/** Only the fields that changed, with the version the editor read. */
export const updateDocumentBody = z.strictObject({
  version: recordVersion,
  name: singleLineName(1, 200).optional(),
  draftHtml: z.string().max(documentHtmlMax, { message: 'is too long (200,000 characters at most)' }).optional(),
  ownerUserId: z.uuid({ message: 'must be a member of the organisation' }).nullable().optional(),
  reviewMonths: z.number().int().min(1, { message: 'must be between 1 and 36 months' }).max(36, { message: 'must be between 1 and 36 months' }).optional(),
  mandatoryId: mandatoryIdField.nullable().optional(),
});
export type UpdateDocumentBody = z.input<typeof updateDocumentBody>;

export const approveDocumentBody = z.strictObject({
  version: recordVersion,
  isMajor: z.boolean(),
  changeNote: z.string().trim().min(1, { message: 'Say what changed in this version.' }).max(2000),
});
export type ApproveDocumentBody = z.input<typeof approveDocumentBody>;

export const assignDocumentBody = z
  .strictObject({ role: z.enum(roles).optional(), userId: z.uuid({ message: 'must be a member of the organisation' }).optional() })
  .refine((body) => (body.role === undefined) !== (body.userId === undefined), { message: 'Choose a role or a person (one of them).', path: ['role'] });
export type AssignDocumentBody = z.input<typeof assignDocumentBody>;

export const documentTemplate = z.object({ key: z.enum(documentTemplateKeys), name: z.string(), summary: z.string(), mandatoryId: z.string().nullable() });

export const mandatoryDocument = z.object({
  id: z.string(),
  title: z.string(),
  isMet: z.boolean(),
  /** How it is met: "Approved policy: …", "Approved scope statement", "Approved Statement of Applicability (version 2)", or what is missing. */
  how: z.string(),
  documentId: z.uuid().nullable(),
});
export const mandatoryDocumentsReply = z.object({ items: z.array(mandatoryDocument), done: z.number().int(), total: z.number().int() });
export type MandatoryDocumentsReply = z.infer<typeof mandatoryDocumentsReply>;

export const policyCoverage = z.object({
  documentId: z.uuid(),
  name: z.string(),
  approvedLabel: z.string().nullable(),
  required: z.number().int(),
  acknowledged: z.number().int(),
});
export const personCoverage = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  required: z.number().int(),
  acknowledged: z.number().int(),
});
export type PersonCoverage = z.infer<typeof personCoverage>;
export const peopleCoverageQuery = listQuery({
  sorts: ['name'],
  sort: 'name',
  filters: { outstanding: z.enum(['true', 'false']).optional(), documentId: uuidParam.optional() },
});
export type PeopleCoverageQuery = z.infer<typeof peopleCoverageQuery>;

export const myPolicy = z.object({
  documentId: z.uuid(),
  name: z.string(),
  label: z.string(),
  number: z.number().int(),
  html: z.string(),
  approvedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});
export type MyPolicy = z.infer<typeof myPolicy>;

export const acknowledgeBody = z.strictObject({ number: z.number().int().min(1) });

const idParams = z.strictObject({ id: uuidParam });
const versionParams = z.strictObject({ id: uuidParam, number: z.coerce.number().int().min(1).max(100000) });
const tag = 'documents';

/** Documents (7.5) and staff acknowledgement. */
export const documentsApi = {
  list: apiRoute({ method: 'GET', path: '/documents', access: 'documents.read', tag, summary: 'List documents', query: documentListQuery, reply: listOf(document) }),
  templates: apiRoute({ method: 'GET', path: '/documents/templates', access: 'documents.read', tag, summary: 'The policy templates', reply: z.object({ items: z.array(documentTemplate) }) }),
  mandatory: apiRoute({ method: 'GET', path: '/documents/mandatory', access: 'documents.read', tag, summary: 'The mandatory documented information, met or not', reply: mandatoryDocumentsReply }),
  coverage: apiRoute({ method: 'GET', path: '/documents/coverage', access: 'documents.read', tag, summary: 'Acknowledgement coverage per policy', reply: z.object({ items: z.array(policyCoverage) }) }),
  peopleCoverage: apiRoute({ method: 'GET', path: '/documents/coverage/people', access: 'documents.read', tag, summary: 'Acknowledgement coverage per person', query: peopleCoverageQuery, reply: listOf(personCoverage) }),
  get: apiRoute({ method: 'GET', path: '/documents/:id', access: 'documents.read', tag, summary: 'One document with its draft, versions and assignments', params: idParams, reply: documentDetail }),
  create: apiRoute({ method: 'POST', path: '/documents', access: 'documents.write', tag, summary: 'Add a document (from a template or blank)', body: createDocumentBody, reply: document, status: 201 }),
  update: apiRoute({ method: 'PATCH', path: '/documents/:id', access: 'documents.write', tag, summary: 'Change a document’s draft or details (send the version you read)', params: idParams, body: updateDocumentBody, reply: document }),
  remove: apiRoute({ method: 'DELETE', path: '/documents/:id', access: 'documents.write', tag, summary: 'Delete a document', params: idParams, reply: okReply }),
  approve: apiRoute({ method: 'POST', path: '/documents/:id/approve', access: 'documents.approve', tag, summary: 'Approve the draft as a new version', params: idParams, body: approveDocumentBody, reply: documentDetail }),
  version: apiRoute({ method: 'GET', path: '/documents/:id/versions/:number', access: 'documents.read', tag, summary: 'One approved version', params: versionParams, reply: documentVersion }),
  versionDocx: apiRoute({ method: 'GET', path: '/documents/:id/versions/:number/docx', access: 'documents.read', tag, summary: 'Download an approved version as a Word document', params: versionParams, reply: fileReply('application/vnd.openxmlformats-officedocument.wordprocessingml.document') }),
  versionPdf: apiRoute({ method: 'GET', path: '/documents/:id/versions/:number/pdf', access: 'documents.read', tag, summary: 'Download an approved version as a PDF', params: versionParams, reply: fileReply('application/pdf') }),
  assign: apiRoute({ method: 'POST', path: '/documents/:id/assignments', access: 'documents.approve', tag, summary: 'Ask a role or a person to acknowledge the document', params: idParams, body: assignDocumentBody, reply: documentAssignment, status: 201 }),
  unassign: apiRoute({ method: 'DELETE', path: '/documents/:id/assignments/:assignmentId', access: 'documents.approve', tag, summary: 'Stop asking a role or person to acknowledge the document', params: z.strictObject({ id: uuidParam, assignmentId: uuidParam }), reply: okReply }),
  mine: apiRoute({ method: 'GET', path: '/acknowledgements/mine', access: 'acknowledgements.self', tag, summary: 'The policies I am asked to read and acknowledge', reply: z.object({ items: z.array(myPolicy) }) }),
  acknowledge: apiRoute({ method: 'POST', path: '/acknowledgements/:id', access: 'acknowledgements.self', tag, summary: 'Acknowledge that I have read a policy', params: idParams, body: acknowledgeBody, reply: myPolicy }),
};
