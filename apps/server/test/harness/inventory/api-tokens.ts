import { randomUUID } from 'node:crypto';
import { apiTokensApi } from '@custodian/shared/contracts/api-tokens.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, Jar, World } from '../world.ts';
import { countEvents, expectEqual, json } from './helpers.ts';

/** A new API token of the person holding the jar (in the organisation they work in); its id, or a random id when they may not make one. */
export async function freshTokenOf(world: World, jar: Jar, name = 'Harness token'): Promise<string> {
  const reply = await send(world.server.app, jar, 'POST', '/api/v1/api-tokens', { body: { name, scopes: ['org:read'] } });
  if (reply.status !== 201) return randomUUID();
  return json<{ token: { id: string } }>(reply).token.id;
}

/** Personal API tokens: list, create, revoke (account routes: a token can never call them). */
export const apiTokensInventory: readonly InventoryEntry[] = [
  { ...fromRoute(apiTokensApi.list) },
  {
    ...fromRoute(apiTokensApi.create),
    request: () => ({ body: { name: 'Matrix token', scopes: ['gap:read'], expiresInDays: 30 } }),
    race: {
      // Two tokens made at once (a double click): each is its own token, both kept.
      requests: async () => {
        const spec = { body: { name: 'Raced token', scopes: ['gap:read'] } };
        return [{ spec }, { spec }];
      },
      maxWins: 2,
      verify: async (world, replies) => {
        const ids = replies.filter((r) => r.status === 201).map((r) => json<{ token: { id: string } }>(r).token.id);
        const rows = await world.server.ownerQuery<{ n: string }>('select count(*)::text as n from api_tokens where id = any($1::uuid[])', [ids]);
        return expectEqual('tokens kept', Number(rows[0]?.n), ids.length);
      },
    },
  },
  {
    ...fromRoute(apiTokensApi.revoke),
    // Everyone in org A revokes a token of their own; the owner of org B tries one of org A's (404).
    addressesOrgA: true,
    request: async ({ world, actor, jar }) => {
      const holder = actor === 'other_org' || actor === 'anonymous' ? world.jars.owner : jar;
      return { params: { tokenId: await freshTokenOf(world, holder) } };
    },
    race: {
      requests: async ({ world }) => {
        const spec = { params: { tokenId: await freshTokenOf(world, world.jars.owner, 'Revoked twice') } };
        return [{ spec }, { spec }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => {
        const tokenId = (requests[0].spec.params as { tokenId: string }).tokenId;
        return expectEqual('revocations recorded', await countEvents(world, 'api_token.revoked', tokenId), 1);
      },
    },
  },
];

/** An API token of org A's owner whose name carries the canary (owners see every token; nobody outside org A may). */
export const apiTokenCanary: CanaryPlanter = {
  kind: 'apiTokenName',
  plant: async (world, text) => {
    await freshTokenOf(world, world.jars.owner, `Sync ${text}`);
  },
};
