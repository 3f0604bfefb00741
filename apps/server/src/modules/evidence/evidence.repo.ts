import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { EvidenceListQuery, EvidenceTargetKind } from '@custodian/shared/contracts/evidence.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import { cappedCount, containsPattern, countedRows, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import type { Tx } from '../../db/with-org.ts';

const evidenceColumns = [
  'evidence_items.id',
  'evidence_items.kind',
  'evidence_items.title',
  'evidence_items.description',
  'evidence_items.owner_user_id',
  'evidence_items.valid_until',
  'evidence_items.url',
  'evidence_items.note_text',
  'evidence_items.file_name',
  'evidence_items.file_type',
  'evidence_items.file_size',
  'evidence_items.file_sha256',
  'evidence_items.created_at',
  'evidence_items.created_by',
  'evidence_items.updated_at',
  'evidence_items.version',
] as const;

function evidenceQuery(tx: Tx, orgId: string) {
  return tx.selectFrom('evidence_items').select(evidenceColumns).where('evidence_items.org_id', '=', orgId);
}

type BareEvidenceRow = Awaited<ReturnType<ReturnType<typeof evidenceQuery>['executeTakeFirstOrThrow']>>;
export type EvidenceRow = BareEvidenceRow & { owner_name: string | null };

/** Owners' names in one statement: a former member as the organisation knew them (or their pseudonym). */
async function withOwnerNames(tx: Tx, orgId: string, rows: readonly BareEvidenceRow[]): Promise<EvidenceRow[]> {
  const ids = [...new Set(rows.map((row) => row.owner_user_id).filter((id) => id !== null))];
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const found = await tx
      .selectFrom('users')
      .leftJoin('former_members', (join) => join.on('former_members.org_id', '=', orgId).onRef('former_members.user_id', '=', 'users.id'))
      .select((eb) => ['users.id', eb.fn.coalesce('former_members.name', 'users.name').as('name')])
      .where('users.id', 'in', ids)
      .execute();
    for (const row of found) names.set(row.id, row.name);
  }
  return rows.map((row) => ({ ...row, owner_name: row.owner_user_id === null ? null : (names.get(row.owner_user_id) ?? null) }));
}

/** An item without a valid-until date sorts after every dated one. */
export const noEndDate = '2999-12-31';

const sorts: Record<EvidenceListQuery['sort'], KeysetSort<BareEvidenceRow>> = {
  title: { keys: keyColumns('evidence_items.title', 'evidence_items.id'), keyOf: (row) => [row.title, row.id] },
  updatedAt: { keys: keyColumns('evidence_items.updated_at', 'evidence_items.id'), keyOf: (row) => [new Date(row.updated_at).toISOString(), row.id] },
  validUntil: {
    keys: [sql`coalesce(evidence_items.valid_until, ${sql.lit(noEndDate)}::date)`, sql.ref('evidence_items.id')],
    keyOf: (row) => [row.valid_until ?? noEndDate, row.id],
  },
};

type EvidenceWhere = (eb: ExpressionBuilder<DB, 'evidence_items'>) => Expression<SqlBool>;

/** The organisation's today and the last day counted as "expiring" (today + 30), both yyyy-mm-dd. */
export interface ValidityDays {
  today: string;
  expiringBy: string;
}

function filterOf(orgId: string, query: EvidenceListQuery, days: ValidityDays): EvidenceWhere[] {
  const parts: EvidenceWhere[] = [];
  if (query.q) parts.push((eb) => eb('evidence_items.title', 'ilike', containsPattern(query.q ?? '')));
  if (query.kind) parts.push((eb) => eb('evidence_items.kind', '=', query.kind ?? 'file'));
  if (query.validity === 'no_date') parts.push((eb) => eb('evidence_items.valid_until', 'is', null));
  if (query.validity === 'expired') parts.push((eb) => eb('evidence_items.valid_until', '<', days.today));
  if (query.validity === 'expiring') parts.push((eb) => eb.and([eb('evidence_items.valid_until', '>=', days.today), eb('evidence_items.valid_until', '<=', days.expiringBy)]));
  if (query.validity === 'current') parts.push((eb) => eb('evidence_items.valid_until', '>', days.expiringBy));
  const { targetKind, targetId } = query;
  if (targetKind && targetId) {
    // "Evidence of this control": the link table's target index, one probe per item on the page.
    parts.push((eb) =>
      eb.exists(
        eb
          .selectFrom('evidence_links as l')
          .select('l.evidence_id')
          .where('l.org_id', '=', orgId)
          .where('l.target_kind', '=', targetKind)
          .where('l.target_id', '=', targetId)
          .whereRef('l.evidence_id', '=', 'evidence_items.id'),
      ),
    );
  }
  return parts;
}

