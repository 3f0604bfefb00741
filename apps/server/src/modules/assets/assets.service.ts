import type { AddAssetLinkBody, Asset, AssetDetail, AssetListQuery, CreateAssetBody, UpdateAssetBody } from '@custodian/shared/contracts/assets.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import { assetKindLabels, assetRelationLabels, type AssetKind, type AssetRelation, type ClassificationLevel } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { findMemberName, lockOrganisation } from '../org/org.service.ts';
import { deleteAssetLinkRow, insertAssetLinkRow, listAssetLinkRows } from './asset-links.repo.ts';
import { assertMayDeleteAsset } from './assets.policy.ts';
import { deleteAssetRow, findAssetIdByRef, findAssetRow, highestAutoRefNumber, insertAssetRow, listAssetRows, updateAssetRow, type AssetRow, type AssetValues } from './assets.repo.ts';
import { assertClassification, classificationLevels, levelLabels } from './classification.service.ts';

const entity = (id: string) => ({ type: 'asset', id });

/** "A-0001" … "A-9999", then "A-10000": the automatic reference with number n. */
export function autoAssetRef(n: number): string {
  return `A-${String(n).padStart(4, '0')}`;
}

function toAsset(row: AssetRow, labels: Map<string, string>): Asset {
  return {
    id: row.id,
    ref: row.ref,
    name: row.name,
    kind: row.kind as AssetKind,
    description: row.description,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    classification: row.classification,
    // A level is never removed while an asset holds it; the key stands in should that ever be bypassed.
    classificationLabel: labels.get(row.classification) ?? row.classification,
    confidentiality: row.confidentiality,
    integrity: row.integrity,
    availability: row.availability,
    location: row.location,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

/** What the audit trail keeps of an asset, in words (the kind and classification as people read them). */
function snapshot(row: Pick<AssetRow, keyof AssetValues>, labels: Map<string, string>) {
  return {
    ref: row.ref,
    name: row.name,
    assetKind: assetKindLabels[row.kind as AssetKind] ?? row.kind,
    description: row.description,
    ownerUserId: row.owner_user_id,
    classification: labels.get(row.classification) ?? row.classification,
    confidentiality: row.confidentiality,
    integrity: row.integrity,
    availability: row.availability,
    location: row.location,
  };
}

export async function listAssets(ctx: OrgCtx, query: AssetListQuery): Promise<ListReply<Asset>> {
  const labels = levelLabels(await classificationLevels(ctx));
  const page = await listAssetRows(ctx.tx, ctx.org.id, query);
  return { ...page, items: page.items.map((row) => toAsset(row, labels)) };
}

async function detailOf(ctx: OrgCtx, row: AssetRow, levels: readonly ClassificationLevel[]): Promise<AssetDetail> {
  const links = await listAssetLinkRows(ctx.tx, ctx.org.id, row.id);
  return {
    ...toAsset(row, levelLabels(levels)),
    links: links.map((link) => ({
      direction: link.direction,
      relation: link.relation as AssetRelation,
      asset: { id: link.id, ref: link.ref, name: link.name, kind: link.kind as AssetKind },
      createdAt: new Date(link.created_at).toISOString(),
    })),
  };
}

async function findOrThrow(ctx: OrgCtx, id: string): Promise<AssetRow> {
  const row = await findAssetRow(ctx.tx, ctx.org.id, id);
  if (!row) throw notFound('The asset');
  return row;
}

export async function getAsset(ctx: OrgCtx, id: string): Promise<AssetDetail> {
  return detailOf(ctx, await findOrThrow(ctx, id), await classificationLevels(ctx));
}

async function assertOwner(ctx: OrgCtx, ownerUserId: string | null): Promise<void> {
  if (ownerUserId === null || (await findMemberName(ctx, ownerUserId)) !== null) return;
  throw new AppError('validation_failed', 'The owner must be a member of this organisation.', [{ path: 'ownerUserId', message: 'is not a member of this organisation' }]);
}

async function assertRefFree(ctx: OrgCtx, ref: string, exceptId: string | null): Promise<void> {
  const holder = await findAssetIdByRef(ctx.tx, ctx.org.id, ref);
  if (!holder || holder.id === exceptId) return;
  throw new AppError('validation_failed', `The reference ${ref} is already used by “${holder.name}”. Choose another, or leave it empty for the next free one.`, [
    { path: 'ref', message: `is already used by “${holder.name}”` },
  ]);
}

/**
 * Adds an asset. Without a ref it gets the next automatic one ("A-0001", "A-0002" …): the
 * organisation's lock, taken first, makes parallel additions number one after another (and makes a
 * classification scheme change wait, so no asset lands on a level being removed).
 */
export async function createAsset(ctx: OrgCtx, input: CreateAssetBody): Promise<Asset> {
  await lockOrganisation(ctx);
  const levels = await classificationLevels(ctx);
  assertClassification(levels, input.classification);
  const ownerUserId = input.ownerUserId ?? null;
  await assertOwner(ctx, ownerUserId);
  const ref = input.ref ?? autoAssetRef((await highestAutoRefNumber(ctx.tx, ctx.org.id)) + 1);
  await assertRefFree(ctx, ref, null);
  const id = newId(ctx.now.getTime());
  const values: AssetValues = {
    ref,
    name: input.name,
    kind: input.kind,
    description: input.description ?? '',
    owner_user_id: ownerUserId,
    classification: input.classification,
    confidentiality: input.confidentiality,
    integrity: input.integrity,
    availability: input.availability,
    location: input.location ?? '',
  };
  await insertAssetRow(ctx.tx, { ...values, org_id: ctx.org.id, id, created_at: ctx.now, created_by: ctx.actor.userId, updated_at: ctx.now, updated_by: ctx.actor.userId });
  await ctx.audit('asset.created', entity(id), null, snapshot(values, levelLabels(levels)));
  return toAsset(await findOrThrow(ctx, id), levelLabels(levels));
}

function patchOf(input: UpdateAssetBody): Partial<AssetValues> {
  const patch: Partial<AssetValues> = {};
  if (input.ref !== undefined) patch.ref = input.ref;
  if (input.name !== undefined) patch.name = input.name;
  if (input.kind !== undefined) patch.kind = input.kind;
  if (input.description !== undefined) patch.description = input.description;
  if (input.ownerUserId !== undefined) patch.owner_user_id = input.ownerUserId;
  if (input.classification !== undefined) patch.classification = input.classification;
  if (input.confidentiality !== undefined) patch.confidentiality = input.confidentiality;
  if (input.integrity !== undefined) patch.integrity = input.integrity;
  if (input.availability !== undefined) patch.availability = input.availability;
  if (input.location !== undefined) patch.location = input.location;
  return patch;
}

/** Changes the fields sent, if nobody saved the asset since `version` was read (otherwise 409 with it as it is now). */
export async function updateAsset(ctx: OrgCtx, id: string, input: UpdateAssetBody): Promise<Asset> {
  const patch = patchOf(input);
  // A new classification must still be a level when this commits: wait for any scheme change.
  if (patch.classification !== undefined) await lockOrganisation(ctx);
  const levels = await classificationLevels(ctx);
  const before = await findOrThrow(ctx, id);
  const labels = levelLabels(levels);
  const conflict = (current: AssetRow) =>
    new AppError('edit_conflict', `Someone else saved “${current.name}” after you opened it. Their version is shown: check it, then apply your change again.`, {
      current: toAsset(current, labels),
    });
  if (before.version !== input.version) throw conflict(before);
  if (patch.classification !== undefined && patch.classification !== before.classification) assertClassification(levels, patch.classification);
  if (patch.owner_user_id !== undefined && patch.owner_user_id !== before.owner_user_id) await assertOwner(ctx, patch.owner_user_id);
  if (patch.ref !== undefined && patch.ref !== before.ref) await assertRefFree(ctx, patch.ref, id);
  const isSaved = await updateAssetRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, { ...patch, updated_at: ctx.now, updated_by: ctx.actor.userId });
  if (!isSaved) throw conflict((await findAssetRow(ctx.tx, ctx.org.id, id)) ?? before);
  const after = await findOrThrow(ctx, id);
  await ctx.audit('asset.updated', entity(id), snapshot(before, labels), snapshot(after, labels));
  return toAsset(after, labels);
}

/** Deletes an asset; its links go with it (and it leaves the risks it was part of). */
export async function deleteAsset(ctx: OrgCtx, id: string): Promise<void> {
  const before = await findOrThrow(ctx, id);
  assertMayDeleteAsset(ctx.actor, before);
  if (!(await deleteAssetRow(ctx.tx, ctx.org.id, id))) throw notFound('The asset');
  await ctx.audit('asset.deleted', entity(id), snapshot(before, levelLabels(await classificationLevels(ctx))));
}

/** Links this asset to another ("runs on", "stores" …); the link shows on both. */
export async function addAssetLink(ctx: OrgCtx, id: string, input: AddAssetLinkBody): Promise<AssetDetail> {
  const from = await findOrThrow(ctx, id);
  if (input.toAssetId === id) throw new AppError('validation_failed', 'An asset cannot be linked to itself. Choose another asset.', [{ path: 'toAssetId', message: 'is this asset itself' }]);
  const to = await findAssetRow(ctx.tx, ctx.org.id, input.toAssetId);
  if (!to) throw new AppError('validation_failed', 'The other asset was not found. It may have been deleted: choose another.', [{ path: 'toAssetId', message: 'was not found' }]);
  const isAdded = await insertAssetLinkRow(ctx.tx, { org_id: ctx.org.id, from_asset_id: id, to_asset_id: to.id, relation: input.relation, created_at: ctx.now });
  if (!isAdded) {
    throw new AppError('conflict', `“${from.name}” already ${assetRelationLabels[input.relation]} “${to.name}”.`);
  }
  await ctx.audit('asset.linked', entity(id), null, { from: `${from.ref} ${from.name}`, relation: assetRelationLabels[input.relation], to: `${to.ref} ${to.name}` });
  return detailOf(ctx, from, await classificationLevels(ctx));
}

/** Removes one link between two assets. */
export async function removeAssetLink(ctx: OrgCtx, id: string, link: { toAssetId: string; relation: AssetRelation }): Promise<AssetDetail> {
  const from = await findOrThrow(ctx, id);
  const to = await findAssetRow(ctx.tx, ctx.org.id, link.toAssetId);
  if (!to || !(await deleteAssetLinkRow(ctx.tx, ctx.org.id, { from: id, to: link.toAssetId, relation: link.relation }))) throw notFound('The link');
  await ctx.audit('asset.unlinked', entity(id), { from: `${from.ref} ${from.name}`, relation: assetRelationLabels[link.relation], to: `${to.ref} ${to.name}` });
  return detailOf(ctx, from, await classificationLevels(ctx));
}
