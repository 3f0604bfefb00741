import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createToken } from '../../test/bearer.ts';
import { goodPassword, lastMailTo, linkToken, newClient, signUpOwner, uniqueEmail } from '../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let server: TestServer;
const lines: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ env: { LOG_LEVEL: 'info' }, logLines: lines });
});
afterAll(async () => server.close());

function entries(): Array<{ msg?: string; url?: string; status?: number }> {
  return lines.flatMap((chunk) => chunk.split('\n').filter(Boolean)).map((line) => JSON.parse(line) as { msg?: string });
}

describe('the server log', () => {
  it('never holds an invitation token, a session token or an API token (outside the no-SMTP mail line)', async () => {
    const owner = await signUpOwner(server);
    const invitee = uniqueEmail('logged');
    expect((await owner.client.request('POST', '/api/v1/invitations', { email: invitee, role: 'staff' })).status).toBe(201);
    const token = linkToken((await lastMailTo(server, invitee)).body_text, '/accept-invitation');
    const guest = newClient(server.app);
    expect((await guest.get(`/api/v1/invitations/preview?token=${encodeURIComponent(token)}`)).status).toBe(200);
    await guest.get(`/accept-invitation?token=${encodeURIComponent(token)}`);
    expect((await guest.request('POST', '/api/v1/auth/accept-invitation', { token, name: 'Sam Logged', password: goodPassword })).status).toBe(200);
    const apiToken = await createToken(owner.client, { name: 'Logged token', scopes: ['org:read'] });
    expect((await bearer(server.app, apiToken.secret, 'GET', '/api/v1/org')).status).toBe(200);
    expect((await bearer(server.app, apiToken.secret, 'POST', '/api/v1/api-tokens', { name: 'x', scopes: ['org:read'] })).status).toBe(403);
    await server.mail.drain();

    const secrets = [token, token.split('.')[1] ?? token, owner.client.cookies.get('custodian_session') ?? 'missing', guest.cookies.get('custodian_session') ?? 'missing', apiToken.secret];
    const others = entries().filter((entry) => !entry.msg?.startsWith('E-mail not sent'));
    const text = JSON.stringify(others);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(others.some((entry) => entry.url === '/api/v1/invitations/preview?token=[redacted]')).toBe(true);
  });

  it('writes one line per request, with method, path, status and time', async () => {
    const marker = `one-line-${Date.now()}`;
    const client = newClient(server.app);
    await client.get(`/api/v1/health?probe=${marker}`);
    await client.get(`/api/v1/no-such-route?probe=${marker}`);
    const mine = entries().filter((entry) => entry.url?.includes(marker) || entry.msg?.includes(marker));
    expect(mine.map((entry) => entry.status)).toEqual([200, 404]);
    expect(mine[0]?.msg).toMatch(new RegExp(`^GET /api/v1/health\\?probe=${marker} 200 \\d+ ms$`));
  });

  it('without SMTP, writes one readable line per mail with its link', async () => {
    const email = uniqueEmail('mailline');
    const client = newClient(server.app);
    await client.request('POST', '/api/v1/auth/signup', { name: 'Jo Newcomer', email, password: goodPassword, organisationName: 'Newcomer Clinic' });
    await server.mail.drain();
    const token = linkToken((await lastMailTo(server, email)).body_text, '/verify-email');
    const mailLines = entries().filter((entry) => entry.msg?.includes(email));
    expect(mailLines).toHaveLength(1);
    expect(mailLines[0]?.msg).toBe(`E-mail not sent (no SMTP configured) to ${email}: "Confirm your e-mail address for Custodian" — open ${server.deps.config.publicUrl}/verify-email?token=${token}`);
  });
});
