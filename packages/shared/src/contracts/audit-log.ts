import { z } from 'zod';
import { apiRoute } from './api-route.ts';
import { isoDate } from './common.ts';
import { listOf, listQuery } from './list.ts';

export const auditEvent = z.object({
  seq: z.number().int(),
  id: z.uuid(),
  occurredAt: z.string(),
  actorUserId: z.uuid().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});
export type AuditEventDto = z.infer<typeof auditEvent>;

/**
 * Filters of the audit trail, in the order events were recorded (`seq`); from and to are calendar days
 * in the organisation's time zone.
 */
export const auditListQuery = listQuery({
  sorts: ['seq'],
  sort: 'seq',
  order: 'desc',
  filters: {
    action: z.string().max(80).optional(),
    entityType: z.string().max(80).optional(),
    entityId: z.string().max(200).optional(),
    actorUserId: z.uuid().optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  },
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditVerifyReply = z.object({
  isValid: z.boolean(),
  checked: z.number().int(),
  problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })),
});
export type AuditVerifyReply = z.infer<typeof auditVerifyReply>;

const tag = 'audit-log';

/** Browse, filter and verify the organisation's audit trail. */
export const auditLogApi = {
  list: apiRoute({ method: 'GET', path: '/audit-log', access: 'audit_log.read', tag, summary: 'List audit events', query: auditListQuery, reply: listOf(auditEvent) }),
  verify: apiRoute({ method: 'GET', path: '/audit-log/verify', access: 'audit_log.verify', tag, summary: 'Verify the hash chain of the audit trail', reply: auditVerifyReply }),
};
