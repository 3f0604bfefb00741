import { z } from 'zod';
import { apiRoute } from './api-route.ts';
import { isoDate, okReply, recordVersion, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';
import { recordRef, riskStatuses, taskStatuses, treatmentOptions } from './risk-vocabulary.ts';
import { riskScoresSnapshot } from './risk-method.ts';

/**
 * The risk register (6.1.2, 6.1.3, 8.2, 8.3): scenarios of asset(s) + threat + vulnerability, scored
 * inherent, current and residual on the organisation's method; treatment tasks linked to Annex A
 * controls; formal acceptance of the residual risk by its owner; review dates; full history.
 */

/** A likelihood × impact and the matrix level it lands in, with the words and colour of each. */
export const riskScore = z.object({
  likelihood: z.number().int(),
  likelihoodLabel: z.string(),
  impact: z.number().int(),
  impactLabel: z.string(),
  level: z.string(),
  levelLabel: z.string(),
  colour: z.string(),
  /** 1 for the method's lowest level. */
  rank: z.number().int(),
});
export type RiskScore = z.infer<typeof riskScore>;

export const riskAcceptance = z.object({
  id: z.uuid(),
  acceptedByUserId: z.uuid(),
  acceptedByName: z.string(),
  acceptedAt: z.string(),
  methodVersion: z.number().int(),
  likelihood: z.number().int(),
  impact: z.number().int(),
  level: z.string(),
  levelLabel: z.string(),
  note: z.string(),
  /** Accepted although the level is above the organisation's risk appetite (allowed only with a note). */
  isAboveAppetite: z.boolean(),
  withdrawnAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
});
export type RiskAcceptance = z.infer<typeof riskAcceptance>;

/** A row of the register (what the list shows). */
export const riskListItem = z.object({
  id: z.uuid(),
  ref: z.string(),
  title: z.string(),
  status: z.enum(riskStatuses),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  inherent: riskScore,
  current: riskScore.nullable(),
  residual: riskScore.nullable(),
  treatment: z.enum(treatmentOptions).nullable(),
  nextReviewOn: z.string().nullable(),
  isReviewDue: z.boolean(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type RiskListItem = z.infer<typeof riskListItem>;

export const riskAssetRef = z.object({ id: z.uuid(), ref: z.string(), name: z.string() });
export type RiskAssetRef = z.infer<typeof riskAssetRef>;

/** One risk in full. */
export const risk = riskListItem.extend({
  threat: z.string(),
  vulnerability: z.string(),
  description: z.string(),
  threatId: z.string().nullable(),
  treatmentNotes: z.string(),
  assets: z.array(riskAssetRef),
  methodVersion: z.number().int(),
  /** Null while no residual score is set. */
  isResidualWithinAppetite: z.boolean().nullable(),
  /** The standing acceptance of the residual risk, if any. */
  acceptance: riskAcceptance.nullable(),
  /** The most recent withdrawn acceptance when none stands (shown so a withdrawal is never silent). */
  lastWithdrawnAcceptance: riskAcceptance.nullable(),
  createdAt: z.string(),
});
export type Risk = z.infer<typeof risk>;

export const riskSorts = ['ref', 'title', 'updatedAt', 'inherent', 'residual', 'nextReview'] as const;

export const riskListQuery = listQuery({
  sorts: riskSorts,
  sort: 'ref',
  filters: {
    q: z.string().trim().max(200).optional(),
    status: z.enum(riskStatuses).optional(),
    residualLevel: z.string().regex(/^[a-z0-9_]{1,30}$/, { message: 'must be a risk level of the method' }).optional(),
    ownerId: z.uuid({ message: 'must be a valid id' }).optional(),
    assetId: z.uuid({ message: 'must be a valid id' }).optional(),
  },
});
export type RiskListQuery = z.infer<typeof riskListQuery>;

const scorePair = z.strictObject({
  likelihood: z.number({ message: 'must be a level of the likelihood scale' }).int().min(1).max(7),
  impact: z.number({ message: 'must be a level of the impact scale' }).int().min(1).max(7),
});

const riskFields = {
  title: z.string().trim().min(1, { message: 'Enter a title.' }).max(200),
  threat: z.string().max(1000),
  vulnerability: z.string().max(1000),
  description: z.string().max(5000),
  threatId: z.string().regex(/^threat:[a-z0-9-]{3,60}$/, { message: 'must be a scenario of the threat library' }).nullable(),
  ownerUserId: z.uuid({ message: 'must be a member of the organisation' }).nullable(),
  assetIds: z.array(z.uuid({ message: 'must be an asset of the register' })).max(50),
  inherent: scorePair,
  current: scorePair.nullable(),
  residual: scorePair.nullable(),
  treatment: z.enum(treatmentOptions).nullable(),
  treatmentNotes: z.string().max(5000),
  status: z.enum(riskStatuses),
  nextReviewOn: isoDate.nullable(),
};

/** A new risk; `ref` is given the next free "R-0001" when left out, the review date from the method's frequency. */
export const createRiskBody = z.strictObject({
  ref: recordRef.optional(),
  title: riskFields.title,
  threat: riskFields.threat.default(''),
  vulnerability: riskFields.vulnerability.default(''),
  description: riskFields.description.default(''),
  threatId: riskFields.threatId.optional(),
  ownerUserId: riskFields.ownerUserId.optional(),
  assetIds: riskFields.assetIds.default([]),
  inherent: riskFields.inherent,
  current: riskFields.current.optional(),
  residual: riskFields.residual.optional(),
  treatment: riskFields.treatment.optional(),
  treatmentNotes: riskFields.treatmentNotes.default(''),
  status: riskFields.status.default('identified'),
  nextReviewOn: riskFields.nextReviewOn.optional(),
  /** Control ids for a first treatment task (from a threat library scenario). */
  firstTask: z
    .strictObject({ title: z.string().trim().min(1, { message: 'Enter what the task is.' }).max(200), controlIds: z.array(z.string().max(60)).max(30) })
    .optional(),
});
export type CreateRiskBody = z.input<typeof createRiskBody>;

/** Only the fields that changed, with the version the editor read. */
export const updateRiskBody = z.strictObject({
  version: recordVersion,
  ref: recordRef.optional(),
  title: riskFields.title.optional(),
  threat: riskFields.threat.optional(),
  vulnerability: riskFields.vulnerability.optional(),
  description: riskFields.description.optional(),
  ownerUserId: riskFields.ownerUserId.optional(),
  assetIds: riskFields.assetIds.optional(),
  inherent: riskFields.inherent.optional(),
  current: riskFields.current.optional(),
  residual: riskFields.residual.optional(),
  treatment: riskFields.treatment.optional(),
  treatmentNotes: riskFields.treatmentNotes.optional(),
  status: riskFields.status.optional(),
  nextReviewOn: riskFields.nextReviewOn.optional(),
});
export type UpdateRiskBody = z.input<typeof updateRiskBody>;

/** Formal acceptance of the residual risk by its owner, of the risk as read (`version`). */
export const acceptRiskBody = z.strictObject({
  version: recordVersion,
  note: z.string().trim().max(2000).default(''),
});
export type AcceptRiskBody = z.input<typeof acceptRiskBody>;

export const taskControl = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  /** The control's status in the gap analysis, in words ("Partially implemented"). */
  gapStatus: z.string(),
  gapStatusLabel: z.string(),
});

export const riskTask = z.object({
  id: z.uuid(),
  riskId: z.uuid(),
  title: z.string(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string().nullable(),
  isOverdue: z.boolean(),
  status: z.enum(taskStatuses),
  controls: z.array(taskControl),
  notes: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type RiskTask = z.infer<typeof riskTask>;

const controlIds = z.array(z.string().regex(/^iso27001:2022:A\.[5-8]\.\d{1,2}$/, { message: 'must be an Annex A control of the catalogue' })).max(30);

export const createTaskBody = z.strictObject({
  title: z.string().trim().min(1, { message: 'Enter what the task is.' }).max(200),
  ownerUserId: z.uuid({ message: 'must be a member of the organisation' }).nullable().default(null),
  dueOn: isoDate.nullable().default(null),
  status: z.enum(taskStatuses).default('not_started'),
  controlIds: controlIds.default([]),
  notes: z.string().max(5000).default(''),
});
export type CreateTaskBody = z.input<typeof createTaskBody>;

export const updateTaskBody = z.strictObject({
  version: recordVersion,
  title: z.string().trim().min(1, { message: 'Enter what the task is.' }).max(200).optional(),
  ownerUserId: z.uuid({ message: 'must be a member of the organisation' }).nullable().optional(),
  dueOn: isoDate.nullable().optional(),
  status: z.enum(taskStatuses).optional(),
  controlIds: controlIds.optional(),
  notes: z.string().max(5000).optional(),
});
export type UpdateTaskBody = z.input<typeof updateTaskBody>;

export const riskHistoryEntry = z.object({
  at: z.string(),
  actorName: z.string(),
  /** Short title ("Risk changed") and the sentence ("Jane Lee changed the risk R-0001 …"). */
  title: z.string(),
  sentence: z.string(),
  /** Fields changed, in words: "Residual score: Likely × Major (High) → Unlikely × Minor (Low)". */
  changes: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
});

export const riskRescore = z.object({
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  at: z.string(),
  byName: z.string().nullable(),
  note: z.string(),
  before: riskScoresSnapshot,
  after: riskScoresSnapshot,
});

export const riskHistoryReply = z.object({
  events: z.array(riskHistoryEntry),
  rescores: z.array(riskRescore),
  acceptances: z.array(riskAcceptance),
});
export type RiskHistoryReply = z.infer<typeof riskHistoryReply>;

const idParams = z.strictObject({ id: uuidParam });
const taskParams = z.strictObject({ id: uuidParam, taskId: uuidParam });
const tag = 'risks';

/** The risk register. */
export const risksApi = {
  list: apiRoute({ method: 'GET', path: '/risks', access: 'risks.read', tag, summary: 'List risks (filtered, sorted, paged)', query: riskListQuery, reply: listOf(riskListItem) }),
  get: apiRoute({ method: 'GET', path: '/risks/:id', access: 'risks.read', tag, summary: 'One risk', params: idParams, reply: risk }),
  create: apiRoute({ method: 'POST', path: '/risks', access: 'risks.write', tag, summary: 'Add a risk', body: createRiskBody, reply: risk, status: 201 }),
  update: apiRoute({
    method: 'PATCH',
    path: '/risks/:id',
    access: 'risks.write',
    tag,
    summary: 'Change a risk (send the version you read); a changed residual score withdraws its acceptance',
    params: idParams,
    body: updateRiskBody,
    reply: risk,
  }),
  remove: apiRoute({ method: 'DELETE', path: '/risks/:id', access: 'risks.write', tag, summary: 'Delete a risk', params: idParams, reply: okReply }),
  accept: apiRoute({
    method: 'POST',
    path: '/risks/:id/acceptance',
    access: 'risks.write',
    tag,
    summary: "Accept the residual risk formally (the risk's owner only)",
    params: idParams,
    body: acceptRiskBody,
    reply: risk,
  }),
  history: apiRoute({ method: 'GET', path: '/risks/:id/history', access: 'risks.read', tag, summary: "The risk's history: changes, re-scores, acceptances", params: idParams, reply: riskHistoryReply }),
  tasks: apiRoute({ method: 'GET', path: '/risks/:id/tasks', access: 'risks.read', tag, summary: "The risk's treatment tasks", params: idParams, reply: z.object({ items: z.array(riskTask) }) }),
  addTask: apiRoute({ method: 'POST', path: '/risks/:id/tasks', access: 'risks.write', tag, summary: 'Add a treatment task', params: idParams, body: createTaskBody, reply: riskTask, status: 201 }),
  updateTask: apiRoute({
    method: 'PATCH',
    path: '/risks/:id/tasks/:taskId',
    access: 'risks.write',
    tag,
    summary: 'Change a treatment task (send the version you read)',
    params: taskParams,
    body: updateTaskBody,
    reply: riskTask,
  }),
  removeTask: apiRoute({ method: 'DELETE', path: '/risks/:id/tasks/:taskId', access: 'risks.write', tag, summary: 'Remove a treatment task', params: taskParams, reply: okReply }),
};
