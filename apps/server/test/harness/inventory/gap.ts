import { gapApi } from '@custodian/shared/contracts/gap.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import { countEvents, expectEqual, json, winnerOf, xlsxText } from './helpers.ts';

let raced = 0;

/** The gap analysis. */
export const gapInventory: readonly InventoryEntry[] = [
  { ...fromRoute(gapApi.list), request: () => ({ query: { limit: '200', q: 'reviewed' } }) },
  { ...fromRoute(gapApi.get), request: ({ world }) => ({ params: { itemId: world.gapItemId } }) },
  {
    ...fromRoute(gapApi.update),
    // Each caller sends the version it can read (its own organisation's item; 0 when it may not read it).
    request: async ({ app, jar }) => {
      const params = { itemId: 'iso27001:2022:A.5.2' };
      const current = await send(app, jar, 'GET', '/api/v1/gap/items/:itemId', { params });
      const version = current.status === 200 ? json<{ version: number }>(current).version : 0;
      return { params, body: { version, status: 'partial', notes: 'written by the matrix' } };
    },
    race: {
      // Two people edit the same item from the same version: one is saved, the other is told (409 with the current item).
      requests: async ({ world, app }) => {
        raced += 1;
        const itemId = `iso27001:2022:A.8.${10 + raced}`;
        // Saved once first, so the race is between two updates of a stored entry (the controls register
        // may have stored it already: reasons given to every control).
        const read = json<{ version: number }>(await send(app, world.jars.owner, 'GET', '/api/v1/gap/items/:itemId', { params: { itemId } }));
        await send(app, world.jars.owner, 'PATCH', '/api/v1/gap/items/:itemId', { params: { itemId }, body: { version: read.version, status: 'partial' } });
        const current = json<{ version: number }>(await send(app, world.jars.owner, 'GET', '/api/v1/gap/items/:itemId', { params: { itemId } }));
        const edit = (notes: string) => ({ spec: { params: { itemId }, body: { version: current.version, notes } } });
        return [edit(`race one ${raced}`), edit(`race two ${raced}`)];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const winner = winnerOf(replies);
        const itemId = requests[0].spec.params?.itemId ?? '';
        const final = json<{ notes: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/gap/items/:itemId', { params: { itemId } }));
        const expected = (requests[winner]?.spec.body as { notes: string } | undefined)?.notes;
        return [...expectEqual('the saved notes', final.notes, expected), ...expectEqual('gap.updated events', await countEvents(world, 'gap.updated', itemId), 2)];
      },
    },
  },
  { ...fromRoute(gapApi.readiness) },
  { ...fromRoute(gapApi.export), bodyText: xlsxText },
];
