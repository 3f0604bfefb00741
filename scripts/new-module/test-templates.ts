import type { ModuleNames } from './names.ts';

/** <name>.test.ts: the module's integration tests against the real server and database. */
export function moduleTestTemplate(n: ModuleNames): string {
  return `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemberWithRole, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const path = '/api/v1/${n.kebab}';
interface Record {
  id: string;
  name: string;
  notes: string;
  version: number;
}

describe('${n.title.toLowerCase()}', () => {
  it('adds, lists, changes and deletes, recording each change in the audit trail', async () => {
    const owner = await signUpOwner(server);
    const created = await owner.client.request('POST', path, { name: 'First ${n.oneWords}', notes: 'kept' });
    expect(created.status).toBe(201);
    const record = created.json<Record>();
    const list = (await owner.client.get(\`\${path}?limit=10\`)).json<{ items: Record[]; total: { count: number } }>();
    expect(list.total.count).toBe(1);
    expect(list.items.map((r) => r.name)).toEqual(['First ${n.oneWords}']);
    const changed = await owner.client.request('PATCH', \`\${path}/\${record.id}\`, { version: record.version, name: 'Renamed' });
    expect(changed.json()).toMatchObject({ name: 'Renamed', notes: 'kept', version: record.version + 1 });
    expect((await owner.client.request('DELETE', \`\${path}/\${record.id}\`)).status).toBe(200);
    expect((await owner.client.get(\`\${path}/\${record.id}\`)).status).toBe(404);
    const trail = (await owner.client.get(\`/api/v1/audit-log?entityId=\${record.id}&order=asc\`)).json<{ items: Array<{ action: string }> }>();
    expect(trail.items.map((e) => e.action)).toEqual(['${n.snake}.created', '${n.snake}.updated', '${n.snake}.deleted']);
  });

  it('refuses a stale change with the record as it is now', async () => {
    const owner = await signUpOwner(server);
    const record = (await owner.client.request('POST', path, { name: 'Shared' })).json<Record>();
    await owner.client.request('PATCH', \`\${path}/\${record.id}\`, { version: record.version, notes: 'first' });
    const stale = await owner.client.request('PATCH', \`\${path}/\${record.id}\`, { version: record.version, notes: 'second' });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { details: { current: Record } } }>().error.details.current).toMatchObject({ notes: 'first', version: record.version + 1 });
  });

  it('lets a contributor delete only what they added, and hides every record from another organisation', async () => {
    const owner = await signUpOwner(server);
    const contributor = await addMemberWithRole(server, owner, 'contributor');
    const ownersRecord = (await owner.client.request('POST', path, { name: 'Owner’s' })).json<Record>();
    const theirs = (await contributor.client.request('POST', path, { name: 'Contributor’s' })).json<Record>();
    expect((await contributor.client.request('DELETE', \`\${path}/\${ownersRecord.id}\`)).status).toBe(403);
    expect((await contributor.client.request('DELETE', \`\${path}/\${theirs.id}\`)).status).toBe(200);
    const stranger = await signUpOwner(server);
    expect((await stranger.client.get(\`\${path}/\${ownersRecord.id}\`)).status).toBe(404);
    expect((await stranger.client.get(path)).json<{ total: { count: number } }>().total.count).toBe(0);
  });
});
`;
}

/** apps/server/test/harness/inventory/<name>.ts: the module's routes for the matrix, the fuzzer and the race check. */
export function inventoryTemplate(n: ModuleNames): string {
  return `import { ${n.camel}Api } from '@custodian/shared/contracts/${n.kebab}.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf } from './helpers.ts';

/** A new ${n.oneWords} of org A (added by its owner): its id and version. */
async function fresh${n.pascalOne}(world: World, name = 'A ${n.oneWords}'): Promise<{ id: string; version: number }> {
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/${n.kebab}', { body: { name } });
  if (reply.status !== 201) throw new Error(\`could not add a ${n.oneWords}: \${reply.status} \${reply.text}\`);
  return json<{ id: string; version: number }>(reply);
}

/** A ${n.oneWords} of org A whose name carries a canary: nobody outside org A may ever see it. */
export const ${n.camel}Canaries: readonly CanaryPlanter[] = [{ kind: '${n.camelOne}Name', plant: async (world, text) => void (await fresh${n.pascalOne}(world, \`Named \${text}\`)) }];

/** ${n.title}. */
export const ${n.camel}Inventory: readonly InventoryEntry[] = [
  { ...fromRoute(${n.camel}Api.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(${n.camel}Api.get), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await fresh${n.pascalOne}(world)).id } }) },
  {
    ...fromRoute(${n.camel}Api.create),
    request: () => ({ body: { name: 'Added by the matrix' } }),
    race: { requests: async () => [{ spec: { body: { name: 'Race one' } } }, { spec: { body: { name: 'Race two' } } }], maxWins: 2 },
  },
  {
    ...fromRoute(${n.camel}Api.update),
    addressesOrgA: true,
    request: async ({ world }) => {
      const record = await fresh${n.pascalOne}(world);
      return { params: { id: record.id }, body: { version: record.version, notes: 'changed by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const record = await fresh${n.pascalOne}(world);
        const edit = (notes: string) => ({ spec: { params: { id: record.id }, body: { version: record.version, notes } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        const final = json<{ notes: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/${n.kebab}/:id', { params: { id } }));
        const expected = (requests[winnerOf(replies)]?.spec.body as { notes: string } | undefined)?.notes;
        return [...expectEqual('the saved notes', final.notes, expected), ...expectEqual('changes recorded', await countEvents(world, '${n.snake}.updated', id), 1)];
      },
    },
  },
  {
    ...fromRoute(${n.camel}Api.remove),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await fresh${n.pascalOne}(world)).id } }),
    expect: { statuses: { contributor: 403 }, reason: 'the policy lets a contributor delete only what they added; the owner added this one' },
    race: {
      requests: async ({ world }) => {
        const { id } = await fresh${n.pascalOne}(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('deletions recorded', await countEvents(world, '${n.snake}.deleted', requests[0].spec.params?.id), 1),
    },
  },
];
`;
}
