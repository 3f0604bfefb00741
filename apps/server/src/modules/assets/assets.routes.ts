import { assetsApi } from '@custodian/shared/contracts/assets.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { addAssetLink, createAsset, deleteAsset, getAsset, listAssets, removeAssetLink, updateAsset } from './assets.service.ts';
import { getClassificationScheme, updateClassificationScheme } from './classification.service.ts';

/** The asset register, its links and the classification scheme. */
export const assetsRoutes = [
  defineRoute(assetsApi.list, { handler: (ctx, { query }) => listAssets(ctx, query) }),
  defineRoute(assetsApi.get, { handler: (ctx, { params }) => getAsset(ctx, params.id) }),
  defineRoute(assetsApi.create, { handler: (ctx, { body }) => createAsset(ctx, body) }),
  defineRoute(assetsApi.update, { handler: (ctx, { params, body }) => updateAsset(ctx, params.id, body) }),
  defineRoute(assetsApi.remove, { handler: async (ctx, { params }) => (await deleteAsset(ctx, params.id), { ok: true as const }) }),
  defineRoute(assetsApi.addLink, { handler: (ctx, { params, body }) => addAssetLink(ctx, params.id, body) }),
  defineRoute(assetsApi.removeLink, { handler: (ctx, { params }) => removeAssetLink(ctx, params.id, { toAssetId: params.toAssetId, relation: params.relation }) }),
  defineRoute(assetsApi.scheme, { handler: (ctx) => getClassificationScheme(ctx) }),
  defineRoute(assetsApi.updateScheme, { handler: (ctx, { body }) => updateClassificationScheme(ctx, body) }),
];
