import { evidenceApi, evidenceUploadBodyLimit } from '@custodian/shared/contracts/evidence.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { downloadName } from './evidence-files.ts';
import { linkEvidence, unlinkEvidence } from './evidence-links.service.ts';
import { addEvidence, changeEvidence, deleteEvidence, findEvidenceFile, getEvidence, listEvidence } from './evidence.service.ts';

/** Evidence: files, links and notes, their links to controls, requirements and risks, and the file download. */
export const evidenceRoutes = [
  defineRoute(evidenceApi.list, { handler: (ctx, { query }) => listEvidence(ctx, query) }),
  defineRoute(evidenceApi.get, { handler: (ctx, { params }) => getEvidence(ctx, params.id) }),
  // The row is found in the request's transaction (row-level security: only the organisation's own);
  // the bytes are read from the store after it, under the type sniffed at upload.
  defineRoute(evidenceApi.download, {
    handler: (ctx, { params }) => findEvidenceFile(ctx, params.id),
    respond: async (file, http) => http.file(downloadName(file.name), await file.read(), file.type),
  }),
  defineRoute(evidenceApi.create, { steps: (ctx, { body }) => addEvidence(ctx, body), bodyLimit: evidenceUploadBodyLimit }),
  defineRoute(evidenceApi.update, { steps: (ctx, { params, body }) => changeEvidence(ctx, params.id, body), bodyLimit: evidenceUploadBodyLimit }),
  defineRoute(evidenceApi.remove, { handler: async (ctx, { params }) => (await deleteEvidence(ctx, params.id), { ok: true as const }) }),
  defineRoute(evidenceApi.link, { handler: (ctx, { params, body }) => linkEvidence(ctx, params.id, body) }),
  defineRoute(evidenceApi.unlink, { handler: (ctx, { params, query }) => unlinkEvidence(ctx, params.id, query) }),
];
