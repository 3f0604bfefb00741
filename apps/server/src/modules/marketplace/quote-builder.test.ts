import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cbQuote, consultingQuote, makeLead, makeProvider, makeRequest } from '../../../test/marketplace-factories-quotes.ts';
import { addMemberWithRole, lastMailTo, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let now = new Date('2026-12-03T00:00:00.000Z');
const later = () => {
  now = new Date(now.getTime() + 60_000);
};
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(now) });
});
afterAll(async () => {
  await server.close();
});

async function mailsTo(address: string): Promise<Array<{ subject: string; body_text: string; org_id: string }>> {
  return server.ownerQuery('select subject, body_text, org_id from outbox where to_address = $1 order by created_at, id', [address]);
}

describe('quote builder', () => {
  it('drafts, edits with versions (409 on stale), submits (lead quoted, requester mailed) and withdraws a CB quote', async () => {
    const requester = await signUpOwner(server, { organisationName: 'Harbourside Medical' });
    const cb = await makeProvider(server, 'certification_body', 'Southern Cert (test)');
    const request = await makeRequest(server, { orgId: requester.orgId });
    const leadId = await makeLead(server, request.id, cb.orgId, 'certification');
    const url = `/api/v1/provider/leads/${leadId}/quote`;

    const empty = await cb.client.get(url);
    expect(empty.status).toBe(200);
    expect(empty.json()).toMatchObject({ kind: 'certification', canEdit: true, quote: null });

    const wrongForm = await cb.client.request('PUT', url, consultingQuote());
    expect(wrongForm.status).toBe(400);
    const created = await cb.client.request('PUT', url, cbQuote());
    expect(created.status).toBe(200);
    const draft = created.json<{ id: string; version: number; totalCents: number; status: string; years: Array<{ totalCents: number }> }>();
    expect(draft).toMatchObject({ status: 'draft', version: 1, totalCents: 4_060_000 });
    expect(draft.years.map((y) => y.totalCents)).toEqual([1_680_000, 630_000, 630_000, 1_120_000]);
    expect(await server.ownerQuery('select total_cents::text as t, status from marketplace_quotes where id = $1', [draft.id])).toEqual([{ t: '4060000', status: 'draft' }]);
    // The requester does not see a draft (row-level security): its comparison is empty.
    const early = (await requester.client.get(`/api/v1/marketplace/requests/${request.id}/comparison`)).json<{ lanes: Array<{ quotes: unknown[] }> }>();
    expect(early.lanes.flatMap((lane) => lane.quotes)).toEqual([]);

    const edited = await cb.client.request('PUT', url, cbQuote({ dayRateCents: 200_000 }, 1));
    expect(edited.status).toBe(200);
    expect(edited.json<{ version: number; totalCents: number }>()).toMatchObject({ version: 2, totalCents: 4_060_000 + 20_000 * 20 });
    const stale = await cb.client.request('PUT', url, cbQuote({ dayRateCents: 100_000 }, 1));
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { code: string; details: { current: { version: number } } } }>().error).toMatchObject({ code: 'edit_conflict', details: { current: { version: 2 } } });

    const submitted = await cb.client.request('POST', `${url}/submit`, { version: 2 });
    expect(submitted.status).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', version: 3 });
    expect(await server.ownerQuery('select status from marketplace_leads where id = $1', [leadId])).toEqual([{ status: 'quoted' }]);
    const mail = await lastMailTo(server, requester.email);
    expect(mail.subject).toBe('New quote from Southern Cert (test)');
    expect(mail.body_text).toContain('$44,600.00');
    expect(mail.body_text).toContain('31/03/2027');
    // A submitted quote is not edited in place.
    expect((await cb.client.request('PUT', url, cbQuote({}, 3))).status).toBe(409);

    const withdrawn = await cb.client.request('POST', `${url}/withdraw`, { version: 3 });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    expect(await server.ownerQuery('select status from marketplace_leads where id = $1', [leadId])).toEqual([{ status: 'accepted' }]);
    expect((await cb.client.request('POST', `${url}/withdraw`, { version: 4 })).status).toBe(409);
    const events = await server.ownerQuery<{ action: string }>("select action from audit_events where org_id = $1 and action like 'marketplace.%' order by seq", [cb.orgId]);
    expect(events.map((e) => e.action)).toEqual(['marketplace.quote_saved', 'marketplace.quote_saved', 'marketplace.quote_submitted', 'marketplace.quote_withdrawn']);
  });

  it('gives a consulting lead the work-package form and refuses leads not accepted, other providers and non-providers', async () => {
    const requester = await signUpOwner(server);
    const consultant = await makeProvider(server, 'consultant', 'Clinic Secure Consulting (test)');
    const other = await makeProvider(server, 'consultant', 'Other Consulting (test)');
    const request = await makeRequest(server, { orgId: requester.orgId });
    const leadId = await makeLead(server, request.id, consultant.orgId, 'consulting');
    const offeredLead = await makeLead(server, request.id, other.orgId, 'consulting', { status: 'offered', rank: 2 });
    const url = `/api/v1/provider/leads/${leadId}/quote`;
    expect((await consultant.client.get(url)).json()).toMatchObject({ kind: 'consulting', lane: 'consulting' });
    const saved = await consultant.client.request('PUT', url, consultingQuote(['gap_analysis', 'internal_audit']));
    expect(saved.status).toBe(200);
    expect(saved.json<{ totalCents: number }>().totalCents).toBe(610_000);
    expect((await other.client.get(url)).status).toBe(404);
    expect((await other.client.request('PUT', `/api/v1/provider/leads/${offeredLead}/quote`, consultingQuote())).status).toBe(409);
    expect((await requester.client.get(url)).status).toBe(404);
    const staff = await addMemberWithRole(server, consultant, 'staff');
    expect((await staff.client.request('PUT', url, consultingQuote([], 1))).status).toBe(403);
  });
});

