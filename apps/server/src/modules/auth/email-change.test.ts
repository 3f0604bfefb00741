import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, lastMailTo, linkToken, newClient, signUpOwner, uniqueEmail, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { emailChangeLinkMinutes } from './email-change.service.ts';

let server: TestServer;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
beforeAll(async () => {
  server = await startTestServer({ clock: now });
});
afterAll(async () => server.close());

type ErrorReply = { error: { code: string; message: string; details?: { reason?: string } } };

async function askChange(client: TestClient, newEmail: string) {
  return client.request('POST', '/api/v1/auth/email-change', { newEmail });
}

async function changeLink(newEmail: string): Promise<string> {
  const mail = await lastMailTo(server, newEmail);
  expect(mail.subject).toBe('Confirm your new e-mail address for Custodian');
  return linkToken(mail.body_text, '/confirm-email-change');
}

async function confirm(token: string, client: TestClient = newClient(server.app)) {
  return client.request('POST', '/api/v1/auth/email-change/confirm', { token });
}

async function actions(orgId: string): Promise<string[]> {
  return (await server.ownerQuery<{ action: string }>('select action from audit_events where org_id = $1 order by seq', [orgId])).map((r) => r.action);
}

async function logIn(email: string, password = goodPassword) {
  const client = newClient(server.app);
  return { client, status: (await client.request('POST', '/api/v1/auth/login', { email, password })).status };
}

