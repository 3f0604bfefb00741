import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accreditationInput, createProvider, pdfBase64, uniqueSlug } from '../../../test/marketplace-factories-providers.ts';
import { signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

interface Profile {
  orgId: string;
  kind: string;
  slug: string;
  version: number;
  isPublished: boolean;
  summary: string;
  services: string[];
  commissionPercent: number | null;
}

describe('provider organisations and profiles', () => {
  it('creates a provider organisation whose creator is the owner; the profile starts unpublished and is edited with versions', async () => {
    const person = await signUpOwner(server);
    const slug = uniqueSlug('harbour');
    const created = await person.client.request('POST', '/api/v1/provider/organisations', { name: 'Harbour Assurance Pty Ltd', kind: 'consultant', displayName: 'Harbour Assurance', slug });
    expect(created.status).toBe(201);
    const profile = created.json<Profile>();
    expect(profile).toMatchObject({ kind: 'consultant', slug, isPublished: false, version: 1 });
    const memberships = (await person.client.get('/api/v1/auth/session')).json<{ memberships: Array<{ orgId: string; role: string }> }>().memberships;
    expect(memberships).toContainEqual(expect.objectContaining({ orgId: profile.orgId, role: 'owner' }));
    // Still in the healthcare organisation: the provider routes say plainly it is not a provider.
    const notProvider = await person.client.get('/api/v1/provider/profile');
    expect(notProvider.status).toBe(404);
    expect(notProvider.json<{ error: { message: string } }>().error.message).toBe('This organisation is not a provider in the marketplace.');
    expect((await person.client.request('PATCH', '/api/v1/provider/profile', { version: 1, summary: 'x' })).status).toBe(404);
    expect((await person.client.request('POST', '/api/v1/provider/affiliations', { affiliatedName: 'Someone', relationship: 'Partner', startedOn: '2026-01-01' })).status).toBe(404);

    await person.client.request('POST', '/api/v1/auth/switch-org', { orgId: profile.orgId });
    const first = await person.client.request('PATCH', '/api/v1/provider/profile', { version: 1, summary: 'ISMS for clinics', services: ['consulting'], states: ['NSW', 'VIC'], dayRateMinCents: 150_000, dayRateMaxCents: 220_000 });
    expect(first.status).toBe(200);
    expect(first.json<Profile>()).toMatchObject({ version: 2, summary: 'ISMS for clinics' });
    // A second editor who read version 1 gets 409 with the current profile; nothing is lost.
    const stale = await person.client.request('PATCH', '/api/v1/provider/profile', { version: 1, summary: 'Overwrite' });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { details: { current: Profile } } }>().error.details.current).toMatchObject({ version: 2, summary: 'ISMS for clinics' });
    // Plain-words refusals: a range upside down, a consultancy's commission, a taken address.
    const upside = await person.client.request('PATCH', '/api/v1/provider/profile', { version: 2, dayRateMinCents: 300_000 });
    expect(upside.status).toBe(400);
    expect(JSON.stringify(upside.body)).toContain('must be at least the lowest day rate');
    expect((await person.client.request('PATCH', '/api/v1/provider/profile', { version: 2, commissionPercent: 10 })).status).toBe(400);
    const other = await createProvider(server, { isPublished: false });
    const taken = await person.client.request('PATCH', '/api/v1/provider/profile', { version: 2, slug: other.slug });
    expect(taken.status).toBe(400);
    expect(JSON.stringify(taken.body)).toContain('already used by another provider');
    const events = await server.ownerQuery<{ action: string }>('select action from audit_events where org_id = $1 order by seq', [profile.orgId]);
    expect(events.map((e) => e.action)).toEqual(['org.created', 'member.added', 'provider.profile_created', 'user.switched_organisation', 'provider.profile_updated']);
  });

  it('of two edits from the same version at once, one is saved and the other gets 409; two claims of one address, one wins', async () => {
    const provider = await createProvider(server);
    const edits = await Promise.all([
      provider.client.request('PATCH', '/api/v1/provider/profile', { version: provider.version, summary: 'First' }),
      provider.client.request('PATCH', '/api/v1/provider/profile', { version: provider.version, summary: 'Second' }),
    ]);
    expect(edits.map((r) => r.status).sort()).toEqual([200, 409]);
    const a = await signUpOwner(server);
    const b = await signUpOwner(server);
    const slug = uniqueSlug('contested');
    const claims = await Promise.all([a, b].map((p) => p.client.request('POST', '/api/v1/provider/organisations', { name: 'Contested Pty Ltd', kind: 'consultant', displayName: 'Contested', slug })));
    expect(claims.map((r) => r.status).sort()).toEqual([201, 400]);
  });

  it('refuses a certification body offering consulting, and lets it disclose a commission', async () => {
    const cb = await createProvider(server, { kind: 'certification_body' });
    const consulting = await cb.client.request('PATCH', '/api/v1/provider/profile', { version: cb.version, services: ['consulting', 'certification_audit'] });
    expect(consulting.status).toBe(400);
    const commission = await cb.client.request('PATCH', '/api/v1/provider/profile', { version: cb.version, commissionPercent: 7.5, commissionNote: 'Paid by partner consultancies on referral' });
    expect(commission.status).toBe(200);
    expect(commission.json<Profile>().commissionPercent).toBe(7.5);
  });

  it('a member of another organisation cannot read or change a provider’s rows (they are not theirs)', async () => {
    const cb = await createProvider(server, { kind: 'certification_body', isPublished: false });
    const accreditation = (await cb.client.request('POST', '/api/v1/provider/accreditations', accreditationInput())).json<{ id: string }>();
    const stranger = await createProvider(server, { kind: 'certification_body' });
    expect((await stranger.client.get(`/api/v1/provider/accreditations/${accreditation.id}/certificate`)).status).toBe(404);
    expect((await stranger.client.request('PATCH', `/api/v1/provider/accreditations/${accreditation.id}`, { version: 1, scopeNote: 'Mine now' })).status).toBe(404);
    expect((await stranger.client.request('DELETE', `/api/v1/provider/accreditations/${accreditation.id}`)).status).toBe(404);
  });
});

