import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccreditation, cbQuote, consultingQuote, makeLead, makeProvider, makeRequest } from '../../../test/marketplace-factories-quotes.ts';
import { pdfText } from '../../../test/read-document.ts';
import { signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

const now = new Date('2026-12-03T00:00:00.000Z');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(now) });
});
afterAll(async () => {
  await server.close();
});

async function quoteAndSubmit(client: TestClient, leadId: string, body: Record<string, unknown>) {
  const url = `/api/v1/provider/leads/${leadId}/quote`;
  const saved = await client.request('PUT', url, body);
  if (saved.status !== 200) throw new Error(`save failed ${saved.status} ${JSON.stringify(saved.body)}`);
  const submitted = await client.request('POST', `${url}/submit`, { version: saved.json<{ version: number }>().version });
  if (submitted.status !== 200) throw new Error(`submit failed ${submitted.status} ${JSON.stringify(submitted.body)}`);
}

type ComparisonReply = {
  estimate: { initialDays: number; surveillanceDays: number };
  lanes: Array<{ lane: string; quotes: Array<{ providerName: string; totalCents: number; years: Array<{ totalCents: number }>; flags: Array<{ code: string }>; commissionPercent: number | null }> }>;
};

describe('comparison', () => {
  it('normalises every submitted quote to three-year totals per lane, with flags, the estimate and commissions, and exports a PDF', async () => {
    const requester = await signUpOwner(server, { organisationName: 'Harbourside Medical' });
    const goodCb = await makeProvider(server, 'certification_body', 'Accurate Cert (test)');
    const shortCb = await makeProvider(server, 'certification_body', 'Quick Cert (test)');
    const expiredCb = await makeProvider(server, 'certification_body', 'Lapsed Cert (test)');
    const builder = await makeProvider(server, 'consultant', 'Builder Consulting (test)');
    await addAccreditation(server, goodCb.orgId);
    await addAccreditation(server, shortCb.orgId, { standards: ['iso9001'] });
    await addAccreditation(server, expiredCb.orgId, { expiresOn: '2026-11-30' });
    const request = await makeRequest(server, { orgId: requester.orgId, fte: 40, ismsBuiltBy: builder.orgId });
    const leads = {
      good: await makeLead(server, request.id, goodCb.orgId, 'certification', { rank: 1 }),
      short: await makeLead(server, request.id, shortCb.orgId, 'certification', { rank: 2, commission: 5 }),
      expired: await makeLead(server, request.id, expiredCb.orgId, 'certification', { rank: 3 }),
      builder: await makeLead(server, request.id, builder.orgId, 'consulting', { rank: 1 }),
    };
    await quoteAndSubmit(goodCb.client, leads.good, cbQuote());
    await quoteAndSubmit(shortCb.client, leads.short, cbQuote({ stage1Days: 1, stage2Days: 2, surveillance1Days: 1, surveillance2Days: 0 }));
    await quoteAndSubmit(expiredCb.client, leads.expired, cbQuote({ dayRateCents: 150_000 }));
    await quoteAndSubmit(builder.client, leads.builder, consultingQuote(['gap_analysis', 'internal_audit']));

    const reply = await requester.client.get(`/api/v1/marketplace/requests/${request.id}/comparison`);
    expect(reply.status).toBe(200);
    const comparison = reply.json<ComparisonReply>();
    expect(comparison.estimate).toMatchObject({ initialDays: 8.5, surveillanceDays: 3 });
    expect(comparison.lanes.map((lane) => lane.lane)).toEqual(['certification', 'consulting']);
    const byName = new Map(comparison.lanes.flatMap((lane) => lane.quotes).map((q) => [q.providerName, q]));
    const good = byName.get('Accurate Cert (test)');
    expect(good?.totalCents).toBe(4_060_000);
    expect(good?.years.reduce((sum, year) => sum + year.totalCents, 0)).toBe(good?.totalCents);
    expect(good?.flags).toEqual([]);
    const short = byName.get('Quick Cert (test)');
    expect(short?.flags.map((f) => f.code).sort()).toEqual(['accreditation_scope_without_27001', 'audit_days_below_estimate', 'audit_days_below_estimate', 'missing_line_items']);
    expect(short?.commissionPercent).toBe(5);
    expect(byName.get('Lapsed Cert (test)')?.flags.map((f) => f.code)).toEqual(['accreditation_expired']);
    expect(byName.get('Builder Consulting (test)')?.flags.map((f) => f.code)).toEqual(['consultant_audits_own_work']);
    // Quotes in a lane are side by side, cheapest first.
    const certTotals = comparison.lanes[0]?.quotes.map((q) => q.totalCents) ?? [];
    expect([...certTotals].sort((a, b) => a - b)).toEqual(certTotals);

    const pdf = await requester.client.get(`/api/v1/marketplace/requests/${request.id}/comparison.pdf`);
    expect(pdf.status).toBe(200);
    expect(String(pdf.headers['content-type'])).toContain('application/pdf');
    const text = await pdfText(pdf.raw.rawPayload);
    expect(text).toContain('Quote comparison for the board');
    expect(text).toContain('Harbourside Medical');
    expect(text).toContain('prepared 03/12/2026');
    expect(text).toContain('Three-year total: $40,600.00');
    expect(text).toContain('Accurate Cert (test)');
    expect(text).toContain('expired on 30/11/2026');
    expect(text).toContain('does not cover ISO/IEC 27001');
    expect(text).toContain('Referral commission disclosed: 5 %');
    expect(text).toContain('Valid until 31/03/2027');

    const stranger = await signUpOwner(server);
    expect((await stranger.client.get(`/api/v1/marketplace/requests/${request.id}/comparison`)).status).toBe(404);
    expect((await goodCb.client.get(`/api/v1/marketplace/requests/${request.id}/comparison`)).status).toBe(404);
  });

  it('flags a certification body without a verified accreditation, and serves a guest by private link', async () => {
    const cb = await makeProvider(server, 'certification_body', 'Unverified Cert (test)');
    await addAccreditation(server, cb.orgId, { isVerified: false });
    const request = await makeRequest(server, { fte: 40 });
    const leadId = await makeLead(server, request.id, cb.orgId, 'certification');
    await quoteAndSubmit(cb.client, leadId, cbQuote());
    const guest = await signUpOwner(server);
    const reply = await guest.client.get(`/api/v1/guest/marketplace/comparison?token=${request.token}`);
    expect(reply.status).toBe(200);
    expect(reply.json<ComparisonReply>().lanes[0]?.quotes[0]?.flags.map((f) => f.code)).toEqual(['accreditation_missing']);
    const pdf = await guest.client.get(`/api/v1/guest/marketplace/comparison.pdf?token=${request.token}`);
    expect(pdf.status).toBe(200);
    expect(await pdfText(pdf.raw.rawPayload)).toContain('We hold no verified accreditation');
    expect((await guest.client.get('/api/v1/guest/marketplace/comparison?token=not-a-real-token-at-all')).status).toBe(404);
  });
});
