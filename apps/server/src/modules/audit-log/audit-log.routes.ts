import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditEvent, auditListQuery, auditVerifyReply } from '@custodian/shared/contracts/audit-log.ts';
import { pageOf } from '@custodian/shared/contracts/common.ts';
import { orgCtx, type AppDeps } from '../../http/context.ts';
import { listAuditEvents, verifyAuditChain } from './audit-log.service.ts';

/** Browse, filter and verify the organisation's audit trail. */
export function auditLogRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/audit-log', {
      config: { access: 'audit_log.read' },
      schema: { tags: ['audit-log'], summary: 'List audit events', querystring: auditListQuery, response: { 200: pageOf(auditEvent) } },
      handler: async (request) => listAuditEvents(orgCtx(request, deps), request.query),
    });
    app.get('/audit-log/verify', {
      config: { access: 'audit_log.verify' },
      schema: { tags: ['audit-log'], summary: 'Verify the hash chain of the audit trail', response: { 200: auditVerifyReply } },
      handler: async (request) => verifyAuditChain(deps.database.db, orgCtx(request, deps).actor.orgId),
    });
  };
}
