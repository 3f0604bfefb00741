import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { AssetListQuery } from '@custodian/shared/contracts/assets.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
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
  type TextMatches,
} from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import type { Tx } from '../../db/with-org.ts';

const assetColumns = [
  'assets.id',
  'assets.ref',
  'assets.name',
  'assets.kind',
  'assets.description',
  'assets.owner_user_id',
  'assets.classification',
  'assets.confidentiality',
  'assets.integrity',
  'assets.availability',
  'assets.location',
  'assets.created_at',
  'assets.created_by',
  'assets.updated_at',
  'assets.version',
] as const;

/** Assets alone: a page is an index range of this table, whatever the owners' tables hold. */
function assetQuery(tx: Tx, orgId: string) {
  return tx.selectFrom('assets').select(assetColumns).where('assets.org_id', '=', orgId);
}

type BareAssetRow = Awaited<ReturnType<ReturnType<typeof assetQuery>['executeTakeFirstOrThrow']>>;
export type AssetRow = BareAssetRow & { owner_name: string | null };

/**
 * The names of the owners of some assets, in one statement: an owner who has left is named as the
 * organisation knew them, or by their pseudonym once de-identified.
 */
async function withOwnerNames(tx: Tx, orgId: string, rows: readonly BareAssetRow[]): Promise<AssetRow[]> {
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

/** Every sort ends on a unique key (the ref is unique in the organisation). */
const sorts: Record<AssetListQuery['sort'], KeysetSort<BareAssetRow>> = {
  name: { keys: keyColumns('assets.name', 'assets.id'), keyOf: (row) => [row.name, row.id] },
  ref: { keys: keyColumns('assets.ref'), keyOf: (row) => [row.ref] },
  updatedAt: { keys: keyColumns('assets.updated_at', 'assets.id'), keyOf: (row) => [new Date(row.updated_at).toISOString(), row.id] },
};

type AssetWhere = (eb: ExpressionBuilder<DB, 'assets'>) => Expression<SqlBool>;

/** The list's filters as one condition on assets (applied to the page and to its count alike). */
function filterOf(query: AssetListQuery, matches: TextMatches | null): AssetWhere | null {
  const parts: AssetWhere[] = [];
  // Name or reference containing q, ignoring case: a short q (no whole trigram) or one matching more
  // rows than the count cap scans in sort order; otherwise the page reads the few matches by id.
  if (matches?.kind === 'few') {
    const ids = matches.ids.length > 0 ? matches.ids : [noMatch];
    parts.push((eb) => eb('assets.id', 'in', ids));
  } else if (query.q) {
    const pattern = containsPattern(query.q);
    parts.push((eb) => eb.or([eb('assets.name', 'ilike', pattern), eb('assets.ref', 'ilike', pattern)]));
  }
  const { kind, classification, ownerId } = query;
  if (kind) parts.push((eb) => eb('assets.kind', '=', kind));
  if (classification) parts.push((eb) => eb('assets.classification', '=', classification));
  if (ownerId) parts.push((eb) => eb('assets.owner_user_id', '=', ownerId));
  return parts.length === 0 ? null : (eb) => eb.and(parts.map((part) => part(eb)));
}

/** One page, then its owners' names; the total comes from the row counter, or a capped count when filtered. */
export async function listAssetRows(tx: Tx, orgId: string, query: AssetListQuery): Promise<ListReply<AssetRow>> {
  const matches = query.q && query.q.length >= trigramSearchMinLength ? await findTextMatches(tx, 'custodian_search_assets', query.q) : null;
  const filter = filterOf(query, matches);
  const base = filter ? assetQuery(tx, orgId).where(filter) : assetQuery(tx, orgId);
  const hasOtherFilters = Boolean(query.kind || query.classification || query.ownerId);
  const total = await listTotal(tx, base, { orgId, table: 'assets', text: query.q, matches, hasOtherFilters });
  const read = () =>
    keysetPage(base, { sort: sorts[query.sort], sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
  const page = matches?.kind === 'many' ? await inIndexOrder(tx, read) : await read();
  return { ...page, items: await withOwnerNames(tx, orgId, page.items) };
}

export async function findAssetRow(tx: Tx, orgId: string, id: string): Promise<AssetRow | undefined> {
  const row = await assetQuery(tx, orgId).where('assets.id', '=', id).executeTakeFirst();
  return row ? (await withOwnerNames(tx, orgId, [row]))[0] : undefined;
}

/** The asset holding a ref, if any (refs compare exactly: "A-0001" and "a-0001" are different refs). */
export async function findAssetIdByRef(tx: Tx, orgId: string, ref: string): Promise<{ id: string; name: string } | undefined> {
  return tx.selectFrom('assets').select(['id', 'name']).where('org_id', '=', orgId).where('ref', '=', ref).executeTakeFirst();
}

/**
 * The highest automatic number in use ("A-0042" → 42; 0 for none), read backwards from the partial
 * index of 0020 (its predicate is repeated literally so the planner can use it).
 */
export async function highestAutoRefNumber(tx: Tx, orgId: string): Promise<number> {
  const row = await tx
    .selectFrom('assets')
    .select('ref')
    .where('org_id', '=', orgId)
    .where(sql<boolean>`ref ~ '^A-[0-9]{1,9}$'`)
    .orderBy(sql`length(ref)`, 'desc')
    .orderBy('ref', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number.parseInt(row.ref.slice(2), 10) : 0;
}

export interface AssetValues {
  ref: string;
  name: string;
  kind: string;
  description: string;
  owner_user_id: string | null;
  classification: string;
  confidentiality: number;
  integrity: number;
  availability: number;
  location: string;
}

export async function insertAssetRow(
  tx: Tx,
  row: AssetValues & { org_id: string; id: string; created_at: Date; created_by: string; updated_at: Date; updated_by: string },
): Promise<void> {
  await tx.insertInto('assets').values(row).execute();
}

/** Saves changes if the record is still at the version the editor read; false otherwise. */
export async function updateAssetRow(
  tx: Tx,
  key: { orgId: string; id: string; version: number },
  patch: Partial<AssetValues> & { updated_at: Date; updated_by: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('assets')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteAssetRow(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('assets').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** How many of the organisation's assets hold each classification level. */
export async function countAssetsByClassification(tx: Tx, orgId: string): Promise<Map<string, number>> {
  const rows = await tx
    .selectFrom('assets')
    .select((eb) => ['classification', eb.fn.countAll<string>().as('n')])
    .where('org_id', '=', orgId)
    .groupBy('classification')
    .execute();
  return new Map(rows.map((row) => [row.classification, Number(row.n)]));
}
