import type { AuditListQuery } from '@custodian/shared/contracts/audit-log.ts';
import type { ListReply, ListTotal } from '@custodian/shared/contracts/list.ts';
import { sql } from 'kysely';
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
  /** Version 2: the commitments of the personal fields (ADR 0015); null before. */
  personal: unknown;
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

/**
 * Inserts one event and moves the chain head to it, in one statement; false (nothing written) when the
 * acting person's account has been deleted meanwhile. The head is already locked, so this statement
 * sees a deletion that committed while the transaction waited for it: an action that raced its
 * author's account deletion is refused rather than recorded after it.
 */
export async function appendEventRow(trx: Tx, row: Omit<AuditRow, 'before' | 'after' | 'personal'> & { before: string | null; after: string | null; personal: string | null }): Promise<boolean> {
  const result = await sql`
    with event as (
      insert into audit_events (org_id, seq, id, occurred_at, actor_user_id, actor_label, action, entity_type, entity_id, before, after, request_id, prev_hash, hash, mac_version, personal)
      select ${row.org_id}::uuid, ${row.seq}::bigint, ${row.id}::uuid, ${row.occurred_at}::timestamptz, ${row.actor_user_id}::uuid, ${row.actor_label}, ${row.action},
        ${row.entity_type}, ${row.entity_id}, ${row.before}::jsonb, ${row.after}::jsonb, ${row.request_id}, ${row.prev_hash}, ${row.hash}, ${row.mac_version}::smallint, ${row.personal}::jsonb
      where ${row.actor_user_id}::uuid is null or custodian_person_is_active(${row.actor_user_id}::uuid)
      returning seq
    )
    update audit_heads set seq = ${row.seq}::bigint, hash = ${row.hash} where org_id = ${row.org_id}::uuid and exists (select 1 from event)`.execute(trx);
  return Number(result.numAffectedRows ?? 0) > 0;
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

/** Version 2 events with a personal field still identifiable: the entry's nonce is dropped and its pseudonym number kept (ADR 0015). */
const deidentifiedEntry = (path: string, no: number) => sql`jsonb_set(personal, ${sql.lit(`{${path}}`)}, jsonb_build_object('c', personal->${sql.lit(path)}->'c', 'd', ${no}::integer))`;

/**
 * Replaces a person's personal fields in one organisation's version 2 events with their pseudonym:
 * the label of every event they recorded, and each e-mail address in before or after that is theirs
 * (their address, or any address in an event about them as a member). Returns how many fields were
 * replaced. Older events keep theirs inside the MAC (read-time redaction covers them).
 */
export async function deidentifyPersonalFields(trx: Tx, orgId: string, person: { userId: string; email: string }, pseudonym: { no: number; text: string }): Promise<number> {
  const labels = await sql`
    update audit_events set actor_label = ${pseudonym.text}, personal = ${deidentifiedEntry('actorLabel', pseudonym.no)}
    where org_id = ${orgId}::uuid and actor_user_id = ${person.userId}::uuid and mac_version >= 2 and personal->'actorLabel' ? 'n'`.execute(trx);
  let replaced = Number(labels.numAffectedRows ?? 0);
  for (const side of ['before', 'after'] as const) {
    const path = `${side}.email`;
    const column = sql.ref(side);
    const result = await sql`
      update audit_events set ${column} = jsonb_set(${column}, '{email}', to_jsonb(${pseudonym.text}::text)), personal = ${deidentifiedEntry(path, pseudonym.no)}
      where org_id = ${orgId}::uuid and mac_version >= 2 and personal->${sql.lit(path)} ? 'n'
        and (lower(${column}->>'email') = lower(${person.email}) or (entity_type in ('member', 'user') and entity_id = ${person.userId}))`.execute(trx);
    replaced += Number(result.numAffectedRows ?? 0);
  }
  return replaced;
}

/** The names the organisation's former members among `userIds` have in its records (their pseudonym once de-identified). */
export async function readFormerMemberNames(trx: Tx, orgId: string, userIds: readonly string[]): Promise<Array<{ id: string; name: string; isDeidentified: boolean }>> {
  if (userIds.length === 0) return [];
  const rows = await trx.selectFrom('former_members').select(['user_id', 'name', 'pseudonym_no']).where('org_id', '=', orgId).where('user_id', 'in', userIds).execute();
  return rows.map((r) => ({ id: r.user_id, name: r.name, isDeidentified: r.pseudonym_no !== null }));
}
