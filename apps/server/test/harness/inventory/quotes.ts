import { randomUUID } from 'node:crypto';
import { quotesApi } from '@custodian/shared/contracts/quotes.ts';
import type { Actor } from '../world.ts';
import { makeRequest } from '../../marketplace-factories-quotes.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';

/** Org A is a healthcare organisation, not a provider: every role admitted to a provider route finds no lead. */
const notAProvider = (roles: Actor[]) => ({
  statuses: Object.fromEntries(roles.map((role) => [role, 404])) as Partial<Record<Actor, number>>,
  reason: 'org A is not a marketplace provider, so a lead id names nothing it can see (quote-builder.test.ts covers providers)',
});
/** Requester routes called with ids of no request of org A: every admitted role gets 404. */
const noSuchRecord = (roles: Actor[], what: string) => ({
  statuses: Object.fromEntries(roles.map((role) => [role, 404])) as Partial<Record<Actor, number>>,
  reason: `the world holds no ${what} (the marketplace tests build them); an unknown id is a 404 for everyone admitted`,
});
const readers: Actor[] = ['owner', 'isms_manager', 'contributor', 'auditor'];
const managers: Actor[] = ['owner', 'isms_manager'];
const everyone: Actor[] = ['owner', 'isms_manager', 'contributor', 'staff', 'auditor', 'anonymous', 'other_org'];
const badToken = 'no-such-private-link-token-000000';

const leadParams = () => ({ params: { leadId: randomUUID() } });
const noProviderRace = { skip: 'org A is not a provider; the versioned conditional update is raced in quote-builder.test.ts (stale version → 409)' };

/** Quotes: builder, messages, comparison and PDF, decision, engagements, reviews and their moderation. */
export const quotesInventory: readonly InventoryEntry[] = [
  { ...fromRoute(quotesApi.builder), addressesOrgA: true, request: leadParams, expect: notAProvider(readers) },
  {
    ...fromRoute(quotesApi.save),
    addressesOrgA: true,
    request: () => ({ ...leadParams(), body: { kind: 'consulting', version: 0, lines: { packages: [] }, assumptions: '', validUntil: '2027-01-31' } }),
    expect: notAProvider(managers),
    race: noProviderRace,
  },
  { ...fromRoute(quotesApi.submit), addressesOrgA: true, request: () => ({ ...leadParams(), body: { version: 1 } }), expect: notAProvider(managers), race: noProviderRace },
  { ...fromRoute(quotesApi.withdraw), addressesOrgA: true, request: () => ({ ...leadParams(), body: { version: 1 } }), expect: notAProvider(managers), race: noProviderRace },
  { ...fromRoute(quotesApi.providerMessages), addressesOrgA: true, request: leadParams, expect: notAProvider(readers) },
  {
    ...fromRoute(quotesApi.providerSend),
    addressesOrgA: true,
    request: () => ({ ...leadParams(), body: { body: 'Hello' } }),
    expect: notAProvider(managers),
    race: { skip: 'a message is appended, never edited: two at once are two messages' },
  },
  {
    ...fromRoute(quotesApi.requesterMessages),
    addressesOrgA: true,
    request: () => ({ params: { requestId: randomUUID(), leadId: randomUUID() } }),
    expect: noSuchRecord(readers, 'lead'),
  },
  {
    ...fromRoute(quotesApi.requesterSend),
    addressesOrgA: true,
    request: () => ({ params: { requestId: randomUUID(), leadId: randomUUID() }, body: { body: 'Hello' } }),
    expect: noSuchRecord(managers, 'lead'),
    race: { skip: 'a message is appended, never edited: two at once are two messages' },
  },
  { ...fromRoute(quotesApi.guestMessages), request: () => ({ ...leadParams(), query: { token: badToken } }), expect: noSuchRecord(everyone, 'guest request') },
  {
    ...fromRoute(quotesApi.guestSend),
    request: () => ({ ...leadParams(), body: { token: badToken, body: 'Hello' } }),
    expect: noSuchRecord(everyone, 'guest request'),
    race: { skip: 'a message is appended, never edited; the world holds no guest request to race on' },
  },
  {
    ...fromRoute(quotesApi.comparison),
    addressesOrgA: true,
    // A request of org A (no leads yet): its readers get an empty comparison.
    request: async ({ world }) => ({ params: { requestId: (await makeRequest(world.server, { orgId: world.orgA.id })).id } }),
  },
  {
    ...fromRoute(quotesApi.comparisonPdf),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { requestId: (await makeRequest(world.server, { orgId: world.orgA.id })).id } }),
    bodyText: async (raw) => raw.toString('latin1'),
  },
  {
    ...fromRoute(quotesApi.guestComparison),
    // Anyone holding the private link sees that one request's comparison.
    request: async ({ world }) => ({ query: { token: String((await makeRequest(world.server)).token) } }),
  },
  {
    ...fromRoute(quotesApi.guestComparisonPdf),
    request: async ({ world }) => ({ query: { token: String((await makeRequest(world.server)).token) } }),
    bodyText: async (raw) => raw.toString('latin1'),
  },
  {
    ...fromRoute(quotesApi.accept),
    addressesOrgA: true,
    request: () => ({ params: { requestId: randomUUID(), quoteId: randomUUID() }, body: { version: 1 } }),
    expect: noSuchRecord(managers, 'quote'),
    race: { skip: 'two accepts in one lane are raced in engagement.test.ts (on PGlite and PostgreSQL): one wins, the other 409' },
  },
  {
    ...fromRoute(quotesApi.guestAccept),
    request: () => ({ params: { quoteId: randomUUID() }, body: { token: badToken, version: 1 } }),
    expect: noSuchRecord(everyone, 'guest request'),
    race: { skip: 'the world holds no guest request; the accept race is in engagement.test.ts' },
  },
  { ...fromRoute(quotesApi.engagements) },
  {
    ...fromRoute(quotesApi.review),
    addressesOrgA: true,
    request: () => ({ params: { engagementId: randomUUID() }, body: { rating: 4, body: 'Good work' } }),
    expect: noSuchRecord(managers, 'engagement'),
    race: { skip: 'one review per engagement is a unique key (a second is 409, engagement.test.ts); the world holds no engagement' },
  },
  { ...fromRoute(quotesApi.operatorReviews) },
  { ...fromRoute(quotesApi.publishReview), request: () => ({ params: { reviewId: randomUUID() }, body: { version: 1 } }), race: { skip: 'nobody in the world is the platform operator' } },
  { ...fromRoute(quotesApi.rejectReview), request: () => ({ params: { reviewId: randomUUID() }, body: { version: 1, note: 'No' } }), race: { skip: 'nobody in the world is the platform operator' } },
];
