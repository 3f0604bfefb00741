import { auditsApi } from '@custodian/shared/contracts/audits.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf } from './helpers.ts';

/** A new audit of org A (added by its owner): its id and version. */
async function freshAudit(world: World, name = 'A audit'): Promise<{ id: string; version: number }> {
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/audits', { body: { name } });
  if (reply.status !== 201) throw new Error(`could not add a audit: ${reply.status} ${reply.text}`);
  return json<{ id: string; version: number }>(reply);
}

/** A audit of org A whose name carries a canary: nobody outside org A may ever see it. */
export const auditsCanaries: readonly CanaryPlanter[] = [{ kind: 'auditName', plant: async (world, text) => void (await freshAudit(world, `Named ${text}`)) }];

/** Audits. */
export const auditsInventory: readonly InventoryEntry[] = [
  { ...fromRoute(auditsApi.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(auditsApi.get), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshAudit(world)).id } }) },
  {
    ...fromRoute(auditsApi.create),
    request: () => ({ body: { name: 'Added by the matrix' } }),
    race: { requests: async () => [{ spec: { body: { name: 'Race one' } } }, { spec: { body: { name: 'Race two' } } }], maxWins: 2 },
  },
  {
    ...fromRoute(auditsApi.update),
    addressesOrgA: true,
    request: async ({ world }) => {
      const record = await freshAudit(world);
      return { params: { id: record.id }, body: { version: record.version, notes: 'changed by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const record = await freshAudit(world);
        const edit = (notes: string) => ({ spec: { params: { id: record.id }, body: { version: record.version, notes } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        const final = json<{ notes: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/audits/:id', { params: { id } }));
        const expected = (requests[winnerOf(replies)]?.spec.body as { notes: string } | undefined)?.notes;
        return [...expectEqual('the saved notes', final.notes, expected), ...expectEqual('changes recorded', await countEvents(world, 'audits.updated', id), 1)];
      },
    },
  },
  {
    ...fromRoute(auditsApi.remove),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshAudit(world)).id } }),
    expect: { statuses: { contributor: 403 }, reason: 'the policy lets a contributor delete only what they added; the owner added this one' },
    race: {
      requests: async ({ world }) => {
        const { id } = await freshAudit(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('deletions recorded', await countEvents(world, 'audits.deleted', requests[0].spec.params?.id), 1),
    },
  },
];
