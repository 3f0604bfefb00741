import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepEndedSessions } from './session.service.ts';
import { currentTotp } from './totp.ts';
import { addMemberWithRole, enrolTotp, goodPassword, lastMailTo, linkToken, newClient, signUpOwner, uniqueEmail } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
beforeAll(async () => {
  server = await startTestServer({ env: { LOGIN_MAX_FAILURES: '3' }, clock: now });
});
afterAll(async () => server.close());

describe('sign-up and e-mail verification', () => {
  it('creates the organisation, sends a verification mail and refuses sign-in until it is confirmed', async () => {
    const client = newClient(server.app);
    const email = uniqueEmail();
    const signUp = await client.request('POST', '/api/v1/auth/signup', { name: 'Lee', email, password: goodPassword, organisationName: 'Northside GP' });
    expect(signUp.status).toBe(201);
    const early = await client.request('POST', '/api/v1/auth/login', { email, password: goodPassword });
    expect(early.status).toBe(403);
    expect(early.json<{ error: { code: string } }>().error.code).toBe('email_not_verified');
    const mail = await lastMailTo(server, email);
    expect(mail.subject).toMatch(/Confirm your e-mail/);
    const token = linkToken(mail.body_text, '/verify-email');
    const first = await client.request('POST', '/api/v1/auth/verify-email', { token });
    expect(first.status).toBe(200);
    expect(first.json()).toEqual({ ok: true, alreadyConfirmed: false });
    // Opening the same link again says the address is confirmed (so the person signs in), not "not valid".
    const again = await client.request('POST', '/api/v1/auth/verify-email', { token });
    expect(again.status).toBe(200);
    expect(again.json()).toEqual({ ok: true, alreadyConfirmed: true });
    expect((await client.request('POST', '/api/v1/auth/verify-email', { token: 'not-a-real-token-at-all' })).status).toBe(400);
    expect((await client.request('POST', '/api/v1/auth/login', { email, password: goodPassword })).status).toBe(200);
    const session = (await client.get('/api/v1/auth/session')).json<{ organisation: { name: string; role: string } }>();
    expect(session.organisation).toMatchObject({ name: 'Northside GP', role: 'owner' });
  });

  it('refuses short, common and name-based passwords with a message, and answers a repeated address like a new one', async () => {
    const client = newClient(server.app);
    const base = { name: 'Robin Banks', organisationName: 'Clinic' };
    const short = await client.request('POST', '/api/v1/auth/signup', { ...base, email: uniqueEmail(), password: 'short' });
    expect(short.status).toBe(400);
    const common = await client.request('POST', '/api/v1/auth/signup', { ...base, email: uniqueEmail(), password: 'password12345' });
    expect(common.status).toBe(400);
    expect(common.json<{ error: { message: string } }>().error.message).toMatch(/too common/);
    const email = uniqueEmail('robinbanks');
    const named = await client.request('POST', '/api/v1/auth/signup', { ...base, email, password: `${email.split('@')[0]}xyz` });
    expect(named.status).toBe(400);
    expect((await client.request('POST', '/api/v1/auth/signup', { ...base, email, password: goodPassword })).status).toBe(201);
    // The address's account is still unconfirmed: a second sign-up waits for its own link (signup-lifecycle.test.ts).
    expect((await client.request('POST', '/api/v1/auth/signup', { ...base, email, password: goodPassword })).status).toBe(201);
    expect(await server.ownerQuery('select id from users where email = $1', [email])).toHaveLength(1);
  });
});

