import type { Tx } from '../../db/with-org.ts';

export interface AssetLinkRow {
  direction: 'outgoing' | 'incoming';
  relation: string;
  created_at: Date;
  id: string;
  ref: string;
  name: string;
  kind: string;
}

/** The links of one asset, both ways, each with the asset at its other end (by relation, then ref). */
export async function listAssetLinkRows(tx: Tx, orgId: string, assetId: string): Promise<AssetLinkRow[]> {
  const outgoing = await tx
    .selectFrom('asset_links')
    .innerJoin('assets', (join) => join.onRef('assets.org_id', '=', 'asset_links.org_id').onRef('assets.id', '=', 'asset_links.to_asset_id'))
    .select(['asset_links.relation', 'asset_links.created_at', 'assets.id', 'assets.ref', 'assets.name', 'assets.kind'])
    .where('asset_links.org_id', '=', orgId)
    .where('asset_links.from_asset_id', '=', assetId)
    .execute();
  const incoming = await tx
    .selectFrom('asset_links')
    .innerJoin('assets', (join) => join.onRef('assets.org_id', '=', 'asset_links.org_id').onRef('assets.id', '=', 'asset_links.from_asset_id'))
    .select(['asset_links.relation', 'asset_links.created_at', 'assets.id', 'assets.ref', 'assets.name', 'assets.kind'])
    .where('asset_links.org_id', '=', orgId)
    .where('asset_links.to_asset_id', '=', assetId)
    .execute();
  const rows: AssetLinkRow[] = [...outgoing.map((row) => ({ ...row, direction: 'outgoing' as const })), ...incoming.map((row) => ({ ...row, direction: 'incoming' as const }))];
  return rows.sort((a, b) => a.direction.localeCompare(b.direction) * -1 || a.relation.localeCompare(b.relation) || a.ref.localeCompare(b.ref));
}

/** Adds a link; false when the same link is already there. */
export async function insertAssetLinkRow(tx: Tx, row: { org_id: string; from_asset_id: string; to_asset_id: string; relation: string; created_at: Date }): Promise<boolean> {
  const inserted = await tx.insertInto('asset_links').values(row).onConflict((oc) => oc.doNothing()).returning('org_id').executeTakeFirst();
  return inserted !== undefined;
}

export async function deleteAssetLinkRow(tx: Tx, orgId: string, link: { from: string; to: string; relation: string }): Promise<boolean> {
  const result = await tx
    .deleteFrom('asset_links')
    .where('org_id', '=', orgId)
    .where('from_asset_id', '=', link.from)
    .where('to_asset_id', '=', link.to)
    .where('relation', '=', link.relation)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
