import { soaApi } from '@custodian/shared/contracts/soa.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { approveSoa, buildSoaExport, diffSoaVersions, getSoaDraft, getSoaVersion, listSoaVersions, renderSoaExport } from './soa.service.ts';

/** The Statement of Applicability: as it stands, its approval into versions, their diff and exports. */
export const soaRoutes = [
  defineRoute(soaApi.draft, { handler: (ctx) => getSoaDraft(ctx) }),
  defineRoute(soaApi.approve, { handler: (ctx, { body }) => approveSoa(ctx, body) }),
  defineRoute(soaApi.versions, { handler: (ctx) => listSoaVersions(ctx) }),
  defineRoute(soaApi.version, { handler: (ctx, { params }) => getSoaVersion(ctx, params.version) }),
  defineRoute(soaApi.diff, { handler: (ctx, { query }) => diffSoaVersions(ctx, query) }),
  defineRoute(soaApi.exportXlsx, {
    handler: (ctx, { params }) => buildSoaExport(ctx, params.version),
    respond: async (model, http) => {
      const file = await renderSoaExport(model, 'xlsx');
      return http.file(file.fileName, file.body);
    },
  }),
  defineRoute(soaApi.exportDocx, {
    handler: (ctx, { params }) => buildSoaExport(ctx, params.version),
    respond: async (model, http) => {
      const file = await renderSoaExport(model, 'docx');
      return http.file(file.fileName, file.body);
    },
  }),
  defineRoute(soaApi.exportPdf, {
    handler: (ctx, { params }) => buildSoaExport(ctx, params.version),
    respond: async (model, http) => {
      const file = await renderSoaExport(model, 'pdf');
      return http.file(file.fileName, file.body);
    },
  }),
];
