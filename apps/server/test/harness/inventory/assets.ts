import { assetsApi } from '@custodian/shared/contracts/assets.ts';
import { defaultClassificationLevels } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { send } from '../http.ts';
import { fromRoute, type Cell, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf } from './helpers.ts';

const assetBody = (name: string) => ({ name, kind: 'system', classification: 'confidential', confidentiality: 3, integrity: 3, availability: 3 });

/** A new asset of org A (added by its owner): its id and version. */
async function freshAsset(world: World, name = 'An asset'): Promise<{ id: string; version: number; ref: string }> {
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/assets', { body: assetBody(name) });
  if (reply.status !== 201) throw new Error(`could not add an asset: ${reply.status} ${reply.text}`);
  return json<{ id: string; version: number; ref: string }>(reply);
}

/** Two new assets of org A, the first linked to the second ("runs on"). */
async function linkedPair(world: World): Promise<{ from: string; to: string }> {
  const from = await freshAsset(world, 'Linked from');
  const to = await freshAsset(world, 'Linked to');
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/assets/:id/links', { params: { id: from.id }, body: { toAssetId: to.id, relation: 'runs_on' } });
  if (reply.status !== 201) throw new Error(`could not link assets: ${reply.status} ${reply.text}`);
  return { from: from.id, to: to.id };
}

async function linkCount(world: World, from: string): Promise<number> {
  const rows = await world.server.ownerQuery<{ n: string }>('select count(*)::text as n from asset_links where org_id = $1 and from_asset_id = $2', [world.orgA.id, from]);
  return Number(rows[0]?.n ?? 0);
}

/** The version of the scheme the caller's own organisation holds (org A's for callers who cannot read it). */
async function schemeVersion(world: World, cell?: Cell): Promise<number> {
  const own = cell ? await send(cell.app, cell.jar, 'GET', '/api/v1/asset-classification') : null;
  const reply = own?.status === 200 ? own : await send(world.server.app, world.jars.owner, 'GET', '/api/v1/asset-classification');
  return json<{ version: number }>(reply).version;
}

const defaultLevels = defaultClassificationLevels.map((level) => ({ ...level }));

/** A classification level of org A named with a canary (the default levels kept, so other entries still classify). */
async function plantLevel(world: World, text: string): Promise<void> {
  const levels = [...defaultLevels, { key: 'canary_level', label: `Level ${text}`, description: '' }];
  const reply = await send(world.server.app, world.jars.owner, 'PUT', '/api/v1/asset-classification', { body: { version: await schemeVersion(world), levels } });
  if (reply.status !== 200) throw new Error(`could not change the classification scheme: ${reply.status} ${reply.text}`);
}

/** An asset of org A whose name carries a canary, linked to another (so asset_links holds org A rows too); and a canary level. */
export const assetsCanaries: readonly CanaryPlanter[] = [
  {
    kind: 'assetName',
    plant: async (world, text) => {
      const named = await freshAsset(world, `Named ${text}`);
      const other = await freshAsset(world, 'Linked to the canary');
      await send(world.server.app, world.jars.owner, 'POST', '/api/v1/assets/:id/links', { params: { id: named.id }, body: { toAssetId: other.id, relation: 'depends_on' } });
    },
  },
  { kind: 'classificationLevel', plant: plantLevel },
];

/** The asset register. */
export const assetsInventory: readonly InventoryEntry[] = [
  { ...fromRoute(assetsApi.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(assetsApi.get), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshAsset(world)).id } }) },
  {
    ...fromRoute(assetsApi.create),
    request: () => ({ body: assetBody('Added by the matrix') }),
    race: {
      requests: async () => [{ spec: { body: assetBody('Race one') } }, { spec: { body: assetBody('Race two') } }],
      maxWins: 2,
      verify: async (_world, replies) => {
        const refs = replies.map((reply) => json<{ ref: string }>(reply).ref);
        return refs[0] === refs[1] ? [`two parallel additions got the same reference ${refs[0]}`] : [];
      },
    },
  },
  {
    ...fromRoute(assetsApi.update),
    addressesOrgA: true,
    request: async ({ world }) => {
      const record = await freshAsset(world);
      return { params: { id: record.id }, body: { version: record.version, location: 'changed by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const record = await freshAsset(world);
        const edit = (location: string) => ({ spec: { params: { id: record.id }, body: { version: record.version, location } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        const final = json<{ location: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/assets/:id', { params: { id } }));
        const expected = (requests[winnerOf(replies)]?.spec.body as { location: string } | undefined)?.location;
        return [...expectEqual('the saved location', final.location, expected), ...expectEqual('changes recorded', await countEvents(world, 'asset.updated', id), 1)];
      },
    },
  },
  {
    ...fromRoute(assetsApi.remove),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshAsset(world)).id } }),
    expect: { statuses: { contributor: 403 }, reason: 'the policy lets a contributor delete only what they added; the owner added this one' },
    race: {
      requests: async ({ world }) => {
        const { id } = await freshAsset(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('deletions recorded', await countEvents(world, 'asset.deleted', requests[0].spec.params?.id), 1),
    },
  },
  {
    ...fromRoute(assetsApi.addLink),
    addressesOrgA: true,
    request: async ({ world }) => {
      const [from, to] = [await freshAsset(world, 'Link from'), await freshAsset(world, 'Link to')];
      return { params: { id: from.id }, body: { toAssetId: to.id, relation: 'depends_on' } };
    },
    race: {
      requests: async ({ world }) => {
        const [from, to] = [await freshAsset(world, 'Link from'), await freshAsset(world, 'Link to')];
        const spec = { params: { id: from.id }, body: { toAssetId: to.id, relation: 'stores' } };
        return [{ spec }, { spec }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => {
        const from = requests[0].spec.params?.id ?? '';
        return [...expectEqual('links stored', await linkCount(world, from), 1), ...expectEqual('links recorded', await countEvents(world, 'asset.linked', from), 1)];
      },
    },
  },
  {
    ...fromRoute(assetsApi.removeLink),
    addressesOrgA: true,
    request: async ({ world }) => {
      const { from, to } = await linkedPair(world);
      return { params: { id: from, toAssetId: to, relation: 'runs_on' } };
    },
    race: {
      requests: async ({ world }) => {
        const { from, to } = await linkedPair(world);
        const spec = { params: { id: from, toAssetId: to, relation: 'runs_on' } };
        return [{ spec }, { spec }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => {
        const from = requests[0].spec.params?.id ?? '';
        return [...expectEqual('links left', await linkCount(world, from), 0), ...expectEqual('removals recorded', await countEvents(world, 'asset.unlinked', from), 1)];
      },
    },
  },
  { ...fromRoute(assetsApi.scheme) },
  {
    ...fromRoute(assetsApi.updateScheme),
    request: async (cell) => ({ body: { version: await schemeVersion(cell.world, cell), levels: defaultLevels } }),
    race: {
      requests: async ({ world }) => {
        const version = await schemeVersion(world);
        const withExtra = (label: string) => ({ spec: { body: { version, levels: [...defaultLevels, { key: 'restricted', label, description: '' }] } } });
        return [withExtra('Restricted (one)'), withExtra('Restricted (two)')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const scheme = json<{ levels: Array<{ key: string; label: string }> }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/asset-classification'));
        const sent = requests[winnerOf(replies)]?.spec.body as { levels: Array<{ label: string }> } | undefined;
        return expectEqual('the saved levels', scheme.levels.map((level) => level.label), sent?.levels.map((level) => level.label));
      },
    },
  },
];