describe('sessions', () => {
  it('rotates the session at sign-in and ends it at sign-out', async () => {
    const owner = await signUpOwner(server);
    const before = owner.client.cookies.get('custodian_session');
    await owner.client.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword });
    const after = owner.client.cookies.get('custodian_session');
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const stale = newClient(server.app);
    stale.cookies.set('custodian_session', before ?? '');
    expect((await stale.get('/api/v1/org')).status).toBe(401);
    expect((await owner.client.request('POST', '/api/v1/auth/logout')).status).toBe(200);
    expect((await owner.client.get('/api/v1/org')).status).toBe(401);
  });

  it('sets httpOnly SameSite=Lax session cookies', async () => {
    const client = newClient(server.app);
    const email = uniqueEmail();
    await client.request('POST', '/api/v1/auth/signup', { name: 'C', email, password: goodPassword, organisationName: 'Cookie Clinic' });
    await client.request('POST', '/api/v1/auth/verify-email', { token: linkToken((await lastMailTo(server, email)).body_text, '/verify-email') });
    const login = await client.request('POST', '/api/v1/auth/login', { email, password: goodPassword });
    const setCookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('custodian_session='));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
  });

  it('refuses state-changing requests without a valid CSRF token', async () => {
    const owner = await signUpOwner(server);
    const noToken = await owner.client.request('PATCH', '/api/v1/org', { name: 'Renamed' }, { skipCsrf: true });
    expect(noToken.status).toBe(403);
    expect(noToken.json<{ error: { code: string } }>().error.code).toBe('csrf_failed');
    const forged = await owner.client.request('PATCH', '/api/v1/org', { name: 'Renamed' }, { skipCsrf: true, headers: { 'x-csrf-token': 'abc.def' } });
    expect(forged.status).toBe(403);
    const crossSite = await owner.client.request('PATCH', '/api/v1/org', { name: 'Renamed' }, { headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect((await owner.client.get('/api/v1/org')).json<{ name: string }>().name).toBe('Bayside Physio');
  });

  it('ends an idle session after the idle limit', async () => {
    let now = Date.now();
    const timed = await startTestServer({ clock: () => new Date(now) });
    try {
      const owner = await signUpOwner(timed);
      expect((await owner.client.get('/api/v1/org')).status).toBe(200);
      now += 31 * 60_000;
      expect((await owner.client.get('/api/v1/org')).status).toBe(401);
    } finally {
      await timed.close();
    }
  });
});

