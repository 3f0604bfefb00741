import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passOnOverdueLeads } from './lead.service.ts';
import { withdrawStaleGuests } from './request-guest.service.ts';
import { makeOperator, makeProvider, requestBody, type ProviderFixture } from '../../../test/marketplace-factories-requests.ts';
import { lastMailTo, linkToken, newClient, signUpOwner, uniqueEmail, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

// Real time (two-step codes follow the wall clock) plus whatever the tests skip ahead.
let offsetMs = 0;
let server: TestServer;
let operator: { client: TestClient };
const consultants: ProviderFixture[] = [];
const cbs: ProviderFixture[] = [];

beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(Date.now() + offsetMs) });
  operator = await makeOperator(server);
  for (let i = 0; i < 4; i += 1) consultants.push(await makeProvider(server, { kind: 'consultant', states: ['TAS'], healthcareEngagements: 20 - i * 5, name: `Consultancy ${i} (TAS)` }));
  for (let i = 0; i < 4; i += 1) cbs.push(await makeProvider(server, { kind: 'certification_body', states: ['TAS'], healthcareEngagements: 20 - i * 5, commissionPercent: i === 0 ? 5 : null, name: `Certifier ${i} (TAS)` }));
});
afterAll(async () => {
  await server.close();
});

type Lead = { id: string; lane: string; rank: number; providerName: string; reasons: string[]; status: string; commissionPercent: number | null; isRevealed: boolean };
type Detail = { request: { id: string; status: string; version: number }; leads: Lead[] };

async function approve(requestId: string): Promise<{ status: number; offered: number }> {
  const current = await server.ownerQuery<{ version: number }>('select version from marketplace_requests where id = $1', [requestId]);
  const reply = await operator.client.request('POST', `/api/v1/operator/requests/${requestId}/approve`, { version: current[0]?.version });
  return { status: reply.status, offered: reply.status === 200 ? reply.json<{ offered: number }>().offered : 0 };
}

async function leadIdOf(provider: ProviderFixture, requestId: string): Promise<string | undefined> {
  const rows = await server.ownerQuery<{ id: string }>('select id from marketplace_leads where request_id = $1 and provider_org_id = $2', [requestId, provider.orgId]);
  return rows[0]?.id;
}

