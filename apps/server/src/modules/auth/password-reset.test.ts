import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, lastMailTo, linkToken, newClient, signUpOwner, uniqueEmail, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { resetRequestMinimumMs } from './password-reset.service.ts';

let server: TestServer;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
beforeAll(async () => {
  server = await startTestServer({ env: { LOGIN_MAX_FAILURES: '3' }, clock: now });
});
afterAll(async () => server.close());

const newPassword = 'kelp forest by the breakwater 19';
type ErrorReply = { error: { code: string; message: string; details?: unknown } };

async function requestReset(client: TestClient, email: string) {
  const started = performance.now();
  const reply = await client.request('POST', '/api/v1/auth/password-reset/request', { email });
  return { reply, ms: performance.now() - started };
}

async function mailsTo(email: string): Promise<Array<{ subject: string; body_text: string }>> {
  return server.ownerQuery('select subject, body_text from outbox where to_address = $1 order by created_at, id', [email]);
}

async function resetToken(email: string): Promise<string> {
  const mail = await lastMailTo(server, email);
  expect(mail.subject).toBe('Reset your Custodian password');
  return linkToken(mail.body_text, '/reset-password');
}

async function actions(orgId: string): Promise<string[]> {
  const rows = await server.ownerQuery<{ action: string }>('select action from audit_events where org_id = $1 order by seq', [orgId]);
  return rows.map((r) => r.action);
}

