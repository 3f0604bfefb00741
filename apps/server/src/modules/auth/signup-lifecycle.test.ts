import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, lastMailTo, linkToken, newClient, signUpOwner, uniqueEmail, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { verifyAllAuditChains } from '../audit-log/audit-log.service.ts';
import { signUpMinimumMs } from './signup.service.ts';
import { sweepUnconfirmedAccounts, unconfirmedAccountDays } from './unconfirmed-accounts.service.ts';

let server: TestServer;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
beforeAll(async () => {
  server = await startTestServer({ clock: now });
});
afterAll(async () => server.close());

const squatterPassword = 'squatters own phrase 4711';
const ownerPassword = 'the real owners phrase 0815';

async function signUp(client: TestClient, email: string, password: string, organisationName: string) {
  const started = performance.now();
  const reply = await client.request('POST', '/api/v1/auth/signup', { name: organisationName.split(' ')[0], email, password, organisationName });
  return { reply, ms: performance.now() - started };
}

async function logIn(email: string, password: string) {
  const client = newClient(server.app);
  const reply = await client.request('POST', '/api/v1/auth/login', { email, password });
  return { client, status: reply.status, code: reply.json<{ error?: { code: string } }>().error?.code };
}

async function userOf(email: string) {
  return (await server.ownerQuery<{ id: string; email_verified_at: Date | null }>('select id, email_verified_at from users where email = $1', [email]))[0];
}

async function orgOfUser(userId: string): Promise<string> {
  const rows = await server.ownerQuery<{ org_id: string }>('select org_id from memberships where user_id = $1', [userId]);
  if (!rows[0]) throw new Error('no membership');
  return rows[0].org_id;
}

async function actions(orgId: string): Promise<string[]> {
  return (await server.ownerQuery<{ action: string }>('select action from audit_events where org_id = $1 order by seq', [orgId])).map((r) => r.action);
}

async function mailsTo(email: string) {
  return server.ownerQuery<{ subject: string; body_text: string; is_private: boolean }>('select subject, body_text, is_private from outbox where to_address = $1 order by created_at, id', [email]);
}

/** A squatter signs up with someone else's address and never confirms it: their account and organisation. */
async function squat(email: string) {
  const { reply } = await signUp(newClient(server.app), email, squatterPassword, 'Squatter Clinic');
  expect(reply.status).toBe(201);
  const squatter = await userOf(email);
  if (!squatter) throw new Error('no squatter');
  return { userId: squatter.id, orgId: await orgOfUser(squatter.id), link: linkToken((await lastMailTo(server, email)).body_text, '/verify-email') };
}

async function verifyChainOf(orgId: string) {
  const [result] = await verifyAllAuditChains(server.deps.database.db, server.deps.keys, { kind: 'dir', dir: server.deps.config.auditCheckpointDir }, orgId);
  return result;
}

