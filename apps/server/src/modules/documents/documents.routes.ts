import { documentsApi } from '@custodian/shared/contracts/documents.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { acknowledgeDocument, assignDocument, listMyPolicies, peopleCoverage, policyCoverage, unassignDocument } from './acknowledgements.service.ts';
import {
  approveDocument,
  buildDocumentVersionModel,
  createDocument,
  deleteDocument,
  getDocument,
  getDocumentVersion,
  getMandatoryDocuments,
  listDocuments,
  listDocumentTemplates,
  renderDocumentVersion,
  updateDocument,
} from './documents.service.ts';

/** Documents (7.5): the library, drafts, approval, versions and their files; staff acknowledgement and coverage. */
export const documentsRoutes = [
  defineRoute(documentsApi.list, { handler: (ctx, { query }) => listDocuments(ctx, query) }),
  defineRoute(documentsApi.templates, { handler: async () => listDocumentTemplates() }),
  defineRoute(documentsApi.mandatory, { handler: (ctx) => getMandatoryDocuments(ctx) }),
  defineRoute(documentsApi.coverage, { handler: (ctx) => policyCoverage(ctx) }),
  defineRoute(documentsApi.peopleCoverage, { handler: (ctx, { query }) => peopleCoverage(ctx, query) }),
  defineRoute(documentsApi.get, { handler: (ctx, { params }) => getDocument(ctx, params.id) }),
  defineRoute(documentsApi.create, { handler: (ctx, { body }) => createDocument(ctx, body) }),
  defineRoute(documentsApi.update, { handler: (ctx, { params, body }) => updateDocument(ctx, params.id, body) }),
  defineRoute(documentsApi.remove, { handler: async (ctx, { params }) => (await deleteDocument(ctx, params.id), { ok: true as const }) }),
  defineRoute(documentsApi.approve, { handler: (ctx, { params, body }) => approveDocument(ctx, params.id, body) }),
  defineRoute(documentsApi.version, { handler: (ctx, { params }) => getDocumentVersion(ctx, params.id, params.number) }),
  defineRoute(documentsApi.versionDocx, {
    handler: (ctx, { params }) => buildDocumentVersionModel(ctx, params.id, params.number),
    respond: async (model, http) => {
      const file = await renderDocumentVersion(model, 'docx');
      return http.file(file.fileName, file.body);
    },
  }),
  defineRoute(documentsApi.versionPdf, {
    handler: (ctx, { params }) => buildDocumentVersionModel(ctx, params.id, params.number),
    respond: async (model, http) => {
      const file = await renderDocumentVersion(model, 'pdf');
      return http.file(file.fileName, file.body);
    },
  }),
  defineRoute(documentsApi.assign, { handler: (ctx, { params, body }) => assignDocument(ctx, params.id, body) }),
  defineRoute(documentsApi.unassign, { handler: async (ctx, { params }) => (await unassignDocument(ctx, params.id, params.assignmentId), { ok: true as const }) }),
  defineRoute(documentsApi.mine, { handler: (ctx) => listMyPolicies(ctx) }),
  defineRoute(documentsApi.acknowledge, { handler: (ctx, { params, body }) => acknowledgeDocument(ctx, params.id, body) }),
];
