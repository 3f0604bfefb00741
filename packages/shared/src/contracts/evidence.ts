import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';
import { isoDate, okReply, recordVersion, singleLineName, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';

/**
 * Evidence (issue 10, part 3): a file, a link or a note that shows a control, a clause's requirement
 * or a risk's treatment is in place, with an owner and a valid-until date. ADR 0028.
 */

export const evidenceKinds = ['file', 'link', 'note'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];
export const evidenceKindLabels: Record<EvidenceKind, string> = { file: 'File', link: 'Link', note: 'Note' };

export const evidenceTargetKinds = ['control', 'requirement', 'risk'] as const;
export type EvidenceTargetKind = (typeof evidenceTargetKinds)[number];
export const evidenceTargetKindLabels: Record<EvidenceTargetKind, string> = { control: 'Control', requirement: 'Clause requirement', risk: 'Risk' };

/** How an item stands on the organisation's today: no date, current, expiring within 30 days, or expired. */
export const evidenceValidities = ['no_date', 'current', 'expiring', 'expired'] as const;
export type EvidenceValidity = (typeof evidenceValidities)[number];
export const evidenceValidityLabels: Record<EvidenceValidity, string> = { no_date: 'No end date', current: 'Current', expiring: 'Expires within 30 days', expired: 'Expired' };
/** An item is "expiring" from this many days before its valid-until date (and its owner is e-mailed). */
export const evidenceExpiringDays = 30;

/** The largest file Custodian keeps as evidence. */
export const maxEvidenceFileBytes = 25 * 1024 * 1024;
/** The request carries the file in base64 (4 characters per 3 bytes) inside JSON: room for 30 MB of file, so a file just over 25 MB gets its own message. */
export const evidenceUploadBodyLimit = 41 * 1024 * 1024;

/** The file types evidence may be, told from the file's own bytes, never from its name. */
export const evidenceFileTypes = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook',
  'text/plain': 'Text file',
  'text/csv': 'CSV file',
} as const;
export type EvidenceFileType = keyof typeof evidenceFileTypes;

export const evidenceFile = z.object({ name: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string() });

/** What an item is evidence of, in words: "A.5.1", "Policies for information security". */
export const evidenceTarget = z.object({ kind: z.enum(evidenceTargetKinds), id: z.string(), ref: z.string(), title: z.string() });
export type EvidenceTarget = z.infer<typeof evidenceTarget>;

export const evidenceItem = z.object({
  id: z.uuid(),
  kind: z.enum(evidenceKinds),
  title: z.string(),
  description: z.string(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  /** yyyy-mm-dd; the UI shows dd/mm/yyyy. */
  validUntil: z.string().nullable(),
  /** On the organisation's today, in its time zone. */
  validity: z.enum(evidenceValidities),
  url: z.string().nullable(),
  note: z.string().nullable(),
  file: evidenceFile.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type EvidenceItem = z.infer<typeof evidenceItem>;

/** One item with what it is evidence of. */
export const evidenceDetail = evidenceItem.extend({ links: z.array(evidenceTarget) });
export type EvidenceDetail = z.infer<typeof evidenceDetail>;

const targetId = z.string().trim().min(1, { message: 'Choose what this is evidence of.' }).max(100);

export const evidenceListQuery = listQuery({
  sorts: ['title', 'updatedAt', 'validUntil'],
  sort: 'title',
  filters: {
    /** Part of the title. */
    q: z.string().trim().max(200).optional(),
    kind: z.enum(evidenceKinds).optional(),
    validity: z.enum(evidenceValidities).optional(),
    /** Evidence of one control, requirement or risk (both together). */
    targetKind: z.enum(evidenceTargetKinds).optional(),
    targetId: targetId.optional(),
  },
});
export type EvidenceListQuery = z.infer<typeof evidenceListQuery>;

const title = singleLineName(1, 200);
const description = z.string().max(10000);
const ownerUserId = z.uuid({ message: 'must be a member of the organisation' }).nullable();
const webAddress = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), { message: 'must be a web address starting with http:// or https://' });
const noteText = z.string().trim().min(1, { message: 'Write the note.' }).max(20000);

/** A file sent inside JSON: its name and its bytes as base64. */
export const evidenceUpload = z.strictObject({
  fileName: singleLineName(1, 200),
  contentBase64: z
    .string()
    .min(4, { message: 'The file is empty.' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'must be the file’s bytes in base64' }),
});
export type EvidenceUpload = z.infer<typeof evidenceUpload>;

const common = {
  title,
  description: description.default(''),
  ownerUserId: ownerUserId.default(null),
  validUntil: isoDate.nullable().default(null),
};

export const createEvidenceBody = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('file'), ...common, file: evidenceUpload }),
    z.strictObject({ kind: z.literal('link'), ...common, url: webAddress }),
    z.strictObject({ kind: z.literal('note'), ...common, note: noteText }),
  ],
  { message: 'must say whether the evidence is a file, a link or a note' },
);
export type CreateEvidenceBody = z.input<typeof createEvidenceBody>;

