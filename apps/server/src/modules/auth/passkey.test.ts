import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SoftAuthenticator } from '../../../test/soft-authenticator.ts';
import { addMemberWithRole, enrolTotp, goodPassword, newClient, signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

/** The server's clock runs `offset` ms ahead of real time, so a test can let a step-up go stale. */
let offset = 0;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(Date.now() + offset) });
});
afterAll(async () => server.close());

const origin = 'http://localhost:3000';
const minutes = (n: number) => n * 60_000;
type ErrorReply = { error: { code: string; message: string } };
type Options = { challenge: string; rpId: string; allowCredentials?: Array<{ id: string }> };
type Passkeys = { items: Array<{ id: string; name: string; createdAt: string; lastUsedAt: string | null; version: number }> };

async function actions(orgId: string): Promise<Array<{ action: string; after: unknown; before: unknown }>> {
  return server.ownerQuery('select action, after, before from audit_events where org_id = $1 order by seq', [orgId]);
}

/** Adds a passkey from the soft authenticator to the signed-in client; returns the reply. */
async function addPasskey(client: TestClient, device: SoftAuthenticator, name = 'Work laptop') {
  const options = await client.request('POST', '/api/v1/auth/passkeys/options');
  expect(options.status).toBe(200);
  return client.request('POST', '/api/v1/auth/passkeys', { name, response: device.register(options.json()) });
}

/** A new owner with one passkey. */
async function ownerWithPasskey() {
  const owner = await signUpOwner(server);
  const device = new SoftAuthenticator(origin);
  const added = await addPasskey(owner.client, device);
  expect(added.status).toBe(201);
  return { ...owner, device, passkeyId: added.json<{ id: string }>().id };
}

async function passwordlessOptions(client: TestClient): Promise<Options> {
  const reply = await client.request('POST', '/api/v1/auth/passkey-sign-in/options');
  expect(reply.status).toBe(200);
  return reply.json<Options>();
}