/** One page; the total comes from the row counter, or a capped count when filtered. */
export async function listEvidenceRows(tx: Tx, orgId: string, query: EvidenceListQuery, days: ValidityDays): Promise<ListReply<EvidenceRow>> {
  const filters = filterOf(orgId, query, days);
  const base = filters.length > 0 ? evidenceQuery(tx, orgId).where((eb) => eb.and(filters.map((f) => f(eb)))) : evidenceQuery(tx, orgId);
  const total = filters.length > 0 ? await cappedCount(tx, base) : await countedRows(tx, orgId, 'evidence_items');
  const page = await keysetPage(base, { sort: sorts[query.sort], sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
  return { ...page, items: await withOwnerNames(tx, orgId, page.items) };
}

/** One item; `lock` 'update' before changing it, 'share' before linking to it (a deletion then waits, or the link finds it gone). */
export async function findEvidenceRow(tx: Tx, orgId: string, id: string, options: { lock?: 'update' | 'share' } = {}): Promise<EvidenceRow | undefined> {
  let query = evidenceQuery(tx, orgId).where('evidence_items.id', '=', id);
  if (options.lock === 'update') query = query.forUpdate();
  if (options.lock === 'share') query = query.forShare();
  const row = await query.executeTakeFirst();
  return row ? (await withOwnerNames(tx, orgId, [row]))[0] : undefined;
}

export interface EvidenceFields {
  title: string;
  description: string;
  owner_user_id: string | null;
  valid_until: string | null;
  url: string | null;
  note_text: string | null;
  file_name: string | null;
  file_type: string | null;
  file_size: number | null;
  file_sha256: string | null;
}

export async function insertEvidenceRow(
  tx: Tx,
  row: EvidenceFields & { org_id: string; id: string; kind: string; created_at: Date; created_by: string; updated_at: Date; updated_by: string },
): Promise<void> {
  await tx.insertInto('evidence_items').values(row).execute();
}

/** Saves changes if the item is still at the version the editor read; false otherwise. */
export async function updateEvidenceRow(tx: Tx, key: { orgId: string; id: string; version: number }, patch: Partial<EvidenceFields> & { updated_at: Date; updated_by: string }): Promise<boolean> {
  const result = await tx
    .updateTable('evidence_items')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks an item changed (a link added or removed) so editors holding the old version see it. */
export async function touchEvidenceRow(tx: Tx, orgId: string, id: string, by: { updated_at: Date; updated_by: string }): Promise<void> {
  await tx
    .updateTable('evidence_items')
    .set((eb) => ({ ...by, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function deleteEvidenceRow(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('evidence_items').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface LinkRow {
  target_kind: EvidenceTargetKind;
  target_id: string;
  risk_ref: string | null;
  risk_title: string | null;
}

/** What an item is evidence of (the key's range), risks with their ref and title. */
export async function listLinkRows(tx: Tx, orgId: string, evidenceId: string): Promise<LinkRow[]> {
  const rows = await tx
    .selectFrom('evidence_links as l')
    .leftJoin('risks as r', (join) => join.onRef('r.org_id', '=', 'l.org_id').onRef('r.id', '=', 'l.risk_id'))
    .select(['l.target_kind', 'l.target_id', 'r.ref as risk_ref', 'r.title as risk_title'])
    .where('l.org_id', '=', orgId)
    .where('l.evidence_id', '=', evidenceId)
    .orderBy('l.target_kind')
    .orderBy('l.target_id')
    .execute();
  return rows as LinkRow[];
}

/** Adds a link; false when it was there already. */
export async function insertLinkRow(
  tx: Tx,
  row: { org_id: string; evidence_id: string; target_kind: EvidenceTargetKind; target_id: string; risk_id: string | null; created_at: Date; created_by: string },
): Promise<boolean> {
  const inserted = await tx
    .insertInto('evidence_links')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'evidence_id', 'target_kind', 'target_id']).doNothing())
    .returning(sql<number>`1`.as('one'))
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Removes a link; false when there was none. */
export async function deleteLinkRow(tx: Tx, key: { orgId: string; evidenceId: string; targetKind: EvidenceTargetKind; targetId: string }): Promise<boolean> {
  const result = await tx
    .deleteFrom('evidence_links')
    .where('org_id', '=', key.orgId)
    .where('evidence_id', '=', key.evidenceId)
    .where('target_kind', '=', key.targetKind)
    .where('target_id', '=', key.targetId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A risk of the organisation by id (its ref and title), share-locked for a link to it (a deletion of the risk waits). */
export async function findRiskForLink(tx: Tx, orgId: string, riskId: string): Promise<{ ref: string; title: string } | undefined> {
  return tx.selectFrom('risks').select(['ref', 'title']).where('org_id', '=', orgId).where('id', '=', riskId).forShare().executeTakeFirst();
}

/** The titles of the evidence linked to each control of the organisation (for the OSCAL plan), by control id. */
export async function listControlEvidenceTitles(tx: Tx, orgId: string): Promise<Array<{ control_id: string; title: string }>> {
  return tx
    .selectFrom('evidence_links as l')
    .innerJoin('evidence_items as e', (join) => join.onRef('e.org_id', '=', 'l.org_id').onRef('e.id', '=', 'l.evidence_id'))
    .select(['l.target_id as control_id', 'e.title'])
    .where('l.org_id', '=', orgId)
    .where('l.target_kind', '=', 'control')
    .orderBy('l.target_id')
    .orderBy('e.title')
    .execute();
}
