import type { Certificate } from '@custodian/shared/contracts/certification.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsMember } from '../../core/transaction.ts';
import { cbQuote, consultingQuote, makeLead, makeProvider, makeRequest } from '../../../test/marketplace-factories-quotes.ts';
import { signUpOwner, addMemberWithRole, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { certificationObligations, certificationProgress, plannedStage2 } from './certification.service.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const path = '/api/v1/certification/certificates';
const auditOf = (cert: Certificate, kind: string) => cert.audits.find((a) => a.kind === kind);

/** Calls a service function as the owner of an organisation, outside a request. */
function asOwner<T>(owner: { orgId: string; userId: string; email: string }, fn: Parameters<typeof runAsMember<T>>[2]): Promise<T> {
  const base = { deps: server.deps, now: new Date(), requestId: 'test', log: server.app.log };
  const member = {
    actor: { userId: owner.userId, userLabel: 'Owner', orgId: owner.orgId, role: 'owner' as const },
    org: { id: owner.orgId, name: 'Clinic', timeZone: 'Australia/Sydney', isDemo: false, isMfaRequired: false },
    name: 'Owner',
    email: owner.email,
  };
  return runAsMember(base, member, fn, true);
}

async function engagementOf(requester: { client: TestClient; orgId: string }, lane: 'certification' | 'consulting'): Promise<string> {
  const provider = await makeProvider(server, lane === 'certification' ? 'certification_body' : 'consultant', lane === 'certification' ? 'Southern Cross Certification (test)' : 'Harbour Consulting (test)');
  const request = await makeRequest(server, { orgId: requester.orgId });
  const leadId = await makeLead(server, request.id, provider.orgId, lane);
  const url = `/api/v1/provider/leads/${leadId}/quote`;
  const saved = await provider.client.request('PUT', url, lane === 'certification' ? cbQuote() : consultingQuote());
  const quote = await provider.client.request('POST', `${url}/submit`, { version: saved.json<{ version: number }>().version });
  const { id, version } = quote.json<{ id: string; version: number }>();
  const accepted = await requester.client.request('POST', `/api/v1/marketplace/requests/${request.id}/quotes/${id}/accept`, { version });
  if (accepted.status !== 200) throw new Error(`accept failed ${accepted.status} ${accepted.raw.body}`);
  return accepted.json<{ id: string }>().id;
}

describe('the certification cycle', () => {
  it('records a certificate, derives its cycle, plans and records audits with versions, and reports its dates', async () => {
    const owner = await signUpOwner(server);
    const created = await owner.client.request('POST', path, { bodyName: 'Southern Cross Certification', scope: 'The ISMS of the clinic at Bondi', issuedOn: null });
    expect(created.status).toBe(201);
    let cert = created.json<Certificate>();
    expect(cert).toMatchObject({ isCurrent: true, status: 'working_towards', issuedOn: null, expiresOn: null, bodyLabel: 'Southern Cross Certification' });
    expect(cert.audits.map((a) => a.kind)).toEqual(['stage1', 'stage2', 'surveillance1', 'surveillance2', 'recertification']);
    expect(auditOf(cert, 'surveillance1')?.dueBy).toBeNull();

    // Stage 2 planned: surveillance counts from it until a certificate is issued.
    const stage2 = auditOf(cert, 'stage2');
    cert = (await owner.client.request('PATCH', `${path}/${cert.id}/audits/stage2`, { version: stage2?.version, plannedOn: '2027-06-01' })).json<Certificate>();
    expect(auditOf(cert, 'surveillance1')).toMatchObject({ dueBy: '2028-06-01', dueOn: '2028-06-01' });
    const stale = await owner.client.request('PATCH', `${path}/${cert.id}/audits/stage2`, { version: stage2?.version, plannedOn: '2027-07-01' });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { details: { current: Certificate } } }>().error.details.current.audits[1]?.plannedOn).toBe('2027-06-01');

    // Issued: expiry three years on, surveillance from the decision, recertification three months before expiry.
    cert = (await owner.client.request('PATCH', `${path}/${cert.id}`, { version: cert.version, number: 'ISMS-2026-0042', issuedOn: '2026-03-15' })).json<Certificate>();
    expect(cert).toMatchObject({ number: 'ISMS-2026-0042', issuedOn: '2026-03-15', expiresOn: '2029-03-14', status: 'certified' });
    expect(cert.audits.slice(2).map((a) => [a.kind, a.dueBy])).toEqual([
      ['surveillance1', '2027-03-15'],
      ['surveillance2', '2028-03-15'],
      ['recertification', '2028-12-14'],
    ]);
    const tooEarly = await owner.client.request('PATCH', `${path}/${cert.id}`, { version: cert.version, expiresOn: '2026-01-01' });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.json()).toMatchObject({ error: { message: 'The expiry date must be after the issue date.' } });

    // Held audits: an outcome needs the day; a future day is refused; Stage 2 cannot precede Stage 1.
    const s1 = auditOf(cert, 'stage1');
    expect((await owner.client.request('PATCH', `${path}/${cert.id}/audits/stage1`, { version: s1?.version, outcome: 'passed' })).json()).toMatchObject({
      error: { message: 'Enter the day the audit was held before its outcome.' },
    });
    expect((await owner.client.request('PATCH', `${path}/${cert.id}/audits/stage1`, { version: s1?.version, heldOn: '2999-01-01' })).status).toBe(400);
    cert = (await owner.client.request('PATCH', `${path}/${cert.id}/audits/stage1`, { version: s1?.version, heldOn: '2026-02-01', outcome: 'passed' })).json<Certificate>();
    const s2 = auditOf(cert, 'stage2');
    expect((await owner.client.request('PATCH', `${path}/${cert.id}/audits/stage2`, { version: s2?.version, heldOn: '2026-01-20' })).json()).toMatchObject({
      error: { message: 'The Stage 2 audit cannot be held before the Stage 1 audit.' },
    });

    const seen = await asOwner(owner, async (ctx) => ({ obligations: await certificationObligations(ctx), progress: await certificationProgress(ctx), stage2: await plannedStage2(ctx) }));
    expect(seen.progress).toEqual({ done: 1, total: 2, detail: 'Stage 1 held on 01/02/2026; Stage 2 planned for 01/06/2027.' });
    expect(seen.stage2).toEqual({ day: '2027-06-01' });
    expect(seen.obligations.map((o) => [o.kind, o.dueOn, o.isDone])).toEqual([
      ['certification-stage1', '2026-02-01', true],
      ['certification-stage2', '2027-06-01', false],
      ['certification-surveillance1', '2027-03-15', false],
      ['certification-surveillance2', '2028-03-15', false],
      ['certification-recertification', '2028-12-14', false],
      ['certificate-expiry', '2029-03-14', false],
    ]);
    expect(seen.obligations.every((o) => o.href === '/certification' && o.ownerUserId === owner.userId)).toBe(true);
    expect(new Set(seen.obligations.map((o) => o.key)).size).toBe(6);

    const trail = (await owner.client.get(`/api/v1/audit-log?entityId=${cert.id}&order=asc`)).json<{ items: Array<{ action: string; sentence: string }> }>();
    expect(trail.items.map((e) => e.action)).toEqual([
      'certification.certificate_added',
      'certification.audit_changed',
      'certification.certificate_changed',
      'certification.audit_changed',
    ]);
  });

  it('keeps one current certificate: a new one replaces it, an earlier one can be made current again, and only managers delete', async () => {
    const owner = await signUpOwner(server);
    const first = (await owner.client.request('POST', path, { number: 'FIRST-1', issuedOn: '2023-01-10', expiresOn: null })).json<Certificate>();
    expect(first.expiresOn).toBe('2026-01-09');
    const second = (await owner.client.request('POST', path, { number: 'SECOND-2', issuedOn: '2026-01-10', expiresOn: '2029-01-09' })).json<Certificate>();
    const list = (await owner.client.get(path)).json<{ items: Certificate[] }>();
    expect(list.items.map((c) => [c.number, c.isCurrent, c.status])).toEqual([
      ['SECOND-2', true, 'certified'],
      ['FIRST-1', false, 'superseded'],
    ]);
    const firstNow = list.items[1];
    expect((await owner.client.request('POST', `${path}/${first.id}/make-current`, { version: first.version })).status).toBe(409);
    expect((await owner.client.request('POST', `${path}/${first.id}/make-current`, { version: firstNow?.version })).json()).toMatchObject({ isCurrent: true, status: 'expired' });
    expect((await owner.client.get(`${path}/${second.id}`)).json()).toMatchObject({ isCurrent: false });
    const contributor = await addMemberWithRole(server, owner, 'contributor');
    expect((await contributor.client.request('DELETE', `${path}/${second.id}`)).status).toBe(403);
    expect((await owner.client.request('DELETE', `${path}/${second.id}`)).status).toBe(200);
    const stranger = await signUpOwner(server);
    expect((await stranger.client.get(`${path}/${first.id}`)).status).toBe(404);
    expect((await stranger.client.get(path)).json()).toEqual({ items: [] });
  });

  it('links the organisation’s own certification-body engagement, showing its provider and quoted cycle', async () => {
    const owner = await signUpOwner(server);
    const engagementId = await engagementOf(owner, 'certification');
    const cert = (await owner.client.request('POST', path, { engagementId })).json<Certificate>();
    expect(cert.bodyLabel).toBe('Southern Cross Certification (test)');
    expect(cert.engagement).toMatchObject({ id: engagementId, providerName: 'Southern Cross Certification (test)', lane: 'certification' });
    expect(cert.engagement?.years.map((y) => y.label)).toHaveLength(4);
    expect(cert.engagement?.years.every((y) => y.totalCents > 0)).toBe(true);
    const consulting = await engagementOf(owner, 'consulting');
    const refused = await owner.client.request('PATCH', `${path}/${cert.id}`, { version: cert.version, engagementId: consulting });
    expect(refused.json()).toMatchObject({ error: { code: 'validation_failed', message: 'Harbour Consulting (test) was engaged as a consultant or trainer, not as the certification body.' } });
    const stranger = await signUpOwner(server);
    const theirs = await stranger.client.request('POST', path, { engagementId });
    expect(theirs.json()).toMatchObject({ error: { code: 'validation_failed', message: 'Choose an engagement your organisation made in the marketplace.' } });
  });
});
