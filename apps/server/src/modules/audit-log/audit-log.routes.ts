import { auditLogApi } from '@custodian/shared/contracts/audit-log.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { listAuditEvents, verifyAuditChain } from './audit-log.service.ts';

/** Browse, filter and verify the organisation's audit trail. */
export const auditLogRoutes = [
  defineRoute(auditLogApi.list, { handler: (ctx, { query }) => listAuditEvents(ctx, query) }),
  defineRoute(auditLogApi.verify, { handler: (ctx) => verifyAuditChain(ctx) }),
];