describe('requests for quotes', () => {
  it('pre-fills the form from the organisation and stores the request pending approval', async () => {
    const owner = await signUpOwner(server, { organisationName: 'Harbour GP (test)', name: 'Rosa Reception' });
    const draft = await owner.client.get('/api/v1/marketplace/requests/draft');
    expect(draft.status).toBe(200);
    const body = draft.json<{ organisationName: string; contactName: string; headcount: number; readiness: { clauses: unknown[]; themes: unknown[] } }>();
    expect(body).toMatchObject({ organisationName: 'Harbour GP (test)', contactName: 'Rosa Reception', headcount: 1 });
    expect(body.readiness.clauses.length).toBeGreaterThan(0);
    expect(body.readiness.themes.length).toBe(4);
    const created = await owner.client.request('POST', '/api/v1/marketplace/requests', requestBody({ sites: [{ state: 'TAS', city: 'Hobart' }] }));
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ status: 'pending_approval', organisationName: 'Harbour GP (test)', contactName: 'Rosa Reception' });
    const bad = await owner.client.request('POST', '/api/v1/marketplace/requests', requestBody({ services: [], budgetMinCents: 500, budgetMaxCents: 100, sites: [] }));
    expect(bad.status).toBe(400);
    const paths = bad.json<{ error: { details: Array<{ path: string; message: string }> } }>().error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['services', 'sites']));
    const list = await owner.client.get('/api/v1/marketplace/requests');
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(1);
    const stranger = await signUpOwner(server);
    expect((await stranger.client.get(`/api/v1/marketplace/requests/${created.json<{ id: string }>().id}`)).status).toBe(404);
  });

  it('approval offers three per lane with reasons, never a CB in consulting, and providers see no identity until revealed', async () => {
    const owner = await signUpOwner(server, { organisationName: 'Canary Clinic ZQX', name: 'Canary Person ZQX' });
    const created = await owner.client.request('POST', '/api/v1/marketplace/requests', requestBody({ sites: [{ state: 'TAS', city: 'Launceston' }] }));
    const requestId = created.json<{ id: string }>().id;
    expect((await newClient(server.app).get('/api/v1/operator/requests')).status).toBe(401);
    expect((await owner.client.get('/api/v1/operator/requests')).status).toBe(403);
    const queue = await operator.client.get('/api/v1/operator/requests?limit=200');
    expect(queue.status).toBe(200);
    expect(queue.json<{ items: Array<{ id: string }> }>().items.map((r) => r.id)).toContain(requestId);
    const approved = await approve(requestId);
    expect(approved).toEqual({ status: 200, offered: 6 });
    expect((await approve(requestId)).status).toBe(409);
    const detail = (await owner.client.get(`/api/v1/marketplace/requests/${requestId}`)).json<Detail>();
    expect(detail.request.status).toBe('open');
    const consulting = detail.leads.filter((l) => l.lane === 'consulting');
    const certification = detail.leads.filter((l) => l.lane === 'certification');
    expect(consulting.map((l) => l.providerName)).toEqual(['Consultancy 0 (TAS)', 'Consultancy 1 (TAS)', 'Consultancy 2 (TAS)']);
    expect(certification.map((l) => l.providerName)).toEqual(['Certifier 0 (TAS)', 'Certifier 1 (TAS)', 'Certifier 2 (TAS)']);
    expect(certification[0]?.commissionPercent).toBe(5);
    expect(consulting.every((l) => l.reasons.length > 0)).toBe(true);
    const rows = await server.ownerQuery<{ respond_by: Date; offered_at: Date; anonymised: unknown }>('select respond_by, offered_at, anonymised from marketplace_leads where request_id = $1', [requestId]);
    for (const row of rows) {
      expect(new Date(row.respond_by).getTime() - new Date(row.offered_at).getTime()).toBe(72 * 3_600_000);
      expect(JSON.stringify(row.anonymised)).not.toContain('ZQX');
    }
    expect((await lastMailTo(server, (consultants[0] as ProviderFixture).email)).subject).toBe('A new request for quotes is waiting');
    const provider = consultants[0] as ProviderFixture;
    const leadId = (await leadIdOf(provider, requestId)) as string;
    const inbox = await provider.client.get('/api/v1/provider/leads');
    expect(inbox.status).toBe(200);
    expect(JSON.stringify(inbox.body)).not.toContain('ZQX');
    const lead = (await provider.client.get(`/api/v1/provider/leads/${leadId}`)).json<{ identity: unknown; request: { sites: unknown }; version: number }>();
    expect(lead.identity).toBeNull();
    expect(lead.request.sites).toEqual([{ state: 'TAS', city: 'Launceston' }]);
    // Another provider cannot open this lead; a healthcare organisation is not a provider.
    expect((await (consultants[3] as ProviderFixture).client.get(`/api/v1/provider/leads/${leadId}`)).status).toBe(404);
    expect((await owner.client.get('/api/v1/provider/leads')).status).toBe(404);
    // Reveal to this provider only.
    const revealed = await owner.client.request('POST', `/api/v1/marketplace/requests/${requestId}/leads/${leadId}/reveal`);
    expect(revealed.status).toBe(200);
    expect(revealed.json<Lead>().isRevealed).toBe(true);
    const after = (await provider.client.get(`/api/v1/provider/leads/${leadId}`)).json<{ identity: { organisationName: string } }>();
    expect(after.identity.organisationName).toBe('Canary Clinic ZQX');
    const other = consultants[1] as ProviderFixture;
    expect(JSON.stringify((await other.client.get(`/api/v1/provider/leads/${await leadIdOf(other, requestId)}`)).body)).not.toContain('ZQX');
    // Accept, then a second answer is a conflict.
    const accepted = await provider.client.request('POST', `/api/v1/provider/leads/${leadId}/accept`, { version: after.identity ? lead.version + 1 : lead.version });
    expect(accepted.status).toBe(200);
    expect((await provider.client.request('POST', `/api/v1/provider/leads/${leadId}/decline`, { version: 1, reason: 'Too busy' })).status).toBe(409);
  });

  it('matches a provider only while the operator’s verification holds: a profile edited since waits for the operator again', async () => {
    const topEnd = await makeProvider(server, { kind: 'consultant', states: ['NT'], name: 'Top End Advisory (NT)' });
    const ask = async () => {
      const owner = await signUpOwner(server);
      const created = await owner.client.request('POST', '/api/v1/marketplace/requests', requestBody({ services: ['consulting'], isRemoteAcceptable: false, sites: [{ state: 'NT', city: 'Darwin' }] }));
      return created.json<{ id: string }>().id;
    };
    const first = await ask();
    expect(await approve(first)).toMatchObject({ status: 200 });
    expect(await leadIdOf(topEnd, first)).toBeDefined();
    const read = await topEnd.client.get('/api/v1/provider/profile');
    expect(read.status, JSON.stringify(read.json())).toBe(200);
    const profile = read.json<{ version: number }>();
    const edited = await topEnd.client.request('PATCH', '/api/v1/provider/profile', { version: profile.version, teamSize: 7 });
    expect(edited.status, JSON.stringify(edited.json())).toBe(200);
    const second = await ask();
    expect((await approve(second)).status).toBe(200);
    expect(await leadIdOf(topEnd, second)).toBeUndefined();
  });

  it('rejection mails the reason to the requester', async () => {
    const owner = await signUpOwner(server);
    const created = await owner.client.request('POST', '/api/v1/marketplace/requests', requestBody());
    const { id, version } = created.json<{ id: string; version: number }>();
    const reply = await operator.client.request('POST', `/api/v1/operator/requests/${id}/reject`, { version, reason: 'This looks like a test request, not a real practice.' });
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ status: 'rejected' });
    const mail = await lastMailTo(server, owner.email);
    expect(mail.subject).toBe('Your request for quotes was not sent');
    expect(mail.body_text).toContain('This looks like a test request');
  });
  it('a decline passes the lane to the next provider; an unanswered lead passes on after 72 hours', async () => {
    const owner = await signUpOwner(server);
    const created = await owner.client.request('POST', '/api/v1/marketplace/requests', requestBody({ services: ['consulting'], sites: [{ state: 'TAS', city: 'Devonport' }] }));
    const requestId = created.json<{ id: string }>().id;
    expect((await approve(requestId)).offered).toBe(3);
    const first = consultants[0] as ProviderFixture;
    const leadId = (await leadIdOf(first, requestId)) as string;
    const version = (await first.client.get(`/api/v1/provider/leads/${leadId}`)).json<{ version: number }>().version;
    const declined = await first.client.request('POST', `/api/v1/provider/leads/${leadId}/decline`, { version, reason: 'No capacity this quarter' });
    expect(declined.status).toBe(200);
    expect(await leadIdOf(consultants[3] as ProviderFixture, requestId)).toBeDefined();
    const events = await server.ownerQuery<{ n: string }>(`select count(*)::text as n from audit_events where action = 'marketplace_lead.offered' and after->>'requestId' = $1`, [requestId]);
    expect(Number(events[0]?.n)).toBe(4);
    // Nobody is left to pass on to: the 72 hours run out, the leads expire, the lane stays with what it has.
    offsetMs += 73 * 3_600_000;
    const passed = await passOnOverdueLeads(server.deps, server.app.log);
    expect(passed).toBeGreaterThanOrEqual(3);
    const statuses = await server.ownerQuery<{ status: string }>('select status from marketplace_leads where request_id = $1 order by rank', [requestId]);
    expect(statuses.map((s) => s.status)).toEqual(['declined', 'expired', 'expired', 'expired']);
  });

});

