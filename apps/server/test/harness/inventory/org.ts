import { orgApi } from '@custodian/shared/contracts/org.ts';
import { uniqueEmail } from '../../test-client.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import { freshInvitation, freshMember, joinWithRole, type CanaryPlanter, type World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf } from './helpers.ts';

/** The version of a member of org A as the owner reads it (0 when not found). */
async function memberVersion(world: World, userId: string): Promise<number> {
  const page = json<{ items: Array<{ userId: string; version: number }> }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/members', { query: { limit: '200' } }));
  return page.items.find((m) => m.userId === userId)?.version ?? 0;
}

/** A member of org A, just removed by the owner: a former member (returns their id). */
async function freshFormerMember(world: World): Promise<string> {
  const userId = await freshMember(world);
  const removed = await send(world.server.app, world.jars.owner, 'DELETE', `/api/v1/members/${userId}`);
  if (removed.status !== 200) throw new Error(`removing a member failed: ${removed.status}`);
  return userId;
}

async function orgVersion(world: World): Promise<number> {
  return json<{ version: number }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/org')).version;
}

/** A former member of org A whose name is the canary: only org A's owners may ever see it. */
export const formerMemberCanary: CanaryPlanter = {
  kind: 'formerMemberName',
  plant: async (world, canaryText) => {
    const person = await joinWithRole(world.server, world.ownerClient, 'staff', canaryText);
    const removed = await send(world.server.app, world.jars.owner, 'DELETE', `/api/v1/members/${person.userId}`);
    if (removed.status !== 200) throw new Error(`removing the canary member failed: ${removed.status}`);
  },
};

/** The organisation, its members, invitations and outbox. */
export const orgInventory: readonly InventoryEntry[] = [
  { ...fromRoute(orgApi.mine) },
  {
    // "Zulu" sorts after org A and org B, so signing in again still lands in the actor's organisation.
    ...fromRoute(orgApi.create),
    request: () => ({ body: { name: 'Zulu Extra Clinic' } }),
    race: { requests: async () => [{ spec: { body: { name: 'Zulu Race Clinic' } } }, { spec: { body: { name: 'Zulu Race Clinic' } } }], maxWins: 2 },
  },
  { ...fromRoute(orgApi.get) },
  {
    ...fromRoute(orgApi.update),
    request: async ({ app, jar }) => {
      const current = await send(app, jar, 'GET', '/api/v1/org');
      return { body: { version: current.status === 200 ? json<{ version: number }>(current).version : 0, timeZone: 'Australia/Sydney' } };
    },
    fuzz: { pin: { isMfaRequired: false } },
    race: {
      requests: async ({ world }) => {
        const version = await orgVersion(world);
        return [{ spec: { body: { version, timeZone: 'Australia/Perth' } } }, { spec: { body: { version, timeZone: 'Australia/Brisbane' } } }];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const final = json<{ timeZone: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/org'));
        return expectEqual('the time zone', final.timeZone, (requests[winnerOf(replies)]?.spec.body as { timeZone: string } | undefined)?.timeZone);
      },
    },
  },
  { ...fromRoute(orgApi.members), request: () => ({ query: { limit: '200' } }) },
  {
    ...fromRoute(orgApi.changeRole),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { userId: world.memberId }, body: { version: await memberVersion(world, world.memberId), role: 'staff' } }),
    race: {
      requests: async ({ world }) => {
        const userId = await freshMember(world);
        const version = await memberVersion(world, userId);
        return [{ spec: { params: { userId }, body: { version, role: 'contributor' } } }, { spec: { params: { userId }, body: { version, role: 'auditor' } } }];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const userId = requests[0].spec.params?.userId ?? '';
        const page = json<{ items: Array<{ userId: string; role: string }> }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/members', { query: { limit: '200' } }));
        const role = page.items.find((m) => m.userId === userId)?.role;
        return [...expectEqual('the role', role, (requests[winnerOf(replies)]?.spec.body as { role: string } | undefined)?.role), ...expectEqual('role changes recorded', await countEvents(world, 'member.role_changed', userId), 1)];
      },
    },
  },
  {
    ...fromRoute(orgApi.removeMember),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { userId: await freshMember(world) } }),
    race: {
      requests: async ({ world }) => {
        const userId = await freshMember(world);
        return [{ spec: { params: { userId } } }, { spec: { params: { userId } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('removals recorded', await countEvents(world, 'member.removed', requests[0].spec.params?.userId), 1),
    },
  },
  { ...fromRoute(orgApi.invitations) },
  {
    ...fromRoute(orgApi.invite),
    request: () => ({ body: { email: uniqueEmail('invitee'), role: 'staff' } }),
    race: {
      requests: async () => {
        const email = uniqueEmail('race');
        return [{ spec: { body: { email, role: 'staff' } } }, { spec: { body: { email, role: 'auditor' } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => {
        const email = (requests[0].spec.body as { email: string }).email;
        const rows = await world.server.ownerQuery<{ n: string }>('select count(*)::text as n from invitations where org_id = $1 and email = $2', [world.orgA.id, email]);
        return expectEqual('pending invitations for the address', Number(rows[0]?.n), 1);
      },
    },
  },
  {
    ...fromRoute(orgApi.revokeInvitation),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshInvitation(world)).id } }),
    race: {
      requests: async ({ world }) => {
        const { id } = await freshInvitation(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('withdrawals recorded', await countEvents(world, 'invitation.revoked', requests[0].spec.params?.id), 1),
    },
  },
  { ...fromRoute(orgApi.formerMembers), request: () => ({ query: { limit: '200' } }) },
  {
    ...fromRoute(orgApi.deidentify),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { userId: await freshFormerMember(world) } }),
    race: {
      // Two owners' clicks at once: one pseudonym, one de-identification recorded; the other is told it is done.
      requests: async ({ world }) => {
        const userId = await freshFormerMember(world);
        return [{ spec: { params: { userId } } }, { spec: { params: { userId } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('de-identifications recorded', await countEvents(world, 'member.deidentified', requests[0].spec.params?.userId), 1),
    },
  },
  { ...fromRoute(orgApi.outbox), request: () => ({ query: { limit: '200' } }) },
];
