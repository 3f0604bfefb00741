import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';
import { isoDate, okReply, recordVersion, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';

/**
 * Management review (ISO/IEC 27001:2022 clause 9.3). A meeting of top management: planned, then held,
 * then its minutes approved. When it is prepared, every input the clause asks top management to
 * consider is filled in from the organisation's own records; the inputs are read again until the
 * meeting is held, then frozen. Decisions and actions (with owner and due date) come out of it; actions
 * still open are reported in the next review.
 */
export const reviewStatuses = ['planned', 'held', 'approved'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
export const reviewStatusLabels: Record<ReviewStatus, string> = { planned: 'Planned', held: 'Held', approved: 'Minutes approved' };

/** The inputs of 9.3.2, in the order the meeting takes them, with our own short titles. */
export const reviewInputKeys = [
  'previous_actions',
  'issues_changes',
  'nonconformities',
  'monitoring',
  'audit_results',
  'objectives',
  'interested_parties',
  'risk_status',
  'improvement',
] as const;
export type ReviewInputKey = (typeof reviewInputKeys)[number];
export const reviewInputTitles: Record<ReviewInputKey, string> = {
  previous_actions: 'Actions from earlier reviews',
  issues_changes: 'Changes in internal and external issues',
  nonconformities: 'Nonconformities and corrective actions',
  monitoring: 'Monitoring and measurement results',
  audit_results: 'Audit results',
  objectives: 'Information security objectives',
  interested_parties: 'Feedback from interested parties',
  risk_status: 'Risk assessment and the treatment plan',
  improvement: 'Opportunities to improve',
};

export const actionStatuses = ['open', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const actionStatusLabels: Record<ActionStatus, string> = { open: 'Open', done: 'Done', cancelled: 'Cancelled' };

export const reviewPerson = z.object({ userId: z.uuid(), name: z.string() });
export type ReviewPerson = z.infer<typeof reviewPerson>;

export const managementReview = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(reviewStatuses),
  /** yyyy-mm-dd in the organisation's time zone. */
  plannedOn: z.string(),
  heldOn: z.string().nullable(),
  chair: reviewPerson.nullable(),
  attendees: z.array(reviewPerson),
  decisions: z.string(),
  approvedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
  /** Actions still open (list views). */
  openActionCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ManagementReview = z.infer<typeof managementReview>;

export const reviewInput = z.object({
  key: z.enum(reviewInputKeys),
  title: z.string(),
  /** What the records said: one sentence, then one line per item. Frozen once the meeting is held. */
  summary: z.string(),
  lines: z.array(z.string()),
  /** When the records were read. */
  readAt: z.string(),
  /** What the meeting said about it (and any feedback not held in Custodian). */
  notes: z.string(),
  version: z.number().int(),
});
export type ReviewInput = z.infer<typeof reviewInput>;

export const reviewAction = z.object({
  id: z.uuid(),
  reviewId: z.uuid(),
  title: z.string(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(actionStatuses),
  notes: z.string(),
  isOverdue: z.boolean(),
  version: z.number().int(),
});
export type ReviewAction = z.infer<typeof reviewAction>;

export const managementReviewDetail = managementReview.extend({ inputs: z.array(reviewInput), actions: z.array(reviewAction) });
export type ManagementReviewDetail = z.infer<typeof managementReviewDetail>;

export const managementReviewListQuery = listQuery({
  sorts: ['plannedOn', 'updatedAt'],
  sort: 'plannedOn',
  filters: { status: z.enum(reviewStatuses).optional() },
});
export type ManagementReviewListQuery = z.infer<typeof managementReviewListQuery>;

const title = z.string().trim().min(1, { message: 'Enter a title.' }).max(200);
const people = z.array(z.uuid({ message: 'must be members of the organisation' })).max(50, { message: 'List at most 50 attendees.' });

/** Prepares a review: its inputs are read from the records at once. */
export const createManagementReviewBody = z.strictObject({
  title,
  plannedOn: isoDate,
  chairUserId: z.uuid({ message: 'Choose the chair (an owner of the organisation).' }),
  attendeeUserIds: people.default([]),
});
export type CreateManagementReviewBody = z.input<typeof createManagementReviewBody>;

/** Only the fields that changed, with the version the editor read. */
export const updateManagementReviewBody = z.strictObject({
  version: recordVersion,
  title: title.optional(),
  plannedOn: isoDate.optional(),
  chairUserId: z.uuid({ message: 'Choose the chair (an owner of the organisation).' }).optional(),
  attendeeUserIds: people.optional(),
  decisions: z.string().max(20000).optional(),
});
export type UpdateManagementReviewBody = z.input<typeof updateManagementReviewBody>;

export const versionBody = z.strictObject({ version: recordVersion });
export const holdReviewBody = z.strictObject({ version: recordVersion, heldOn: isoDate });
export type HoldReviewBody = z.input<typeof holdReviewBody>;

export const updateInputBody = z.strictObject({ version: recordVersion, notes: z.string().max(20000) });
export type UpdateInputBody = z.input<typeof updateInputBody>;

export const createActionBody = z.strictObject({
  title: z.string().trim().min(1, { message: 'Say what is to be done.' }).max(500),
  ownerUserId: z.uuid().nullable().default(null),
  dueOn: isoDate.nullable().default(null),
  notes: z.string().max(5000).default(''),
});
export type CreateActionBody = z.input<typeof createActionBody>;

export const updateActionBody = z.strictObject({
  version: recordVersion,
  title: z.string().trim().min(1, { message: 'Say what is to be done.' }).max(500).optional(),
  ownerUserId: z.uuid().nullable().optional(),
  dueOn: isoDate.nullable().optional(),
  status: z.enum(actionStatuses).optional(),
  notes: z.string().max(5000).optional(),
});
export type UpdateActionBody = z.input<typeof updateActionBody>;

const idParams = z.strictObject({ id: uuidParam });
const inputParams = z.strictObject({ id: uuidParam, key: z.enum(reviewInputKeys) });
const actionParams = z.strictObject({ id: uuidParam, actionId: uuidParam });
const tag = 'management-reviews';
const read = 'management_reviews.read';
const write = 'management_reviews.write';
const base = '/management-reviews';

/** Management reviews (9.3): the meeting, its inputs, decisions and actions, and its minutes. */
export const managementReviewsApi = {
  list: apiRoute({
    method: 'GET',
    path: base,
    access: read,
    tag,
    summary: 'List management reviews',
    query: managementReviewListQuery,
    reply: listOf(managementReview),
  }),
  get: apiRoute({
    method: 'GET',
    path: `${base}/:id`,
    access: read,
    tag,
    summary: 'One management review with its inputs and actions',
    params: idParams,
    reply: managementReviewDetail,
  }),
  create: apiRoute({
    method: 'POST',
    path: base,
    access: write,
    tag,
    summary: 'Prepare a management review (its inputs are read from the records)',
    body: createManagementReviewBody,
    reply: managementReviewDetail,
    status: 201,
  }),
  update: apiRoute({
    method: 'PATCH',
    path: `${base}/:id`,
    access: write,
    tag,
    summary: 'Change a management review (send the version you read)',
    params: idParams,
    body: updateManagementReviewBody,
    reply: managementReviewDetail,
  }),
  refresh: apiRoute({
    method: 'POST',
    path: `${base}/:id/refresh`,
    access: write,
    tag,
    summary: 'Read the inputs again from the records (before the meeting is held)',
    params: idParams,
    body: versionBody,
    reply: managementReviewDetail,
  }),
  hold: apiRoute({
    method: 'POST',
    path: `${base}/:id/hold`,
    access: write,
    tag,
    summary: 'Record that the meeting was held: its inputs are read a last time and frozen',
    params: idParams,
    body: holdReviewBody,
    reply: managementReviewDetail,
  }),
  approve: apiRoute({
    method: 'POST',
    path: `${base}/:id/approve`,
    access: write,
    tag,
    summary: 'Approve the minutes (owners only)',
    params: idParams,
    body: versionBody,
    reply: managementReviewDetail,
  }),
  remove: apiRoute({
    method: 'DELETE',
    path: `${base}/:id`,
    access: write,
    tag,
    summary: 'Delete a management review that has not been held',
    params: idParams,
    reply: okReply,
  }),
  updateInput: apiRoute({
    method: 'PATCH',
    path: `${base}/:id/inputs/:key`,
    access: write,
    tag,
    summary: 'Change the discussion notes of one input',
    params: inputParams,
    body: updateInputBody,
    reply: reviewInput,
  }),
  addAction: apiRoute({
    method: 'POST',
    path: `${base}/:id/actions`,
    access: write,
    tag,
    summary: 'Add an action decided at the review',
    params: idParams,
    body: createActionBody,
    reply: reviewAction,
    status: 201,
  }),
  updateAction: apiRoute({
    method: 'PATCH',
    path: `${base}/:id/actions/:actionId`,
    access: write,
    tag,
    summary: 'Change an action (send the version you read)',
    params: actionParams,
    body: updateActionBody,
    reply: reviewAction,
  }),
  removeAction: apiRoute({
    method: 'DELETE',
    path: `${base}/:id/actions/:actionId`,
    access: write,
    tag,
    summary: 'Delete an action (while the minutes are not approved)',
    params: actionParams,
    reply: okReply,
  }),
  minutesDocx: apiRoute({
    method: 'GET',
    path: `${base}/:id/minutes.docx`,
    access: read,
    tag,
    summary: 'Download the minutes as a Word document',
    params: idParams,
    reply: fileReply('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  }),
  minutesPdf: apiRoute({
    method: 'GET',
    path: `${base}/:id/minutes.pdf`,
    access: read,
    tag,
    summary: 'Download the minutes as a PDF',
    params: idParams,
    reply: fileReply('application/pdf'),
  }),
};
