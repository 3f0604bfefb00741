import { randomUUID } from 'node:crypto';
import { providersApi } from '@custodian/shared/contracts/providers.ts';
import { permissions, type Access, type Role } from '@custodian/shared/permissions.ts';
import { accreditationInput, createProvider, uniqueSlug, type TestProvider } from '../../marketplace-factories-providers.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { Actor, World } from '../world.ts';
import { otherOrgRole } from '../world.ts';
import { expectEqual } from './helpers.ts';

/**
 * Org A (and org B) are healthcare organisations, so every provider route answers 404 ("not a provider
 * in the marketplace") to the roles its permission lets in, and 403 to the others as usual.
 */
function notAProvider(access: Access): InventoryEntry['expect'] {
  const roles = permissions[access as keyof typeof permissions] as readonly Role[];
  const statuses: Partial<Record<Actor, number>> = {};
  for (const actor of ['owner', 'isms_manager', 'contributor', 'staff', 'auditor'] as const) if (roles.includes(actor)) statuses[actor] = 404;
  if (roles.includes(otherOrgRole)) statuses.other_org = 404;
  return { statuses, reason: 'the world’s organisations are healthcare organisations, not providers: 404 in plain words' };
}

function providerEntry(route: Parameters<typeof fromRoute>[0], more: Partial<InventoryEntry> = {}): InventoryEntry {
  const base = fromRoute(route);
  const isWrite = !base.route.startsWith('GET ');
  return {
    ...base,
    expect: notAProvider(base.access),
    ...(isWrite ? { race: { skip: 'org A is not a provider, so every call is refused before any write; the version checks and the directory address are raced in providers.test.ts' } } : {}),
    ...more,
  };
}

/** A published consultancy for the public routes, made once per world (through the API). */
const listed = new WeakMap<World, Promise<TestProvider>>();
function listedProvider(world: World): Promise<TestProvider> {
  let found = listed.get(world);
  if (!found) {
    found = createProvider(world.server, { displayName: 'Harness Listed Consulting' });
    listed.set(world, found);
  }
  return found;
}

const profileBody = { version: 1, summary: 'We help clinics' };
const affiliationBody = { affiliatedName: 'Some Consultancy', relationship: 'Referral partner', startedOn: '2026-01-01' };

/** A provider's own profile, accreditations and affiliations, and the public directory. */
export const providersInventory: readonly InventoryEntry[] = [
  {
    ...fromRoute(providersApi.createOrg),
    request: () => ({ body: { name: 'Matrix Assurance Pty Ltd', kind: 'consultant', displayName: 'Matrix Assurance', slug: uniqueSlug('matrix') } }),
    race: {
      // Two organisations claiming one directory address at once: one gets it, the other is told it is taken.
      requests: async () => {
        const slug = uniqueSlug('raced');
        const spec = (name: string) => ({ body: { name, kind: 'certification_body', displayName: name, slug } });
        return [{ spec: spec('Raced One') }, { spec: spec('Raced Two') }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => {
        const slug = (requests[0].spec.body as { slug: string }).slug;
        const rows = await world.server.ownerQuery<{ n: string }>('select count(*)::text as n from provider_profiles where slug = $1', [slug]);
        return expectEqual('profiles with the address', Number(rows[0]?.n), 1);
      },
    },
  },
  providerEntry(providersApi.profile),
  providerEntry(providersApi.updateProfile, { request: () => ({ body: profileBody }) }),
  providerEntry(providersApi.accreditations),
  providerEntry(providersApi.createAccreditation, { request: () => ({ body: accreditationInput() }) }),
  providerEntry(providersApi.updateAccreditation, { request: () => ({ params: { id: randomUUID() }, body: { version: 1, scopeNote: 'Changed' } }) }),
  providerEntry(providersApi.deleteAccreditation, { request: () => ({ params: { id: randomUUID() } }) }),
  providerEntry(providersApi.certificate, { request: () => ({ params: { id: randomUUID() } }) }),
  providerEntry(providersApi.affiliations),
  providerEntry(providersApi.createAffiliation, { request: () => ({ body: affiliationBody }) }),
  providerEntry(providersApi.updateAffiliation, { request: () => ({ params: { id: randomUUID() }, body: { version: 1, relationship: 'Changed' } }) }),
  providerEntry(providersApi.deleteAffiliation, { request: () => ({ params: { id: randomUUID() } }) }),
  { ...fromRoute(providersApi.directory), request: () => ({ query: { kind: 'consultant', state: 'NSW', limit: '20' } }) },
  { ...fromRoute(providersApi.directoryProfile), request: async ({ world }) => ({ params: { slug: (await listedProvider(world)).slug } }) },
];
