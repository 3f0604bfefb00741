import { z } from 'zod';
import { apiRoute } from './api-route.ts';
import { okReply, recordVersion, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';
import { assetKinds, assetRelations, ciaValue, classificationLevel, recordRef } from './risk-vocabulary.ts';

/** One asset of the register (item 2 of issue 9): what it is, who owns it, how it is classified and valued. */
export const asset = z.object({
  id: z.uuid(),
  /** "A-0001": assigned when none is given; unique in the organisation. */
  ref: z.string(),
  name: z.string(),
  kind: z.enum(assetKinds),
  description: z.string(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  /** A key of the organisation's classification scheme, and its label as people read it. */
  classification: z.string(),
  classificationLabel: z.string(),
  confidentiality: z.number().int(),
  integrity: z.number().int(),
  availability: z.number().int(),
  location: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Asset = z.infer<typeof asset>;

/** Another asset as a link shows it. */
export const linkedAsset = z.object({ id: z.uuid(), ref: z.string(), name: z.string(), kind: z.enum(assetKinds) });

/**
 * A link seen from one asset: `outgoing` reads "this asset <relation> other" ("runs on the clinic
 * server"), `incoming` reads "other <relation> this asset". The same link shows on both assets.
 */
export const assetLink = z.object({ direction: z.enum(['outgoing', 'incoming']), relation: z.enum(assetRelations), asset: linkedAsset, createdAt: z.string() });
export type AssetLink = z.infer<typeof assetLink>;

/** One asset with its links, both ways. */
export const assetDetail = asset.extend({ links: z.array(assetLink) });
export type AssetDetail = z.infer<typeof assetDetail>;

export const assetSorts = ['name', 'ref', 'updatedAt'] as const;

export const assetListQuery = listQuery({
  sorts: assetSorts,
  sort: 'name',
  filters: {
    /** Part of the name or the ref. */
    q: z.string().trim().max(200).optional(),
    kind: z.enum(assetKinds).optional(),
    classification: z.string().regex(/^[a-z0-9_]{1,40}$/, { message: 'must be a level of the classification scheme' }).optional(),
    ownerId: uuidParam.optional(),
  },
});
export type AssetListQuery = z.infer<typeof assetListQuery>;

const assetName = z.string().trim().min(1, { message: 'Enter a name.' }).max(200);
const description = z.string().max(10000);
const location = z.string().trim().max(200);
const classificationKey = z.string({ message: 'Choose a classification.' }).min(1, { message: 'Choose a classification.' }).max(40);

export const createAssetBody = z.strictObject({
  /** Leave out for the next free "A-0001"-style reference. */
  ref: recordRef.optional(),
  name: assetName,
  kind: z.enum(assetKinds, { message: 'Choose what kind of asset this is.' }),
  description: description.default(''),
  ownerUserId: z.uuid({ message: 'must be a member of the organisation' }).nullable().default(null),
  classification: classificationKey,
  confidentiality: ciaValue,
  integrity: ciaValue,
  availability: ciaValue,
  location: location.default(''),
});
export type CreateAssetBody = z.input<typeof createAssetBody>;

/** Only the fields that changed, with the version the editor read. */
export const updateAssetBody = z.strictObject({
  version: recordVersion,
  ref: recordRef.optional(),
  name: assetName.optional(),
  kind: z.enum(assetKinds, { message: 'Choose what kind of asset this is.' }).optional(),
  description: description.optional(),
  ownerUserId: z.uuid({ message: 'must be a member of the organisation' }).nullable().optional(),
  classification: classificationKey.optional(),
  confidentiality: ciaValue.optional(),
  integrity: ciaValue.optional(),
  availability: ciaValue.optional(),
  location: location.optional(),
});
export type UpdateAssetBody = z.input<typeof updateAssetBody>;

export const addAssetLinkBody = z.strictObject({
  /** The other asset: this asset <relation> that one. */
  toAssetId: z.uuid({ message: 'Choose the other asset.' }),
  relation: z.enum(assetRelations, { message: 'Choose how the two assets are linked.' }),
});
export type AddAssetLinkBody = z.input<typeof addAssetLinkBody>;

/** The organisation's classification scheme, with how many assets hold each level. */
export const classificationScheme = z.object({
  levels: z.array(classificationLevel.extend({ assetCount: z.number().int() })),
  /** True while the organisation uses the default scheme (nothing saved yet). */
  isDefault: z.boolean(),
  /** 0 for the default scheme; send it back with a change. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type ClassificationScheme = z.infer<typeof classificationScheme>;

/** The whole scheme, lowest level first; a level that assets hold cannot be left out. */
export const updateClassificationSchemeBody = z.strictObject({
  version: recordVersion,
  levels: z
    .array(classificationLevel, { message: 'must be a list of levels' })
    .min(2, { message: 'A scheme needs at least two levels.' })
    .max(10, { message: 'A scheme has at most ten levels.' })
    .refine((levels) => new Set(levels.map((level) => level.key)).size === levels.length, { message: 'Each level needs its own key.' })
    .refine((levels) => new Set(levels.map((level) => level.label.trim().toLowerCase())).size === levels.length, { message: 'Each level needs its own name.' }),
});
export type UpdateClassificationSchemeBody = z.input<typeof updateClassificationSchemeBody>;

const idParams = z.strictObject({ id: uuidParam });
const linkParams = z.strictObject({ id: uuidParam, toAssetId: uuidParam, relation: z.enum(assetRelations) });
const tag = 'assets';

/** The asset register, its links and the organisation's classification scheme. */
export const assetsApi = {
  list: apiRoute({ method: 'GET', path: '/assets', access: 'assets.read', tag, summary: 'List assets (filter by name or ref, kind, classification, owner)', query: assetListQuery, reply: listOf(asset) }),
  get: apiRoute({ method: 'GET', path: '/assets/:id', access: 'assets.read', tag, summary: 'One asset with its links', params: idParams, reply: assetDetail }),
  create: apiRoute({ method: 'POST', path: '/assets', access: 'assets.write', tag, summary: 'Add an asset (the ref is assigned when left out)', body: createAssetBody, reply: asset, status: 201 }),
  update: apiRoute({
    method: 'PATCH',
    path: '/assets/:id',
    access: 'assets.write',
    tag,
    summary: 'Change an asset (send the version you read)',
    params: idParams,
    body: updateAssetBody,
    reply: asset,
  }),
  remove: apiRoute({ method: 'DELETE', path: '/assets/:id', access: 'assets.write', tag, summary: 'Delete an asset and its links', params: idParams, reply: okReply }),
  addLink: apiRoute({
    method: 'POST',
    path: '/assets/:id/links',
    access: 'assets.write',
    tag,
    summary: 'Link this asset to another',
    params: idParams,
    body: addAssetLinkBody,
    reply: assetDetail,
    status: 201,
  }),
  removeLink: apiRoute({
    method: 'DELETE',
    path: '/assets/:id/links/:toAssetId/:relation',
    access: 'assets.write',
    tag,
    summary: 'Remove a link between two assets',
    params: linkParams,
    reply: assetDetail,
  }),
  scheme: apiRoute({ method: 'GET', path: '/asset-classification', access: 'assets.read', tag, summary: "The organisation's classification scheme", reply: classificationScheme }),
  updateScheme: apiRoute({
    method: 'PUT',
    path: '/asset-classification',
    access: 'assets.scheme',
    tag,
    summary: 'Change the classification scheme (levels in use stay)',
    body: updateClassificationSchemeBody,
    reply: classificationScheme,
  }),
};
