import { trainingApi } from '@custodian/shared/contracts/training.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf } from './helpers.ts';

/** A new training of org A (added by its owner): its id and version. */
async function freshTraining(world: World, name = 'A training'): Promise<{ id: string; version: number }> {
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/training', { body: { name } });
  if (reply.status !== 201) throw new Error(`could not add a training: ${reply.status} ${reply.text}`);
  return json<{ id: string; version: number }>(reply);
}

/** A training of org A whose name carries a canary: nobody outside org A may ever see it. */
export const trainingCanaries: readonly CanaryPlanter[] = [{ kind: 'trainingName', plant: async (world, text) => void (await freshTraining(world, `Named ${text}`)) }];

/** Training. */
export const trainingInventory: readonly InventoryEntry[] = [
  { ...fromRoute(trainingApi.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(trainingApi.get), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshTraining(world)).id } }) },
  {
    ...fromRoute(trainingApi.create),
    request: () => ({ body: { name: 'Added by the matrix' } }),
    race: { requests: async () => [{ spec: { body: { name: 'Race one' } } }, { spec: { body: { name: 'Race two' } } }], maxWins: 2 },
  },
  {
    ...fromRoute(trainingApi.update),
    addressesOrgA: true,
    request: async ({ world }) => {
      const record = await freshTraining(world);
      return { params: { id: record.id }, body: { version: record.version, notes: 'changed by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const record = await freshTraining(world);
        const edit = (notes: string) => ({ spec: { params: { id: record.id }, body: { version: record.version, notes } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        const final = json<{ notes: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/training/:id', { params: { id } }));
        const expected = (requests[winnerOf(replies)]?.spec.body as { notes: string } | undefined)?.notes;
        return [...expectEqual('the saved notes', final.notes, expected), ...expectEqual('changes recorded', await countEvents(world, 'training.updated', id), 1)];
      },
    },
  },
  {
    ...fromRoute(trainingApi.remove),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshTraining(world)).id } }),
    expect: { statuses: { contributor: 403 }, reason: 'the policy lets a contributor delete only what they added; the owner added this one' },
    race: {
      requests: async ({ world }) => {
        const { id } = await freshTraining(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('deletions recorded', await countEvents(world, 'training.deleted', requests[0].spec.params?.id), 1),
    },
  },
];
