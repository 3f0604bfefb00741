import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json.ts';
import type { AuditRow } from './audit-log.repo.ts';

/**
 * The fixed previous value of an organisation's first event (its creation, sequence 1). Every chain
 * starts from it, so a chain cannot be re-rooted somewhere else.
 */
export const genesisHash = '0'.repeat(64);

/** The MAC version the server writes: HMAC-SHA-256 with the audit key (ADR 0013). */
export const currentMacVersion = 1;

/** The event that must open every chain, at sequence 1. */
export const genesisAction = 'org.created';

export type ChainRow = Omit<AuditRow, 'prev_hash' | 'hash'>;

function chainedFields(row: ChainRow): Record<string, unknown> {
  const fields: Record<string, unknown> = {
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
  // Version 0 events were hashed without the field; later versions cover it, so it cannot be lowered.
  if (row.mac_version > 0) fields.macVersion = row.mac_version;
  return fields;
}

/**
 * The SHA-256 of a version 0 (hash-only) event linked to its predecessor: how events were chained
 * before ADR 0013. Anyone can compute it, which is why the server no longer writes it; kept to verify
 * older events and for bulk generators (the benchmark seeder).
 */
export function hashAuditRow(prevHash: string, row: ChainRow): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(chainedFields(row))).digest('hex');
}

/** The HMAC-SHA-256 of a version 1 event linked to its predecessor's MAC: needs the server's audit key. */
export function macAuditRow(key: Buffer, prevMac: string, row: ChainRow): string {
  return createHmac('sha256', key).update(prevMac).update('\n').update(canonicalJson(chainedFields(row))).digest('hex');
}

/** The value an event's `hash` column must hold, by its MAC version; null for a version this build does not know. */
export function expectedChainValue(key: Buffer, prevMac: string, row: ChainRow): string | null {
  if (row.mac_version === 0) return hashAuditRow(prevMac, row);
  if (row.mac_version === 1) return macAuditRow(key, prevMac, row);
  return null;
}