describe('enrolling a passkey', () => {
  it('asks for a discoverable credential with user verification, for the configured address', async () => {
    const owner = await signUpOwner(server);
    const options = (await owner.client.request('POST', '/api/v1/auth/passkeys/options')).json<Record<string, unknown>>();
    expect(options.rp).toEqual({ name: 'Custodian', id: 'localhost' });
    expect(options.authenticatorSelection).toEqual({ residentKey: 'required', userVerification: 'required', requireResidentKey: true });
    expect(options.user).toMatchObject({ name: owner.email });
  });

  it('stores it with its name, lists it, turns two-step verification on and records it', async () => {
    const owner = await ownerWithPasskey();
    const list = (await owner.client.get('/api/v1/auth/passkeys')).json<Passkeys>();
    expect(list.items).toEqual([expect.objectContaining({ id: owner.passkeyId, name: 'Work laptop', lastUsedAt: null, version: 1 })]);
    const session = (await owner.client.get('/api/v1/auth/session')).json<{ user: { hasMfa: boolean }; mfaMethods: unknown }>();
    expect(session.user.hasMfa).toBe(true);
    expect(session.mfaMethods).toEqual({ hasTotp: false, hasPasskey: true });
    expect((await actions(owner.orgId)).filter((e) => e.action === 'user.passkey_added').map((e) => e.after)).toEqual([{ name: 'Work laptop' }]);
    const stored = await server.ownerQuery<{ public_key: string; transports: string }>('select public_key, transports from passkeys where id = $1', [owner.passkeyId]);
    expect(stored[0]?.transports).toBe('internal');
  });

  it('refuses an answer from another origin, without user verification, or to a spent or foreign challenge', async () => {
    const owner = await signUpOwner(server);
    const device = new SoftAuthenticator(origin);
    const options = (await owner.client.request('POST', '/api/v1/auth/passkeys/options')).json<{ challenge: string; rp: { id: string }; user: { id: string } }>();
    const phished = await owner.client.request('POST', '/api/v1/auth/passkeys', { name: 'Phish', response: device.register(options, { origin: 'https://custodian.example.net' }) });
    expect(phished.status).toBe(400);
    // The challenge was spent by the failed answer: even a good answer to it is refused now.
    const again = await owner.client.request('POST', '/api/v1/auth/passkeys', { name: 'Again', response: device.register(options) });
    expect(again.json<ErrorReply>().error.message).toMatch(/expired or was already used/);
    const fresh = (await owner.client.request('POST', '/api/v1/auth/passkeys/options')).json<typeof options>();
    expect((await owner.client.request('POST', '/api/v1/auth/passkeys', { name: 'No PIN', response: device.register(fresh, { isUserVerified: false }) })).status).toBe(400);
    const other = await signUpOwner(server);
    const theirs = (await other.client.request('POST', '/api/v1/auth/passkeys/options')).json<typeof options>();
    expect((await owner.client.request('POST', '/api/v1/auth/passkeys', { name: 'Theirs', response: device.register(theirs) })).status).toBe(400);
    expect((await owner.client.get('/api/v1/auth/passkeys')).json<Passkeys>().items).toEqual([]);
  });

  it('adds one passkey when the same answer is sent twice at once', async () => {
    const owner = await signUpOwner(server);
    const options = (await owner.client.request('POST', '/api/v1/auth/passkeys/options')).json<{ challenge: string; rp: { id: string }; user: { id: string } }>();
    const response = new SoftAuthenticator(origin).register(options);
    const replies = await Promise.all([0, 1].map(() => owner.client.request('POST', '/api/v1/auth/passkeys', { name: 'Twice', response })));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 400]);
    expect((await owner.client.get('/api/v1/auth/passkeys')).json<Passkeys>().items).toHaveLength(1);
  });

  it('renames with the version read (a stale one gets 409 with the current name) and removes', async () => {
    const owner = await ownerWithPasskey();
    const url = `/api/v1/auth/passkeys/${owner.passkeyId}`;
    const renamed = await owner.client.request('PATCH', url, { name: 'Reception PC', version: 1 });
    expect(renamed.json()).toMatchObject({ name: 'Reception PC', version: 2 });
    const stale = await owner.client.request('PATCH', url, { name: 'Old name', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { code: string; details: { current: { name: string } } } }>().error).toMatchObject({ code: 'edit_conflict', details: { current: { name: 'Reception PC' } } });
    const stranger = await ownerWithPasskey();
    expect((await stranger.client.request('PATCH', url, { name: 'Mine now', version: 2 })).status).toBe(404);
    expect((await stranger.client.request('DELETE', url)).status).toBe(404);
    expect((await owner.client.request('DELETE', url)).status).toBe(200);
    expect((await owner.client.request('DELETE', url)).status).toBe(404);
    const events = await actions(owner.orgId);
    expect(events.find((e) => e.action === 'user.passkey_renamed')).toMatchObject({ before: { name: 'Work laptop' }, after: { name: 'Reception PC' } });
    expect(events.find((e) => e.action === 'user.passkey_removed')).toMatchObject({ before: { name: 'Reception PC' } });
    // No second factor left: two-step verification is off again, and the password alone signs in.
    const login = await newClient(server.app).request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword });
    expect(login.json()).toEqual({ status: 'signed_in' });
  });
});

