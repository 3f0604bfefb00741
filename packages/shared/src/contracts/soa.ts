import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';
import { controlReasons, controlSources } from './controls.ts';
import { gapStatuses } from './gap.ts';

/**
 * The Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d): generated from the controls register,
 * never typed twice. An approval by top management freezes it as a numbered version.
 */
export const soaRow = z.object({
  controlId: z.string(),
  source: z.enum(controlSources),
  ref: z.string(),
  title: z.string(),
  isApplicable: z.boolean(),
  /** The reasons recorded, and "treats an identified risk" whenever an open risk's treatment names the control. */
  reasons: z.array(z.enum(controlReasons)),
  justification: z.string(),
  status: z.enum(gapStatuses),
  implementation: z.string(),
  ownerName: z.string().nullable(),
  /** Refs of the open risks the control treats: the first ten, and how many in all. */
  risks: z.array(z.string()),
  riskCount: z.number().int(),
  /** Evidence items linked to the control when the statement was read. */
  evidenceCount: z.number().int(),
  noEvidenceReason: z.string(),
});
export type SoaRow = z.infer<typeof soaRow>;

export const soaCheckKinds = ['excluded_treats_risk', 'included_without_reason', 'implemented_without_evidence'] as const;
export type SoaCheckKind = (typeof soaCheckKinds)[number];

/** A contradiction an auditor would raise: approval waits until there are none. */
export const soaCheck = z.object({ kind: z.enum(soaCheckKinds), controlId: z.string(), ref: z.string(), message: z.string() });
export type SoaCheck = z.infer<typeof soaCheck>;

const approvalSummary = z.object({
  version: z.number().int(),
  approvedAt: z.string(),
  approvedByName: z.string().nullable(),
  note: z.string(),
  checksum: z.string(),
  applicableCount: z.number().int(),
  excludedCount: z.number().int(),
});
export type SoaApprovalSummary = z.infer<typeof approvalSummary>;

export const soaDraft = z.object({
  rows: z.array(soaRow),
  checks: z.array(soaCheck),
  /** SHA-256 of the rows as read: send it back to approve exactly what was read. */
  checksum: z.string(),
  latest: approvalSummary.nullable(),
  /** True when the statement as it stands is the latest approved version, unchanged. */
  isApproved: z.boolean(),
});
export type SoaDraft = z.infer<typeof soaDraft>;

export const soaVersion = approvalSummary.extend({ rows: z.array(soaRow) });
export type SoaVersion = z.infer<typeof soaVersion>;

export const soaFieldLabels = {
  isApplicable: 'Applicable',
  reasons: 'Reasons for inclusion',
  justification: 'Justification for exclusion',
  status: 'Implementation status',
  implementation: 'How it is implemented',
  ownerName: 'Owner',
  risks: 'Risks treated',
  title: 'Title',
  noEvidenceReason: 'Why there is no evidence',
} as const;
export type SoaField = keyof typeof soaFieldLabels;

export const soaDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      controlId: z.string(),
      ref: z.string(),
      title: z.string(),
      change: z.enum(['added', 'removed', 'changed']),
      fields: z.array(z.object({ field: z.enum(Object.keys(soaFieldLabels) as [SoaField, ...SoaField[]]), label: z.string(), before: z.string(), after: z.string() })),
    }),
  ),
});
export type SoaDiff = z.infer<typeof soaDiff>;

/** Approving names the statement the approver read (its checksum): a change made meanwhile refuses it (409). */
export const approveSoaBody = z.strictObject({
  checksum: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be the fingerprint of the statement you read' }),
  note: z.string().max(2000, { message: 'must be at most 2,000 characters' }).default(''),
});
export type ApproveSoaBody = z.input<typeof approveSoaBody>;

const versionNumber = z.coerce.number({ message: 'must be a version number' }).int({ message: 'must be a version number' }).min(1, { message: 'must be a version number' }).max(100_000);
export const soaVersionParams = z.strictObject({ version: versionNumber });
export const soaDiffQuery = z.strictObject({ from: versionNumber, to: versionNumber });

const tag = 'soa';
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const soaApi = {
  draft: apiRoute({ method: 'GET', path: '/soa', access: 'gap.read', tag, summary: 'The Statement of Applicability as it stands, with its consistency checks', reply: soaDraft }),
  approve: apiRoute({
    method: 'POST',
    path: '/soa/approve',
    access: 'soa.approve',
    tag,
    summary: 'Approve the statement as read (top management): it becomes the next version, frozen',
    body: approveSoaBody,
    reply: soaVersion,
    status: 201,
  }),
  versions: apiRoute({ method: 'GET', path: '/soa/versions', access: 'gap.read', tag, summary: 'The approved versions, newest first', reply: z.object({ items: z.array(approvalSummary) }) }),
  version: apiRoute({ method: 'GET', path: '/soa/versions/:version', access: 'gap.read', tag, summary: 'One approved version', params: soaVersionParams, reply: soaVersion }),
  diff: apiRoute({ method: 'GET', path: '/soa/diff', access: 'gap.read', tag, summary: 'What changed between two approved versions', query: soaDiffQuery, reply: soaDiff }),
  exportXlsx: apiRoute({ method: 'GET', path: '/soa/versions/:version/export.xlsx', access: 'gap.export', tag, summary: 'Download an approved version as a spreadsheet', params: soaVersionParams, reply: fileReply(xlsx) }),
  exportDocx: apiRoute({ method: 'GET', path: '/soa/versions/:version/export.docx', access: 'gap.export', tag, summary: 'Download an approved version as a Word document', params: soaVersionParams, reply: fileReply(docx) }),
  exportPdf: apiRoute({ method: 'GET', path: '/soa/versions/:version/export.pdf', access: 'gap.export', tag, summary: 'Download an approved version as a PDF', params: soaVersionParams, reply: fileReply('application/pdf') }),
};
