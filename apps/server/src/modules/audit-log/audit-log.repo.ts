import type { AuditListQuery } from '@custodian/shared/contracts/audit-log.ts';
import type { ListReply, ListTotal } from '@custodian/shared/contracts/list.ts';
import { cappedCount, keyColumns, keysetPage } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';

export interface AuditRow {
  org_id: string;
  seq: string;
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
  prev_hash: string;
  /** The event's MAC (mac_version 1) or, for older events, its SHA-256 (mac_version 0). */
  hash: string;
  mac_version: number;
}

/**
 * Locks the organisation's chain head for the rest of the transaction (writers of one organisation
 * take turns) and returns it; creates it at (0, genesis) for an organisation's first event.
 */
export async function lockChainHead(trx: Tx, orgId: string, genesis: string): Promise<{ seq: number; hash: string }> {
  const head = await trx
    .insertInto('audit_heads')
    .values({ org_id: orgId, seq: '0', hash: genesis })
    .onConflict((oc) => oc.column('org_id').doUpdateSet((eb) => ({ seq: eb.ref('audit_heads.seq') })))
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

/** Inserts one event and moves the chain head to it, in one statement. */
export async function appendEventRow(trx: Tx, row: Omit<AuditRow, 'before' | 'after'> & { before: string | null; after: string | null }): Promise<void> {
  await trx
    .with('event', (db) => db.insertInto('audit_events').values(row))
    .updateTable('audit_heads')
    .set({ seq: row.seq, hash: row.hash })
    .where('org_id', '=', row.org_id)
    .execute();
}

export async function readChainHead(trx: Tx, orgId: string): Promise<{ seq: number; hash: string } | null> {
  const head = await trx.selectFrom('audit_heads').select(['seq', 'hash']).where('org_id', '=', orgId).executeTakeFirst();
  return head ? { seq: Number(head.seq), hash: head.hash } : null;
}

/** One page of the trail, filtered; `range` holds the filter's instants (the organisation's days). */
export async function listAuditRows(trx: Tx, orgId: string, query: AuditListQuery, range: { from: Date | null; until: Date | null }): Promise<ListReply<AuditRow>> {
  let base = trx.selectFrom('audit_events').selectAll().where('org_id', '=', orgId);
  if (query.action) base = base.where('action', '=', query.action);
  if (query.entityType) base = base.where('entity_type', '=', query.entityType);
  if (query.entityId) base = base.where('entity_id', '=', query.entityId);
  if (query.actorUserId) base = base.where('actor_user_id', '=', query.actorUserId);
  if (range.from) base = base.where('occurred_at', '>=', range.from);
  if (range.until) base = base.where('occurred_at', '<', range.until);
  const isFiltered = Boolean(query.action || query.entityType || query.entityId || query.actorUserId || range.from || range.until);
  // Unfiltered, the chain head's sequence number is the count (the chain has no gaps).
  const total: ListTotal = isFiltered ? await cappedCount(trx, base) : { count: (await readChainHead(trx, orgId))?.seq ?? 0, isExact: true };
  const page = await keysetPage(base, {
    sort: { keys: keyColumns('seq'), keyOf: (row) => [String(row.seq)] },
    sortTag: `seq:${query.order}`,
    order: query.order,
    limit: query.limit,
    cursor: query.cursor,
    total,
  });
  return page as ListReply<AuditRow>;
}

/** Streams the whole chain of an organisation in order, a batch at a time. */
export async function readChainBatch(trx: Tx, orgId: string, afterSeq: number, limit: number): Promise<AuditRow[]> {
  const rows = await trx
    .selectFrom('audit_events')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('seq', '>', String(afterSeq))
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
  return rows as AuditRow[];
}

export async function listOrgsForMaintenance(trx: Tx, orgId: string | null = null) {
  let query = trx.selectFrom('orgs').select(['org_id', 'name']);
  if (orgId) query = query.where('org_id', '=', orgId);
  return query.orderBy('name').execute();
}

/** Every organisation's chain head (maintenance role): what the checkpoints must cover after a start. */
export async function listChainHeads(trx: Tx): Promise<Array<{ orgId: string; seq: number; hash: string }>> {
  const rows = await trx.selectFrom('audit_heads').select(['org_id', 'seq', 'hash']).execute();
  return rows.map((r) => ({ orgId: r.org_id, seq: Number(r.seq), hash: r.hash }));
}

/** The organisation's owners' names and addresses (checkpoints are mailed to them). */
export async function listOwnerAddresses(trx: Tx, orgId: string): Promise<Array<{ name: string; email: string }>> {
  return trx.selectFrom('memberships as m').innerJoin('users as u', 'u.id', 'm.user_id').select(['u.name', 'u.email']).where('m.org_id', '=', orgId).where('m.role', '=', 'owner').orderBy('u.email').execute();
}

/** The names of the organisation's members among `userIds` (one statement; none when the list is empty). */
export async function readMemberNames(trx: Tx, orgId: string, userIds: readonly string[]): Promise<Array<{ id: string; name: string }>> {
  if (userIds.length === 0) return [];
  return trx.selectFrom('memberships as m').innerJoin('users as u', 'u.id', 'm.user_id').select(['u.id', 'u.name']).where('m.org_id', '=', orgId).where('u.id', 'in', userIds).execute();
}

/** The addresses of the organisation's invitations among `invitationIds` (one statement; none when the list is empty). */
export async function readInvitationAddresses(trx: Tx, orgId: string, invitationIds: readonly string[]): Promise<Array<{ id: string; email: string }>> {
  if (invitationIds.length === 0) return [];
  return trx.selectFrom('invitations').select(['id', 'email']).where('org_id', '=', orgId).where('id', 'in', invitationIds).execute();
}
