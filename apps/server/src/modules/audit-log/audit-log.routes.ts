import { auditLogApi } from '@custodian/shared/contracts/audit-log.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { checkpointFileOf, listAuditEvents, verifyAuditChain, writeCheckpointNow } from './audit-log.service.ts';

/** Browse, filter and verify the organisation's audit trail; write and download its signed checkpoints. */
export const auditLogRoutes = [
  defineRoute(auditLogApi.list, { handler: (ctx, { query }) => listAuditEvents(ctx, query) }),
  defineRoute(auditLogApi.verify, { handler: (ctx) => verifyAuditChain(ctx) }),
  defineRoute(auditLogApi.writeCheckpoint, { handler: (ctx, { body }) => writeCheckpointNow(ctx, body) }),
  defineRoute(auditLogApi.checkpoints, {
    handler: (ctx) => checkpointFileOf(ctx),
    respond: (file, http) => http.file(file.fileName, file.body),
  }),
];
