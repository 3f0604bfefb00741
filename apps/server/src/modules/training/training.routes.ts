import { trainingApi } from '@custodian/shared/contracts/training.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { completeMyTraining, listTrainingCompletions, myTraining, recordTrainingCompletion, trainingCoverage } from './training-records.service.ts';
import { createTrainingTeam, listTrainingTeams, setTrainingTeam } from './training-teams.service.ts';
import { assignTraining, createTraining, deleteTraining, getTraining, listTraining, unassignTraining, updateTraining } from './training.service.ts';

/** Awareness training: items, assignments, teams, completions, coverage and a person's own training. */
export const trainingRoutes = [
  defineRoute(trainingApi.list, { handler: (ctx, { query }) => listTraining(ctx, query) }),
  defineRoute(trainingApi.get, { handler: (ctx, { params }) => getTraining(ctx, params.id) }),
  defineRoute(trainingApi.create, { handler: (ctx, { body }) => createTraining(ctx, body) }),
  defineRoute(trainingApi.update, { handler: (ctx, { params, body }) => updateTraining(ctx, params.id, body) }),
  defineRoute(trainingApi.remove, { handler: async (ctx, { params }) => (await deleteTraining(ctx, params.id), { ok: true as const }) }),
  defineRoute(trainingApi.assign, { handler: (ctx, { params, body }) => assignTraining(ctx, params.id, body) }),
  defineRoute(trainingApi.unassign, { handler: (ctx, { params, query }) => unassignTraining(ctx, params.id, query) }),
  defineRoute(trainingApi.completions, { handler: (ctx, { params }) => listTrainingCompletions(ctx, params.id) }),
  defineRoute(trainingApi.record, { handler: (ctx, { params, body }) => recordTrainingCompletion(ctx, params.id, body) }),
  defineRoute(trainingApi.teams, { handler: (ctx) => listTrainingTeams(ctx) }),
  defineRoute(trainingApi.createTeam, { handler: (ctx, { body }) => createTrainingTeam(ctx, body) }),
  defineRoute(trainingApi.setTeam, { handler: async (ctx, { body }) => (await setTrainingTeam(ctx, body), { ok: true as const }) }),
  defineRoute(trainingApi.coverage, { handler: (ctx) => trainingCoverage(ctx) }),
  defineRoute(trainingApi.mine, { handler: (ctx) => myTraining(ctx) }),
  defineRoute(trainingApi.completeMine, { handler: (ctx, { params, body }) => completeMyTraining(ctx, params.id, body) }),
];
