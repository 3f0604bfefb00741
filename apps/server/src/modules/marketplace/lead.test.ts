import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLeadRow, makeProvider, openRequestRow, requestBody, type ProviderFixture } from '../../../test/marketplace-factories-requests.ts';
import { addMemberWithRole, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
let provider: ProviderFixture;

beforeAll(async () => {
  server = await startTestServer();
  provider = await makeProvider(server, { kind: 'certification_body', states: ['QLD'], name: 'Inbox Certifier' });
});
afterAll(async () => {
  await server.close();
});

/** A lead on a fresh, open request of a new organisation. */
async function freshLead(overrides: { status?: string } = {}): Promise<string> {
  const owner = await signUpOwner(server);
  const created = await owner.client.request('POST', '/api/v1/marketplace/requests', requestBody({ services: ['certification'], sites: [{ state: 'QLD', city: 'Cairns' }] }));
  const requestId = created.json<{ id: string }>().id;
  await openRequestRow(server, requestId);
  return insertLeadRow(server, { requestId, providerOrgId: provider.orgId, lane: 'certification', ...overrides });
}

describe('the provider lead inbox', () => {
  it('pages the inbox newest first and filters by status', async () => {
    const ids = [await freshLead(), await freshLead(), await freshLead({ status: 'declined' })];
    const first = await provider.client.get('/api/v1/provider/leads?limit=2');
    expect(first.status).toBe(200);
    const page = first.json<{ items: Array<{ id: string }>; page: { next: string | null }; total: { count: number } }>();
    expect(page.items).toHaveLength(2);
    expect(page.total.count).toBe(3);
    const second = await provider.client.get(`/api/v1/provider/leads?limit=2&cursor=${page.page.next}`);
    const all = [...page.items, ...second.json<{ items: Array<{ id: string }> }>().items].map((l) => l.id);
    expect(new Set(all)).toEqual(new Set(ids));
    const declined = await provider.client.get('/api/v1/provider/leads?status=declined');
    expect(declined.json<{ items: Array<{ id: string }> }>().items.map((l) => l.id)).toEqual([ids[2]]);
    expect((await provider.client.get('/api/v1/provider/leads?status=maybe')).status).toBe(400);
  });

  it('refuses a stale version with the current lead, an answer after the time is up, and members who may not answer', async () => {
    const leadId = await freshLead();
    const stale = await provider.client.request('POST', `/api/v1/provider/leads/${leadId}/accept`, { version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { details: { current: { id: string } } } }>().error.details.current.id).toBe(leadId);
    const auditor = await addMemberWithRole(server, provider, 'auditor');
    expect((await auditor.client.get(`/api/v1/provider/leads/${leadId}`)).status).toBe(200);
    expect((await auditor.client.request('POST', `/api/v1/provider/leads/${leadId}/accept`, { version: 1 })).status).toBe(403);
    const noReason = await provider.client.request('POST', `/api/v1/provider/leads/${leadId}/decline`, { version: 1, reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.json<{ error: { details: Array<{ path: string }> } }>().error.details[0]?.path).toBe('reason');
    await server.ownerQuery(`update marketplace_leads set respond_by = now() - interval '1 minute' where id = $1`, [leadId]);
    const late = await provider.client.request('POST', `/api/v1/provider/leads/${leadId}/accept`, { version: 1 });
    expect(late.status).toBe(409);
    expect(late.json<{ error: { message: string } }>().error.message).toContain('time to answer');
  });

  it('records accept and decline in the provider’s own audit trail', async () => {
    const leadId = await freshLead();
    expect((await provider.client.request('POST', `/api/v1/provider/leads/${leadId}/decline`, { version: 1, reason: 'Outside our accreditation scope' })).status).toBe(200);
    const events = await server.ownerQuery<{ org_id: string; action: string }>('select org_id, action from audit_events where entity_id = $1', [leadId]);
    expect(events).toEqual([{ org_id: provider.orgId, action: 'marketplace_lead.declined' }]);
  });
});
