import { scopeApi } from '@custodian/shared/contracts/scope.ts';
import { defineRoute } from '../../http/route-kit.ts';
import {
  approveScopeStatement,
  buildScopeStatementDocument,
  createScopeItem,
  deleteScopeItem,
  getScopeItem,
  getScopeStatement,
  listScopeItems,
  renderScopeStatement,
  updateScopeItem,
  updateScopeStatement,
} from './scope.service.ts';

/** Context and scope (4.1–4.3): entries of each part, the scope statement, its approval. */
export const scopeRoutes = [
  defineRoute(scopeApi.statement, { handler: (ctx) => getScopeStatement(ctx) }),
  defineRoute(scopeApi.updateStatement, { handler: (ctx, { body }) => updateScopeStatement(ctx, body) }),
  defineRoute(scopeApi.approve, { handler: (ctx, { body }) => approveScopeStatement(ctx, body) }),
  defineRoute(scopeApi.statementDocx, {
    handler: (ctx) => buildScopeStatementDocument(ctx),
    respond: async (model, http) => {
      const file = await renderScopeStatement(model, 'docx');
      return http.file(file.fileName, file.body);
    },
  }),
  defineRoute(scopeApi.statementPdf, {
    handler: (ctx) => buildScopeStatementDocument(ctx),
    respond: async (model, http) => {
      const file = await renderScopeStatement(model, 'pdf');
      return http.file(file.fileName, file.body);
    },
  }),
  defineRoute(scopeApi.list, { handler: (ctx, { query }) => listScopeItems(ctx, query) }),
  defineRoute(scopeApi.get, { handler: (ctx, { params }) => getScopeItem(ctx, params.id) }),
  defineRoute(scopeApi.create, { handler: (ctx, { body }) => createScopeItem(ctx, body) }),
  defineRoute(scopeApi.update, { handler: (ctx, { params, body }) => updateScopeItem(ctx, params.id, body) }),
  defineRoute(scopeApi.remove, { handler: async (ctx, { params }) => (await deleteScopeItem(ctx, params.id), { ok: true as const }) }),
];
