import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';
import { isoDate } from './common.ts';
import { listOf, listQuery } from './list.ts';

export const auditEvent = z.object({
  seq: z.number().int(),
  id: z.uuid(),
  occurredAt: z.string(),
  actorUserId: z.uuid().nullable(),
  actorLabel: z.string(),
  /** The person who acted, by name (as a member now, or as they were when they acted). */
  actorName: z.string(),
  /** The item acted on, in words (a control's id and title, a member's name, an address); null when it cannot be named. */
  subject: z.string().nullable(),
  /** Names of the people the before and after values mention by id. */
  people: z.record(z.string(), z.string()),
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

/**
 * The check an event failed: `genesis` (the chain must open with the organisation's creation, event 1,
 * from the fixed genesis value), `sequence` (a gap), `chain_link` (not linked to its predecessor),
 * `mac` (content or MAC does not hold under the server's audit key), `head` (the chain's end differs
 * from its recorded head), `checkpoint` (differs from, or falls short of, a signed checkpoint),
 * `personal` (a personal field differs from its commitment, or holds a pseudonym nobody was given).
 */
export const auditChecks = ['genesis', 'sequence', 'chain_link', 'mac', 'head', 'checkpoint', 'personal'] as const;
export type AuditCheck = (typeof auditChecks)[number];

const auditProblem = z.object({ seq: z.number().int(), check: z.enum(auditChecks), problem: z.string() });

export const auditVerifyReply = z.object({
  isValid: z.boolean(),
  checked: z.number().int(),
  /** The first bad event (problems are in event order). */
  firstProblem: auditProblem.nullable(),
  problems: z.array(auditProblem),
  /** The newest signed checkpoint the chain was checked against; null when there is none yet. */
  checkpoint: z.object({ seq: z.number().int(), at: z.string() }).nullable(),
});
export type AuditVerifyReply = z.infer<typeof auditVerifyReply>;

/** A signed checkpoint of the chain, as written to the checkpoint file (one JSON line). */
export const auditCheckpoint = z.object({
  v: z.literal(1),
  orgId: z.uuid(),
  seq: z.number().int(),
  headMac: z.string(),
  count: z.number().int(),
  at: z.string(),
  mac: z.string(),
});

/** Optionally, the checkpoint is also e-mailed to every owner (a copy outside the server). */
export const writeCheckpointBody = z.strictObject({ isMailedToOwners: z.boolean().default(false) });

const tag = 'audit-log';

/** Browse, filter and verify the organisation's audit trail. */
export const auditLogApi = {
  list: apiRoute({ method: 'GET', path: '/audit-log', access: 'audit_log.read', tag, summary: 'List audit events', query: auditListQuery, reply: listOf(auditEvent) }),
  verify: apiRoute({ method: 'GET', path: '/audit-log/verify', access: 'audit_log.verify', tag, summary: 'Verify the audit trail (MACs, links, start, head) against its signed checkpoints', reply: auditVerifyReply }),
  writeCheckpoint: apiRoute({ method: 'POST', path: '/audit-log/checkpoints', access: 'audit_log.checkpoints', tag, summary: 'Write a signed checkpoint of the audit trail now, optionally e-mailed to the owners', body: writeCheckpointBody, status: 201, reply: auditCheckpoint }),
  checkpoints: apiRoute({
    method: 'GET',
    path: '/audit-log/checkpoints.jsonl',
    access: 'audit_log.checkpoints',
    tag,
    summary: "Download the organisation's signed audit checkpoints (JSON lines), for verify-audit --checkpoints",
    reply: fileReply('application/x-ndjson'),
  }),
};