/** Only the fields that changed, with the version the editor read; a new file replaces the old one. */
export const updateEvidenceBody = z.strictObject({
  version: recordVersion,
  title: title.optional(),
  description: description.optional(),
  ownerUserId: ownerUserId.optional(),
  validUntil: isoDate.nullable().optional(),
  url: webAddress.optional(),
  note: noteText.optional(),
  file: evidenceUpload.optional(),
});
export type UpdateEvidenceBody = z.input<typeof updateEvidenceBody>;

export const evidenceLinkBody = z.strictObject({ targetKind: z.enum(evidenceTargetKinds, { message: 'must be a control, a requirement or a risk' }), targetId });
export type EvidenceLinkBody = z.input<typeof evidenceLinkBody>;

const idParams = z.strictObject({ id: uuidParam });
const tag = 'evidence';

/** Evidence: files, links and notes, what they are evidence of, and the file's download. */
export const evidenceApi = {
  list: apiRoute({ method: 'GET', path: '/evidence', access: 'evidence.read', tag, summary: 'List evidence (filter by kind, validity or what it is evidence of)', query: evidenceListQuery, reply: listOf(evidenceItem) }),
  get: apiRoute({ method: 'GET', path: '/evidence/:id', access: 'evidence.read', tag, summary: 'One evidence item with what it is evidence of', params: idParams, reply: evidenceDetail }),
  download: apiRoute({ method: 'GET', path: '/evidence/:id/file', access: 'evidence.read', tag, summary: 'Download an evidence file', params: idParams, reply: fileReply('application/octet-stream') }),
  create: apiRoute({ method: 'POST', path: '/evidence', access: 'evidence.write', tag, summary: 'Add evidence: a file (25 MB at most), a link or a note', body: createEvidenceBody, reply: evidenceDetail, status: 201 }),
  update: apiRoute({
    method: 'PATCH',
    path: '/evidence/:id',
    access: 'evidence.write',
    tag,
    summary: 'Change an evidence item (send the version you read)',
    params: idParams,
    body: updateEvidenceBody,
    reply: evidenceDetail,
  }),
  remove: apiRoute({ method: 'DELETE', path: '/evidence/:id', access: 'evidence.write', tag, summary: 'Delete an evidence item and its links', params: idParams, reply: okReply }),
  link: apiRoute({ method: 'POST', path: '/evidence/:id/links', access: 'evidence.write', tag, summary: 'Record what an item is evidence of (a control, a requirement or a risk)', params: idParams, body: evidenceLinkBody, reply: evidenceDetail }),
  unlink: apiRoute({ method: 'DELETE', path: '/evidence/:id/links', access: 'evidence.write', tag, summary: 'Remove a link between an item and a control, requirement or risk', params: idParams, query: evidenceLinkBody, reply: evidenceDetail }),
};
