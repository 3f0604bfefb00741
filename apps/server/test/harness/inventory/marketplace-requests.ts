import { randomUUID } from 'node:crypto';
import { marketplaceRequestsApi as api } from '@custodian/shared/contracts/marketplace-requests.ts';
import { guestLinkHash } from '../../../src/modules/marketplace/requester-scope.ts';
import { insertLeadRow, makeProvider, openRequestRow, requestBody, type ProviderFixture } from '../../marketplace-factories-requests.ts';
import { lastMailTo, linkToken, uniqueEmail } from '../../test-client.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, World } from '../world.ts';
import { countEvents, expectEqual, json } from './helpers.ts';

const providers = new WeakMap<World, Promise<ProviderFixture>>();

/** One consultancy of the world (listed, verified), made once. */
function worldProvider(world: World): Promise<ProviderFixture> {
  let provider = providers.get(world);
  if (!provider) {
    provider = makeProvider(world.server, { kind: 'consultant', name: 'Harness Consultancy', states: ['NSW'] });
    providers.set(world, provider);
  }
  return provider;
}

/** A new request of org A (its owner asks). */
export async function freshOrgRequest(world: World): Promise<string> {
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/marketplace/requests', { body: requestBody() });
  if (reply.status !== 201) throw new Error(`request failed: ${reply.status} ${reply.text}`);
  return json<{ id: string }>(reply).id;
}

/** An open request of org A with one lead offered to the world's consultancy. */
async function freshOrgLead(world: World): Promise<{ requestId: string; leadId: string }> {
  const requestId = await freshOrgRequest(world);
  await openRequestRow(world.server, requestId);
  const leadId = await insertLeadRow(world.server, { requestId, providerOrgId: (await worldProvider(world)).orgId });
  return { requestId, leadId };
}

function guestBody(email: string): Record<string, unknown> {
  return requestBody({ contactName: 'Harness Guest', email, organisationName: 'Harness Guest Practice' });
}

/** A guest request through the public form; its private link's token (from the outbox) and id. */
async function freshGuestRequest(world: World): Promise<{ token: string; requestId: string }> {
  const email = uniqueEmail('guest');
  const reply = await send(world.server.app, world.anonymousJar, 'POST', '/api/v1/guest/requests', { body: guestBody(email) });
  if (reply.status !== 201) throw new Error(`guest request failed: ${reply.status} ${reply.text}`);
  const token = linkToken((await lastMailTo(world.server, email)).body_text, '/guest/request');
  const rows = await world.server.ownerQuery<{ id: string }>('select id from marketplace_requests where contact_email = $1', [email]);
  return { token, requestId: rows[0]?.id ?? randomUUID() };
}

async function platformEvents(world: World, action: string, entityId: string): Promise<number> {
  const rows = await world.server.ownerQuery<{ n: string }>(
    `select count(*)::text as n from audit_events e join orgs o on o.org_id = e.org_id where o.kind = 'platform' and e.action = $1 and e.entity_id = $2`,
    [action, entityId],
  );
  return Number(rows[0]?.n ?? 0);
}

const operatorOnly = 'nobody in the harness world is the platform operator: everyone is refused; approval races run in request-race.test.ts';