describe('changing the e-mail address', () => {
  it('mails a private single-use link to the new address and a notice to the old, and changes only when the link is opened', async () => {
    const owner = await signUpOwner(server);
    const laptop = await logIn(owner.email);
    const newEmail = uniqueEmail('moved');
    const asked = await askChange(owner.client, newEmail);
    expect(asked.status).toBe(200);
    expect(asked.json<{ newEmail: string }>().newEmail).toBe(newEmail);
    const token = await changeLink(newEmail);
    // Only the hash is stored; the outbox page does not show the link.
    const stored = await server.ownerQuery<{ token_hash: string }>('select token_hash from email_changes where user_id = $1', [owner.userId]);
    expect(stored.map((r) => r.token_hash)).toEqual([createHash('sha256').update(token).digest('hex')]);
    const outbox = JSON.stringify((await owner.client.get('/api/v1/outbox')).json());
    expect(outbox).not.toContain('/confirm-email-change?token=');
    const notice = await lastMailTo(server, owner.email);
    expect(notice.subject).toBe('Your Custodian e-mail address is being changed');
    expect(notice.body_text).toContain(newEmail);
    expect(notice.body_text).toMatch(/If it wasn't you/);
    expect(notice.body_text).not.toContain('token=');
    // Nothing changes until the link is opened.
    expect((await logIn(owner.email)).status).toBe(200);

    const done = await confirm(token, owner.client);
    expect(done.status).toBe(200);
    expect(done.json()).toEqual({ email: newEmail });
    expect((await logIn(newEmail)).status).toBe(200);
    expect((await logIn(owner.email)).status).toBe(401);
    // The session that opened the link stays; the others end.
    expect((await owner.client.get('/api/v1/auth/session')).json<{ user: { email: string } }>().user.email).toBe(newEmail);
    expect((await laptop.client.get('/api/v1/org')).status).toBe(401);
    const trail = await actions(owner.orgId);
    expect(trail).toContain('user.email_change_requested');
    expect(trail.indexOf('user.email_changed')).toBeGreaterThan(trail.indexOf('user.email_change_requested'));
    const [event] = await server.ownerQuery<{ before: { email: string }; after: { email: string } }>("select before, after from audit_events where org_id = $1 and action = 'user.email_changed'", [owner.orgId]);
    expect(event?.before.email).toBe(owner.email);
    expect(event?.after.email).toBe(newEmail);
  });

  it('refuses a used link, an expired link and an unknown one, each with its reason', async () => {
    const owner = await signUpOwner(server);
    const first = uniqueEmail('used');
    await askChange(owner.client, first);
    const token = await changeLink(first);
    expect((await confirm(token)).status).toBe(200);
    const again = await confirm(token);
    expect(again.status).toBe(400);
    expect(again.json<ErrorReply>().error.details?.reason).toBe('used');

    const owner2 = await signUpOwner(server);
    const late = uniqueEmail('late');
    await askChange(owner2.client, late);
    const lateToken = await changeLink(late);
    offsetMs = (emailChangeLinkMinutes + 1) * 60_000;
    try {
      const expired = await confirm(lateToken);
      expect(expired.status).toBe(400);
      expect(expired.json<ErrorReply>().error.details?.reason).toBe('expired');
    } finally {
      offsetMs = 0;
    }
    expect((await logIn(owner2.email)).status).toBe(200);
    expect((await confirm('not-a-real-link-token-at-all')).json<ErrorReply>().error.details?.reason).toBe('unknown');
  });

  it('retires an earlier link when a newer change is asked for', async () => {
    const owner = await signUpOwner(server);
    const first = uniqueEmail('first');
    await askChange(owner.client, first);
    const firstToken = await changeLink(first);
    const second = uniqueEmail('second');
    await askChange(owner.client, second);
    expect((await confirm(firstToken)).json<ErrorReply>().error.details?.reason).toBe('used');
    expect((await confirm(await changeLink(second))).status).toBe(200);
  });

  it('refuses with 409 when the address was confirmed by someone else meanwhile, and changes nothing', async () => {
    const owner = await signUpOwner(server);
    const wanted = uniqueEmail('wanted');
    await askChange(owner.client, wanted);
    const token = await changeLink(wanted);
    // Someone else signs up with the address and confirms it before the link is opened.
    const other = newClient(server.app);
    await other.request('POST', '/api/v1/auth/signup', { name: 'Other', email: wanted, password: goodPassword, organisationName: 'Other Clinic' });
    expect((await other.request('POST', '/api/v1/auth/verify-email', { token: linkToken((await lastMailTo(server, wanted)).body_text, '/verify-email') })).status).toBe(200);
    const refused = await confirm(token);
    expect(refused.status).toBe(409);
    expect((await logIn(owner.email)).status).toBe(200);
    expect((await logIn(wanted)).status).toBe(200);
  });

  it('answers alike for an address with an account, and mails that address a notice without a link', async () => {
    const owner = await signUpOwner(server);
    const taken = await signUpOwner(server);
    const free = uniqueEmail('free');
    const toTaken = await askChange(owner.client, taken.email);
    const toFree = await askChange(owner.client, free);
    expect(toTaken.status).toBe(toFree.status);
    expect(Object.keys(toTaken.json())).toEqual(Object.keys(toFree.json()));
    const notice = await lastMailTo(server, taken.email);
    expect(notice.subject).toBe((await lastMailTo(server, free)).subject);
    expect(notice.body_text).not.toContain('token=');
    expect((await logIn(taken.email)).status).toBe(200);
  });

  it('supersedes an unconfirmed account that holds the new address', async () => {
    const owner = await signUpOwner(server);
    const held = uniqueEmail('held');
    await newClient(server.app).request('POST', '/api/v1/auth/signup', { name: 'Squatter', email: held, password: 'squatters own phrase 4711', organisationName: 'Squat Clinic' });
    await askChange(owner.client, held);
    expect((await confirm(await changeLink(held))).status).toBe(200);
    expect((await logIn(held)).status).toBe(200);
    expect((await logIn(held, 'squatters own phrase 4711')).status).toBe(401);
  });

  it('lets one of two accounts confirming the same address at once win; the other gets 409', async () => {
    const a = await signUpOwner(server);
    const b = await signUpOwner(server);
    const contested = uniqueEmail('contested');
    await askChange(a.client, contested);
    const tokenA = await changeLink(contested);
    await askChange(b.client, contested);
    const tokenB = await changeLink(contested);
    const replies = await Promise.all([confirm(tokenA), confirm(tokenB)]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await server.ownerQuery('select id from users where email = $1', [contested])).length).toBe(1);
    const winner = replies[0]?.status === 200 ? a : b;
    const loser = winner === a ? b : a;
    expect((await logIn(contested)).status).toBe(200);
    expect((await logIn(loser.email)).status).toBe(200);
    expect((await logIn(winner.email)).status).toBe(401);
  });

  it('refuses the current address and anyone not signed in', async () => {
    const owner = await signUpOwner(server);
    const same = await askChange(owner.client, owner.email);
    expect(same.status).toBe(400);
    expect(same.json<{ error: { details: Array<{ path: string }> } }>().error.details[0]?.path).toBe('newEmail');
    expect((await askChange(newClient(server.app), uniqueEmail())).status).toBe(401);
  });
});
