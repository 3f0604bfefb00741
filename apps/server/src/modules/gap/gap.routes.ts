import { gapApi } from '@custodian/shared/contracts/gap.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { buildGapExport, getGapItem, getReadiness, listGapItems, renderGapExport, updateGapItem } from './gap.service.ts';

/** The gap analysis: statuses per clause, control and document; readiness; XLSX export. */
export const gapRoutes = [
  defineRoute(gapApi.list, { handler: (ctx, { query }) => listGapItems(ctx, query) }),
  defineRoute(gapApi.get, { handler: (ctx, { params }) => getGapItem(ctx, params.itemId) }),
  defineRoute(gapApi.update, { handler: (ctx, { params, body }) => updateGapItem(ctx, params.itemId, body) }),
  defineRoute(gapApi.readiness, { handler: (ctx) => getReadiness(ctx) }),
  defineRoute(gapApi.export, {
    handler: (ctx) => buildGapExport(ctx),
    respond: async (model, http) => {
      const file = await renderGapExport(model);
      return http.file(file.fileName, file.body);
    },
  }),
];