describe('accreditations', () => {
  it('keeps the certificate with its SHA-256, downloads the same bytes, and refuses a program renamed .pdf', async () => {
    const cb = await createProvider(server, { kind: 'certification_body' });
    const content = pdfBase64('Round trip');
    const created = await cb.client.request('POST', '/api/v1/provider/accreditations', accreditationInput({ certificate: { fileName: 'jas-anz.pdf', contentBase64: content } }));
    expect(created.status).toBe(201);
    const accreditation = created.json<{ id: string; standards: string[]; certificate: { sha256: string; contentType: string }; version: number }>();
    const sha = createHash('sha256').update(Buffer.from(content, 'base64')).digest('hex');
    expect(accreditation.certificate).toMatchObject({ sha256: sha, contentType: 'application/pdf' });
    expect(accreditation.standards).toContain('iso27001');
    const download = await cb.client.get(`/api/v1/provider/accreditations/${accreditation.id}/certificate`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('application/pdf');
    expect(createHash('sha256').update(download.raw.rawPayload).digest('hex')).toBe(sha);

    const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(200, 1)]).toString('base64');
    const refused = await cb.client.request('POST', '/api/v1/provider/accreditations', accreditationInput({ certificate: { fileName: 'certificate.pdf', contentBase64: exe } }));
    expect(refused.status).toBe(415);
    expect(refused.json<{ error: { message: string } }>().error.message).toContain('is not a PDF, PNG or JPEG file');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]).toString('base64');
    const replaced = await cb.client.request('PATCH', `/api/v1/provider/accreditations/${accreditation.id}`, { version: accreditation.version, certificate: { fileName: 'scan.png', contentBase64: png } });
    expect(replaced.status).toBe(200);
    expect(replaced.json<{ certificate: { contentType: string } }>().certificate.contentType).toBe('image/png');
    const stale = await cb.client.request('PATCH', `/api/v1/provider/accreditations/${accreditation.id}`, { version: accreditation.version, scopeNote: 'Late edit' });
    expect(stale.status).toBe(409);
    const tooBig = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024)]).toString('base64');
    const big = await cb.client.request('POST', '/api/v1/provider/accreditations', accreditationInput({ certificate: { fileName: 'huge.pdf', contentBase64: tooBig } }));
    expect([400, 413]).toContain(big.status);
  });

  it('is a certification body’s: a consultancy is told so', async () => {
    const consultant = await createProvider(server);
    const refused = await consultant.client.request('POST', '/api/v1/provider/accreditations', accreditationInput());
    expect(refused.status).toBe(400);
    expect(refused.json<{ error: { message: string } }>().error.message).toBe('Only a certification body keeps accreditations.');
  });
});

