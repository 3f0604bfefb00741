import { createHash } from 'node:crypto';
import type { AuditEventDto, AuditListQuery, AuditVerifyReply } from '@custodian/shared/contracts/audit-log.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withMaintenance, withOrg, type Tx } from '../../db/with-org.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { newId } from '../../lib/ids.ts';
import type { Ctx } from '../../http/context.ts';
import { insertAuditRow, listAuditRows, listOrgsForMaintenance, lockChainHead, readChainBatch, type AuditRow } from './audit-log.repo.ts';

/** The prev_hash of an organisation's first audit event. */
export const genesisHash = '0'.repeat(64);

export interface AuditWho {
  orgId: string;
  userId: string | null;
  label: string;
  requestId: string | null;
  at: Date;
}

export interface AuditWhat {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

function hashEvent(prevHash: string, fields: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

function hashedFields(row: Omit<AuditRow, 'prev_hash' | 'hash'>): Record<string, unknown> {
  return {
    orgId: row.org_id,
    seq: Number(row.seq),
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.request_id,
  };
}

/**
 * The hash of one audit event linked to its predecessor's hash: pure, the same computation recordAudit
 * and the chain verification use (exported for bulk generators such as the benchmark seeder).
 */
export function hashAuditRow(prevHash: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  return hashEvent(prevHash, hashedFields(row));
}

/**
 * Appends one event to the organisation's hash-chained trail inside the caller's transaction, so the
 * change and its record commit or roll back together.
 */
export async function recordAudit(trx: Tx, who: AuditWho, what: AuditWhat): Promise<void> {
  const head = await lockChainHead(trx, who.orgId);
  const before = what.before === undefined ? null : JSON.parse(canonicalJson(what.before));
  const after = what.after === undefined ? null : JSON.parse(canonicalJson(what.after));
  const row = {
    org_id: who.orgId,
    seq: String((head?.seq ?? 0) + 1),
    id: newId(who.at.getTime()),
    occurred_at: who.at,
    actor_user_id: who.userId,
    actor_label: who.label,
    action: what.action,
    entity_type: what.entityType,
    entity_id: what.entityId,
    before,
    after,
    request_id: who.requestId,
  };
  const prevHash = head?.hash ?? genesisHash;
  const hash = hashEvent(prevHash, hashedFields(row));
  await insertAuditRow(trx, {
    ...row,
    before: before === null ? null : JSON.stringify(before),
    after: after === null ? null : JSON.stringify(after),
    prev_hash: prevHash,
    hash,
  });
}

/** The who of an event done by the signed-in actor of a request. */
export function auditWho(ctx: Ctx): AuditWho {
  return {
    orgId: ctx.actor.orgId,
    userId: ctx.actor.userId,
    label: ctx.actor.userLabel,
    requestId: ctx.requestId,
    at: ctx.deps.clock(),
  };
}

function toDto(row: AuditRow): AuditEventDto {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
  };
}

/** One page of the organisation's audit trail, filtered and sorted on the server. */
export async function listAuditEvents(ctx: Ctx, query: AuditListQuery) {
  return withOrg(ctx.deps.database.db, ctx.actor, async (trx) => {
    const { rows, total } = await listAuditRows(trx, ctx.actor.orgId, query);
    return { items: rows.map(toDto), page: query.page, pageSize: query.pageSize, total };
  });
}

/**
 * Walks the whole chain and recomputes every hash: an edited row breaks its own hash, a deleted or
 * inserted row breaks the sequence or the link to its predecessor.
 */
export async function verifyAuditChain(db: Kysely<DB>, orgId: string): Promise<AuditVerifyReply> {
  return withOrg(db, { orgId }, (trx) => verifyChainIn(trx, orgId));
}

/** Verifies every organisation's chain (maintenance command); returns each organisation's result. */
export async function verifyAllAuditChains(db: Kysely<DB>): Promise<Array<{ orgId: string; name: string } & AuditVerifyReply>> {
  return withMaintenance(db, async (trx) => {
    const results = [];
    for (const org of await listOrgsForMaintenance(trx)) results.push({ orgId: org.org_id, name: org.name, ...(await verifyChainIn(trx, org.org_id)) });
    return results;
  });
}

async function verifyChainIn(trx: Tx, orgId: string): Promise<AuditVerifyReply> {
  const problems: AuditVerifyReply['problems'] = [];
  let prevHash = genesisHash;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const batch = await readChainBatch(trx, orgId, expectedSeq - 1, 1000);
    if (batch.length === 0) break;
    for (const row of batch) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) problems.push({ seq, problem: `expected event ${expectedSeq} next; events are missing` });
      if (row.prev_hash !== prevHash) problems.push({ seq, problem: 'does not link to the event before it' });
      if (hashEvent(row.prev_hash, hashedFields(row)) !== row.hash) problems.push({ seq, problem: 'content was changed after it was recorded' });
      prevHash = row.hash;
      expectedSeq = seq + 1;
      checked += 1;
    }
  }
  return { isValid: problems.length === 0, checked, problems };
}
