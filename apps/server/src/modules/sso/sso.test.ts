import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestProvider } from '../../../test/oidc-test-provider.ts';
import { configureSso, ownerAt, ssoCallbackFor, ssoSignIn, startProviderFor, uniqueDomain } from '../../../test/sso-support.ts';
import { addMemberWithRole, enrolTotp, goodPassword, lastMailTo, linkToken, newClient, signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { decrypt } from '../../lib/crypto.ts';
import { exportOrganisation } from '../backup/backup.service.ts';

let server: TestServer;
let provider: TestProvider;
beforeAll(async () => {
  server = await startTestServer();
  provider = await startProviderFor(server);
});
afterAll(async () => {
  await provider?.close();
  await server?.close();
});

type ErrorReply = { error: { code: string; message: string; details?: Array<{ path: string }> | { reason?: string } } };
type Session = { isSignedIn: boolean; organisation: { orgId: string; role: string } | null; user: { id: string; email: string } | null };

async function actions(orgId: string): Promise<Array<{ action: string; after: Record<string, unknown> | null }>> {
  return server.ownerQuery('select action, after from audit_events where org_id = $1 order by seq', [orgId]);
}

/** Invites `email` to the owner's organisation and has them accept with a password. */
async function memberAt(owner: { client: TestClient }, email: string, role: string) {
  expect((await owner.client.request('POST', '/api/v1/invitations', { email, role })).status).toBe(201);
  const token = linkToken((await lastMailTo(server, email)).body_text, '/accept-invitation');
  const client = newClient(server.app);
  expect((await client.request('POST', '/api/v1/auth/accept-invitation', { token, name: 'Pat Member', password: goodPassword })).status).toBe(200);
  const userId = (await client.get('/api/v1/auth/session')).json<{ user: { id: string } }>().user.id;
  return { client, email, userId };
}

describe('single sign-on settings', () => {
  it('are for owners, check the provider when saved, and never give the client secret back', async () => {
    const owner = await ownerAt(server, uniqueDomain());
    const empty = await owner.client.get('/api/v1/org/sso');
    expect(empty.json()).toMatchObject({ isConfigured: false, version: 0, hasClientSecret: false, redirectUri: `${server.deps.config.publicUrl}/sso/callback` });
    const base = { clientId: provider.clientId, clientSecret: provider.clientSecret, isRequired: false, isJitEnabled: true, jitRole: 'staff', version: 0 };

    const unreachable = await owner.client.request('PUT', '/api/v1/org/sso', { ...base, issuer: 'http://127.0.0.1:9' });
    expect(unreachable.status).toBe(400);
    expect(unreachable.json<ErrorReply>().error.message).toMatch(/could not reach an OpenID Connect provider/);
    const notOidc = await owner.client.request('PUT', '/api/v1/org/sso', { ...base, issuer: `${server.deps.config.publicUrl.replace('localhost', '127.0.0.1')}/nothing-here` });
    expect(notOidc.status).toBe(400);
    const plainHttp = await owner.client.request('PUT', '/api/v1/org/sso', { ...base, issuer: 'http://idp.clinic.example' });
    expect(plainHttp.status).toBe(400);
    expect(plainHttp.json<ErrorReply>().error.message).toMatch(/must start with https/);

    const saved = await owner.client.request('PUT', '/api/v1/org/sso', { ...base, issuer: provider.issuer });
    expect(saved.status).toBe(200);
    expect(saved.json()).toMatchObject({ isConfigured: true, issuer: provider.issuer, hasClientSecret: true, version: 1, jitRole: 'staff' });
    expect(saved.raw.body).not.toContain(provider.clientSecret);
    const [row] = await server.ownerQuery<{ client_secret_enc: string }>('select client_secret_enc from sso_settings where org_id = $1', [owner.orgId]);
    expect(row?.client_secret_enc).not.toContain(provider.clientSecret);
    expect(decrypt(server.deps.keys.encryption, row?.client_secret_enc ?? '')).toBe(provider.clientSecret);

    const stale = await owner.client.request('PUT', '/api/v1/org/sso', { ...base, issuer: provider.issuer, version: 0 });
    expect(stale.status).toBe(409);
    const { clientSecret: _kept, ...withoutSecret } = base;
    const kept = await owner.client.request('PUT', '/api/v1/org/sso', { ...withoutSecret, issuer: provider.issuer, jitRole: 'auditor', version: 1 });
    expect(kept.json()).toMatchObject({ version: 2, jitRole: 'auditor', hasClientSecret: true });
    const events = (await actions(owner.orgId)).filter((e) => e.action === 'sso.settings_changed');
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain(provider.clientSecret);

    // The organisation's export carries the settings but not the secret, not even encrypted.
    const exported = await exportOrganisation(server.deps.database, owner.orgId);
    expect(exported).toContain(provider.issuer);
    expect(exported).not.toMatch(/client_secret/);
    const member = await addMemberWithRole(server, owner, 'isms_manager');
    expect((await member.client.get('/api/v1/org/sso')).status).toBe(403);
  });

  it("adds only the domain of the owner's own address, and gives each domain to one organisation", async () => {
    const domain = uniqueDomain();
    const first = await ownerAt(server, domain, 'First Clinic');
    const other = await first.client.request('POST', '/api/v1/org/sso/domains', { domain: 'someone-else.example' });
    expect(other.status).toBe(400);
    expect(other.json<ErrorReply>().error.message).toMatch(/only the domain of your own e-mail address/);
    expect((await first.client.request('POST', '/api/v1/org/sso/domains', { domain: domain.toUpperCase() })).status).toBe(201);
    expect((await first.client.request('POST', '/api/v1/org/sso/domains', { domain })).status).toBe(409);
    const second = await ownerAt(server, domain, 'Second Clinic');
    const taken = await second.client.request('POST', '/api/v1/org/sso/domains', { domain });
    expect(taken.status).toBe(409);
    expect(taken.json<ErrorReply>().error.message).toMatch(/another organisation/);
    expect((await actions(first.orgId)).map((e) => e.action)).toContain('sso.domain_added');
    const removed = await first.client.request('DELETE', `/api/v1/org/sso/domains/${domain}`);
    expect(removed.status).toBe(200);
    expect((await actions(first.orgId)).map((e) => e.action)).toContain('sso.domain_removed');
  });

  it('lets exactly one of two organisations claiming one domain at the same moment have it', async () => {
    for (let run = 0; run < 3; run += 1) {
      const domain = uniqueDomain('race');
      const [a, b] = [await ownerAt(server, domain, 'Race A'), await ownerAt(server, domain, 'Race B')];
      const replies = await Promise.all([a, b].map((o) => o.client.request('POST', '/api/v1/org/sso/domains', { domain })));
      expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
      const rows = await server.ownerQuery('select org_id from sso_domains where domain = $1', [domain]);
      expect(rows).toHaveLength(1);
    }
  });
});

describe('signing in with single sign-on', () => {
  it('creates a person just in time, with a confirmed address, no usable password and the default role', async () => {
    const domain = uniqueDomain();
    const owner = await ownerAt(server, domain);
    expect((await configureSso(owner, provider, { isJitEnabled: true, jitRole: 'contributor' })).status).toBe(200);
    const email = `amy.nurse@${domain}`;
    const { client, reply } = await ssoSignIn(server, email);
    expect(reply.status).toBe(200);
    const session = (await client.get('/api/v1/auth/session')).json<Session>();
    expect(session).toMatchObject({ isSignedIn: true, organisation: { orgId: owner.orgId, role: 'contributor' }, user: { email } });
    const [user] = await server.ownerQuery<{ email_verified_at: Date | null; sso: string | null }>(
      'select u.email_verified_at, s.sso_org_id::text as sso from users u join sessions s on s.user_id = u.id where u.email = $1',
      [email],
    );
    expect(user?.email_verified_at).not.toBeNull();
    expect(user?.sso).toBe(owner.orgId);
    const login = await newClient(server.app).request('POST', '/api/v1/auth/login', { email, password: goodPassword });
    expect(login.status).toBe(401);
    const trail = await actions(owner.orgId);
    expect(trail.find((e) => e.action === 'member.joined_by_sso')?.after).toMatchObject({ role: 'contributor', isNewAccount: true });
    expect(trail.filter((e) => e.action === 'user.signed_in').at(-1)?.after).toEqual({ method: 'sso' });
    // A second visit finds the same person and adds nothing.
    expect((await ssoSignIn(server, email)).reply.status).toBe(200);
    expect((await actions(owner.orgId)).filter((e) => e.action === 'member.joined_by_sso')).toHaveLength(1);
    // Removed, they are a former member; back through single sign-on, a member again and no longer listed as having left.
    const [joined] = await server.ownerQuery<{ id: string }>('select id::text from users where email = $1', [email]);
    expect((await owner.client.request('DELETE', `/api/v1/members/${joined?.id ?? ''}`)).status).toBe(200);
    const formerCount = async () => (await server.ownerQuery<{ n: string }>('select count(*)::text as n from former_members where org_id = $1 and user_id = $2', [owner.orgId, joined?.id]))[0]?.n;
    expect(await formerCount()).toBe('1');
    expect((await ssoSignIn(server, email)).reply.status).toBe(200);
    expect(await formerCount()).toBe('0');
  });

  it('refuses people who are not members when just-in-time membership is off, and admits members', async () => {
    const domain = uniqueDomain();
    const owner = await ownerAt(server, domain);
    await configureSso(owner, provider, { isJitEnabled: false });
    const stranger = await ssoSignIn(server, `stranger@${domain}`);
    expect(stranger.reply.status).toBe(400);
    expect(stranger.reply.json<ErrorReply>().error.message).toMatch(/Ask its owner to invite you/);
    expect(await server.ownerQuery('select 1 from users where email = $1', [`stranger@${domain}`])).toHaveLength(0);
    expect((await ssoSignIn(server, owner.email)).reply.status).toBe(200);
  });

  it('requires an address the provider confirmed, at one of the domains', async () => {
    const domain = uniqueDomain();
    const owner = await ownerAt(server, domain);
    await configureSso(owner, provider);
    provider.accounts.set(`unconfirmed@${domain}`, { email: `unconfirmed@${domain}`, emailVerified: false });
    const unconfirmed = await ssoSignIn(server, `unconfirmed@${domain}`);
    expect(unconfirmed.reply.status).toBe(400);
    expect(unconfirmed.reply.json<ErrorReply>().error.message).toMatch(/has not confirmed your e-mail address/);
    provider.accounts.set(`elsewhere@${domain}`, { email: 'someone@gmail.example', emailVerified: true });
    const elsewhere = await ssoSignIn(server, `elsewhere@${domain}`);
    expect(elsewhere.reply.status).toBe(400);
    expect(elsewhere.reply.json<ErrorReply>().error.message).toMatch(/does not cover addresses at gmail.example/);
  });

  it('answers an address whose domain has no single sign-on with the same plain refusal, account or not', async () => {
    const client = newClient(server.app);
    const unknown = await client.request('POST', '/api/v1/auth/sso/start', { email: `nobody@${uniqueDomain('none')}` });
    const known = await signUpOwner(server);
    const withAccount = await client.request('POST', '/api/v1/auth/sso/start', { email: known.email });
    expect([unknown.status, withAccount.status]).toEqual([400, 400]);
    expect(unknown.json<ErrorReply>().error.message).toBe(withAccount.json<ErrorReply>().error.message);
  });

  it('uses a sign-in attempt once: of two callbacks with the same state, one signs in', async () => {
    const domain = uniqueDomain();
    const owner = await ownerAt(server, domain);
    await configureSso(owner, provider);
    for (let run = 0; run < 3; run += 1) {
      const client = newClient(server.app);
      const body = await ssoCallbackFor(client, `racer${run}@${domain}`);
      const replies = await Promise.all([client.request('POST', '/api/v1/auth/sso/complete', body), newClient(server.app).request('POST', '/api/v1/auth/sso/complete', body)]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 400]);
    }
    const again = newClient(server.app);
    const used = await ssoCallbackFor(again, `replay@${domain}`);
    expect((await again.request('POST', '/api/v1/auth/sso/complete', used)).status).toBe(200);
    expect((await again.request('POST', '/api/v1/auth/sso/complete', used)).json<ErrorReply>().error.message).toMatch(/expired or was already used/);
  });
});