describe('messages', () => {
  it('carries messages both ways, newest last, mails the other side, and hides the requester until revealed', async () => {
    const requester = await signUpOwner(server, { name: 'Dr Robin Requester', organisationName: 'Harbourside Medical' });
    const manager = await addMemberWithRole(server, requester, 'isms_manager');
    const cb = await makeProvider(server, 'certification_body', 'Messaging Cert (test)');
    const request = await makeRequest(server, { orgId: requester.orgId });
    const leadId = await makeLead(server, request.id, cb.orgId, 'certification');
    const providerUrl = `/api/v1/provider/leads/${leadId}/messages`;
    const requesterUrl = `/api/v1/marketplace/requests/${request.id}/leads/${leadId}/messages`;

    const first = await requester.client.request('POST', requesterUrl, { body: 'Can you audit our two sites remotely?' });
    expect(first.status).toBe(201);
    expect(first.json()).toMatchObject({ side: 'requester', senderLabel: 'You', isMine: true });
    const providerMail = await lastMailTo(server, cb.email);
    expect(providerMail.subject).toBe('New message from a requester on a lead');
    expect(providerMail.body_text).toContain('Can you audit our two sites remotely?');
    expect(providerMail.body_text).not.toContain('Harbourside');
    expect(providerMail.body_text).not.toContain('Robin');

    later();
    const reply = await cb.client.request('POST', providerUrl, { body: 'Yes, Stage 1 can be remote.' });
    expect(reply.status).toBe(201);
    expect((await lastMailTo(server, requester.email)).subject).toBe('New message from Messaging Cert (test)');
    expect((await lastMailTo(server, manager.email)).body_text).toContain('Yes, Stage 1 can be remote.');

    const seenByProvider = (await cb.client.get(providerUrl)).json<{ items: Array<{ senderLabel: string; body: string; isMine: boolean }> }>().items;
    expect(seenByProvider.map((m) => m.body)).toEqual(['Can you audit our two sites remotely?', 'Yes, Stage 1 can be remote.']);
    expect(seenByProvider[0]).toMatchObject({ senderLabel: 'The requester', isMine: false });
    const raw = JSON.stringify(await cb.client.get(providerUrl).then((r) => r.body));
    expect(raw).not.toContain('Harbourside');
    expect(raw).not.toContain('Robin');
    expect(JSON.stringify(await server.ownerQuery('select * from marketplace_messages where lead_id = $1', [leadId]))).not.toContain(requester.userId);

    const seenByRequester = (await requester.client.get(requesterUrl)).json<{ items: Array<{ senderLabel: string; side: string }> }>().items;
    expect(seenByRequester.map((m) => m.senderLabel)).toEqual(['You', 'Owner of Messaging Cert (test), Messaging Cert (test)']);

    await server.ownerQuery('update marketplace_leads set revealed_at = now(), revealed_identity = $2 where id = $1', [leadId, JSON.stringify({ contactName: 'Dr Robin Requester', organisationName: 'Harbourside Medical' })]);
    expect((await cb.client.get(providerUrl)).json<{ items: Array<{ senderLabel: string }> }>().items[0]?.senderLabel).toBe('Dr Robin Requester (Harbourside Medical)');

    expect((await requester.client.request('POST', requesterUrl, { body: 'x'.repeat(5001) })).status).toBe(400);
    expect((await requester.client.request('POST', requesterUrl, { body: '   ' })).status).toBe(400);
    const stranger = await signUpOwner(server);
    expect((await stranger.client.get(requesterUrl)).status).toBe(404);
    expect((await stranger.client.request('POST', requesterUrl, { body: 'hello' })).status).toBe(404);
    // The provider cannot pose as the requester through the requester's route.
    expect((await cb.client.request('POST', requesterUrl, { body: 'fake' })).status).toBe(404);
  });

  it('lets a guest message through the private link; the reply goes to the request’s contact address', async () => {
    const consultant = await makeProvider(server, 'consultant', 'Guest Friendly Consulting (test)');
    const request = await makeRequest(server, { contactEmail: 'guest.requester@clinic.example' });
    const leadId = await makeLead(server, request.id, consultant.orgId, 'consulting');
    const guest = await signUpOwner(server);
    const url = `/api/v1/guest/marketplace/leads/${leadId}/messages`;
    const sent = await guest.client.request('POST', url, { token: request.token, body: 'Do you work with dental practices?' });
    expect(sent.status).toBe(201);
    expect((await guest.client.get(`${url}?token=${request.token}`)).json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await guest.client.get(`${url}?token=wrong-token-wrong-token-123`)).status).toBe(404);
    await consultant.client.request('POST', `/api/v1/provider/leads/${leadId}/messages`, { body: 'Yes, several.' });
    const mails = await mailsTo('guest.requester@clinic.example');
    expect(mails.map((m) => m.subject)).toEqual(['New message from Guest Friendly Consulting (test)']);
    const platform = await server.ownerQuery<{ org_id: string }>("select org_id from orgs where kind = 'platform'");
    expect(mails[0]?.org_id).toBe(platform[0]?.org_id);
  });

  it('refuses messages before the provider accepted the lead', async () => {
    const requester = await signUpOwner(server);
    const cb = await makeProvider(server, 'certification_body', 'Slow Cert (test)');
    const request = await makeRequest(server, { orgId: requester.orgId });
    const leadId = await makeLead(server, request.id, cb.orgId, 'certification', { status: 'offered' });
    expect((await requester.client.request('POST', `/api/v1/marketplace/requests/${request.id}/leads/${leadId}/messages`, { body: 'Hello?' })).status).toBe(409);
  });
});
