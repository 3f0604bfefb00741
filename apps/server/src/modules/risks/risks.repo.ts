import { sql, type Insertable, type Updateable } from 'kysely';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { RiskListQuery } from '@custodian/shared/contracts/risks.ts';
import {
  containsPattern,
  findTextMatches,
  inIndexOrder,
  keyColumns,
  keysetPage,
  listTotal,
  noMatch,
  trigramSearchMinLength,
  type KeysetSort,
} from '../../db/keyset.ts';
import type { RisksTable } from '../../db/schema.ts';
import type { Tx } from '../../db/with-org.ts';

function riskQuery(tx: Tx, orgId: string) {
  return (
    tx
      .selectFrom('risks')
      .leftJoin('users', 'users.id', 'risks.owner_user_id')
      // An owner who has left is named as the organisation knew them, or by their pseudonym once de-identified.
      .leftJoin('former_members', (join) =>
        join.onRef('former_members.org_id', '=', 'risks.org_id').onRef('former_members.user_id', '=', 'risks.owner_user_id'),
      )
      .selectAll('risks')
      .select((eb) => eb.fn.coalesce('former_members.name', 'users.name').as('owner_name'))
      .where('risks.org_id', '=', orgId)
  );
}

export type RiskRow = Awaited<ReturnType<ReturnType<typeof riskQuery>['executeTakeFirstOrThrow']>>;

const noReviewDate = '2999-12-31';

const sorts: Record<RiskListQuery['sort'], KeysetSort<RiskRow>> = {
  ref: { keys: keyColumns('risks.ref', 'risks.id'), keyOf: (row) => [row.ref, row.id] },
  title: { keys: keyColumns('risks.title', 'risks.id'), keyOf: (row) => [row.title, row.id] },
  updatedAt: { keys: keyColumns('risks.updated_at', 'risks.id'), keyOf: (row) => [new Date(row.updated_at).toISOString(), row.id] },
  inherent: { keys: keyColumns('risks.inherent_rank', 'risks.id'), keyOf: (row) => [row.inherent_rank, row.id] },
  residual: { keys: [sql`coalesce(risks.residual_rank, 0)`, sql.ref('risks.id')], keyOf: (row) => [row.residual_rank ?? 0, row.id] },
  nextReview: {
    keys: [sql`coalesce(risks.next_review_on, ${sql.lit(noReviewDate)}::date)`, sql.ref('risks.id')],
    keyOf: (row) => [row.next_review_on ?? noReviewDate, row.id],
  },
};

/**
 * One page of the register: filters by text (title or reference), status, residual level, owner and
 * asset (through risk_assets), each sort through an index; the total from the row counter, or a capped
 * count when filtered.
 */