describe('signing in with a passkey', () => {
  it('signs in without a password, complete at once, and records how', async () => {
    const owner = await ownerWithPasskey();
    const browser = newClient(server.app);
    const response = owner.device.assert(await passwordlessOptions(browser));
    const reply = await browser.request('POST', '/api/v1/auth/passkey-sign-in', { response });
    expect(reply.json()).toEqual({ status: 'signed_in' });
    expect((await browser.get('/api/v1/org')).status).toBe(200);
    const signIns = (await actions(owner.orgId)).filter((e) => e.action === 'user.signed_in');
    expect(signIns.at(-1)?.after).toEqual({ method: 'passkey' });
    const listed = (await browser.get('/api/v1/auth/passkeys')).json<Passkeys>().items[0];
    expect(listed?.lastUsedAt).not.toBeNull();
    // A fresh sign-in counts as a step-up: a sensitive action goes through straight away.
    expect((await browser.request('POST', '/api/v1/auth/passkeys/options')).status).toBe(200);
  });

  it('accepts one of two parallel uses of one challenge, and refuses it afterwards', async () => {
    const owner = await ownerWithPasskey();
    const response = owner.device.assert(await passwordlessOptions(newClient(server.app)));
    const replies = await Promise.all([0, 1].map(() => newClient(server.app).request('POST', '/api/v1/auth/passkey-sign-in', { response })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 400]);
    expect((await newClient(server.app).request('POST', '/api/v1/auth/passkey-sign-in', { response })).status).toBe(400);
  });

  it('refuses a passkey nobody registered, a forged signature, a missing user verification and a rewound counter', async () => {
    const owner = await ownerWithPasskey();
    const stranger = new SoftAuthenticator(origin);
    stranger.register({ challenge: 'x', rp: { id: 'localhost' }, user: { id: 'nobody' } });
    const unknown = await newClient(server.app).request('POST', '/api/v1/auth/passkey-sign-in', { response: stranger.assert(await passwordlessOptions(newClient(server.app))) });
    expect(unknown.status).toBe(401);
    const forged = owner.device.assert(await passwordlessOptions(newClient(server.app)));
    forged.response.signature = stranger.assert(await passwordlessOptions(newClient(server.app))).response.signature;
    expect((await newClient(server.app).request('POST', '/api/v1/auth/passkey-sign-in', { response: forged })).status).toBe(401);
    const noPin = owner.device.assert(await passwordlessOptions(newClient(server.app)), { isUserVerified: false });
    expect((await newClient(server.app).request('POST', '/api/v1/auth/passkey-sign-in', { response: noPin })).status).toBe(401);
    // The signature counter only goes up: an answer with an older count is from a copied authenticator.
    const counted = owner.device.assert(await passwordlessOptions(newClient(server.app)), { counter: 7 });
    expect((await newClient(server.app).request('POST', '/api/v1/auth/passkey-sign-in', { response: counted })).status).toBe(200);
    const rewound = owner.device.assert(await passwordlessOptions(newClient(server.app)), { counter: 3 });
    expect((await newClient(server.app).request('POST', '/api/v1/auth/passkey-sign-in', { response: rewound })).status).toBe(401);
    expect((await newClient(server.app).request('POST', '/api/v1/auth/passkey-sign-in', { response: 'nonsense' })).status).toBe(400);
  });

  it('is the second step after the password instead of the authenticator code', async () => {
    const owner = await ownerWithPasskey();
    const browser = newClient(server.app);
    expect((await browser.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword })).json()).toEqual({ status: 'mfa_required' });
    const pending = (await browser.get('/api/v1/auth/session')).json<{ isMfaPending: boolean; mfaMethods: unknown }>();
    expect(pending).toMatchObject({ isMfaPending: true, mfaMethods: { hasTotp: false, hasPasskey: true } });
    expect((await browser.get('/api/v1/org')).status).toBe(401);
    const options = (await browser.request('POST', '/api/v1/auth/mfa/passkey/options')).json<Options>();
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([owner.device.credentials[0]?.id.toString('base64url')]);
    // A challenge of this waiting session only: another browser cannot answer it.
    const elsewhere = newClient(server.app);
    await elsewhere.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword });
    expect((await elsewhere.request('POST', '/api/v1/auth/mfa/passkey', { response: owner.device.assert(options) })).status).toBe(400);
    const fresh = (await browser.request('POST', '/api/v1/auth/mfa/passkey/options')).json<Options>();
    expect((await browser.request('POST', '/api/v1/auth/mfa/passkey', { response: owner.device.assert(fresh) })).json()).toEqual({ status: 'signed_in' });
    expect((await browser.get('/api/v1/org')).status).toBe(200);
    expect((await actions(owner.orgId)).filter((e) => e.action === 'user.signed_in').at(-1)?.after).toEqual({ method: 'password_passkey' });
  });

  it('counts as two-step verification for an organisation that requires it', async () => {
    const owner = await ownerWithPasskey();
    const org = (await owner.client.get('/api/v1/org')).json<{ version: number }>();
    expect((await owner.client.request('PATCH', '/api/v1/org', { version: org.version, isMfaRequired: true })).status).toBe(200);
    const member = await addMemberWithRole(server, owner, 'staff');
    const before = (await member.client.get('/api/v1/auth/session')).json<{ mustEnrolMfa: boolean }>();
    expect(before.mustEnrolMfa).toBe(true);
    expect((await addPasskey(member.client, new SoftAuthenticator(origin), 'Phone')).status).toBe(201);
    expect((await member.client.get('/api/v1/auth/session')).json<{ mustEnrolMfa: boolean }>().mustEnrolMfa).toBe(false);
  });
});

