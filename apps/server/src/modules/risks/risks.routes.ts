import { riskMethodApi } from '@custodian/shared/contracts/risk-method.ts';
import { risksApi } from '@custodian/shared/contracts/risks.ts';
import { threatsApi } from '@custodian/shared/contracts/threats.ts';
import { loadThreatLibrary } from '@custodian/catalogue/threat-library.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { getRiskHistory } from './risk-history.service.ts';
import { changeRiskMethod, getRiskMethod, listMethodHistory, previewMethodChange } from './risk-method.service.ts';
import { addRiskTask, listRiskTasks, removeRiskTask, updateRiskTask } from './risk-tasks.service.ts';
import { acceptRisk, createRisk, deleteRisk, getRisk, listRisks, updateRisk } from './risks.service.ts';

/** The risk method, the risk register (tasks, acceptance, history) and the healthcare threat library. */
export const risksRoutes = [
  defineRoute(risksApi.list, { handler: (ctx, { query }) => listRisks(ctx, query) }),
  defineRoute(risksApi.get, { handler: (ctx, { params }) => getRisk(ctx, params.id) }),
  defineRoute(risksApi.create, { handler: (ctx, { body }) => createRisk(ctx, body) }),
  defineRoute(risksApi.update, { handler: (ctx, { params, body }) => updateRisk(ctx, params.id, body) }),
  defineRoute(risksApi.remove, { handler: async (ctx, { params }) => (await deleteRisk(ctx, params.id), { ok: true as const }) }),
  defineRoute(risksApi.accept, { handler: (ctx, { params, body }) => acceptRisk(ctx, params.id, body) }),
  defineRoute(risksApi.history, { handler: (ctx, { params }) => getRiskHistory(ctx, params.id) }),
  defineRoute(risksApi.tasks, { handler: (ctx, { params }) => listRiskTasks(ctx, params.id) }),
  defineRoute(risksApi.addTask, { handler: (ctx, { params, body }) => addRiskTask(ctx, params.id, body) }),
  defineRoute(risksApi.updateTask, { handler: (ctx, { params, body }) => updateRiskTask(ctx, params.id, params.taskId, body) }),
  defineRoute(risksApi.removeTask, { handler: async (ctx, { params }) => (await removeRiskTask(ctx, params.id, params.taskId), { ok: true as const }) }),
  defineRoute(riskMethodApi.get, { handler: (ctx) => getRiskMethod(ctx) }),
  defineRoute(riskMethodApi.preview, { handler: (ctx, { body }) => previewMethodChange(ctx, body) }),
  defineRoute(riskMethodApi.change, { handler: (ctx, { body }) => changeRiskMethod(ctx, body) }),
  defineRoute(riskMethodApi.history, { handler: (ctx) => listMethodHistory(ctx) }),
  defineRoute(threatsApi.list, {
    handler: () => {
      const { library } = loadThreatLibrary();
      return Promise.resolve({ version: library.version, items: library.scenarios });
    },
  }),
];
