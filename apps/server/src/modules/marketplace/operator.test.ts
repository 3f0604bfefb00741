import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsMember } from '../../core/transaction.ts';
import { accreditationInput, createProvider, grantOperator, signUpOperator, type TestProvider } from '../../../test/marketplace-factories-providers.ts';
import { newClient, signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let now = new Date('2026-12-03T00:00:00.000Z');
let server: TestServer;
let operator: { client: TestClient; userId: string };

beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(now) });
  operator = await signUpOperator(server, now);
});
afterAll(async () => {
  await server.close();
});

interface Badge {
  subject: string;
  wording: string;
}
interface Claim {
  subject: string;
  subjectId: string | null;
  state: string;
  latestVerificationId: string | null;
}

async function publicBadges(slug: string): Promise<Badge[]> {
  const reply = await newClient(server.app).get(`/api/v1/directory/providers/${slug}`);
  expect(reply.status).toBe(200);
  return reply.json<{ badges: Badge[] }>().badges;
}

async function addAccreditation(cb: TestProvider, overrides: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const reply = await cb.client.request('POST', '/api/v1/provider/accreditations', accreditationInput(overrides));
  expect(reply.status).toBe(201);
  return reply.json<{ id: string; version: number }>();
}

function verify(orgId: string, body: Record<string, unknown>) {
  return operator.client.request('POST', `/api/v1/operator/providers/${orgId}/verifications`, body);
}