describe('guest requests', () => {
  const guestBody = (email: string, extra: Record<string, unknown> = {}) => requestBody({ contactName: 'Gus Guest', email, organisationName: 'Guest Dental', ...extra });

  it('stores the request unconfirmed, mails a private link that confirms it once, and shows it', async () => {
    const email = uniqueEmail('guest');
    const client = newClient(server.app);
    const started = Date.now();
    const reply = await client.request('POST', '/api/v1/guest/requests', guestBody(email));
    expect(reply.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    const stored = await server.ownerQuery<{ status: string; guest_link_sha256: string }>('select status, guest_link_sha256 from marketplace_requests where contact_email = $1', [email]);
    expect(stored[0]?.status).toBe('unconfirmed');
    const token = linkToken((await lastMailTo(server, email)).body_text, '/guest/request');
    expect(stored[0]?.guest_link_sha256).not.toContain(token);
    const opened = await client.get(`/api/v1/guest/request?token=${token}`);
    expect(opened.status).toBe(200);
    expect(opened.json<Detail>().request.status).toBe('pending_approval');
    expect((await client.get(`/api/v1/guest/request?token=${token}`)).json<Detail>().request.status).toBe('pending_approval');
    expect((await client.get(`/api/v1/guest/request?token=${'x'.repeat(43)}`)).status).toBe(404);
    const confirms = await server.ownerQuery<{ n: string }>(`select count(*)::text as n from audit_events where action = 'marketplace_request.confirmed'`);
    expect(Number(confirms[0]?.n)).toBe(1);
  });

  it('a filled honeypot gets the same answer and nothing is stored or sent', async () => {
    const email = uniqueEmail('bot');
    const started = Date.now();
    const reply = await newClient(server.app).request('POST', '/api/v1/guest/requests', guestBody(email, { website: 'http://spam.example' }));
    expect(reply.status).toBe(201);
    expect(reply.json()).toEqual({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(await server.ownerQuery('select id from marketplace_requests where contact_email = $1', [email])).toHaveLength(0);
    expect(await server.ownerQuery('select id from outbox where to_address = $1', [email])).toHaveLength(0);
  });

  it('a link opened after seven days does not confirm the request', async () => {
    const email = uniqueEmail('late');
    const client = newClient(server.app);
    await client.request('POST', '/api/v1/guest/requests', guestBody(email));
    const token = linkToken((await lastMailTo(server, email)).body_text, '/guest/request');
    offsetMs += 8 * 86_400_000;
    expect((await client.get(`/api/v1/guest/request?token=${token}`)).status).toBe(404);
    const rows = await server.ownerQuery<{ id: string; status: string }>('select id, status from marketplace_requests where contact_email = $1', [email]);
    expect(rows[0]?.status).toBe('unconfirmed');
    // The sweep withdraws it and removes who sent it; the link still says what happened.
    expect(await withdrawStaleGuests(server.deps, server.app.log)).toBeGreaterThanOrEqual(1);
    const after = await server.ownerQuery<Record<string, unknown>>('select * from marketplace_requests where id = $1', [rows[0]?.id]);
    expect(after[0]).toMatchObject({ status: 'withdrawn', contact_name: '', contact_email: '', organisation_name: '' });
    expect(JSON.stringify(after[0])).not.toContain('Gus Guest');
    const reply = await client.get(`/api/v1/guest/request?token=${token}`);
    expect(reply.status).toBe(404);
    expect(reply.json<{ error: { message: string } }>().error.message).toContain('7 days');
    expect(await withdrawStaleGuests(server.deps, server.app.log)).toBe(0);
  });
});
