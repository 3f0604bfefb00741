import { z } from 'zod';
import { trainingFrequencies, trainingStatuses } from '../domain/training-status.ts';
import { apiRoute } from './api-route.ts';
import { isoDate, okReply, recordVersion, singleLineName, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';

/**
 * Awareness training (issue 11, part 3; Annex A 6.3): items of internal content or an external link,
 * assigned to roles, members or teams, completed with a date and evidence. ADR 0034.
 */

export const trainingKinds = ['content', 'link'] as const;
export type TrainingKind = (typeof trainingKinds)[number];
export const trainingKindLabels: Record<TrainingKind, string> = { content: 'Written content', link: 'External link' };
export const trainingTargetKinds = ['role', 'member', 'team'] as const;
export type TrainingTargetKind = (typeof trainingTargetKinds)[number];

export const trainingAssignment = z.object({ targetKind: z.enum(trainingTargetKinds), targetId: z.string(), label: z.string(), assignedOn: z.string() });
export type TrainingAssignment = z.infer<typeof trainingAssignment>;

export const trainingItem = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: z.enum(trainingKinds),
  /** Plain text; paragraphs are separated by a blank line. Never HTML. */
  content: z.string(),
  url: z.string().nullable(),
  frequency: z.enum(trainingFrequencies),
  dueDays: z.number().int(),
  assignments: z.array(trainingAssignment),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type TrainingItem = z.infer<typeof trainingItem>;

export const trainingListQuery = listQuery({ sorts: ['title', 'updatedAt'], sort: 'title', filters: { q: z.string().trim().max(200).optional() } });
export type TrainingListQuery = z.infer<typeof trainingListQuery>;

const title = singleLineName(1, 200);
const content = z.string().max(50000, { message: 'must be at most 50,000 characters' });
/** Only https: an http address or a script address is refused. */
const httpsAddress = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:' && new URL(value).hostname.length > 0, { message: 'must be a web address starting with https://' });
const dueDays = z.number({ message: 'must be a number of days' }).int({ message: 'must be a whole number of days' }).min(1, { message: 'must be at least 1 day' }).max(365, { message: 'must be at most 365 days' });
const frequency = z.enum(trainingFrequencies, { message: 'must be once, every 6 months, every year or every 2 years' });

export const createTrainingBody = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('content'), title, content: content.trim().min(1, { message: 'Write the training content.' }), frequency, dueDays: dueDays.default(30) }),
    z.strictObject({ kind: z.literal('link'), title, url: httpsAddress, content: content.default(''), frequency, dueDays: dueDays.default(30) }),
  ],
  { message: 'must say whether the training is written content or an external link' },
);
export type CreateTrainingBody = z.input<typeof createTrainingBody>;

/** Only the fields that changed, with the version the editor read. */
export const updateTrainingBody = z.strictObject({ version: recordVersion, title: title.optional(), content: content.optional(), url: httpsAddress.optional(), frequency: frequency.optional(), dueDays: dueDays.optional() });
export type UpdateTrainingBody = z.input<typeof updateTrainingBody>;

const targetId = z.string().trim().min(1, { message: 'Choose who the training is for.' }).max(100);
export const assignTrainingBody = z.strictObject({ targetKind: z.enum(trainingTargetKinds, { message: 'must be a role, a member or a team' }), targetId });
export type AssignTrainingBody = z.input<typeof assignTrainingBody>;

export const trainingTeam = z.object({ id: z.uuid(), name: z.string(), members: z.array(z.object({ userId: z.uuid(), name: z.string() })) });
export type TrainingTeam = z.infer<typeof trainingTeam>;
export const createTeamBody = z.strictObject({ name: singleLineName(1, 100) });
/** Puts a member in a team, or takes them out of every team (teamId null). */
export const setTeamBody = z.strictObject({ userId: z.uuid({ message: 'must be a member of the organisation' }), teamId: z.uuid({ message: 'must be a team' }).nullable() });
export type SetTeamBody = z.input<typeof setTeamBody>;

const evidenceNote = z.string().trim().max(2000, { message: 'must be at most 2,000 characters' });
export const completeOwnBody = z.strictObject({ completedOn: isoDate, evidenceNote: evidenceNote.default('') });
export type CompleteOwnBody = z.input<typeof completeOwnBody>;
/** A manager records someone's completion: the evidence (a certificate number, where the record is kept) is required. */
export const recordCompletionBody = z.strictObject({
  userId: z.uuid({ message: 'must be a member of the organisation' }),
  completedOn: isoDate,
  evidenceNote: evidenceNote.min(1, { message: 'Say what shows the training was done (a certificate, an attendance sheet).' }),
});
export type RecordCompletionBody = z.input<typeof recordCompletionBody>;

