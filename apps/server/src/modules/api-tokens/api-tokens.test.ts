import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSentence } from '@custodian/shared/domain/audit-wording.ts';
import { bearer, createToken } from '../../../test/bearer.ts';
import { addMemberWithRole, enrolTotp, goodPassword, lastMailTo, linkToken, newClient, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

const item = '/api/v1/gap/items/iso27001:2022:A.5.1';
let now = new Date('2026-12-03T00:00:00.000Z');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(now) });
});
afterAll(async () => {
  await server.close();
});

const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

async function versionOf(secret: string): Promise<number> {
  return (await bearer(server.app, secret, 'GET', item)).json<{ version: number }>().version;
}

describe('API tokens', () => {
  it('shows the secret once (cust_ and 280 random bits), stores only its SHA-256, lists it, and defaults to 90 days', async () => {
    const owner = await signUpOwner(server, { name: 'Jane Citizen' });
    const reply = await owner.client.request('POST', '/api/v1/api-tokens', { name: 'Nightly sync', scopes: ['gap:read'] });
    expect(reply.status).toBe(201);
    const { token, secret } = reply.json<{ token: Record<string, unknown>; secret: string }>();
    expect(secret).toMatch(/^cust_[A-Za-z0-9_-]{47}$/);
    // 280 random bits: the 24 the list shows (hint) leave 256 secret.
    expect(Buffer.from(secret.slice(5), 'base64url')).toHaveLength(35);
    expect(token.hint).toBe(`${secret.slice(0, 9)}…`);
    expect(token).toMatchObject({ name: 'Nightly sync', scopes: ['gap:read'], status: 'active', lastUsedAt: null, isOwn: true, createdBy: { userId: owner.userId, name: 'Jane Citizen' } });
    expect(new Date(String(token.expiresAt)).getTime() - new Date(String(token.createdAt)).getTime()).toBe(90 * 86_400_000);
    const rows = await server.ownerQuery<Record<string, unknown>>('select * from api_tokens where id = $1', [token.id]);
    expect(rows[0]?.token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(secret);
    const list = await owner.client.get('/api/v1/api-tokens');
    expect(list.json<{ items: Array<{ id: string; hint: string }> }>().items.map((t) => t.id)).toEqual([token.id]);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const tooLong = await owner.client.request('POST', '/api/v1/api-tokens', { name: 'Forever', scopes: ['gap:read'], expiresInDays: 366 });
    expect(tooLong.status).toBe(400);
    const noScope = await owner.client.request('POST', '/api/v1/api-tokens', { name: 'Nothing', scopes: [] });
    expect(noScope.status).toBe(400);
    expect((await owner.client.request('POST', '/api/v1/api-tokens', { name: 'Bad', scopes: ['tokens:write'] })).status).toBe(400);
  });

  it('enforces scopes both ways: read cannot write, write cannot read, another module is refused', async () => {
    const owner = await signUpOwner(server);
    const reader = await createToken(owner.client, { name: 'Reader', scopes: ['gap:read', 'org:read'] });
    const writer = await createToken(owner.client, { name: 'Writer', scopes: ['gap:write'] });
    expect((await bearer(server.app, reader.secret, 'GET', '/api/v1/gap/items?limit=5')).status).toBe(200);
    expect((await bearer(server.app, reader.secret, 'GET', '/api/v1/org')).status).toBe(200);
    const readerWrites = await bearer(server.app, reader.secret, 'PATCH', item, { version: 0, status: 'partial' });
    expect(readerWrites.status).toBe(403);
    expect(readerWrites.json<{ error: { details: { scope: string }; message: string } }>().error).toMatchObject({ details: { scope: 'gap:write' }, message: expect.stringContaining('Gap analysis: change') });
    expect((await bearer(server.app, writer.secret, 'PATCH', item, { version: 0, status: 'partial' })).status).toBe(200);
    expect((await bearer(server.app, writer.secret, 'GET', '/api/v1/gap/items')).status).toBe(403);
    expect((await bearer(server.app, writer.secret, 'GET', '/api/v1/members')).status).toBe(403);
    expect((await bearer(server.app, reader.secret, 'GET', '/api/v1/catalogue/search?q=access')).status).toBe(403);
  });

  it("is capped by the person's current role, not the role they had when it was made", async () => {
    const owner = await signUpOwner(server);
    const auditor = await addMemberWithRole(server, owner, 'auditor');
    const auditorToken = await createToken(auditor.client, { name: 'Auditor sync', scopes: ['gap:read', 'gap:write'] });
    expect((await bearer(server.app, auditorToken.secret, 'GET', item)).status).toBe(200);
    const refused = await bearer(server.app, auditorToken.secret, 'PATCH', item, { version: 0, status: 'partial' });
    expect(refused.status).toBe(403);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/role/);

    const contributor = await addMemberWithRole(server, owner, 'contributor');
    const token = await createToken(contributor.client, { name: 'Editor sync', scopes: ['gap:read', 'gap:write'] });
    expect((await bearer(server.app, token.secret, 'PATCH', item, { version: await versionOf(token.secret), status: 'partial' })).status).toBe(200);
    const members = (await owner.client.get('/api/v1/members')).json<{ items: Array<{ userId: string; version: number }> }>().items;
    const version = members.find((m) => m.userId === contributor.userId)?.version;
    expect((await owner.client.request('PATCH', `/api/v1/members/${contributor.userId}`, { version, role: 'staff' })).status).toBe(200);
    expect((await bearer(server.app, token.secret, 'GET', item)).status).toBe(403);
  });

  it('refuses with 401 and a plain message once expired, revoked, or its person has left the organisation', async () => {
    const owner = await signUpOwner(server);
    const shortLived = await createToken(owner.client, { name: 'One day', scopes: ['gap:read'], expiresInDays: 1 });
    const revoked = await createToken(owner.client, { name: 'Revoked', scopes: ['gap:read'] });
    const member = await addMemberWithRole(server, owner, 'contributor');
    const leaver = await createToken(member.client, { name: 'Leaver', scopes: ['gap:read'] });
    for (const token of [shortLived, revoked, leaver]) expect((await bearer(server.app, token.secret, 'GET', item)).status).toBe(200);

    expect((await owner.client.request('POST', `/api/v1/api-tokens/${revoked.id}/revoke`)).status).toBe(200);
    expect((await owner.client.request('DELETE', `/api/v1/members/${member.userId}`)).status).toBe(200);
    later(86_400_000 + 1000);
    const messages = [];
    for (const token of [shortLived, revoked, leaver]) {
      const reply = await bearer(server.app, token.secret, 'GET', item);
      expect(reply.status).toBe(401);
      messages.push(reply.json<{ error: { message: string } }>().error.message);
    }
    expect(messages[0]).toMatch(/has expired/);
    expect(messages[1]).toMatch(/has been revoked/);
    expect(messages[2]).toMatch(/no longer a member/);
    const unknown = await bearer(server.app, `cust_${'A'.repeat(47)}`, 'GET', item);
    expect(unknown.status).toBe(401);
    expect(unknown.json<{ error: { message: string } }>().error.message).toMatch(/not recognised/);
    const malformed = await server.app.inject({ method: 'GET', url: item, headers: { authorization: 'Bearer not-a-token' } });
    expect(malformed.statusCode).toBe(401);
    // A day later the owner's browser session has gone idle: they sign in again to see the list.
    const again = newClient(server.app);
    expect((await again.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword })).status).toBe(200);
    const list = (await again.get('/api/v1/api-tokens')).json<{ items: Array<{ name: string; status: string; createdBy: { name: string } }> }>().items;
    expect(Object.fromEntries(list.map((t) => [t.name, t.status]))).toEqual({ 'One day': 'expired', Revoked: 'revoked', Leaver: 'member_left' });
    // Listed under the name the organisation keeps for people who have left.
    const [kept] = await server.ownerQuery<{ name: string }>('select name from former_members where org_id = $1 and user_id = $2', [owner.orgId, member.userId]);
    expect(list.find((t) => t.name === 'Leaver')).toMatchObject({ createdBy: { name: kept?.name } });

    // Invited back, the person does not bring the old token back to life.
    const invite = await again.request('POST', '/api/v1/invitations', { email: member.email, role: 'contributor' });
    expect(invite.status).toBe(201);
    const token = linkToken((await lastMailTo(server, member.email)).body_text, '/accept-invitation');
    const back = newClient(server.app);
    expect((await back.request('POST', '/api/v1/auth/login', { email: member.email, password: goodPassword })).status).toBe(200);
    expect((await back.request('POST', '/api/v1/auth/accept-invitation', { token })).status).toBe(200);
    const [membership] = await server.ownerQuery<{ n: string }>('select count(*)::text as n from memberships where user_id = $1', [member.userId]);
    expect(membership?.n).toBe('1');
    expect((await bearer(server.app, leaver.secret, 'GET', item)).status).toBe(401);
  });

  it('needs no CSRF token, refuses a request that carries both a cookie and a token (400), and cannot reach account routes', async () => {
    const owner = await signUpOwner(server);
    const token = await createToken(owner.client, { name: 'Everything', scopes: ['gap:read', 'gap:write', 'members:read', 'members:write', 'org:read', 'org:write'] });
    const write = await bearer(server.app, token.secret, 'PATCH', item, { version: await versionOf(token.secret), status: 'partial' }, { origin: 'https://elsewhere.example' });
    expect(write.status).toBe(200);
    const cookie = [...owner.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const both = await bearer(server.app, token.secret, 'GET', item, undefined, { cookie });
    expect(both.status).toBe(400);
    expect(both.json<{ error: { message: string } }>().error.message).toMatch(/both an API token and the sign-in cookies/);

    const mint = await bearer(server.app, token.secret, 'POST', '/api/v1/api-tokens', { name: 'Child', scopes: ['gap:read'] });
    expect(mint.status).toBe(403);
    expect(mint.json<{ error: { details: { reason: string } } }>().error.details.reason).toBe('not_for_api_tokens');
    expect((await bearer(server.app, token.secret, 'GET', '/api/v1/api-tokens')).status).toBe(403);
    expect((await bearer(server.app, token.secret, 'POST', `/api/v1/api-tokens/${token.id}/revoke`)).status).toBe(403);
    expect((await bearer(server.app, token.secret, 'GET', '/api/v1/auth/sessions')).status).toBe(403);
    expect((await bearer(server.app, token.secret, 'POST', '/api/v1/auth/password', { currentPassword: 'x', newPassword: 'another long phrase 77' })).status).toBe(403);
    expect((await bearer(server.app, token.secret, 'POST', '/api/v1/auth/mfa/setup')).status).toBe(403);
    expect((await bearer(server.app, token.secret, 'POST', '/api/v1/auth/logout')).status).toBe(403);
    const [count] = await server.ownerQuery<{ n: string }>('select count(*)::text as n from api_tokens where user_id = $1', [owner.userId]);
    expect(count?.n).toBe('1');
  });

  it("names the person and the token in every change it makes, and audits creating and revoking in plain words", async () => {
    const owner = await signUpOwner(server, { name: 'Jane Citizen' });
    const token = await createToken(owner.client, { name: 'Nightly sync', scopes: ['gap:read', 'gap:write'] });
    expect((await bearer(server.app, token.secret, 'PATCH', item, { version: await versionOf(token.secret), status: 'implemented' })).status).toBe(200);
    expect((await owner.client.request('POST', `/api/v1/api-tokens/${token.id}/revoke`)).status).toBe(200);
    const events = (await owner.client.get('/api/v1/audit-log?limit=5')).json<{ items: Array<Record<string, unknown>> }>().items;
    const [revokedEvent, updated, created] = events;
    expect(updated).toMatchObject({ action: 'gap.updated', actorUserId: owner.userId, actorName: "Jane Citizen (API token 'Nightly sync')" });
    expect(String(updated?.actorLabel)).toBe(`Jane Citizen <${owner.email}> (API token 'Nightly sync')`);
    const sentence = (e: Record<string, unknown> | undefined) => auditSentence({ action: String(e?.action), actorName: String(e?.actorName), subject: (e?.subject as string) ?? null, before: e?.before, after: e?.after, people: {} });
    expect(sentence(updated)).toMatch(/^Jane Citizen \(API token 'Nightly sync'\) updated control A\.5\.1/);
    expect(sentence(created)).toBe("Jane Citizen created the API token 'Nightly sync'.");
    expect(sentence(revokedEvent)).toBe("Jane Citizen revoked the API token 'Nightly sync' (made by Jane Citizen).");
    // The expiry date is the calendar day in the organisation's time zone (Sydney), 90 days on.
    const expiresOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney' }).format(new Date(now.getTime() + 90 * 86_400_000));
    expect(created?.after).toMatchObject({ permissions: 'Gap analysis: read and change', expiresOn });
  });

  it('records the last use at most once a minute', async () => {
    const owner = await signUpOwner(server);
    const token = await createToken(owner.client, { name: 'Clock', scopes: ['gap:read'] });
    const lastUsed = async () => (await server.ownerQuery<{ last_used_at: Date | null }>('select last_used_at from api_tokens where id = $1', [token.id]))[0]?.last_used_at ?? null;
    expect(await lastUsed()).toBeNull();
    const first = new Date(now);
    await bearer(server.app, token.secret, 'GET', item);
    expect((await lastUsed())?.toISOString()).toBe(first.toISOString());
    later(30_000);
    await bearer(server.app, token.secret, 'GET', item);
    expect((await lastUsed())?.toISOString()).toBe(first.toISOString());
    later(31_000);
    const third = new Date(now);
    await bearer(server.app, token.secret, 'GET', item);
    expect((await lastUsed())?.toISOString()).toBe(third.toISOString());
    const listed = (await owner.client.get('/api/v1/api-tokens')).json<{ items: Array<{ lastUsedAt: string }> }>().items[0];
    expect(listed?.lastUsedAt).toBe(third.toISOString());
  });

  it('lets each member see and revoke their own tokens, and owners every token of the organisation', async () => {
    const owner = await signUpOwner(server);
    const manager = await addMemberWithRole(server, owner, 'isms_manager');
    const staff = await addMemberWithRole(server, owner, 'staff');
    const ownersToken = await createToken(owner.client, { name: 'Owner token', scopes: ['org:read'] });
    const managersToken = await createToken(manager.client, { name: 'Manager token', scopes: ['gap:read'] });
    const staffToken = await createToken(staff.client, { name: 'Staff token', scopes: ['org:read'] });
    const names = async (client: typeof owner.client) => (await client.get('/api/v1/api-tokens')).json<{ items: Array<{ name: string }> }>().items.map((t) => t.name).sort();
    expect(await names(owner.client)).toEqual(['Manager token', 'Owner token', 'Staff token']);
    expect(await names(manager.client)).toEqual(['Manager token']);
    expect((await manager.client.request('POST', `/api/v1/api-tokens/${staffToken.id}/revoke`)).status).toBe(404);
    expect((await manager.client.request('POST', `/api/v1/api-tokens/${ownersToken.id}/revoke`)).status).toBe(404);
    expect((await manager.client.request('POST', `/api/v1/api-tokens/${managersToken.id}/revoke`)).status).toBe(200);
    expect((await manager.client.request('POST', `/api/v1/api-tokens/${managersToken.id}/revoke`)).status).toBe(409);
    expect((await owner.client.request('POST', `/api/v1/api-tokens/${staffToken.id}/revoke`)).status).toBe(200);
    const other = await signUpOwner(server, { organisationName: 'Other Clinic' });
    expect((await other.client.request('POST', `/api/v1/api-tokens/${ownersToken.id}/revoke`)).status).toBe(404);
    expect(await names(other.client)).toEqual([]);
  });

  it('stops working, and cannot be made, while the organisation requires two-step verification the person has not set up', async () => {
    // Authenticator codes follow the real clock: a server of its own, without the test clock.
    const real = await startTestServer();
    try {
      const owner = await signUpOwner(real);
      await enrolTotp(owner.client);
      const member = await addMemberWithRole(real, owner, 'contributor');
      const token = await createToken(member.client, { name: 'Before the rule', scopes: ['org:read'] });
      expect((await bearer(real.app, token.secret, 'GET', '/api/v1/org')).status).toBe(200);
      const version = (await owner.client.get('/api/v1/org')).json<{ version: number }>().version;
      expect((await owner.client.request('PATCH', '/api/v1/org', { version, isMfaRequired: true })).status).toBe(200);
      const refused = await bearer(real.app, token.secret, 'GET', '/api/v1/org');
      expect(refused.status).toBe(403);
      expect(refused.json<{ error: { details: { reason: string } } }>().error.details.reason).toBe('mfa_enrolment_required');
      expect((await member.client.request('POST', '/api/v1/api-tokens', { name: 'After the rule', scopes: ['org:read'] })).status).toBe(403);
    } finally {
      await real.close();
    }
  });

  it('limits each token to its own number of requests a minute', async () => {
    const limited = await startTestServer({ env: { API_TOKEN_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const owner = await signUpOwner(limited);
      const busy = await createToken(owner.client, { name: 'Busy', scopes: ['org:read'] });
      const quiet = await createToken(owner.client, { name: 'Quiet', scopes: ['org:read'] });
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await bearer(limited.app, busy.secret, 'GET', '/api/v1/org')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await bearer(limited.app, quiet.secret, 'GET', '/api/v1/org')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
