import { createHash } from 'node:crypto';
import type { AuditEventDto, AuditListQuery, AuditVerifyReply } from '@custodian/shared/contracts/audit-log.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { Kysely } from 'kysely';
import type { AuditEvent, AuditWho, OrgCtx } from '../../core/ctx.ts';
import type { DB } from '../../db/schema.ts';
import { withMaintenance, type Tx } from '../../db/with-org.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { nextDay, startOfDayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { appendEventRow, listAuditRows, listOrgsForMaintenance, lockChainHead, readChainBatch, readChainHead, type AuditRow } from './audit-log.repo.ts';

/** The prev_hash of an organisation's first audit event. */
export const genesisHash = '0'.repeat(64);

/** The chain heads a transaction holds locked, by organisation (appending more events needs no new lock). */
export type ChainHeads = Map<string, { seq: number; hash: string }>;

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
 * The hash of one audit event linked to its predecessor's hash: pure, the same computation appending
 * and verification use (exported for bulk generators such as the benchmark seeder).
 */
export function hashAuditRow(prevHash: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  return hashEvent(prevHash, hashedFields(row));
}

/**
 * Appends one event to an organisation's hash-chained trail inside the caller's transaction, so the
 * change and its record commit or roll back together. The first event of a transaction locks the
 * organisation's chain head; later ones reuse it. Services call ctx.audit, which lands here.
 */
export async function appendAuditEvent(tx: Tx, heads: ChainHeads, who: AuditWho, event: AuditEvent, meta: { at: Date; requestId: string | null }): Promise<void> {
  const head = heads.get(who.orgId) ?? (await lockChainHead(tx, who.orgId, genesisHash));
  const before = event.before === undefined ? null : JSON.parse(canonicalJson(event.before));
  const after = event.after === undefined ? null : JSON.parse(canonicalJson(event.after));
  const row = {
    org_id: who.orgId,
    seq: String(head.seq + 1),
    id: newId(meta.at.getTime()),
    occurred_at: meta.at,
    actor_user_id: who.userId,
    actor_label: who.label,
    action: event.action,
    entity_type: event.entity.type,
    entity_id: event.entity.id,
    before,
    after,
    request_id: meta.requestId,
  };
  const hash = hashEvent(head.hash, hashedFields(row));
  await appendEventRow(tx, {
    ...row,
    before: before === null ? null : JSON.stringify(before),
    after: after === null ? null : JSON.stringify(after),
    prev_hash: head.hash,
    hash,
  });
  heads.set(who.orgId, { seq: head.seq + 1, hash });
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

/** One page of the organisation's audit trail; from and to are days in the organisation's time zone. */
export async function listAuditEvents(ctx: OrgCtx, query: AuditListQuery): Promise<ListReply<AuditEventDto>> {
  const range = {
    from: query.from ? startOfDayIn(query.from, ctx.org.timeZone) : null,
    until: query.to ? startOfDayIn(nextDay(query.to), ctx.org.timeZone) : null,
  };
  const page = await listAuditRows(ctx.tx, ctx.org.id, query, range);
  return { ...page, items: page.items.map(toDto) };
}

/**
 * Walks the whole chain and recomputes every hash: an edited row breaks its own hash, a deleted or
 * inserted row breaks the sequence or the link to its predecessor, and newest events deleted leave the
 * chain short of its head.
 */
export async function verifyAuditChain(ctx: OrgCtx): Promise<AuditVerifyReply> {
  return verifyChainIn(ctx.tx, ctx.org.id);
}

/** Verifies one organisation's chain as the maintenance role (tools that run outside a request, such as the benchmark seeder). */
export async function verifyAuditChainOf(db: Kysely<DB>, orgId: string): Promise<AuditVerifyReply> {
  return withMaintenance(db, (trx) => verifyChainIn(trx, orgId));
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
  const head = await readChainHead(trx, orgId);
  const lastSeq = expectedSeq - 1;
  if (head && (head.seq !== lastSeq || head.hash !== prevHash)) {
    problems.push({ seq: head.seq, problem: head.seq > lastSeq ? `the trail ends at event ${lastSeq} but ${head.seq} were recorded; the newest events are missing` : 'the end of the trail does not match its recorded head' });
  }
  if (!head && checked > 0) problems.push({ seq: lastSeq, problem: 'the record of the trail’s end is missing' });
  return { isValid: problems.length === 0, checked, problems };
}
