import { auditsApi } from '@custodian/shared/contracts/audits.ts';
import { nonconformitiesApi } from '@custodian/shared/contracts/nonconformities.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { addFinding, auditProgramme, auditReport, completeAudit, createAudit, deleteAudit, getAudit, listAudits, ncRegister, renderAuditReport, updateAudit, updateChecklistItem } from './audits.service.ts';
import { addCorrectiveAction, addEffectivenessReview, createNonconformity, getNonconformity, listNonconformities, updateCorrectiveAction, updateNonconformity } from './nonconformities.service.ts';

/** Internal audits: the programme, audits with checklists and findings, and their reports. */
export const auditsRoutes = [
  defineRoute(auditsApi.list, { handler: (ctx, { query }) => listAudits(ctx, query) }),
  defineRoute(auditsApi.programme, { handler: (ctx) => auditProgramme(ctx) }),
  defineRoute(auditsApi.get, { handler: (ctx, { params }) => getAudit(ctx, params.id) }),
  defineRoute(auditsApi.create, { handler: (ctx, { body }) => createAudit(ctx, body) }),
  defineRoute(auditsApi.update, { handler: (ctx, { params, body }) => updateAudit(ctx, params.id, body) }),
  defineRoute(auditsApi.complete, { handler: (ctx, { params, body }) => completeAudit(ctx, params.id, body) }),
  defineRoute(auditsApi.remove, { handler: async (ctx, { params }) => (await deleteAudit(ctx, params.id), { ok: true as const }) }),
  defineRoute(auditsApi.updateChecklist, { handler: (ctx, { params, body }) => updateChecklistItem(ctx, params.id, params.itemId, body) }),
  defineRoute(auditsApi.addFinding, { handler: (ctx, { params, body }) => addFinding(ctx, params.id, body) }),
  defineRoute(auditsApi.reportDocx, {
    handler: (ctx, { params }) => auditReport(ctx, params.id),
    respond: async (draft, http) => {
      const file = await renderAuditReport(draft, 'docx');
      return http.file(file.fileName, file.body);
    },
  }),
  defineRoute(auditsApi.reportPdf, {
    handler: (ctx, { params }) => auditReport(ctx, params.id),
    respond: async (draft, http) => {
      const file = await renderAuditReport(draft, 'pdf');
      return http.file(file.fileName, file.body);
    },
  }),
];

/** Nonconformities and corrective actions. */
export const nonconformitiesRoutes = [
  defineRoute(nonconformitiesApi.list, { handler: (ctx, { query }) => listNonconformities(ctx, query) }),
  defineRoute(nonconformitiesApi.get, { handler: (ctx, { params }) => getNonconformity(ctx, params.id) }),
  defineRoute(nonconformitiesApi.create, { handler: (ctx, { body }) => createNonconformity(ctx, body) }),
  defineRoute(nonconformitiesApi.update, { handler: (ctx, { params, body }) => updateNonconformity(ctx, params.id, body) }),
  defineRoute(nonconformitiesApi.addAction, { handler: (ctx, { params, body }) => addCorrectiveAction(ctx, params.id, body) }),
  defineRoute(nonconformitiesApi.updateAction, { handler: (ctx, { params, body }) => updateCorrectiveAction(ctx, params.id, params.actionId, body) }),
  defineRoute(nonconformitiesApi.addReview, { handler: (ctx, { params, body }) => addEffectivenessReview(ctx, params.id, body) }),
  defineRoute(nonconformitiesApi.registerPdf, {
    handler: (ctx) => ncRegister(ctx),
    respond: async (draft, http) => {
      const file = await renderAuditReport(draft, 'pdf');
      return http.file(file.fileName, file.body);
    },
  }),
];
