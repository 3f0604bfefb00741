import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';
import { isoDate, okReply, recordVersion, uuidParam } from './common.ts';

/** The six steps to certification, in order. */
export const planSteps = ['scope', 'risk', 'controls', 'documents', 'audit_review', 'certification'] as const;
export type PlanStep = (typeof planSteps)[number];
export const planStepLabels: Record<PlanStep, string> = {
  scope: 'Scope',
  risk: 'Risk assessment and treatment',
  controls: 'Controls and Statement of Applicability',
  documents: 'Documentation',
  audit_review: 'Internal audit and management review',
  certification: 'Stage 1 and Stage 2 audits',
};

export const planMilestone = z.object({
  id: z.uuid(),
  step: z.enum(planSteps),
  title: z.string(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string(),
  completedOn: z.string().nullable(),
  isOverdue: z.boolean(),
  version: z.number().int(),
});
export type PlanMilestone = z.infer<typeof planMilestone>;

export const stepProgress = z.object({
  step: z.enum(planSteps),
  title: z.string(),
  done: z.number(),
  total: z.number(),
  detail: z.string(),
  state: z.enum(['not_started', 'in_progress', 'done']),
  /** The next concrete thing to do in this step, in words, and where in the app. */
  nextAction: z.string(),
  href: z.string(),
});
export type StepProgress = z.infer<typeof stepProgress>;

export const stage2Projection = z.object({
  targetOn: z.string(),
  projectedOn: z.string().nullable(),
  cause: z.enum(['complete', 'on_target', 'pace', 'overdue', 'unknown_pace']),
  pacePerWeek: z.number().nullable(),
  stepsDone: z.number(),
  remainingSteps: z.number(),
  basis: z.string(),
  movement: z.object({ direction: z.enum(['first', 'later', 'earlier', 'same']), days: z.number().int(), since: z.string().nullable(), reasons: z.array(z.string()) }),
});
export type Stage2ProjectionView = z.infer<typeof stage2Projection>;

export const nextThing = z.object({ kind: z.enum(['overdue_milestone', 'step']), title: z.string(), detail: z.string(), href: z.string() });

export const planView = z.object({
  plan: z.object({ targetStage2On: z.string(), version: z.number().int() }).nullable(),
  steps: z.array(stepProgress),
  milestones: z.array(planMilestone),
  /** What to do next, in order: overdue milestones first (most overdue first), then the first unfinished step's next action. */
  next: z.array(nextThing),
  projection: stage2Projection.nullable(),
});
export type PlanView = z.infer<typeof planView>;

export const createPlanBody = z.strictObject({ targetStage2On: isoDate });
export type CreatePlanBody = z.input<typeof createPlanBody>;
export const updatePlanBody = z.strictObject({ version: recordVersion, targetStage2On: isoDate });
export type UpdatePlanBody = z.input<typeof updatePlanBody>;

const title = z.string().trim().min(1, { message: 'Enter what the milestone is.' }).max(200);
export const createMilestoneBody = z.strictObject({
  step: z.enum(planSteps),
  title,
  ownerUserId: z.uuid().nullable().default(null),
  dueOn: isoDate,
});
export type CreateMilestoneBody = z.input<typeof createMilestoneBody>;
/** Only the fields that changed, with the version the editor read. */
export const updateMilestoneBody = z.strictObject({
  version: recordVersion,
  title: title.optional(),
  ownerUserId: z.uuid().nullable().optional(),
  dueOn: isoDate.optional(),
  isDone: z.boolean().optional(),
});
export type UpdateMilestoneBody = z.input<typeof updateMilestoneBody>;

/** Who gets every obligation of the organisation in their calendar feed (others get their own): those who may read the plan. */
export const feedSeesAllPermission = 'plan.read' as const;

export const calendarFeedStatus = z.object({ isIssued: z.boolean(), issuedAt: z.string().nullable(), hint: z.string().nullable() });
export type CalendarFeedStatus = z.infer<typeof calendarFeedStatus>;
/** The feed's address, shown once: only its hash is kept. */
export const calendarFeedIssued = z.object({ url: z.string(), issuedAt: z.string(), hint: z.string() });
export type CalendarFeedIssued = z.infer<typeof calendarFeedIssued>;
export const calendarFeedQuery = z.strictObject({ token: z.string().min(1).max(200) });

const idParams = z.strictObject({ id: uuidParam });
const tag = 'plan';

/** The guided path to certification: the plan, its milestones, the projected Stage 2 date, and each person's calendar feed. */
export const planApi = {
  get: apiRoute({ method: 'GET', path: '/plan', access: 'plan.read', tag, summary: 'The plan, each step’s progress, what to do next and the projected Stage 2 date', reply: planView }),
  create: apiRoute({ method: 'POST', path: '/plan', access: 'plan.write', tag, summary: 'Start the plan from a target Stage 2 date (milestones get default due dates)', body: createPlanBody, reply: planView, status: 201 }),
  update: apiRoute({ method: 'PATCH', path: '/plan', access: 'plan.write', tag, summary: 'Change the target Stage 2 date (send the version you read)', body: updatePlanBody, reply: planView }),
  addMilestone: apiRoute({ method: 'POST', path: '/plan/milestones', access: 'plan.write', tag, summary: 'Add a milestone', body: createMilestoneBody, reply: planMilestone, status: 201 }),
  updateMilestone: apiRoute({
    method: 'PATCH',
    path: '/plan/milestones/:id',
    access: 'plan.write',
    tag,
    summary: 'Change a milestone or mark it done (send the version you read)',
    params: idParams,
    body: updateMilestoneBody,
    reply: planMilestone,
  }),
  removeMilestone: apiRoute({ method: 'DELETE', path: '/plan/milestones/:id', access: 'plan.write', tag, summary: 'Delete a milestone', params: idParams, reply: okReply }),
  feedStatus: apiRoute({ method: 'GET', path: '/calendar-feed', access: 'calendar.feed', tag, summary: 'Whether you have a calendar feed in this organisation', reply: calendarFeedStatus }),
  issueFeed: apiRoute({ method: 'POST', path: '/calendar-feed', access: 'calendar.feed', tag, summary: 'Make a new calendar feed address (an earlier one stops working)', reply: calendarFeedIssued, status: 201 }),
  revokeFeed: apiRoute({ method: 'DELETE', path: '/calendar-feed', access: 'calendar.feed', tag, summary: 'Stop your calendar feed', reply: okReply }),
  feed: apiRoute({ method: 'GET', path: '/calendar.ics', access: 'public', tag, summary: 'A calendar feed (iCalendar) of dated obligations; the secret in the address is the credential', query: calendarFeedQuery, reply: fileReply('text/calendar') }),
};