describe('lockout', () => {
  it('locks the account after repeated failures with a clear message, even for the right password', async () => {
    const owner = await signUpOwner(server);
    const client = newClient(server.app);
    for (let i = 0; i < 2; i += 1) {
      expect((await client.request('POST', '/api/v1/auth/login', { email: owner.email, password: 'wrong password here' })).status).toBe(401);
    }
    const third = await client.request('POST', '/api/v1/auth/login', { email: owner.email, password: 'wrong password here' });
    expect(third.status).toBe(423);
    expect(third.json<{ error: { message: string } }>().error.message).toMatch(/locked for \d+ more minute/);
    expect((await client.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword })).status).toBe(423);
    const trail = await owner.client.get('/api/v1/audit-log?action=user.locked');
    expect(trail.json<{ total: { count: number } }>().total.count).toBe(1);
  });

  it('checks at most the allowed number of passwords when 20 wrong ones arrive at once, then stays locked', async () => {
    const owner = await signUpOwner(server);
    const tries = Array.from({ length: 20 }, () =>
      newClient(server.app).request('POST', '/api/v1/auth/login', { email: owner.email, password: 'wrong password here' }),
    );
    const statuses = (await Promise.all(tries)).map((reply) => reply.status);
    expect(statuses.every((status) => [401, 423, 429].includes(status))).toBe(true);
    // Every checked password leaves one event (a failure, or the lockout at the third): three at most.
    const failed = (await owner.client.get('/api/v1/audit-log?action=user.sign_in_failed')).json<{ total: { count: number } }>().total.count;
    const locked = (await owner.client.get('/api/v1/audit-log?action=user.locked')).json<{ total: { count: number } }>().total.count;
    expect(failed + locked).toBeLessThanOrEqual(3);
    expect(locked).toBe(1);
    expect((await newClient(server.app).request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword })).status).toBe(423);
  });

  it('answers an address without an account byte for byte like an account, through lockout and after', async () => {
    const owner = await signUpOwner(server);
    const unknown = uniqueEmail('nobody');
    const client = newClient(server.app);
    const shown = (reply: { status: number; raw: { body: string }; headers: Record<string, unknown> }) => {
      // Every header but the moment, the request id and the per-client rate-limit counter and its window (one client sends both).
      const headers = Object.fromEntries(
        Object.entries(reply.headers).filter(([name]) => name !== 'date' && name !== 'x-request-id' && !name.startsWith('x-ratelimit-')),
      );
      return { status: reply.status, body: reply.raw.body, headers };
    };
    // LOGIN_MAX_FAILURES is 3 here: two ordinary failures, the lockout, then four more while locked.
    for (let attempt = 1; attempt <= 7; attempt += 1) {
      const known = shown(await client.request('POST', '/api/v1/auth/login', { email: owner.email, password: 'wrong password here' }));
      const nobody = shown(await client.request('POST', '/api/v1/auth/login', { email: unknown, password: 'wrong password here' }));
      expect({ attempt, ...nobody }).toEqual({ attempt, ...known });
      expect(known.status).toBe(attempt < 3 ? 401 : 423);
    }
    const stored = await server.ownerQuery<{ address_hash: string; locked_until: Date | null }>(
      'select address_hash, locked_until from unknown_sign_in_failures',
    );
    expect(stored.some((row) => row.address_hash.includes(unknown) || row.address_hash.includes(unknown.split('@')[0] ?? unknown))).toBe(false);
    expect(stored.filter((row) => row.locked_until !== null).length).toBeGreaterThanOrEqual(1);
  });

  it('forgets failures a day after the last one, for accounts and unknown addresses alike', async () => {
    const owner = await signUpOwner(server);
    const unknown = uniqueEmail('nobody');
    const client = newClient(server.app);
    const saved = offsetMs;
    try {
      for (const email of [owner.email, unknown]) {
        for (let i = 0; i < 2; i += 1)
          expect((await client.request('POST', '/api/v1/auth/login', { email, password: 'wrong password here' })).status).toBe(401);
      }
      offsetMs += 24 * 3_600_000 + 1000;
      // Two more would lock either if the first two were still counted (LOGIN_MAX_FAILURES is 3).
      for (const email of [owner.email, unknown]) {
        for (let i = 0; i < 2; i += 1)
          expect((await client.request('POST', '/api/v1/auth/login', { email, password: 'wrong password here' })).status).toBe(401);
      }
      offsetMs += 24 * 3_600_000 + 1000;
      const before = await server.ownerQuery<{ n: string }>('select count(*)::text as n from unknown_sign_in_failures');
      await sweepEndedSessions(server.deps);
      const after = await server.ownerQuery<{ n: string }>('select count(*)::text as n from unknown_sign_in_failures');
      expect(Number(after[0]?.n)).toBeLessThan(Number(before[0]?.n));
    } finally {
      offsetMs = saved;
    }
  });

  it('answers an unknown e-mail exactly like a wrong password', async () => {
    const client = newClient(server.app);
    const unknown = await client.request('POST', '/api/v1/auth/login', { email: uniqueEmail('nobody'), password: goodPassword });
    expect(unknown.status).toBe(401);
    expect(unknown.json<{ error: { message: string } }>().error.message).toBe('The e-mail address or password is not right.');
  });
});