describe('one answer whether or not the address has an account', () => {
  it('answers a sign-up with a confirmed address exactly like a fresh one, and mails the owner a notice instead', async () => {
    const owner = await signUpOwner(server);
    const client = newClient(server.app);
    const fresh = await signUp(client, uniqueEmail('fresh'), goodPassword, 'Fresh Clinic');
    const taken = await signUp(client, owner.email, squatterPassword, 'Copycat Clinic');
    expect(taken.reply.status).toBe(fresh.reply.status);
    expect(taken.reply.status).toBe(201);
    expect(Object.keys(taken.reply.json())).toEqual(Object.keys(fresh.reply.json()));
    expect(taken.reply.json()).toEqual({ status: 'verification_sent', email: owner.email });
    const notice = await lastMailTo(server, owner.email);
    expect(notice.subject).toBe('Someone tried to sign up to Custodian with your address');
    expect(notice.body_text).toMatch(/sign in at .*\/login/);
    expect(notice.body_text).not.toMatch(/token=/);
    expect(await actions(owner.orgId)).toContain('user.signup_attempted');
    expect((await logIn(owner.email, squatterPassword)).status).toBe(401);
    expect((await logIn(owner.email, goodPassword)).status).toBe(200);
  });

  it('takes about the same time for a free, a confirmed and an unconfirmed address', async () => {
    const client = newClient(server.app);
    const owner = await signUpOwner(server);
    const held = uniqueEmail('held');
    await squat(held);
    const times: Record<'free' | 'confirmed' | 'unconfirmed', number[]> = { free: [], confirmed: [], unconfirmed: [] };
    for (let round = 0; round < 6; round += 1) {
      times.free.push((await signUp(client, uniqueEmail('timed'), goodPassword, 'Timed Clinic')).ms);
      times.confirmed.push((await signUp(client, owner.email, goodPassword, 'Timed Clinic')).ms);
      times.unconfirmed.push((await signUp(client, held, goodPassword, 'Timed Clinic')).ms);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const medians = { free: median(times.free), confirmed: median(times.confirmed), unconfirmed: median(times.unconfirmed) };
    console.info(`sign-up timing (ms, median of 6; floor ${signUpMinimumMs}):`, JSON.stringify(medians), JSON.stringify(times, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v)));
    for (const ms of Object.values(times).flat()) expect(ms).toBeGreaterThanOrEqual(signUpMinimumMs - 5);
    expect(Math.max(...Object.values(medians)) - Math.min(...Object.values(medians))).toBeLessThan(100);
  });
});

