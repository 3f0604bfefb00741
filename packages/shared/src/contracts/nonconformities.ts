import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';
import { isoDate, recordVersion, singleLineName, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';

/**
 * Nonconformities and corrective actions (ISO/IEC 27001 clause 10.2): where each came from, the
 * correction, the root cause, corrective actions with owners and due days, and the review of whether
 * the actions worked. Status: open → action planned → awaiting effectiveness review → closed; an
 * ineffective review reopens it. ADR 0030.
 */

export const ncSources = ['audit', 'incident', 'management_review', 'complaint'] as const;
export type NcSource = (typeof ncSources)[number];
export const ncSourceLabels: Record<NcSource, string> = { audit: 'Internal audit', incident: 'Incident', management_review: 'Management review', complaint: 'Complaint' };

export const ncStatuses = ['open', 'action_planned', 'awaiting_review', 'closed'] as const;
export type NcStatus = (typeof ncStatuses)[number];
export const ncStatusLabels: Record<NcStatus, string> = {
  open: 'Open',
  action_planned: 'Action planned',
  awaiting_review: 'Awaiting effectiveness review',
  closed: 'Closed',
};

export const ncSeverities = ['major', 'minor'] as const;
export type NcSeverity = (typeof ncSeverities)[number];

export const correctiveAction = z.object({
  id: z.uuid(),
  description: z.string(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string(),
  completedOn: z.string().nullable(),
  isOverdue: z.boolean(),
  version: z.number().int(),
});
export type CorrectiveAction = z.infer<typeof correctiveAction>;

export const effectivenessReview = z.object({
  id: z.uuid(),
  reviewerUserId: z.uuid().nullable(),
  reviewerName: z.string().nullable(),
  reviewedOn: z.string(),
  isEffective: z.boolean(),
  notes: z.string(),
});
export type EffectivenessReview = z.infer<typeof effectivenessReview>;

export const nonconformity = z.object({
  id: z.uuid(),
  number: z.number().int(),
  ref: z.string(),
  source: z.enum(ncSources),
  severity: z.enum(ncSeverities),
  auditId: z.uuid().nullable(),
  title: z.string(),
  description: z.string(),
  correction: z.string(),
  rootCause: z.string(),
  evidenceRef: z.string(),
  raisedOn: z.string(),
  status: z.enum(ncStatuses),
  reviewDueOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  /** An open corrective action past its due day, or an effectiveness review past its due day. */
  isOverdue: z.boolean(),
  actionCount: z.number().int(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Nonconformity = z.infer<typeof nonconformity>;

export const nonconformityDetail = nonconformity.extend({ actions: z.array(correctiveAction), reviews: z.array(effectivenessReview) });
export type NonconformityDetail = z.infer<typeof nonconformityDetail>;

export const ncListQuery = listQuery({
  sorts: ['raisedOn', 'number', 'updatedAt'],
  sort: 'number',
  filters: {
    status: z.enum(ncStatuses).optional(),
    isOverdue: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
    q: z.string().trim().max(200).optional(),
  },
});
export type NcListQuery = z.infer<typeof ncListQuery>;

export const createNcBody = z.strictObject({
  source: z.enum(ncSources, { message: 'must be audit, incident, management_review or complaint' }),
  severity: z.enum(ncSeverities, { message: 'must be major or minor' }),
  title: singleLineName(1, 200),
  description: z.string().max(10000).default(''),
  raisedOn: isoDate.optional(),
});
export type CreateNcBody = z.input<typeof createNcBody>;

export const updateNcBody = z.strictObject({
  version: recordVersion,
  title: singleLineName(1, 200).optional(),
  description: z.string().max(10000).optional(),
  correction: z.string().max(10000).optional(),
  rootCause: z.string().max(10000).optional(),
  evidenceRef: z.string().max(500).optional(),
});
export type UpdateNcBody = z.input<typeof updateNcBody>;

export const createActionBody = z.strictObject({
  description: z.string().trim().min(1, { message: 'Describe the corrective action.' }).max(5000),
  ownerUserId: z.uuid({ message: 'must be a valid id' }).nullable().default(null),
  dueOn: isoDate,
});
export type CreateActionBody = z.input<typeof createActionBody>;

export const updateActionBody = z.strictObject({
  version: recordVersion,
  description: z.string().trim().min(1, { message: 'Describe the corrective action.' }).max(5000).optional(),
  ownerUserId: z.uuid({ message: 'must be a valid id' }).nullable().optional(),
  dueOn: isoDate.optional(),
  isCompleted: z.boolean().optional(),
});
export type UpdateActionBody = z.input<typeof updateActionBody>;

export const createReviewBody = z.strictObject({
  /** The nonconformity's version as read: a review decides on what the reviewer saw. */
  version: recordVersion,
  isEffective: z.boolean({ message: 'must say whether the actions were effective' }),
  notes: z.string().trim().min(1, { message: 'Say what you checked.' }).max(5000),
  reviewedOn: isoDate.optional(),
});
export type CreateReviewBody = z.input<typeof createReviewBody>;

const idParams = z.strictObject({ id: uuidParam });
const actionParams = z.strictObject({ id: uuidParam, actionId: uuidParam });
const tag = 'nonconformities';

/** Nonconformities and corrective actions. */
export const nonconformitiesApi = {
  list: apiRoute({ method: 'GET', path: '/nonconformities', access: 'audits.read', tag, summary: 'The nonconformity register', query: ncListQuery, reply: listOf(nonconformity) }),
  get: apiRoute({ method: 'GET', path: '/nonconformities/:id', access: 'audits.read', tag, summary: 'One nonconformity with its actions and reviews', params: idParams, reply: nonconformityDetail }),
  create: apiRoute({ method: 'POST', path: '/nonconformities', access: 'audits.write', tag, summary: 'Record a nonconformity', body: createNcBody, reply: nonconformityDetail, status: 201 }),
  update: apiRoute({ method: 'PATCH', path: '/nonconformities/:id', access: 'audits.write', tag, summary: 'Change a nonconformity (send the version you read)', params: idParams, body: updateNcBody, reply: nonconformityDetail }),
  addAction: apiRoute({ method: 'POST', path: '/nonconformities/:id/actions', access: 'audits.write', tag, summary: 'Add a corrective action', params: idParams, body: createActionBody, reply: nonconformityDetail, status: 201 }),
  updateAction: apiRoute({ method: 'PATCH', path: '/nonconformities/:id/actions/:actionId', access: 'audits.write', tag, summary: 'Change or complete a corrective action', params: actionParams, body: updateActionBody, reply: nonconformityDetail }),
  addReview: apiRoute({ method: 'POST', path: '/nonconformities/:id/reviews', access: 'audits.write', tag, summary: 'Record the effectiveness review', params: idParams, body: createReviewBody, reply: nonconformityDetail, status: 201 }),
  registerPdf: apiRoute({ method: 'GET', path: '/nonconformity-register.pdf', access: 'audits.read', tag, summary: 'The nonconformity register as a PDF', reply: fileReply('application/pdf') }),
};
