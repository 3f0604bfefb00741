import { ssoApi } from '@custodian/shared/contracts/sso.ts';
import { startTestProvider, type TestProvider } from '../../oidc-test-provider.ts';
import { ownerAt, ssoCallbackFor, uniqueDomain } from '../../sso-support.ts';
import { newClient } from '../../test-client.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, World } from '../world.ts';
import { expectEqual, json } from './helpers.ts';

/** Org A signs in with clinic.example, the domain of every actor's address in the world. */
const worldDomain = 'clinic.example';

/** The provider org A's single sign-on uses; its client id is org A's canary (started by the planter). */
let provider: TestProvider | null = null;

function harnessProvider(): TestProvider {
  if (!provider) throw new Error('the single sign-on canary planter has not run: seed the world with canaryPlanters');
  return provider;
}

async function settingsVersion(world: World): Promise<number> {
  return json<{ version: number }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/org/sso')).version;
}

function settingsBody(version: number, jitRole = 'staff') {
  const { issuer, clientId, clientSecret } = harnessProvider();
  return { issuer, clientId, clientSecret, isRequired: false, isJitEnabled: true, jitRole, version };
}

/** A domain of org A that a removal may take (not the one sign-in needs). */
async function spareDomain(world: World): Promise<string> {
  const domain = uniqueDomain('spare');
  await world.server.ownerQuery('insert into sso_domains (org_id, domain, added_at) values ($1, $2, now())', [world.orgA.id, domain]);
  return domain;
}

/** Org A's single sign-on, with the canary as its client id (a provider started for it). */
export const ssoCanaryPlanter: CanaryPlanter = {
  kind: 'ssoClientId',
  plant: async (world, canaryText) => {
    provider = await startTestProvider({ redirectUris: [`${world.server.deps.config.publicUrl}/sso/callback`], clientId: canaryText });
    const owner = world.ownerClient;
    const added = await owner.request('POST', '/api/v1/org/sso/domains', { domain: worldDomain });
    if (added.status !== 201) throw new Error(`sso domain: ${added.status} ${JSON.stringify(added.body)}`);
    const saved = await owner.request('PUT', '/api/v1/org/sso', settingsBody(0));
    if (saved.status !== 200) throw new Error(`sso settings: ${saved.status} ${JSON.stringify(saved.body)}`);
  },
};

const clientIdInRedirect = { canaries: ['ssoClientId'], reason: 'the address a sign-in is sent to names the client id, as OpenID Connect requires (it is not a secret)' };

/** Single sign-on: org A's settings and domains, and signing in through its provider. */
export const ssoInventory: readonly InventoryEntry[] = [
  { ...fromRoute(ssoApi.settings) },
  {
    ...fromRoute(ssoApi.saveSettings),
    request: async ({ app, jar, actor }) => {
      const current = await send(app, jar, 'GET', '/api/v1/org/sso');
      const body = settingsBody(current.status === 200 ? json<{ version: number }>(current).version : 0);
      // Org A's client id is its canary: anyone else saves their own (discovery does not check it).
      return { body: actor === 'owner' ? body : { ...body, clientId: 'another-organisations-client' } };
    },
    fuzz: { pin: { isRequired: false } },
    race: {
      requests: async ({ world }) => {
        const version = await settingsVersion(world);
        return [{ spec: { body: settingsBody(version, 'contributor') } }, { spec: { body: settingsBody(version, 'auditor') } }];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const winner = replies.findIndex((r) => r.status < 300);
        const saved = json<{ jitRole: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/org/sso'));
        return expectEqual('the default role', saved.jitRole, (requests[winner]?.spec.body as { jitRole: string } | undefined)?.jitRole);
      },
    },
  },
  {
    ...fromRoute(ssoApi.addDomain),
    request: async ({ world, actor }) => {
      // The owner adds org A's domain again (taken off first); anyone else asks for it while org A has it.
      if (actor === 'owner') await world.server.ownerQuery('delete from sso_domains where org_id = $1 and domain = $2', [world.orgA.id, worldDomain]);
      return { body: { domain: worldDomain } };
    },
    expect: { statuses: { other_org: 409 }, reason: "org B's owner has an address at clinic.example too, and a domain belongs to one organisation (org A)" },
    race: {
      // Two organisations claim one domain at the same moment (each owner's address is at it): one gets it.
      requests: async ({ world }) => {
        const domain = uniqueDomain('race');
        const first = await ownerAt(world.server, domain, 'Race Domain A');
        const second = await ownerAt(world.server, domain, 'Race Domain B');
        return [
          { spec: { body: { domain } }, jar: first.client.cookies },
          { spec: { body: { domain } }, jar: second.client.cookies },
        ];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const domain = (requests[0].spec.body as { domain: string }).domain;
        const rows = await world.server.ownerQuery('select org_id from sso_domains where domain = $1', [domain]);
        return [...expectEqual('organisations with the domain', rows.length, 1), ...expectEqual('refusals', replies.filter((r) => r.status === 409).length, 1)];
      },
    },
  },
  {
    ...fromRoute(ssoApi.removeDomain),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { domain: await spareDomain(world) } }),
    race: {
      requests: async ({ world }) => {
        const spec = { params: { domain: await spareDomain(world) } };
        return [{ spec }, { spec }];
      },
      maxWins: 1,
    },
  },
  {
    ...fromRoute(ssoApi.start),
    request: ({ world }) => ({ body: { email: world.credentials.staff.email } }),
    mayReveal: clientIdInRedirect,
    fuzz: { as: 'anonymous' },
    race: {
      requests: async ({ world }) => {
        const spec = { body: { email: world.credentials.staff.email } };
        return [{ spec, jar: new Map(world.anonymousJar) }, { spec, jar: new Map(world.anonymousJar) }];
      },
      maxWins: 2,
    },
  },
  {
    ...fromRoute(ssoApi.complete),
    // Signing in replaces the caller's session.
    isolation: 'session',
    request: async ({ world }) => ({ body: { ...(await ssoCallbackFor(newClient(world.server.app), world.credentials.staff.email)) } }),
    fuzz: { as: 'anonymous' },
    race: {
      // One sign-in attempt's callback twice at once: one session, not two.
      requests: async ({ world }) => {
        const body = { ...(await ssoCallbackFor(newClient(world.server.app), world.credentials.staff.email)) };
        return [{ spec: { body }, jar: new Map(world.anonymousJar) }, { spec: { body }, jar: new Map(world.anonymousJar) }];
      },
      maxWins: 1,
    },
  },
];