describe('an unconfirmed account never blocks the address’s real owner', () => {
  it('lets the owner sign up, confirm and get the account with their password; the squatter and their organisation go', async () => {
    const email = uniqueEmail('squatted');
    const squatter = await squat(email);
    const { reply } = await signUp(newClient(server.app), email, ownerPassword, 'Real Clinic');
    expect(reply.status).toBe(201);
    expect(reply.json()).toEqual({ status: 'verification_sent', email });
    const claimMail = await lastMailTo(server, email);
    expect(claimMail.body_text).toContain('for Real Clinic');
    expect((await mailsTo(email)).at(-1)?.is_private).toBe(true);
    const verify = await newClient(server.app).request('POST', '/api/v1/auth/verify-email', { token: linkToken(claimMail.body_text, '/verify-email') });
    expect(verify.status).toBe(200);
    expect(verify.json()).toEqual({ ok: true, alreadyConfirmed: false });

    const signedIn = await logIn(email, ownerPassword);
    expect(signedIn.status).toBe(200);
    const session = (await signedIn.client.get('/api/v1/auth/session')).json<{ organisation: { name: string }; memberships: unknown[] }>();
    expect(session.organisation.name).toBe('Real Clinic');
    expect(session.memberships).toHaveLength(1);
    expect((await logIn(email, squatterPassword)).status).toBe(401);
    expect((await server.ownerQuery('select id from users where id = $1', [squatter.userId])).length).toBe(0);
    // The squatter's organisation is closed, not deleted: nobody belongs to it and its trail still verifies.
    const [org] = await server.ownerQuery<{ closed_at: Date | null }>('select closed_at from orgs where org_id = $1', [squatter.orgId]);
    expect(org?.closed_at).not.toBeNull();
    expect((await server.ownerQuery('select 1 from memberships where org_id = $1', [squatter.orgId])).length).toBe(0);
    expect((await actions(squatter.orgId)).slice(-2)).toEqual(['member.removed', 'org.closed']);
    expect(await verifyChainOf(squatter.orgId)).toMatchObject({ isValid: true });
    // The link opened again says the address is confirmed; the squatter's own link no longer works.
    expect((await newClient(server.app).request('POST', '/api/v1/auth/verify-email', { token: linkToken(claimMail.body_text, '/verify-email') })).json()).toEqual({ ok: true, alreadyConfirmed: true });
    expect((await newClient(server.app).request('POST', '/api/v1/auth/verify-email', { token: squatter.link })).status).toBe(400);
  });

  it('never lets a squatter take over a confirmed account', async () => {
    const email = uniqueEmail('owned');
    const squatter = await squat(email);
    await signUp(newClient(server.app), email, ownerPassword, 'Real Clinic');
    const ownerLink = linkToken((await lastMailTo(server, email)).body_text, '/verify-email');
    // The squatter signs up again: another claim, with their password, waits in the owner's mailbox.
    await signUp(newClient(server.app), email, squatterPassword, 'Squatter Again');
    const squatterClaim = linkToken((await lastMailTo(server, email)).body_text, '/verify-email');
    expect((await newClient(server.app).request('POST', '/api/v1/auth/verify-email', { token: ownerLink })).status).toBe(200);
    // Once the address is confirmed, every other link for it is dead, and a new sign-up changes nothing.
    expect((await newClient(server.app).request('POST', '/api/v1/auth/verify-email', { token: squatterClaim })).status).toBe(409);
    expect((await newClient(server.app).request('POST', '/api/v1/auth/verify-email', { token: squatter.link })).status).toBe(400);
    const owner = await userOf(email);
    expect((await signUp(newClient(server.app), email, squatterPassword, 'Squatter Third')).reply.status).toBe(201);
    expect((await newClient(server.app).request('POST', '/api/v1/auth/resend-verification', { email })).status).toBe(200);
    expect(await userOf(email)).toEqual(owner);
    expect((await logIn(email, squatterPassword)).status).toBe(401);
    expect((await logIn(email, ownerPassword)).status).toBe(200);
    expect((await mailsTo(email)).at(-1)?.subject).toBe('Someone tried to sign up to Custodian with your address');
  });

  it('lets the owner’s confirmation win a race with the squatter signing up again', async () => {
    for (let round = 0; round < 3; round += 1) {
      const email = uniqueEmail('race');
      await squat(email);
      await signUp(newClient(server.app), email, ownerPassword, 'Real Clinic');
      const ownerLink = linkToken((await lastMailTo(server, email)).body_text, '/verify-email');
      const [confirm, again] = await Promise.all([
        newClient(server.app).request('POST', '/api/v1/auth/verify-email', { token: ownerLink }),
        signUp(newClient(server.app), email, squatterPassword, 'Squatter Clinic'),
      ]);
      expect(confirm.status).toBe(200);
      expect(again.reply.status).toBe(201);
      expect((await logIn(email, ownerPassword)).status).toBe(200);
      expect((await logIn(email, squatterPassword)).status).toBe(401);
    }
  });

  it('lets two parallel confirmations of one address succeed once', async () => {
    const email = uniqueEmail('twice');
    await squat(email);
    await signUp(newClient(server.app), email, ownerPassword, 'First Clinic');
    const first = linkToken((await lastMailTo(server, email)).body_text, '/verify-email');
    await signUp(newClient(server.app), email, 'another owners phrase 77', 'Second Clinic');
    const second = linkToken((await lastMailTo(server, email)).body_text, '/verify-email');
    const replies = await Promise.all([first, second].map((token) => newClient(server.app).request('POST', '/api/v1/auth/verify-email', { token })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await server.ownerQuery('select id from users where email = $1', [email])).length).toBe(1);
  });

  it('lets an invitation link set the password of an address held by an unconfirmed account, and confirms it', async () => {
    const inviter = await signUpOwner(server);
    const email = uniqueEmail('invited');
    const squatter = await squat(email);
    expect((await inviter.client.request('POST', '/api/v1/invitations', { email, role: 'staff' })).status).toBe(201);
    const token = linkToken((await lastMailTo(server, email)).body_text, '/accept-invitation');
    const guest = newClient(server.app);
    const preview = await guest.get(`/api/v1/invitations/preview?token=${encodeURIComponent(token)}`);
    expect(Object.keys(preview.json()).sort()).toEqual(['email', 'organisationName', 'role']);
    const accept = await guest.request('POST', '/api/v1/auth/accept-invitation', { token, name: 'Real Person', password: ownerPassword });
    expect(accept.status).toBe(200);
    const session = (await guest.get('/api/v1/auth/session')).json<{ isSignedIn: boolean; organisation: { orgId: string } }>();
    expect(session).toMatchObject({ isSignedIn: true, organisation: { orgId: inviter.orgId } });
    expect((await userOf(email))?.email_verified_at).not.toBeNull();
    expect((await logIn(email, squatterPassword)).status).toBe(401);
    expect((await logIn(email, ownerPassword)).status).toBe(200);
    expect((await server.ownerQuery('select 1 from sessions where user_id = $1', [squatter.userId])).length).toBe(0);
    expect((await actions(squatter.orgId)).at(-1)).toBe('org.closed');
    expect((await newClient(server.app).request('POST', '/api/v1/auth/verify-email', { token: squatter.link })).status).toBe(400);
  });

  it('asks the holder of an invitation for a confirmed address to sign in, without the preview telling', async () => {
    const inviter = await signUpOwner(server);
    const existing = await signUpOwner(server);
    await inviter.client.request('POST', '/api/v1/invitations', { email: existing.email, role: 'auditor' });
    const token = linkToken((await lastMailTo(server, existing.email)).body_text, '/accept-invitation');
    const guest = newClient(server.app);
    const fresh = uniqueEmail('nobody');
    await inviter.client.request('POST', '/api/v1/invitations', { email: fresh, role: 'auditor' });
    const freshToken = linkToken((await lastMailTo(server, fresh)).body_text, '/accept-invitation');
    const previews = await Promise.all([token, freshToken].map((t) => guest.get(`/api/v1/invitations/preview?token=${encodeURIComponent(t)}`)));
    expect(previews.map((p) => Object.keys(p.json()).sort())).toEqual([
      ['email', 'organisationName', 'role'],
      ['email', 'organisationName', 'role'],
    ]);
    const refused = await guest.request('POST', '/api/v1/auth/accept-invitation', { token, name: 'X', password: squatterPassword });
    expect(refused.status).toBe(409);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/Sign in, then open the invitation link again/);
    expect((await logIn(existing.email, goodPassword)).status).toBe(200);
  });
});

