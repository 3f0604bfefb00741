import { managementReviewsApi } from '@custodian/shared/contracts/management-reviews.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf } from './helpers.ts';

/** A new management review of org A (added by its owner): its id and version. */
async function freshManagementReview(world: World, name = 'A management review'): Promise<{ id: string; version: number }> {
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/management-reviews', { body: { name } });
  if (reply.status !== 201) throw new Error(`could not add a management review: ${reply.status} ${reply.text}`);
  return json<{ id: string; version: number }>(reply);
}

/** A management review of org A whose name carries a canary: nobody outside org A may ever see it. */
export const managementReviewsCanaries: readonly CanaryPlanter[] = [{ kind: 'managementReviewName', plant: async (world, text) => void (await freshManagementReview(world, `Named ${text}`)) }];

/** Management reviews. */
export const managementReviewsInventory: readonly InventoryEntry[] = [
  { ...fromRoute(managementReviewsApi.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(managementReviewsApi.get), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshManagementReview(world)).id } }) },
  {
    ...fromRoute(managementReviewsApi.create),
    request: () => ({ body: { name: 'Added by the matrix' } }),
    race: { requests: async () => [{ spec: { body: { name: 'Race one' } } }, { spec: { body: { name: 'Race two' } } }], maxWins: 2 },
  },
  {
    ...fromRoute(managementReviewsApi.update),
    addressesOrgA: true,
    request: async ({ world }) => {
      const record = await freshManagementReview(world);
      return { params: { id: record.id }, body: { version: record.version, notes: 'changed by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const record = await freshManagementReview(world);
        const edit = (notes: string) => ({ spec: { params: { id: record.id }, body: { version: record.version, notes } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        const final = json<{ notes: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/management-reviews/:id', { params: { id } }));
        const expected = (requests[winnerOf(replies)]?.spec.body as { notes: string } | undefined)?.notes;
        return [...expectEqual('the saved notes', final.notes, expected), ...expectEqual('changes recorded', await countEvents(world, 'management_reviews.updated', id), 1)];
      },
    },
  },
  {
    ...fromRoute(managementReviewsApi.remove),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshManagementReview(world)).id } }),
    expect: { statuses: { contributor: 403 }, reason: 'the policy lets a contributor delete only what they added; the owner added this one' },
    race: {
      requests: async ({ world }) => {
        const { id } = await freshManagementReview(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('deletions recorded', await countEvents(world, 'management_reviews.deleted', requests[0].spec.params?.id), 1),
    },
  },
];