describe('step-up before sensitive actions', () => {
  it('refuses them five minutes after sign-in, and accepts them after the password again', async () => {
    const owner = await ownerWithPasskey();
    offset += minutes(6);
    try {
      for (const [method, url] of [
        ['POST', '/api/v1/auth/passkeys/options'],
        ['DELETE', `/api/v1/auth/passkeys/${owner.passkeyId}`],
        ['POST', '/api/v1/auth/mfa/setup'],
      ] as const) {
        const refused = await owner.client.request(method, url);
        expect(refused.status, url).toBe(403);
        expect(refused.json<ErrorReply>().error.code).toBe('step_up_required');
      }
      const emailChange = await owner.client.request('POST', '/api/v1/auth/email-change', { newEmail: 'moved-away@example.test' });
      expect(emailChange.status).toBe(403);
      expect(emailChange.json<ErrorReply>().error.code).toBe('step_up_required');
      expect((await owner.client.request('PATCH', `/api/v1/auth/passkeys/${owner.passkeyId}`, { name: 'Renamed', version: 1 })).status).toBe(200);
      const wrong = await owner.client.request('POST', '/api/v1/auth/step-up', { password: 'not my password' });
      expect(wrong.status).toBe(400);
      expect((await owner.client.request('POST', '/api/v1/auth/passkeys/options')).status).toBe(403);
      expect((await owner.client.request('POST', '/api/v1/auth/step-up', { password: goodPassword })).status).toBe(200);
      expect((await owner.client.request('POST', '/api/v1/auth/passkeys/options')).status).toBe(200);
      const failures = await server.ownerQuery<{ failed_logins: number }>('select failed_logins from users where id = $1', [owner.userId]);
      expect(failures[0]?.failed_logins).toBe(1);
    } finally {
      offset = 0;
    }
  });

  it('accepts a passkey as the step-up, once per challenge, and only for this session', async () => {
    const owner = await ownerWithPasskey();
    offset += minutes(6);
    try {
      const options = (await owner.client.request('POST', '/api/v1/auth/step-up/options')).json<Options>();
      const response = owner.device.assert(options);
      const replies = await Promise.all([0, 1].map(() => owner.client.request('POST', '/api/v1/auth/step-up', { passkey: response })));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 400]);
      expect((await owner.client.request('DELETE', `/api/v1/auth/passkeys/${owner.passkeyId}`)).status).toBe(200);
      expect((await owner.client.request('POST', '/api/v1/auth/step-up', { password: goodPassword, passkey: response })).status).toBe(400);
    } finally {
      offset = 0;
    }
  });

  it('guards turning the authenticator app on and off and new recovery codes', async () => {
    const owner = await signUpOwner(server);
    const { secret } = await enrolTotp(owner.client);
    offset += minutes(6);
    try {
      expect((await owner.client.request('POST', '/api/v1/auth/mfa/disable')).status).toBe(403);
      const { currentTotp } = await import('./totp.ts');
      const renew = await owner.client.request('POST', '/api/v1/auth/mfa/recovery-codes', { code: await currentTotp(secret, new Date(Date.now() + offset + 30_000)) });
      expect(renew.json<ErrorReply>().error.code).toBe('step_up_required');
      await owner.client.request('POST', '/api/v1/auth/step-up', { password: goodPassword });
      expect((await owner.client.request('POST', '/api/v1/auth/mfa/disable')).status).toBe(200);
      const session = (await owner.client.get('/api/v1/auth/session')).json<{ user: { hasMfa: boolean }; mfaMethods: unknown }>();
      expect(session).toMatchObject({ user: { hasMfa: false }, mfaMethods: { hasTotp: false, hasPasskey: false } });
      expect((await actions(owner.orgId)).map((e) => e.action)).toContain('user.mfa_disabled');
    } finally {
      offset = 0;
    }
  });

  it('keeps the authenticator app on when it is the only second step an organisation requires', async () => {
    const owner = await signUpOwner(server);
    await enrolTotp(owner.client);
    const org = (await owner.client.get('/api/v1/org')).json<{ version: number }>();
    await owner.client.request('PATCH', '/api/v1/org', { version: org.version, isMfaRequired: true });
    const refused = await owner.client.request('POST', '/api/v1/auth/mfa/disable');
    expect(refused.status).toBe(409);
    expect(refused.json<ErrorReply>().error.message).toMatch(/Add a passkey first/);
    expect((await addPasskey(owner.client, new SoftAuthenticator(origin))).status).toBe(201);
    expect((await owner.client.request('POST', '/api/v1/auth/mfa/disable')).status).toBe(200);
    expect((await owner.client.get('/api/v1/auth/session')).json<{ mustEnrolMfa: boolean; user: { hasMfa: boolean } }>()).toMatchObject({ mustEnrolMfa: false, user: { hasMfa: true } });
  });
});