export const trainingCompletion = z.object({ id: z.uuid(), itemId: z.uuid(), userId: z.uuid(), completedOn: z.string(), forDueOn: z.string(), evidenceNote: z.string(), recordedByName: z.string().nullable() });
export type TrainingCompletion = z.infer<typeof trainingCompletion>;

/** One item as one person stands with it. */
export const myTraining = z.object({
  itemId: z.uuid(),
  title: z.string(),
  kind: z.enum(trainingKinds),
  content: z.string(),
  url: z.string().nullable(),
  frequency: z.enum(trainingFrequencies),
  status: z.enum(trainingStatuses),
  dueOn: z.string().nullable(),
  lastCompletedOn: z.string().nullable(),
});
export type MyTraining = z.infer<typeof myTraining>;

const tally = { assigned: z.number().int(), complete: z.number().int(), due: z.number().int(), overdue: z.number().int(), percentComplete: z.number().int() };
export const trainingCoverage = z.object({
  today: z.string(),
  items: z.array(z.object({ itemId: z.uuid(), title: z.string(), ...tally })),
  /** Per team; people in no team are the last row, with a null id. */
  teams: z.array(z.object({ teamId: z.uuid().nullable(), name: z.string(), people: z.number().int(), ...tally })),
  /** Everyone with training assigned, overdue first. */
  people: z.array(z.object({ userId: z.uuid(), name: z.string(), teamName: z.string().nullable(), nextDueOn: z.string().nullable(), ...tally })),
});
export type TrainingCoverage = z.infer<typeof trainingCoverage>;

const idParams = z.strictObject({ id: uuidParam });
const tag = 'training';

/** Awareness training: items, teams, assignments, completions, coverage and a person's own training. */
export const trainingApi = {
  list: apiRoute({ method: 'GET', path: '/training', access: 'training.read', tag, summary: 'List training items', query: trainingListQuery, reply: listOf(trainingItem) }),
  get: apiRoute({ method: 'GET', path: '/training/:id', access: 'training.read', tag, summary: 'One training item with who it is assigned to', params: idParams, reply: trainingItem }),
  create: apiRoute({ method: 'POST', path: '/training', access: 'training.write', tag, summary: 'Add a training item (written content or an https link)', body: createTrainingBody, reply: trainingItem, status: 201 }),
  update: apiRoute({ method: 'PATCH', path: '/training/:id', access: 'training.write', tag, summary: 'Change a training item (send the version you read)', params: idParams, body: updateTrainingBody, reply: trainingItem }),
  remove: apiRoute({ method: 'DELETE', path: '/training/:id', access: 'training.write', tag, summary: 'Delete a training item nobody has completed', params: idParams, reply: okReply }),
  assign: apiRoute({ method: 'POST', path: '/training/:id/assignments', access: 'training.write', tag, summary: 'Assign an item to a role, a member or a team', params: idParams, body: assignTrainingBody, reply: trainingItem }),
  unassign: apiRoute({ method: 'DELETE', path: '/training/:id/assignments', access: 'training.write', tag, summary: 'Remove an assignment', params: idParams, query: assignTrainingBody, reply: trainingItem }),
  completions: apiRoute({ method: 'GET', path: '/training/:id/completions', access: 'training.read', tag, summary: 'The completions of an item, latest first', params: idParams, reply: z.object({ items: z.array(trainingCompletion) }) }),
  record: apiRoute({ method: 'POST', path: '/training/:id/completions', access: 'training.record', tag, summary: 'Record that a member completed an item, with evidence', params: idParams, body: recordCompletionBody, reply: trainingCompletion, status: 201 }),
  teams: apiRoute({ method: 'GET', path: '/training-teams', access: 'training.read', tag, summary: 'Teams and their members', reply: z.object({ items: z.array(trainingTeam) }) }),
  createTeam: apiRoute({ method: 'POST', path: '/training-teams', access: 'training.write', tag, summary: 'Add a team', body: createTeamBody, reply: trainingTeam, status: 201 }),
  setTeam: apiRoute({ method: 'PUT', path: '/training-teams/membership', access: 'training.write', tag, summary: 'Put a member in a team (or in none)', body: setTeamBody, reply: okReply }),
  coverage: apiRoute({ method: 'GET', path: '/training-coverage', access: 'training.read', tag, summary: 'Coverage per item, per team and per person', reply: trainingCoverage }),
  mine: apiRoute({ method: 'GET', path: '/my-training', access: 'training.own', tag, summary: 'My own training and when it is due', reply: z.object({ today: z.string(), items: z.array(myTraining) }) }),
  completeMine: apiRoute({ method: 'POST', path: '/my-training/:id/complete', access: 'training.own', tag, summary: 'Record that I completed an item', params: idParams, body: completeOwnBody, reply: trainingCompletion, status: 201 }),
};

