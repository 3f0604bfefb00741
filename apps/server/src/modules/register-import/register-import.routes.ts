import { importBodyLimit, registerImportApi } from '@custodian/shared/contracts/register-import.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { buildRegisterExport, renderRegisterExport } from './register-export.ts';
import { analyseImport, commitImport, importProgress, previewImport } from './register-import.service.ts';

/** Import of the asset and risk registers (analyse → preview → commit, with progress) and their export. */
export const registerImportRoutes = [
  defineRoute(registerImportApi.analyse, { handler: (ctx, { body }) => analyseImport(ctx, body), bodyLimit: importBodyLimit }),
  defineRoute(registerImportApi.preview, { handler: (ctx, { body }) => previewImport(ctx, body), bodyLimit: importBodyLimit }),
  defineRoute(registerImportApi.commit, { handler: (ctx, { body }) => commitImport(ctx, body), bodyLimit: importBodyLimit }),
  defineRoute(registerImportApi.progress, { handler: (ctx, { params }) => importProgress(ctx, params.progressId) }),
  defineRoute(registerImportApi.export, {
    handler: (ctx) => buildRegisterExport(ctx),
    respond: async (model, http) => {
      const file = await renderRegisterExport(model);
      return http.file(file.fileName, file.body);
    },
  }),
];