describe('TOTP MFA', () => {
  it('enrols with a QR code, then demands a code at sign-in; codes cannot be replayed', async () => {
    const owner = await signUpOwner(server);
    const setup = await owner.client.request('POST', '/api/v1/auth/mfa/setup');
    expect(setup.json<{ qrCodeDataUrl: string; otpauthUrl: string }>().qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(setup.json<{ otpauthUrl: string }>().otpauthUrl).toMatch(/^otpauth:\/\/totp\/Custodian/);
    const secret = setup.json<{ secret: string }>().secret;
    expect((await owner.client.request('POST', '/api/v1/auth/mfa/confirm', { code: '000000' })).status).toBe(400);
    const confirm = await owner.client.request('POST', '/api/v1/auth/mfa/confirm', { code: await currentTotp(secret, now()) });
    expect(confirm.json<{ recoveryCodes: string[] }>().recoveryCodes).toHaveLength(10);

    const client = newClient(server.app);
    const login = await client.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword });
    expect(login.json()).toEqual({ status: 'mfa_required' });
    expect((await client.get('/api/v1/org')).status).toBe(401);
    offsetMs += 30_000; // the enrolment code's time step is spent; move to the next one
    const code = await currentTotp(secret, now());
    expect((await client.request('POST', '/api/v1/auth/mfa/challenge', { code })).json()).toEqual({ status: 'signed_in' });
    expect((await client.get('/api/v1/org')).status).toBe(200);

    const replay = newClient(server.app);
    await replay.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword });
    expect((await replay.request('POST', '/api/v1/auth/mfa/challenge', { code })).status).toBe(401);
  });

  it('accepts each recovery code once', async () => {
    const owner = await signUpOwner(server);
    const { recoveryCodes } = await enrolTotp(owner.client);
    const first = newClient(server.app);
    await first.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword });
    expect((await first.request('POST', '/api/v1/auth/mfa/challenge', { recoveryCode: recoveryCodes[0] })).status).toBe(200);
    const second = newClient(server.app);
    await second.request('POST', '/api/v1/auth/login', { email: owner.email, password: goodPassword });
    expect((await second.request('POST', '/api/v1/auth/mfa/challenge', { recoveryCode: recoveryCodes[0] })).status).toBe(401);
    const left = (await first.get('/api/v1/auth/session')).json<{ user: { recoveryCodesLeft: number } }>();
    expect(left.user.recoveryCodesLeft).toBe(9);
  });

  it('lets an owner require MFA: members without it can only enrol', async () => {
    const owner = await signUpOwner(server);
    await enrolTotp(owner.client);
    expect((await owner.client.request('PATCH', '/api/v1/org', { version: 1, isMfaRequired: true })).status).toBe(200);
    const email = uniqueEmail('staff');
    await owner.client.request('POST', '/api/v1/invitations', { email, role: 'contributor' });
    const member = newClient(server.app);
    const token = linkToken((await lastMailTo(server, email)).body_text, '/accept-invitation');
    await member.request('POST', '/api/v1/auth/accept-invitation', { token, name: 'New Member', password: goodPassword });
    const blocked = await member.get('/api/v1/gap/items');
    expect(blocked.status).toBe(403);
    expect(blocked.json<{ error: { details: { reason: string } } }>().error.details.reason).toBe('mfa_enrolment_required');
    expect((await member.get('/api/v1/auth/session')).json<{ mustEnrolMfa: boolean }>().mustEnrolMfa).toBe(true);
    await enrolTotp(member);
    expect((await member.get('/api/v1/gap/items')).status).toBe(200);
  });
});

describe('limits and mail without SMTP', () => {
  it('rate-limits sign-in attempts per client address with the structured error', async () => {
    const limited = await startTestServer({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const client = newClient(limited.app);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1)
        statuses.push((await client.request('POST', '/api/v1/auth/login', { email: 'nobody@clinic.example', password: 'not the password' })).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const last = await client.request('POST', '/api/v1/auth/login', { email: 'nobody@clinic.example', password: 'x' });
      expect(last.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });

  it('ends a busy session at the absolute limit', async () => {
    let now = Date.now();
    const timed = await startTestServer({ clock: () => new Date(now) });
    try {
      const owner = await signUpOwner(timed);
      for (let step = 0; step < 35; step += 1) {
        now += 20 * 60_000; // active every 20 minutes: never idle for 30
        expect((await owner.client.get('/api/v1/org')).status).toBe(200);
      }
      now += 21 * 60_000; // 12 h 1 min after sign-in
      expect((await owner.client.get('/api/v1/org')).status).toBe(401);
    } finally {
      await timed.close();
    }
  });

  it('logs mail when no SMTP server is set and shows it in the owner’s outbox', async () => {
    const owner = await signUpOwner(server);
    await server.mail.drain();
    const outbox = (await owner.client.get('/api/v1/outbox')).json<{ items: Array<{ to: string; subject: string; status: string; body: string }> }>();
    expect(outbox.items[0]).toMatchObject({ to: owner.email, subject: 'Confirm your e-mail address for Custodian', status: 'logged' });
    expect(outbox.items[0]?.body).toMatch(/\/verify-email\?token=/);
    const member = await addMemberWithRole(server, owner, 'isms_manager');
    expect((await member.client.get('/api/v1/outbox')).status).toBe(403);
  });
});
