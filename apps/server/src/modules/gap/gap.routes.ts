import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf } from '@custodian/shared/contracts/common.ts';
import { gapItem, gapItemParams, gapListQuery, readinessReply, updateGapBody } from '@custodian/shared/contracts/gap.ts';
import { orgCtx, type AppDeps } from '../../http/context.ts';
import { exportGapAnalysis, getGapItem, getReadiness, listGapItems, updateGapItem } from './gap.service.ts';

const tags = ['gap-analysis'];

/** The gap analysis: statuses per clause, control and document; readiness; XLSX export. */
export function gapRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/gap/items', {
      config: { access: 'gap.read' },
      schema: { tags, summary: 'List gap-analysis items', querystring: gapListQuery, response: { 200: pageOf(gapItem) } },
      handler: async (request) => listGapItems(orgCtx(request, deps), request.query),
    });
    app.get('/gap/items/:itemId', {
      config: { access: 'gap.read' },
      schema: { tags, summary: 'One gap-analysis item', params: gapItemParams, response: { 200: gapItem } },
      handler: async (request) => getGapItem(orgCtx(request, deps), request.params.itemId),
    });
    app.put('/gap/items/:itemId', {
      config: { access: 'gap.write' },
      schema: { tags, summary: 'Record status, owner, target date and notes', params: gapItemParams, body: updateGapBody, response: { 200: gapItem } },
      handler: async (request) => updateGapItem(orgCtx(request, deps), request.params.itemId, request.body),
    });
    app.get('/gap/readiness', {
      config: { access: 'gap.read' },
      schema: { tags, summary: 'Readiness per clause, theme and overall, with Stage 1 and 2 blockers', response: { 200: readinessReply } },
      handler: async (request) => getReadiness(orgCtx(request, deps)),
    });
    app.get('/gap/export.xlsx', {
      config: { access: 'gap.export' },
      schema: { tags, summary: 'Download the gap analysis as an XLSX workbook' },
      handler: async (request, reply) => {
        const file = await exportGapAnalysis(orgCtx(request, deps));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .send(file.body);
      },
    });
  };
}
