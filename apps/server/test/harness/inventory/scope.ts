import { scopeApi } from '@custodian/shared/contracts/scope.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { FastifyInstance } from 'fastify';
import type { CanaryPlanter, Jar, World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf } from './helpers.ts';

/** A new scope entry of org A (added by its owner): its id and version. */
async function freshEntry(world: World, body: Record<string, unknown> = { section: 'site', name: 'A site' }): Promise<{ id: string; version: number }> {
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/scope/items', { body });
  if (reply.status !== 201) throw new Error(`could not add a scope entry: ${reply.status} ${reply.text}`);
  return json<{ id: string; version: number }>(reply);
}

/** Org A's scope statement as it is now. */
async function statementOf(world: World): Promise<{ revision: number; version: number; approvedRevision: number | null; summary: string }> {
  return json(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/scope/statement'));
}

/** Org A's statement with at least one change counted, so there is a revision to approve. */
async function statementWithRevision(world: World): Promise<{ revision: number; version: number }> {
  await freshEntry(world, { section: 'process', name: 'Reception and bookings' });
  return statementOf(world);
}

/**
 * The caller's own organisation's statement (the statement is one per organisation, so its routes name
 * no record of org A: a member of another organisation edits or approves their own). A caller who may
 * write adds an entry first, so there is a revision to approve.
 */
async function callersStatement(app: FastifyInstance, jar: Jar): Promise<{ revision: number; version: number }> {
  await send(app, jar, 'POST', '/api/v1/scope/items', { body: { section: 'process', name: 'Reception and bookings' } });
  const reply = await send(app, jar, 'GET', '/api/v1/scope/statement');
  if (reply.status !== 200) return { revision: 1, version: 1 };
  const statement = json<{ revision: number; version: number }>(reply);
  return { revision: Math.max(1, statement.revision), version: statement.version };
}

/** Scope entries and the statement's summary of org A carry canaries: nobody outside org A may ever see them. */
export const scopeCanaries: readonly CanaryPlanter[] = [
  { kind: 'scopeEntry', plant: async (world, text) => void (await freshEntry(world, { section: 'exclusion', name: `Named ${text}`, justification: `Because ${text}` })) },
  {
    kind: 'scopeSummary',
    plant: async (world, text) => {
      const { version } = await statementOf(world);
      const reply = await send(world.server.app, world.jars.owner, 'PATCH', '/api/v1/scope/statement', { body: { version, summary: `Covers ${text}` } });
      if (reply.status !== 200) throw new Error(`could not write the scope summary: ${reply.status} ${reply.text}`);
    },
  },
];

/** Context and scope. */
export const scopeInventory: readonly InventoryEntry[] = [
  { ...fromRoute(scopeApi.statement), request: () => ({}) },
  {
    ...fromRoute(scopeApi.updateStatement),
    request: async ({ app, jar }) => ({ body: { version: (await callersStatement(app, jar)).version, summary: 'Changed by the matrix' } }),
    race: {
      requests: async ({ world }) => {
        const { version } = await statementOf(world);
        return [{ spec: { body: { version, summary: 'Race one' } } }, { spec: { body: { version, summary: 'Race two' } } }];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const expected = (requests[winnerOf(replies)]?.spec.body as { summary: string } | undefined)?.summary;
        return expectEqual('the saved summary', (await statementOf(world)).summary, expected);
      },
    },
  },
  {
    ...fromRoute(scopeApi.approve),
    request: async ({ app, jar }) => ({ body: { revision: (await callersStatement(app, jar)).revision } }),
    expect: { statuses: { contributor: 403 }, reason: 'only an owner or an ISMS manager approves the scope statement (scope.policy.ts)' },
    race: {
      // An approval of the revision read, racing a change that makes it out of date: either the approval
      // comes first (and the change then makes it stale) or it is refused; never approved after the change.
      requests: async ({ world }) => {
        const { revision } = await statementWithRevision(world);
        return [{ spec: { body: { revision } } }, { spec: { body: { revision } } }];
      },
      maxWins: 2,
      verify: async (world, _replies, requests) => {
        const revision = (requests[0]?.spec.body as { revision: number } | undefined)?.revision;
        return expectEqual('the revision approved', (await statementOf(world)).approvedRevision, revision);
      },
    },
  },
  { ...fromRoute(scopeApi.statementDocx), request: () => ({}) },
  { ...fromRoute(scopeApi.statementPdf), request: () => ({}) },
  { ...fromRoute(scopeApi.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(scopeApi.get), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshEntry(world)).id } }) },
  {
    ...fromRoute(scopeApi.create),
    request: () => ({ body: { section: 'site', name: 'Added by the matrix' } }),
    race: {
      // A suggestion is added once, however many people click it at the same moment.
      requests: async ({ world }) => {
        await send(world.server.app, world.jars.owner, 'DELETE', '/api/v1/scope/items/:id', { params: { id: (await findSuggestion(world)) ?? '00000000-0000-4000-8000-000000000000' } });
        const body = { section: 'system', name: 'Cloud backup', suggestionKey: 'system.cloud_backup' };
        return [{ spec: { body } }, { spec: { body } }];
      },
      maxWins: 1,
      verify: async (world) => expectEqual('cloud backup entries', (await listSection(world, 'system')).filter((item) => item.suggestionKey === 'system.cloud_backup').length, 1),
    },
  },
  {
    ...fromRoute(scopeApi.update),
    addressesOrgA: true,
    request: async ({ world }) => {
      const record = await freshEntry(world);
      return { params: { id: record.id }, body: { version: record.version, description: 'changed by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const record = await freshEntry(world);
        const edit = (description: string) => ({ spec: { params: { id: record.id }, body: { version: record.version, description } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const id = requests[0]?.spec.params?.id ?? '';
        const final = json<{ description: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/scope/items/:id', { params: { id } }));
        const expected = (requests[winnerOf(replies)]?.spec.body as { description: string } | undefined)?.description;
        return [...expectEqual('the saved description', final.description, expected), ...expectEqual('changes recorded', await countEvents(world, 'scope.item_changed', id), 1)];
      },
    },
  },
  {
    ...fromRoute(scopeApi.remove),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshEntry(world)).id } }),
    expect: { statuses: { contributor: 403 }, reason: 'the policy lets a contributor delete only what they added; the owner added this one' },
    race: {
      requests: async ({ world }) => {
        const { id } = await freshEntry(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('removals recorded', await countEvents(world, 'scope.item_removed', requests[0]?.spec.params?.id), 1),
    },
  },
];

async function listSection(world: World, section: string): Promise<Array<{ id: string; suggestionKey: string | null }>> {
  return json<{ items: Array<{ id: string; suggestionKey: string | null }> }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/scope/items', { query: { section, limit: '200' } })).items;
}

async function findSuggestion(world: World): Promise<string | undefined> {
  return (await listSection(world, 'system')).find((item) => item.suggestionKey === 'system.cloud_backup')?.id;
}