describe('affiliation register and the public directory', () => {
  it('shows only published, unsuspended providers, never a draft and never certificate bytes, with ties and commission', async () => {
    const consultancy = await createProvider(server, { displayName: 'Affiliated Advisory', fields: { states: ['QLD'], isRemote: true } });
    const cb = await createProvider(server, { kind: 'certification_body', displayName: 'Directory Certifiers', fields: { states: ['QLD'], commissionPercent: 5, commissionNote: 'On referrals' } });
    const draft = await createProvider(server, { displayName: 'Hidden Draft Advisory', isPublished: false, fields: { states: ['QLD'] } });
    const content = pdfBase64('Directory secret bytes');
    await cb.client.request('POST', '/api/v1/provider/accreditations', accreditationInput({ certificate: { fileName: 'c.pdf', contentBase64: content } }));
    const tie = await cb.client.request('POST', '/api/v1/provider/affiliations', { affiliatedSlug: consultancy.slug, relationship: 'Referral partner', commissionPercent: 5, startedOn: '2026-01-01' });
    expect(tie.status).toBe(201);
    expect(tie.json()).toMatchObject({ affiliatedOrgId: consultancy.orgId, affiliatedName: 'Affiliated Advisory', affiliatedSlug: consultancy.slug });
    const badTie = await cb.client.request('POST', '/api/v1/provider/affiliations', { affiliatedSlug: draft.slug, relationship: 'Partner', startedOn: '2026-01-01' });
    expect(badTie.status).toBe(400);
    const backwards = await cb.client.request('POST', '/api/v1/provider/affiliations', { affiliatedName: 'Old Partner', relationship: 'Partner', startedOn: '2026-01-01', endedOn: '2025-01-01' });
    expect(backwards.status).toBe(400);

    const anonymous = (await import('../../../test/test-client.ts')).newClient(server.app);
    const list = await anonymous.get('/api/v1/directory/providers?state=QLD&limit=200');
    expect(list.status).toBe(200);
    const slugs = list.json<{ items: Array<{ slug: string }> }>().items.map((i) => i.slug);
    expect(slugs).toEqual(expect.arrayContaining([consultancy.slug, cb.slug]));
    expect(slugs).not.toContain(draft.slug);
    const cbs = (await anonymous.get('/api/v1/directory/providers?kind=certification_body&state=QLD&limit=200')).json<{ items: Array<{ slug: string }> }>().items.map((i) => i.slug);
    expect(cbs).toContain(cb.slug);
    expect(cbs).not.toContain(consultancy.slug);
    const remote = (await anonymous.get('/api/v1/directory/providers?remote=true&state=QLD&limit=200')).json<{ items: Array<{ slug: string }> }>().items.map((i) => i.slug);
    expect(remote).toEqual([consultancy.slug]);
    // Even the draft's own members do not see it in the directory.
    const ownView = (await draft.client.get('/api/v1/directory/providers?state=QLD&limit=200')).json<{ items: Array<{ slug: string }> }>().items.map((i) => i.slug);
    expect(ownView).not.toContain(draft.slug);
    expect((await anonymous.get(`/api/v1/directory/providers/${draft.slug}`)).status).toBe(404);

    const page = await anonymous.get(`/api/v1/directory/providers/${cb.slug}`);
    expect(page.status).toBe(200);
    const body = page.json<{ commissionPercent: number; accreditations: Array<{ hasCertificate: boolean }>; affiliations: Array<{ affiliatedSlug: string }> }>();
    expect(body.commissionPercent).toBe(5);
    expect(body.accreditations).toHaveLength(1);
    expect(body.accreditations[0]?.hasCertificate).toBe(true);
    expect(body.affiliations[0]?.affiliatedSlug).toBe(consultancy.slug);
    expect(JSON.stringify(page.body)).not.toContain(content);
    expect(JSON.stringify(page.body)).not.toContain('Directory secret bytes');
  });
});