describe('the platform operator', () => {
  it('verifies a profile and an accreditation: dated badges, shown publicly, recorded in the platform trail', async () => {
    const cb = await createProvider(server, { kind: 'certification_body', displayName: 'Badge Certifiers' });
    const accreditation = await addAccreditation(cb, { expiresOn: '2027-06-30' });
    expect((await verify(cb.orgId, { subject: 'profile' })).status).toBe(201);
    const verified = await verify(cb.orgId, { subject: 'accreditation', accreditationId: accreditation.id, note: 'Checked on the JAS-ANZ register' });
    expect(verified.status).toBe(201);
    expect(verified.json<{ needsVerification: boolean }>().needsVerification).toBe(false);
    const badges = await publicBadges(cb.slug);
    expect(badges.map((b) => b.wording).sort()).toEqual(['Accreditation verified by Custodian on 03/12/2026, valid until 30/06/2027', 'Profile verified by Custodian on 03/12/2026']);
    const trail = await server.ownerQuery<{ action: string; actor_label: string }>(
      "select a.action, a.actor_label from audit_events a join orgs o on o.org_id = a.org_id where o.kind = 'platform' and a.action = 'provider.verified' and a.entity_id = $1",
      [cb.orgId],
    );
    expect(trail).toHaveLength(2);
    expect(trail[0]?.actor_label).toContain('(platform operator)');
    const list = await operator.client.get('/api/v1/operator/providers?limit=200');
    expect(list.status).toBe(200);
    const row = list.json<{ items: Array<{ orgId: string; claims: Claim[] }> }>().items.find((p) => p.orgId === cb.orgId);
    expect(row?.claims.map((c) => c.state)).toEqual(['verified', 'verified']);
  });

  it('a badge stops showing once its claim is edited, and once the accreditation lapses', async () => {
    const cb = await createProvider(server, { kind: 'certification_body' });
    const soon = await addAccreditation(cb, { expiresOn: '2026-12-05' });
    const later = await addAccreditation(cb, { expiresOn: '2027-12-31' });
    await verify(cb.orgId, { subject: 'accreditation', accreditationId: soon.id });
    await verify(cb.orgId, { subject: 'accreditation', accreditationId: later.id });
    await verify(cb.orgId, { subject: 'profile' });
    expect(await publicBadges(cb.slug)).toHaveLength(3);
    // Editing the claim (the scope note) ends that accreditation's badge; the others hold.
    const edited = await cb.client.request('PATCH', `/api/v1/provider/accreditations/${later.id}`, { version: later.version, scopeNote: 'Now a wider scope' });
    expect(edited.json<{ badge: unknown; verificationState: string }>()).toMatchObject({ badge: null, verificationState: 'changed_since' });
    expect((await publicBadges(cb.slug)).map((b) => b.subject).sort()).toEqual(['accreditation', 'profile']);
    // Editing a field the profile verification does not vouch for (the summary) keeps its badge; the team does not.
    const profile = (await cb.client.get('/api/v1/provider/profile')).json<{ version: number }>();
    const summary = await cb.client.request('PATCH', '/api/v1/provider/profile', { version: profile.version, summary: 'New words' });
    expect(summary.json<{ verificationState: string }>().verificationState).toBe('verified');
    const team = await cb.client.request('PATCH', '/api/v1/provider/profile', { version: profile.version + 1, teamSize: 40 });
    expect(team.json<{ verificationState: string }>().verificationState).toBe('changed_since');
    expect((await publicBadges(cb.slug)).map((b) => b.subject)).toEqual(['accreditation']);
    // Three days on, the first accreditation has expired: its badge lapses.
    now = new Date('2026-12-06T03:00:00.000Z');
    try {
      expect(await publicBadges(cb.slug)).toEqual([]);
    } finally {
      now = new Date('2026-12-03T00:00:00.000Z');
    }
    // An accreditation already expired cannot be verified.
    const expired = await addAccreditation(cb, { expiresOn: '2026-12-01' });
    const refused = await verify(cb.orgId, { subject: 'accreditation', accreditationId: expired.id });
    expect(refused.status).toBe(409);
    expect(refused.json<{ error: { message: string } }>().error.message).toContain('expired on 01/12/2026');
  });

  it('withdraws a verification once; suspends and reinstates with a reason (the directory follows), one of two at once', async () => {
    const consultant = await createProvider(server, { displayName: 'Suspended Advisory' });
    const verified = (await verify(consultant.orgId, { subject: 'profile' })).json<{ claims: Claim[] }>();
    const verificationId = verified.claims[0]?.latestVerificationId;
    const revoke = () => operator.client.request('POST', `/api/v1/operator/providers/${consultant.orgId}/verifications/${verificationId}/revoke`);
    const revokes = await Promise.all([revoke(), revoke()]);
    expect(revokes.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await publicBadges(consultant.slug)).toEqual([]);

    const suspend = () => operator.client.request('POST', `/api/v1/operator/providers/${consultant.orgId}/suspend`, { reason: 'Claimed an accreditation it does not hold' });
    const suspensions = await Promise.all([suspend(), suspend()]);
    expect(suspensions.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await newClient(server.app).get(`/api/v1/directory/providers/${consultant.slug}`)).status).toBe(404);
    const own = (await consultant.client.get('/api/v1/provider/profile')).json<{ suspendedReason: string }>();
    expect(own.suspendedReason).toBe('Claimed an accreditation it does not hold');
    expect((await operator.client.request('POST', `/api/v1/operator/providers/${consultant.orgId}/reinstate`, { note: 'Explained' })).status).toBe(200);
    expect((await newClient(server.app).get(`/api/v1/directory/providers/${consultant.slug}`)).status).toBe(200);
    const actions = await server.ownerQuery<{ action: string }>("select action from audit_events where entity_id = $1 and action like 'provider.%' order by seq", [consultant.orgId]);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['provider.verification_revoked', 'provider.suspended', 'provider.reinstated']));
  });

  it('only the operator verifies or suspends: a provider’s owner gets 403, and the database refuses the provider suspending itself', async () => {
    const cb = await createProvider(server, { kind: 'certification_body' });
    expect((await cb.client.request('POST', `/api/v1/operator/providers/${cb.orgId}/verifications`, { subject: 'profile' })).status).toBe(403);
    expect((await cb.client.request('POST', `/api/v1/operator/providers/${cb.orgId}/suspend`, { reason: 'Suspending myself' })).status).toBe(403);
    expect((await cb.client.get('/api/v1/operator/health')).status).toBe(403);
    const base = { deps: server.deps, now: new Date(now), requestId: 'test', log: server.app.log };
    const member = {
      actor: { userId: cb.userId, userLabel: 'Provider owner', orgId: cb.orgId, role: 'owner' as const },
      org: { id: cb.orgId, name: 'CB', timeZone: 'Australia/Sydney', isDemo: false, isMfaRequired: false },
      name: 'Provider owner',
      email: cb.email,
    };
    await expect(
      runAsMember(base, member, async (ctx) => {
        ctx.skipAudit('the statement is refused');
        await sql`update provider_profiles set suspended_at = now(), suspended_reason = 'self' where org_id = ${cb.orgId}`.execute(ctx.tx);
      }),
    ).rejects.toThrow(/only the platform operator suspends or reinstates a provider/);
    const insert = runAsMember(base, member, async (ctx) => {
      ctx.skipAudit('the statement is refused');
      await sql`insert into provider_verifications (org_id, id, subject, claim_sha256, verified_on, created_at) values (${cb.orgId}, gen_random_uuid(), 'profile', 'x', '2026-12-03', now())`.execute(ctx.tx);
    });
    await expect(insert).rejects.toThrow(/row-level security/);
  });

  it('needs two-step verification: an operator without it gets 403', async () => {
    const person = await signUpOwner(server, { name: 'No Mfa Operator' });
    await grantOperator(server, person.userId);
    const refused = await person.client.get('/api/v1/operator/providers');
    expect(refused.status).toBe(403);
    expect(refused.json<{ error: { message: string } }>().error.message).toContain('two-step verification');
    const session = (await operator.client.get('/api/v1/auth/session')).json<{ user: { isPlatformOperator: boolean } }>();
    expect(session.user.isPlatformOperator).toBe(true);
    expect((await person.client.get('/api/v1/auth/session')).json<{ user: { isPlatformOperator: boolean } }>().user.isPlatformOperator).toBe(true);
    const plain = await signUpOwner(server);
    expect((await plain.client.get('/api/v1/auth/session')).json<{ user: { isPlatformOperator: boolean } }>().user.isPlatformOperator).toBe(false);
  });

  it('reports marketplace health from the marketplace tables over 30 and 90 days', async () => {
    const before = (await operator.client.get('/api/v1/operator/health')).json<{ windows: Array<{ days: number; requestsByStatus: Record<string, number>; quoteAcceptanceRate: number | null }> }>();
    expect(before.windows.map((w) => w.days)).toEqual([30, 90]);
    const requester = await signUpOwner(server);
    const provider = await createProvider(server);
    const requestId = crypto.randomUUID();
    const at = new Date(now.getTime() - 40 * 86_400_000);
    await server.ownerQuery(
      `insert into marketplace_requests (id, org_id, status, contact_name, contact_email, organisation_name, sector, headcount, fte, certification_status, maturity, timeline, urgency, services, created_at, updated_at)
       values ($1, $2, 'open', 'Pat', 'pat@clinic.example', 'Clinic', 'general_practice', 20, 18, 'none', 'starting', 'within_6_months', 'flexible', '{consulting}', $3, $3)`,
      [requestId, requester.orgId, at],
    );
    await server.ownerQuery(
      `insert into marketplace_leads (id, request_id, provider_org_id, lane, rank, score, status, offered_at, respond_by, responded_at, anonymised)
       values (gen_random_uuid(), $1, $2, 'consulting', 1, 1, 'accepted', $3, $3::timestamptz + interval '72 hours', $3::timestamptz + interval '5 hours', '{}')`,
      [requestId, provider.orgId, at],
    );
    const health = (await operator.client.get('/api/v1/operator/health')).json<{
      windows: Array<{ days: number; requestsByStatus: Record<string, number>; leads: { offered: number; accepted: number }; medianHoursToFirstResponse: number | null }>;
    }>();
    const [thirty, ninety] = health.windows;
    const beforeNinety = before.windows[1];
    expect((ninety?.requestsByStatus.open ?? 0) - (beforeNinety?.requestsByStatus.open ?? 0)).toBe(1);
    expect(thirty?.requestsByStatus.open ?? 0).toBe(before.windows[0]?.requestsByStatus.open ?? 0);
    expect(ninety?.leads.accepted).toBeGreaterThanOrEqual(1);
    expect(ninety?.medianHoursToFirstResponse).not.toBeNull();
  });
});