describe('unconfirmed accounts expire', () => {
  it(`removes accounts left unconfirmed for more than ${unconfirmedAccountDays} days, closing their empty organisation`, async () => {
    const stale = uniqueEmail('stale');
    const squatter = await squat(stale);
    const recent = uniqueEmail('recent');
    const confirmed = await signUpOwner(server);
    offsetMs = (unconfirmedAccountDays - 1) * 86_400_000;
    try {
      await squat(recent);
      expect(await sweepUnconfirmedAccounts(server.deps, server.app.log)).toBe(0);
      offsetMs = (unconfirmedAccountDays + 0.5) * 86_400_000;
      const removed = await sweepUnconfirmedAccounts(server.deps, server.app.log);
      expect(removed).toBeGreaterThanOrEqual(1);
    } finally {
      offsetMs = 0;
    }
    expect(await userOf(stale)).toBeUndefined();
    expect(await userOf(recent)).toBeDefined();
    expect(await userOf(confirmed.email)).toBeDefined();
    expect((await actions(squatter.orgId)).slice(-2)).toEqual(['member.removed', 'org.closed']);
    expect(await verifyChainOf(squatter.orgId)).toMatchObject({ isValid: true });
    // The address is free again: a new sign-up gets a fresh account and link.
    expect((await signUp(newClient(server.app), stale, ownerPassword, 'Later Clinic')).reply.status).toBe(201);
    expect((await newClient(server.app).request('POST', '/api/v1/auth/verify-email', { token: linkToken((await lastMailTo(server, stale)).body_text, '/verify-email') })).status).toBe(200);
    expect((await logIn(stale, ownerPassword)).status).toBe(200);
  });
});