export async function listRiskRows(tx: Tx, orgId: string, query: RiskListQuery): Promise<ListReply<RiskRow>> {
  let base = riskQuery(tx, orgId);
  // Title or reference containing q, ignoring case: a short q (no whole trigram) or one matching more
  // rows than the count cap scans in sort order; otherwise the page reads the few matches by id.
  const matches = query.q && query.q.length >= trigramSearchMinLength ? await findTextMatches(tx, 'custodian_search_risks', query.q) : null;
  if (matches?.kind === 'few') base = base.where('risks.id', 'in', matches.ids.length > 0 ? matches.ids : [noMatch]);
  else if (query.q) {
    const pattern = containsPattern(query.q);
    base = base.where((eb) => eb.or([eb('risks.title', 'ilike', pattern), eb('risks.ref', 'ilike', pattern)]));
  }
  if (query.status) base = base.where('risks.status', '=', query.status);
  if (query.residualLevel) base = base.where('risks.residual_level', '=', query.residualLevel);
  if (query.ownerId) base = base.where('risks.owner_user_id', '=', query.ownerId);
  if (query.assetId) {
    const assetId = query.assetId;
    base = base.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('risk_assets as ra')
          .select('ra.risk_id')
          .whereRef('ra.org_id', '=', 'risks.org_id')
          .whereRef('ra.risk_id', '=', 'risks.id')
          .where('ra.asset_id', '=', assetId),
      ),
    );
  }
  const hasOtherFilters = Boolean(query.status || query.residualLevel || query.ownerId || query.assetId);
  const total = await listTotal(tx, base, { orgId, table: 'risks', text: query.q, matches, hasOtherFilters });
  const read = () =>
    keysetPage(base, { sort: sorts[query.sort], sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
  return matches?.kind === 'many' ? inIndexOrder(tx, read) : read();
}

export async function findRiskRow(tx: Tx, orgId: string, id: string): Promise<RiskRow | undefined> {
  return riskQuery(tx, orgId).where('risks.id', '=', id).executeTakeFirst();
}

/** The risk's assets (reference and name), by reference. */
export async function listRiskAssets(tx: Tx, orgId: string, riskId: string): Promise<Array<{ id: string; ref: string; name: string }>> {
  return tx
    .selectFrom('risk_assets as ra')
    .innerJoin('assets as a', (join) => join.onRef('a.org_id', '=', 'ra.org_id').onRef('a.id', '=', 'ra.asset_id'))
    .select(['a.id', 'a.ref', 'a.name'])
    .where('ra.org_id', '=', orgId)
    .where('ra.risk_id', '=', riskId)
    .orderBy('a.ref')
    .execute();
}

/** Which of these ids are assets of the organisation. */
export async function findAssetIds(tx: Tx, orgId: string, ids: readonly string[]): Promise<Array<{ id: string; ref: string }>> {
  if (ids.length === 0) return [];
  return tx.selectFrom('assets').select(['id', 'ref']).where('org_id', '=', orgId).where('id', 'in', ids).execute();
}

/** Replaces the risk's assets with these. */
export async function setRiskAssets(tx: Tx, orgId: string, riskId: string, assetIds: readonly string[]): Promise<void> {
  await tx.deleteFrom('risk_assets').where('org_id', '=', orgId).where('risk_id', '=', riskId).execute();
  if (assetIds.length === 0) return;
  await tx
    .insertInto('risk_assets')
    .values(assetIds.map((assetId) => ({ org_id: orgId, risk_id: riskId, asset_id: assetId })))
    .execute();
}

/**
 * The next free automatic reference ("R-0001", "R-0002" …) under a lock held to the end of the
 * transaction, so two risks created at once never get the same one. Imports that assign references
 * take the same lock (`lockRiskRefs`).
 */
export async function nextRiskRef(tx: Tx, orgId: string): Promise<string> {
  await lockRiskRefs(tx, orgId);
  const row = await tx
    .selectFrom('risks')
    .select(sql<string | null>`max(substring(ref from 3)::bigint)::text`.as('n'))
    .where('org_id', '=', orgId)
    .where(sql<boolean>`ref ~ '^R-[0-9]{1,12}$'`)
    .executeTakeFirst();
  const next = Number(row?.n ?? 0) + 1;
  return `R-${String(next).padStart(4, '0')}`;
}

/** The lock under which risk references are assigned in an organisation. */
export async function lockRiskRefs(tx: Tx, orgId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`risk_ref:${orgId}`}, 0))`.execute(tx);
}

export type RiskInsert = Insertable<RisksTable>;

/** Inserts a risk; returns false when its reference is taken. */
export async function insertRiskRow(tx: Tx, row: RiskInsert): Promise<boolean> {
  const inserted = await tx
    .insertInto('risks')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'ref']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export type RiskPatch = Omit<Updateable<RisksTable>, 'org_id' | 'id' | 'created_at' | 'created_by' | 'version'>;

/** Saves changes if the risk is still at the version the editor read; returns false otherwise (or when the reference is taken). */
export async function updateRiskRow(tx: Tx, key: { orgId: string; id: string; version: number }, patch: RiskPatch): Promise<'saved' | 'stale' | 'ref_taken'> {
  if (patch.ref !== undefined) {
    const clash = await tx
      .selectFrom('risks')
      .select('id')
      .where('org_id', '=', key.orgId)
      .where('ref', '=', patch.ref)
      .where('id', '<>', key.id)
      .executeTakeFirst();
    if (clash) return 'ref_taken';
  }
  const saved = await tx
    .updateTable('risks')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .returning('id')
    .executeTakeFirst();
  return saved ? 'saved' : 'stale';
}

/** Sets the risk's status and raises its version (acceptance) if still at `version`. */
export async function setRiskStatus(
  tx: Tx,
  key: { orgId: string; id: string; version: number },
  status: string,
  meta: { at: Date; by: string },
): Promise<boolean> {
  const saved = await tx
    .updateTable('risks')
    .set((eb) => ({ status, updated_at: meta.at, updated_by: meta.by, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .returning('id')
    .executeTakeFirst();
  return saved !== undefined;
}

export async function deleteRiskRow(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('risks').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
