import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../modules/auth/totp.ts';
import { enrolTotp, goodPassword, lastMailTo, linkToken, newClient, signUpOwner, uniqueEmail } from '../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const expectedHeaders = {
  'content-security-policy': "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;connect-src 'self';font-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

describe('security headers', () => {
  it.each([
    ['an API reply', '/api/v1/health'],
    ['an API error', '/api/v1/gap/items'],
    ['the web app', '/'],
    ['a deep link into the web app', '/gap/iso27001:2022:A.5.1'],
  ])('are set on %s', async (_what, url) => {
    const response = await newClient(server.app).get(url);
    for (const [name, value] of Object.entries(expectedHeaders)) expect({ name, value: response.headers[name] }).toEqual({ name, value });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it.each([
    ['a reply', 'GET', '/api/v1/health', 200],
    ['the OpenAPI document', 'GET', '/api/v1/openapi.json', 200],
    ['a refusal to a stranger', 'GET', '/api/v1/org', 401],
    ['an unknown API route', 'GET', '/api/v1/no-such-thing', 404],
    ['invalid input', 'POST', '/api/v1/auth/login', 400],
  ] as const)('include Cache-Control: no-store on %s of the API', async (_what, method, url, status) => {
    const response = await newClient(server.app).request(method, url, method === 'POST' ? { email: 'not an address' } : undefined);
    expect(response.status).toBe(status);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('HSTS', () => {
  const hsts = 'max-age=31536000; includeSubDomains';

  it('is sent when Custodian is served over https, and never over plain http', async () => {
    const secure = await startTestServer({ env: { PUBLIC_URL: 'https://custodian.example.com.au' } });
    try {
      expect((await secure.app.inject({ method: 'GET', url: '/api/v1/health' })).headers['strict-transport-security']).toBe(hsts);
    } finally {
      await secure.close();
    }
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/health' })).headers['strict-transport-security']).toBeUndefined();
  });

  it('behind a trusted proxy, follows the protocol the proxy reports', async () => {
    const proxied = await startTestServer({ env: { PUBLIC_URL: 'https://custodian.example.com.au', TRUST_PROXY: 'true' } });
    try {
      const overHttps = await proxied.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-forwarded-proto': 'https' } });
      const overHttp = await proxied.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-forwarded-proto': 'http' } });
      expect(overHttps.headers['strict-transport-security']).toBe(hsts);
      expect(overHttp.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
  });
});

describe('session fixation', () => {
  it('never adopts a session id planted before sign-in', async () => {
    const owner = await signUpOwner(server);
    const victim = newClient(server.app);
    victim.cookies.set('custodian_session', 'attacker-chosen-session-id');
    await victim.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword });
    expect(victim.cookies.get('custodian_session')).not.toBe('attacker-chosen-session-id');
    const attacker = newClient(server.app);
    attacker.cookies.set('custodian_session', 'attacker-chosen-session-id');
    expect((await attacker.get('/api/v1/org')).status).toBe(401);
  });

  it('gives a new session id after the MFA step, and the pre-MFA id stops working', async () => {
    const owner = await signUpOwner(server);
    const { secret } = await enrolTotp(owner.client);
    const client = newClient(server.app);
    await client.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword });
    const pending = client.cookies.get('custodian_session');
    await new Promise((r) => setTimeout(r, Math.max(0, 30_000 - (Date.now() % 30_000)) + 50));
    expect((await client.request('POST', '/api/v1/auth/mfa/challenge', { code: await currentTotp(secret) })).status).toBe(200);
    expect(client.cookies.get('custodian_session')).not.toBe(pending);
    const stale = newClient(server.app);
    stale.cookies.set('custodian_session', pending ?? '');
    expect((await stale.get('/api/v1/auth/session')).json<{ isSignedIn: boolean; isMfaPending: boolean }>()).toMatchObject({ isSignedIn: false, isMfaPending: false });
  }, 45_000);
});

describe('cookie flags', () => {
  it('marks cookies Secure when Custodian is served over https', async () => {
    const secure = await startTestServer({ env: { PUBLIC_URL: 'https://custodian.example.com.au' } });
    try {
      const client = newClient(secure.app);
      const email = uniqueEmail();
      await client.request('POST', '/api/v1/auth/signup', { name: 'S', email, password: goodPassword, organisationName: 'Secure Clinic' });
      await client.request('POST', '/api/v1/auth/verify-email', { token: linkToken((await lastMailTo(secure, email)).body_text, '/verify-email') });
      const login = await client.request('POST', '/api/v1/auth/login', { email, password: goodPassword });
      const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
      const session = cookies.find((c) => c.startsWith('custodian_session='));
      const csrf = cookies.find((c) => c.startsWith('custodian_csrf='));
      expect(session).toMatch(/; Secure/);
      expect(session).toMatch(/; HttpOnly/);
      expect(session).toMatch(/; SameSite=Lax/);
      expect(csrf).toMatch(/; Secure/);
      expect(csrf).not.toMatch(/HttpOnly/);
    } finally {
      await secure.close();
    }
  });
});
