import type { AuditRow } from '../../apps/server/src/modules/audit-log/audit-log.repo.ts';
import { genesisHash, hashAuditRow } from '../../apps/server/src/modules/audit-log/audit-log.service.ts';
import { seedEpochMs, type CatalogueRow, type SeedOrg } from './generators.ts';
import { createPrng } from './prng.ts';

/** The audit_events columns the seed fills, with their SQL types. */
export const auditColumns = [
  ['org_id', 'uuid'],
  ['seq', 'bigint'],
  ['id', 'uuid'],
  ['occurred_at', 'timestamptz'],
  ['actor_user_id', 'uuid'],
  ['actor_label', 'text'],
  ['action', 'text'],
  ['entity_type', 'text'],
  ['entity_id', 'text'],
  ['before', 'jsonb'],
  ['after', 'jsonb'],
  ['request_id', 'text'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
  ['mac_version', 'smallint'],
] as const;

type Event = Pick<AuditRow, 'action' | 'entity_type' | 'entity_id' | 'before' | 'after'>;
const statuses = ['not_started', 'partial', 'implemented'] as const;
const label = (user: { name: string; email: string }) => `${user.name} <${user.email}>`;

/**
 * The organisation's audit trail, hash-chained as events were before ADR 0013 (hashAuditRow, MAC
 * version 0, which the server still verifies), in batches ready for insertRows. Starts with org.created and the owner's
 * member.added, then a realistic mix of gap updates, sign-ins, invitations and role changes.
 */
export function* auditEventBatches(seed: number, org: SeedOrg, items: readonly CatalogueRow[], batchSize: number): Generator<Array<Record<string, unknown>>> {
  const prng = createPrng(seed, `audit_events:${org.orgId}`);
  const people = [org.owner, ...org.members.map((m) => m.user)];
  const managers = [org.owner, ...org.members.filter((m) => m.role === 'isms_manager' || m.role === 'contributor').map((m) => m.user)];
  const span = seedEpochMs - org.createdAtMs;
  let prevHash = genesisHash;
  let batch: Array<Record<string, unknown>> = [];
  for (let seq = 1; seq <= org.auditEvents; seq += 1) {
    const atMs = org.createdAtMs + Math.floor((span * (seq - 1)) / Math.max(1, org.auditEvents)) + (seq === 1 ? 0 : prng.int(0, 999));
    const kind = seq === 1 ? 'org' : seq === 2 ? 'owner' : prng.weighted({ gap: 50, signIn: 25, memberAdded: 8, roleChanged: 5, invitation: 7, accepted: 3, orgUpdated: 2 });
    let actor = kind === 'signIn' ? prng.pick(people) : prng.next() < 0.6 ? org.owner : prng.pick(managers);
    let event: Event;
    if (kind === 'org') event = { action: 'org.created', entity_type: 'org', entity_id: org.orgId, before: null, after: { name: org.name } };
    else if (kind === 'owner') event = { action: 'member.added', entity_type: 'member', entity_id: org.owner.id, before: null, after: { role: 'owner' } };
    else if (kind === 'gap') {
      const snapshot = (status: string) => ({ status, ownerUserId: prng.pick(managers).id, targetDate: null, notes: `Progress note ${prng.hex(4)}`, justification: '' });
      event = { action: 'gap.updated', entity_type: 'gap_item', entity_id: prng.pick(items).id, before: prng.next() < 0.3 ? null : snapshot(prng.pick(statuses)), after: snapshot(prng.pick(statuses)) };
    } else if (kind === 'signIn') event = { action: 'user.signed_in', entity_type: 'user', entity_id: actor.id, before: null, after: null };
    else if (kind === 'memberAdded') {
      actor = org.owner;
      event = { action: 'member.added', entity_type: 'member', entity_id: prng.pick(people).id, before: null, after: { role: 'staff' } };
    } else if (kind === 'roleChanged') event = { action: 'member.role_changed', entity_type: 'member', entity_id: prng.pick(people).id, before: { role: 'staff' }, after: { role: 'contributor' } };
    else if (kind === 'invitation') event = { action: 'invitation.created', entity_type: 'invitation', entity_id: prng.uuid7(atMs), before: null, after: { email: `invitee.${prng.hex(3)}@example.org`, role: 'staff' } };
    else if (kind === 'accepted') event = { action: 'invitation.accepted', entity_type: 'invitation', entity_id: prng.uuid7(atMs), before: null, after: null };
    else event = { action: 'org.updated', entity_type: 'org', entity_id: org.orgId, before: { name: org.name }, after: { name: org.name } };
    const row = {
      org_id: org.orgId,
      seq: String(seq),
      id: prng.uuid7(atMs),
      occurred_at: new Date(atMs),
      actor_user_id: actor.id,
      actor_label: label(actor),
      ...event,
      request_id: prng.uuid7(atMs),
      // Hash-only (version 0): the seeder has no server secret; the server MACs what it appends (ADR 0013).
      mac_version: 0,
    };
    const hash = hashAuditRow(prevHash, row);
    batch.push({ ...row, occurred_at: row.occurred_at.toISOString(), prev_hash: prevHash, hash });
    prevHash = hash;
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
