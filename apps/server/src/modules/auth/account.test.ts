import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, lastMailTo, newClient, signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { LOGIN_MAX_FAILURES: '3' } });
});
afterAll(async () => server.close());

const newPassword = 'kelp forest by the breakwater 19';
const firefox = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0';
type ErrorReply = { error: { code: string; message: string; details?: Array<{ path: string }> } };
type Sessions = { items: Array<{ id: string; device: string; isCurrent: boolean; createdAt: string; lastSeenAt: string; isMfaPending: boolean }> };

async function actions(orgId: string): Promise<string[]> {
  const rows = await server.ownerQuery<{ action: string }>('select action from audit_events where org_id = $1 order by seq', [orgId]);
  return rows.map((r) => r.action);
}

async function signInElsewhere(email: string, password = goodPassword, userAgent = firefox): Promise<TestClient> {
  const client = newClient(server.app);
  const reply = await client.request('POST', '/api/v1/auth/login', { email, password }, { headers: { 'user-agent': userAgent } });
  expect(reply.status).toBe(200);
  return client;
}

describe('changing the password', () => {
  it('needs the current password, and counts a wrong one towards the lockout', async () => {
    const owner = await signUpOwner(server);
    const wrong = await owner.client.request('POST', '/api/v1/auth/password', { currentPassword: 'not my password', newPassword });
    expect(wrong.status).toBe(400);
    expect(wrong.json<ErrorReply>().error.details?.[0]?.path).toBe('currentPassword');
    const rows = await server.ownerQuery<{ failed_logins: number }>('select failed_logins from users where id = $1', [owner.userId]);
    expect(rows[0]?.failed_logins).toBe(1);
    const same = await owner.client.request('POST', '/api/v1/auth/password', { currentPassword: goodPassword, newPassword: goodPassword });
    expect(same.status).toBe(400);
    expect(same.json<ErrorReply>().error.details?.[0]?.path).toBe('newPassword');
    const weak = await owner.client.request('POST', '/api/v1/auth/password', { currentPassword: goodPassword, newPassword: 'password12345' });
    expect(weak.json<ErrorReply>().error.message).toMatch(/too common/);
  });

  it('ends the other sessions, keeps this one with a fresh id, records and confirms the change by mail', async () => {
    const owner = await signUpOwner(server);
    const laptop = await signInElsewhere(owner.email);
    const before = owner.client.cookies.get('custodian_session');
    const reply = await owner.client.request('POST', '/api/v1/auth/password', { currentPassword: goodPassword, newPassword });
    expect(reply.status).toBe(200);
    const after = owner.client.cookies.get('custodian_session');
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect((await owner.client.get('/api/v1/org')).status).toBe(200);
    // The new session's CSRF token works for the next change.
    expect((await owner.client.request('POST', '/api/v1/auth/sessions/end-others')).status).toBe(200);
    expect((await laptop.get('/api/v1/org')).status).toBe(401);
    const stale = newClient(server.app);
    stale.cookies.set('custodian_session', before ?? '');
    expect((await stale.get('/api/v1/org')).status).toBe(401);
    const mail = await lastMailTo(server, owner.email);
    expect(mail.subject).toBe('Your Custodian password was changed');
    expect(mail.body_text).toMatch(/If this wasn't you, reset your password/);
    expect(await actions(owner.orgId)).toContain('user.password_changed');
    expect((await newClient(server.app).request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword })).status).toBe(401);
    expect((await newClient(server.app).request('POST', '/api/v1/auth/login', { email: owner.email, password: newPassword })).status).toBe(200);
  });

  it('lets one of two parallel changes win', async () => {
    const owner = await signUpOwner(server);
    const replies = await Promise.all(
      ['first parallel harbour phrase 1', 'second parallel harbour phrase 2'].map((next) =>
        owner.client.request('POST', '/api/v1/auth/password', { currentPassword: goodPassword, newPassword: next }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('refuses anyone not signed in', async () => {
    expect((await newClient(server.app).request('POST', '/api/v1/auth/password', { currentPassword: goodPassword, newPassword })).status).toBe(401);
  });
});

describe('the sessions page', () => {
  it('lists the person’s own sessions with their device and marks this one', async () => {
    const owner = await signUpOwner(server);
    await signInElsewhere(owner.email);
    const other = await signUpOwner(server);
    const list = (await owner.client.get('/api/v1/auth/sessions')).json<Sessions>();
    expect(list.items).toHaveLength(2);
    expect(list.items.filter((s) => s.isCurrent)).toHaveLength(1);
    expect(list.items.map((s) => s.device)).toContain('Firefox on Mac');
    const otherIds = (await other.client.get('/api/v1/auth/sessions')).json<Sessions>().items.map((s) => s.id);
    expect(list.items.map((s) => s.id)).not.toContain(otherIds[0]);
    expect(JSON.stringify(list)).not.toMatch(/[0-9a-f]{64}/);
  });

  it('signs out one other session, refuses this one and other people’s', async () => {
    const owner = await signUpOwner(server);
    const tablet = await signInElsewhere(owner.email);
    const stranger = await signUpOwner(server);
    const list = (await owner.client.get('/api/v1/auth/sessions')).json<Sessions>();
    const current = list.items.find((s) => s.isCurrent);
    const tabletSession = list.items.find((s) => !s.isCurrent);
    const strangerSession = (await stranger.client.get('/api/v1/auth/sessions')).json<Sessions>().items[0];
    const own = await owner.client.request('DELETE', `/api/v1/auth/sessions/${current?.id}`);
    expect(own.status).toBe(400);
    expect(own.json<ErrorReply>().error.message).toMatch(/session you are using now/);
    expect((await owner.client.request('DELETE', `/api/v1/auth/sessions/${strangerSession?.id}`)).status).toBe(404);
    expect((await stranger.client.get('/api/v1/org')).status).toBe(200);
    expect((await owner.client.request('DELETE', `/api/v1/auth/sessions/${tabletSession?.id}`)).status).toBe(200);
    expect((await tablet.get('/api/v1/org')).status).toBe(401);
    expect((await owner.client.request('DELETE', `/api/v1/auth/sessions/${tabletSession?.id}`)).status).toBe(404);
    expect((await owner.client.request('DELETE', '/api/v1/auth/sessions/not-an-id')).status).toBe(400);
    const ended = await server.ownerQuery<{ after: unknown }>("select after from audit_events where org_id = $1 and action = 'user.session_ended'", [
      owner.orgId,
    ]);
    expect(ended.map((e) => e.after)).toEqual([{ device: 'Firefox on Mac' }]);
  });

  it('signs out everywhere else and keeps this session', async () => {
    const owner = await signUpOwner(server);
    const phone = await signInElsewhere(owner.email);
    const laptop = await signInElsewhere(owner.email);
    const reply = await owner.client.request('POST', '/api/v1/auth/sessions/end-others');
    expect(reply.json()).toEqual({ ended: 2 });
    expect((await phone.get('/api/v1/org')).status).toBe(401);
    expect((await laptop.get('/api/v1/org')).status).toBe(401);
    expect((await owner.client.get('/api/v1/org')).status).toBe(200);
    expect((await owner.client.get('/api/v1/auth/sessions')).json<Sessions>().items).toHaveLength(1);
    const recorded = await server.ownerQuery<{ after: unknown }>("select after from audit_events where org_id = $1 and action = 'user.signed_out_elsewhere'", [
      owner.orgId,
    ]);
    expect(recorded.map((e) => e.after)).toEqual([{ sessionsEnded: 2 }]);
  });
});
