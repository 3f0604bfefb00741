import { z } from 'zod';
import { isoDate } from './common.ts';

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

export const auditListQuery = z.strictObject({
  action: z.string().max(80).optional(),
  entityType: z.string().max(80).optional(),
  entityId: z.string().max(200).optional(),
  actorUserId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditVerifyReply = z.object({
  isValid: z.boolean(),
  checked: z.number().int(),
  problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })),
});
export type AuditVerifyReply = z.infer<typeof auditVerifyReply>;
