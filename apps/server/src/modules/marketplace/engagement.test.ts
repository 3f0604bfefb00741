import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cbQuote, consultingQuote, makeLead, makeOperator, makeProvider, makeRequest } from '../../../test/marketplace-factories-quotes.ts';
import { openTogether } from '../../../test/harness/race.ts';
import { lastMailTo, signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;

// The real clock: the operator enrols a TOTP code computed from it.
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function submittedQuote(client: TestClient, leadId: string, body: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const url = `/api/v1/provider/leads/${leadId}/quote`;
  const saved = await client.request('PUT', url, body);
  const submitted = await client.request('POST', `${url}/submit`, { version: saved.json<{ version: number }>().version });
  if (submitted.status !== 200) throw new Error(`submit failed ${submitted.status}`);
  return submitted.json<{ id: string; version: number }>();
}

async function quotedRequest(options: { withConsulting?: boolean } = {}) {
  const requester = await signUpOwner(server, { organisationName: 'Harbourside Medical' });
  const cbA = await makeProvider(server, 'certification_body', 'Alpha Cert (test)');
  const cbB = await makeProvider(server, 'certification_body', 'Beta Cert (test)');
  const request = await makeRequest(server, { orgId: requester.orgId });
  const leadA = await makeLead(server, request.id, cbA.orgId, 'certification', { rank: 1 });
  const leadB = await makeLead(server, request.id, cbB.orgId, 'certification', { rank: 2 });
  const quoteA = await submittedQuote(cbA.client, leadA, cbQuote());
  const quoteB = await submittedQuote(cbB.client, leadB, cbQuote({ dayRateCents: 150_000 }));
  let consultant: Awaited<ReturnType<typeof makeProvider>> | null = null;
  if (options.withConsulting) {
    consultant = await makeProvider(server, 'consultant', 'Gamma Consulting (test)');
    await makeLead(server, request.id, consultant.orgId, 'consulting');
  }
  return { requester, cbA, cbB, request, leadA, leadB, quoteA, quoteB, consultant };
}

const acceptUrl = (requestId: string, quoteId: string) => `/api/v1/marketplace/requests/${requestId}/quotes/${quoteId}/accept`;

describe('decision', () => {
  it('accepts one quote per lane: winner engaged and mailed, the other not chosen and thanked, leads won/lost, engagement listed', async () => {
    const { requester, cbA, cbB, request, leadA, leadB, quoteA, quoteB } = await quotedRequest({ withConsulting: true });
    const stale = await requester.client.request('POST', acceptUrl(request.id, quoteB.id), { version: quoteB.version - 1 });
    expect(stale.status).toBe(409);
    const accepted = await requester.client.request('POST', acceptUrl(request.id, quoteB.id), { version: quoteB.version });
    expect(accepted.status).toBe(200);
    expect(accepted.json()).toMatchObject({ providerName: 'Beta Cert (test)', lane: 'certification', valueCents: 3_460_000 });
    const quotes = await server.ownerQuery<{ id: string; status: string }>('select id, status from marketplace_quotes where request_id = $1 order by status', [request.id]);
    expect(Object.fromEntries(quotes.map((q) => [q.id, q.status]))).toEqual({ [quoteA.id]: 'not_chosen', [quoteB.id]: 'accepted' });
    const leads = await server.ownerQuery<{ id: string; status: string }>('select id, status from marketplace_leads where id = any($1::uuid[])', [[leadA, leadB]]);
    expect(Object.fromEntries(leads.map((l) => [l.id, l.status]))).toEqual({ [leadA]: 'lost', [leadB]: 'won' });
    expect((await lastMailTo(server, cbB.email)).subject).toBe('You have been engaged');
    expect((await lastMailTo(server, cbA.email)).subject).toBe('Thank you for your quote');
    // The consulting lane is still open: the request is not decided yet.
    expect(await server.ownerQuery('select status from marketplace_requests where id = $1', [request.id])).toEqual([{ status: 'open' }]);
    expect((await requester.client.request('POST', acceptUrl(request.id, quoteA.id), { version: quoteA.version + 1 })).status).toBe(409);

    const list = await requester.client.get('/api/v1/marketplace/engagements');
    expect(list.status).toBe(200);
    expect(list.json<{ items: Array<{ providerName: string; valueCents: number; summary: string }> }>().items).toEqual([
      expect.objectContaining({ providerName: 'Beta Cert (test)', valueCents: 3_460_000, summary: 'Certification bodies: Beta Cert (test), $34,600.00 over the three-year cycle' }),
    ]);
    const stranger = await signUpOwner(server);
    expect((await stranger.client.get('/api/v1/marketplace/engagements')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await stranger.client.request('POST', acceptUrl(request.id, quoteA.id), { version: quoteA.version })).status).toBe(404);
  });

  it('marks the request decided when every lane with leads is decided; a guest accepts by private link', async () => {
    const cb = await makeProvider(server, 'certification_body', 'Solo Cert (test)');
    const request = await makeRequest(server, { contactEmail: 'guest.decider@clinic.example' });
    const leadId = await makeLead(server, request.id, cb.orgId, 'certification');
    const quote = await submittedQuote(cb.client, leadId, cbQuote());
    const guest = await signUpOwner(server);
    const reply = await guest.client.request('POST', `/api/v1/guest/marketplace/quotes/${quote.id}/accept`, { token: request.token, version: quote.version });
    expect(reply.status).toBe(200);
    expect(await server.ownerQuery('select status from marketplace_requests where id = $1', [request.id])).toEqual([{ status: 'decided' }]);
    expect(await server.ownerQuery('select requester_org_id from marketplace_engagements where request_id = $1', [request.id])).toEqual([{ requester_org_id: null }]);
    expect((await guest.client.request('POST', `/api/v1/guest/marketplace/quotes/${quote.id}/accept`, { token: 'x'.repeat(30), version: quote.version })).status).toBe(404);
  });

  it('lets only one of two accepts in a lane sent at once win; the other gets 409', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { requester, request, quoteA, quoteB } = await quotedRequest();
      const deps = server.deps;
      if (deps.database.kind === 'postgresql') deps.testHooks = { afterOpen: openTogether() };
      let replies;
      try {
        replies = await Promise.all([
          requester.client.request('POST', acceptUrl(request.id, quoteA.id), { version: quoteA.version }),
          requester.client.request('POST', acceptUrl(request.id, quoteB.id), { version: quoteB.version }),
        ]);
      } finally {
        delete deps.testHooks;
      }
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await server.ownerQuery('select count(*)::int as n from marketplace_engagements where request_id = $1', [request.id])).toEqual([{ n: 1 }]);
      expect(await server.ownerQuery("select count(*)::int as n from marketplace_quotes where request_id = $1 and status = 'accepted'", [request.id])).toEqual([{ n: 1 }]);
    }
  });

  it('names the consultancy engaged for consulting on the next request form, so the impartiality rule can apply', async () => {
    const requester = await signUpOwner(server, { organisationName: 'Bayside Allied Health' });
    const consultant = await makeProvider(server, 'consultant', 'Delta Advisory (test)');
    const request = await makeRequest(server, { orgId: requester.orgId });
    const lead = await makeLead(server, request.id, consultant.orgId, 'consulting');
    const before = (await requester.client.get('/api/v1/marketplace/requests/draft')).json<{ ismsBuiltBy: unknown }>();
    expect(before.ismsBuiltBy).toBeNull();
    const quote = await submittedQuote(consultant.client, lead, consultingQuote());
    expect((await requester.client.request('POST', acceptUrl(request.id, quote.id), { version: quote.version })).status).toBe(200);
    const after = (await requester.client.get('/api/v1/marketplace/requests/draft')).json<{ ismsBuiltBy: { providerId: string; providerName: string; finishedOn: string } | null }>();
    expect(after.ismsBuiltBy).toMatchObject({ providerId: consultant.orgId, providerName: 'Delta Advisory (test)' });
    expect(after.ismsBuiltBy?.finishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('reviews', () => {
  it('lets only the engaged requester review once; the operator publishes or rejects; a provider cannot publish its own', async () => {
    const { requester, cbA, cbB, request, quoteB } = await quotedRequest();
    const engagement = (await requester.client.request('POST', acceptUrl(request.id, quoteB.id), { version: quoteB.version })).json<{ id: string }>();
    const reviewUrl = `/api/v1/marketplace/engagements/${engagement.id}/review`;
    const stranger = await signUpOwner(server);
    expect((await stranger.client.request('POST', reviewUrl, { rating: 1, body: 'Never used them' })).status).toBe(404);
    expect((await cbB.client.request('POST', reviewUrl, { rating: 5, body: 'We are great' })).status).toBe(404);
    expect((await requester.client.request('POST', reviewUrl, { rating: 6, body: 'Off the scale' })).status).toBe(400);
    const review = await requester.client.request('POST', reviewUrl, { rating: 4, body: 'Thorough and fair audit.' });
    expect(review.status).toBe(201);
    const created = review.json<{ id: string; version: number; status: string; reviewerLabel: string }>();
    expect(created).toMatchObject({ status: 'pending', reviewerLabel: 'Verified client (healthcare)' });
    expect((await requester.client.request('POST', reviewUrl, { rating: 5, body: 'Again' })).status).toBe(409);
    expect((await requester.client.get('/api/v1/marketplace/engagements')).json<{ items: Array<{ hasReview: boolean }> }>().items[0]?.hasReview).toBe(true);

    // The provider reaches no moderation route (operator only).
    expect((await cbB.client.request('POST', `/api/v1/operator/reviews/${created.id}/publish`, { version: created.version })).status).toBe(403);
    expect((await cbA.client.get('/api/v1/operator/reviews')).status).toBe(403);

    const operator = await makeOperator(server);
    const queue = await operator.client.get('/api/v1/operator/reviews');
    expect(queue.status).toBe(200);
    expect(queue.json<{ items: Array<{ id: string; providerName: string }> }>().items).toContainEqual(expect.objectContaining({ id: created.id, providerName: 'Beta Cert (test)' }));
    const published = await operator.client.request('POST', `/api/v1/operator/reviews/${created.id}/publish`, { version: created.version });
    expect(published.status).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published' });
    expect((await operator.client.request('POST', `/api/v1/operator/reviews/${created.id}/reject`, { version: created.version + 1, note: 'Too late' })).status).toBe(409);
    expect(await server.ownerQuery('select avg(rating)::float as avg from provider_reviews where org_id = $1 and status = $2', [cbB.orgId, 'published'])).toEqual([{ avg: 4 }]);
  });

  it('rejects a review with a note', async () => {
    const { requester, request, quoteA } = await quotedRequest();
    const engagement = (await requester.client.request('POST', acceptUrl(request.id, quoteA.id), { version: quoteA.version })).json<{ id: string }>();
    const created = (await requester.client.request('POST', `/api/v1/marketplace/engagements/${engagement.id}/review`, { rating: 1, body: 'Rude words here' })).json<{ id: string; version: number }>();
    const operator = await makeOperator(server);
    const rejected = await operator.client.request('POST', `/api/v1/operator/reviews/${created.id}/reject`, { version: created.version, note: 'Breaks the review rules' });
    expect(rejected.status).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', moderationNote: 'Breaks the review rules' });
  });
});