describe('asking for a reset link', () => {
  it('answers the same, in about the same time, whether or not the address has an account', async () => {
    const owner = await signUpOwner(server);
    const anonymous = newClient(server.app);
    const unknownEmail = uniqueEmail('nobody');
    const known = await requestReset(anonymous, owner.email);
    const unknown = await requestReset(anonymous, unknownEmail);
    expect(known.reply.status).toBe(200);
    expect(unknown.reply.status).toBe(200);
    expect(known.reply.body).toEqual(unknown.reply.body);
    expect(known.ms).toBeGreaterThanOrEqual(resetRequestMinimumMs - 5);
    expect(unknown.ms).toBeGreaterThanOrEqual(resetRequestMinimumMs - 5);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(250);
    expect(await mailsTo(unknownEmail)).toHaveLength(0);
    const token = await resetToken(owner.email);
    // Only the token's hash is stored.
    const stored = await server.ownerQuery<{ token_hash: string }>('select token_hash from password_resets where user_id = $1', [owner.userId]);
    expect(stored.map((r) => r.token_hash)).toEqual([createHash('sha256').update(token).digest('hex')]);
    expect(await actions(owner.orgId)).toContain('user.password_reset_requested');
  });

  it('sends at most three links per address in a quarter of an hour, with the same answer', async () => {
    const owner = await signUpOwner(server);
    const client = newClient(server.app);
    for (let i = 0; i < 4; i += 1) expect((await requestReset(client, owner.email)).reply.status).toBe(200);
    expect((await mailsTo(owner.email)).filter((m) => m.subject === 'Reset your Custodian password')).toHaveLength(3);
  });

  it('keeps the link out of the organisation’s outbox page', async () => {
    const owner = await signUpOwner(server);
    await requestReset(newClient(server.app), owner.email);
    const page = (await owner.client.get('/api/v1/outbox')).json<{ items: Array<{ subject: string; body: string }> }>();
    const reset = page.items.find((m) => m.subject === 'Reset your Custodian password');
    expect(reset?.body).toMatch(/^Not shown here/);
    expect(JSON.stringify(page)).not.toContain('/reset-password?token=');
  });

  it('limits requests per client address like sign-in', async () => {
    const limited = await startTestServer({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const client = newClient(limited.app);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1)
        statuses.push((await client.request('POST', '/api/v1/auth/password-reset/request', { email: uniqueEmail('flood') })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it('refuses an address that is not an e-mail address with a plain message', async () => {
    const reply = await newClient(server.app).request('POST', '/api/v1/auth/password-reset/request', { email: 'not an address' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      error: { code: 'validation_failed', details: [{ path: 'email', message: 'Enter your e-mail address in the form name@example.com.au.' }] },
    });
  });
});

describe('setting a new password from the link', () => {
  it('ends every session, clears the lockout, records the reset and lets the person sign in', async () => {
    const owner = await signUpOwner(server);
    const otherDevice = newClient(server.app);
    expect((await otherDevice.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword })).status).toBe(200);
    // Lock the account with wrong passwords (3 allowed in this server).
    const attacker = newClient(server.app);
    for (let i = 0; i < 3; i += 1) await attacker.request('POST', '/api/v1/auth/login', { email: owner.email, password: 'not the password at all' });
    expect((await attacker.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword })).status).toBe(423);

    const browser = newClient(server.app);
    await requestReset(browser, owner.email);
    const token = await resetToken(owner.email);
    const check = await browser.request('POST', '/api/v1/auth/password-reset/check', { token });
    expect(check.json()).toEqual({ email: owner.email });
    expect((await browser.request('POST', '/api/v1/auth/password-reset', { token, password: newPassword })).status).toBe(200);

    expect((await owner.client.get('/api/v1/org')).status).toBe(401);
    expect((await otherDevice.get('/api/v1/org')).status).toBe(401);
    expect((await browser.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword })).status).toBe(401);
    expect((await browser.request('POST', '/api/v1/auth/login', { email: owner.email, password: newPassword })).status).toBe(200);
    const user = await server.ownerQuery<{ failed_logins: number; locked_until: Date | null }>('select failed_logins, locked_until from users where id = $1', [
      owner.userId,
    ]);
    expect(user[0]).toEqual({ failed_logins: 0, locked_until: null });
    expect(await actions(owner.orgId)).toContain('user.password_reset');
  });

  it('works once: a used link says so plainly', async () => {
    const owner = await signUpOwner(server);
    // Used in a browser where the person is still signed in: that session ends and its cookie is cleared.
    const client = owner.client;
    await requestReset(client, owner.email);
    const token = await resetToken(owner.email);
    expect((await client.request('POST', '/api/v1/auth/password-reset', { token, password: newPassword })).status).toBe(200);
    expect(client.cookies.has('custodian_session')).toBe(false);
    expect((await client.get('/api/v1/auth/session')).json<{ isSignedIn: boolean }>().isSignedIn).toBe(false);
    const again = await client.request('POST', '/api/v1/auth/password-reset', { token, password: 'another fine harbour phrase 3' });
    expect(again.status).toBe(400);
    expect(again.json<ErrorReply>().error.message).toMatch(/^This link has already been used/);
    const check = await client.request('POST', '/api/v1/auth/password-reset/check', { token });
    expect(check.json<ErrorReply>().error.details).toEqual({ reason: 'used' });
  });

  it('expires after 30 minutes', async () => {
    const owner = await signUpOwner(server);
    const client = newClient(server.app);
    await requestReset(client, owner.email);
    const token = await resetToken(owner.email);
    offsetMs += 31 * 60_000;
    try {
      const late = await client.request('POST', '/api/v1/auth/password-reset', { token, password: newPassword });
      expect(late.status).toBe(400);
      expect(late.json<ErrorReply>().error.message).toMatch(/^This link has expired; ask for a new one/);
    } finally {
      offsetMs -= 31 * 60_000;
    }
  });

  it('refuses a weak password with the sign-up policy’s message, and a made-up link', async () => {
    const owner = await signUpOwner(server);
    const client = newClient(server.app);
    await requestReset(client, owner.email);
    const token = await resetToken(owner.email);
    const common = await client.request('POST', '/api/v1/auth/password-reset', { token, password: 'password12345' });
    expect(common.status).toBe(400);
    expect(common.json<ErrorReply>().error.message).toMatch(/too common/);
    const short = await client.request('POST', '/api/v1/auth/password-reset', { token, password: 'short' });
    expect(short.status).toBe(400);
    const madeUp = await client.request('POST', '/api/v1/auth/password-reset', { token: 'x'.repeat(43), password: newPassword });
    expect(madeUp.json<ErrorReply>().error.message).toMatch(/^This link is not valid/);
    // The link still works after refusals.
    expect((await client.request('POST', '/api/v1/auth/password-reset', { token, password: newPassword })).status).toBe(200);
  });

  it('lets only one of two parallel requests with the same link succeed', async () => {
    const owner = await signUpOwner(server);
    await requestReset(newClient(server.app), owner.email);
    const token = await resetToken(owner.email);
    const passwords = ['first racing harbour phrase 11', 'second racing harbour phrase 22'];
    const replies = await Promise.all(passwords.map((password) => newClient(server.app).request('POST', '/api/v1/auth/password-reset', { token, password })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 400]);
    const loser = replies.find((r) => r.status === 400);
    expect(loser?.json<ErrorReply>().error.message).toMatch(/already been used/);
    const winner = passwords[replies.findIndex((r) => r.status === 200)] ?? '';
    expect((await newClient(server.app).request('POST', '/api/v1/auth/login', { email: owner.email, password: winner })).status).toBe(200);
    expect((await actions(owner.orgId)).filter((a) => a === 'user.password_reset')).toHaveLength(1);
  });
});