/** Requests for quotes: the organisation's form, list and reveal; the guest's form and link; the operator's approval. */
export const marketplaceRequestsInventory: readonly InventoryEntry[] = [
  { ...fromRoute(api.draft) },
  {
    ...fromRoute(api.create),
    request: () => ({ body: requestBody() }),
    race: {
      // A double click: two requests, both kept (the operator sees both and can reject one).
      requests: async () => [{ spec: { body: requestBody() } }, { spec: { body: requestBody() } }],
      maxWins: 2,
      verify: async (world, replies) => {
        const ids = replies.filter((r) => r.status === 201).map((r) => json<{ id: string }>(r).id);
        const rows = await world.server.ownerQuery<{ n: string }>('select count(*)::text as n from marketplace_requests where id = any($1::uuid[])', [ids]);
        return expectEqual('requests kept', Number(rows[0]?.n), ids.length);
      },
    },
  },
  { ...fromRoute(api.list) },
  {
    ...fromRoute(api.get),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { requestId: await freshOrgRequest(world) } }),
  },
  {
    ...fromRoute(api.reveal),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: await freshOrgLead(world) }),
    race: {
      // Two reveals of one lead at once: both answer with the lead shown; one event, one copy.
      requests: async ({ world }) => {
        const spec = { params: await freshOrgLead(world) };
        return [{ spec }, { spec }];
      },
      maxWins: 2,
      verify: async (world, _replies, requests) => {
        const leadId = (requests[0].spec.params as { leadId: string }).leadId;
        return expectEqual('reveal events', await countEvents(world, 'marketplace_lead.identity_revealed', leadId), 1);
      },
    },
  },
  {
    ...fromRoute(api.guestCreate),
    request: () => ({ body: guestBody(uniqueEmail('guest')) }),
    race: {
      // The same guest sends twice: two unconfirmed requests, each with its own link.
      requests: async () => {
        const spec = { body: guestBody(uniqueEmail('guest')) };
        return [{ spec }, { spec }];
      },
      maxWins: 2,
      verify: async (world, replies, requests) => {
        const email = (requests[0].spec.body as { email: string }).email;
        const rows = await world.server.ownerQuery<{ n: string }>('select count(*)::text as n from marketplace_requests where contact_email = $1', [email]);
        return expectEqual('guest requests kept', Number(rows[0]?.n), replies.filter((r) => r.status === 201).length);
      },
    },
  },
  {
    ...fromRoute(api.guestGet),
    request: async ({ world }) => ({ query: { token: (await freshGuestRequest(world)).token } }),
    race: {
      // The link opened twice at once: both show the request; the address is confirmed once.
      requests: async ({ world }) => {
        const { token } = await freshGuestRequest(world);
        return [{ spec: { query: { token } }, jar: world.anonymousJar }, { spec: { query: { token } }, jar: world.anonymousJar }];
      },
      maxWins: 2,
      verify: async (world, _replies, requests) => {
        const token = (requests[0].spec.query as { token: string }).token;
        const rows = await world.server.ownerQuery<{ id: string }>('select id from marketplace_requests where guest_link_sha256 = $1', [guestLinkHash(token)]);
        return expectEqual('confirmations', await platformEvents(world, 'marketplace_request.confirmed', rows[0]?.id ?? ''), 1);
      },
    },
  },
  {
    ...fromRoute(api.guestReveal),
    request: async ({ world }) => {
      const { token, requestId } = await freshGuestRequest(world);
      await openRequestRow(world.server, requestId);
      const leadId = await insertLeadRow(world.server, { requestId, providerOrgId: (await worldProvider(world)).orgId });
      return { body: { token, leadId } };
    },
    race: { skip: 'the same conditional reveal as the organisation’s route, raced there' },
  },
  { ...fromRoute(api.pending) },
  {
    ...fromRoute(api.approve),
    request: () => ({ params: { requestId: randomUUID() }, body: { version: 1 } }),
    race: { skip: operatorOnly },
  },
  {
    ...fromRoute(api.reject),
    request: () => ({ params: { requestId: randomUUID() }, body: { version: 1, reason: 'Not a real practice.' } }),
    race: { skip: operatorOnly },
  },
];

/** A request of org A whose scope summary carries the canary: nobody outside org A may see it. */
export const marketplaceRequestCanary: CanaryPlanter = {
  kind: 'marketplaceRequestScope',
  plant: async (world, text) => {
    const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/marketplace/requests', { body: requestBody({ scopeSummary: `Scope ${text}` }) });
    if (reply.status !== 201) throw new Error(`canary request failed: ${reply.status} ${reply.text}`);
  },
};