describe('"single sign-on required"', () => {
  it('keeps password sessions of members out, with owners who have two-step verification as the break-glass', async () => {
    const domain = uniqueDomain();
    const owner = await ownerAt(server, domain);
    await configureSso(owner, provider, { isJitEnabled: true });
    const settings = (await owner.client.get('/api/v1/org/sso')).json<{ version: number }>();
    const require = { issuer: provider.issuer, clientId: provider.clientId, isRequired: true, isJitEnabled: true, jitRole: 'contributor', version: settings.version };
    const withoutMfa = await owner.client.request('PUT', '/api/v1/org/sso', require);
    expect(withoutMfa.status).toBe(400);
    expect(withoutMfa.json<ErrorReply>().error.message).toMatch(/two-step verification/);
    const { recoveryCodes } = await enrolTotp(owner.client);

    // A member with a password, signed in before single sign-on becomes required, and one in two organisations.
    const member = await memberAt(owner, `pat.member@${domain}`, 'contributor');
    const elsewhere = await signUpOwner(server, { organisationName: 'Their Other Clinic' });
    const both = await memberAt(owner, `two.orgs@${domain}`, 'staff');
    expect((await elsewhere.client.request('POST', '/api/v1/invitations', { email: both.email, role: 'staff' })).status).toBe(201);
    const token = linkToken((await lastMailTo(server, both.email)).body_text, '/accept-invitation');
    expect((await both.client.request('POST', '/api/v1/auth/accept-invitation', { token })).status).toBe(200);
    const secondOwner = await memberAt(owner, `second.owner@${domain}`, 'staff');
    await owner.client.request('PATCH', `/api/v1/members/${secondOwner.userId}`, { role: 'owner', version: 1 });

    const required = await owner.client.request('PUT', '/api/v1/org/sso', require);
    expect(required.status).toBe(200);
    expect(required.json()).toMatchObject({ isRequired: true });
    expect((await actions(owner.orgId)).filter((e) => e.action === 'sso.settings_changed').at(-1)?.after).toMatchObject({ isRequired: true });

    // The member's password session no longer works in the organisation, and says why.
    const refused = await member.client.get('/api/v1/org');
    expect(refused.status).toBe(403);
    expect(refused.json<ErrorReply>().error).toMatchObject({ details: { reason: 'sso_required' } });
    // Signing in again with the password is refused with a pointer to single sign-on.
    const login = await newClient(server.app).request('POST', '/api/v1/auth/login', { email: member.email, password: goodPassword });
    expect(login.status).toBe(403);
    expect(login.json<ErrorReply>().error.message).toMatch(/single sign-on/);
    // Someone who also belongs to an organisation without the requirement signs in there, and cannot switch in.
    const bothAgain = newClient(server.app);
    expect((await bothAgain.request('POST', '/api/v1/auth/login', { email: both.email, password: goodPassword })).status).toBe(200);
    expect((await bothAgain.get('/api/v1/auth/session')).json<Session>().organisation?.orgId).toBe(elsewhere.orgId);
    const switched = await bothAgain.request('POST', '/api/v1/auth/switch-org', { orgId: owner.orgId });
    expect(switched.status).toBe(403);
    expect(switched.json<ErrorReply>().error.message).toMatch(/single sign-on/);
    // An owner without two-step verification is no exception.
    expect((await newClient(server.app).request('POST', '/api/v1/auth/login', { email: secondOwner.email, password: goodPassword })).status).toBe(403);
    // Break-glass: an owner with two-step verification still gets in with password and code.
    const glass = newClient(server.app);
    expect((await glass.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword })).json()).toEqual({ status: 'mfa_required' });
    expect((await glass.request('POST', '/api/v1/auth/mfa/challenge', { recoveryCode: recoveryCodes[0] })).status).toBe(200);
    expect((await glass.get('/api/v1/org')).status).toBe(200);
    // The member through single sign-on gets in.
    const viaSso = await ssoSignIn(server, member.email);
    expect(viaSso.reply.status).toBe(200);
    expect((await viaSso.client.get('/api/v1/org')).status).toBe(200);
    expect((await viaSso.client.get('/api/v1/auth/session')).json<Session>().organisation?.orgId).toBe(owner.orgId);
    // Changing the password replaces the session; the replacement still counts as single sign-on.
    expect((await viaSso.client.request('POST', '/api/v1/auth/password', { currentPassword: goodPassword, newPassword: 'tides under the old pier 58' })).status).toBe(200);
    expect((await viaSso.client.get('/api/v1/org')).status).toBe(200);
  });
});
