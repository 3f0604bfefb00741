import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemberWithRole, goodPassword, lastMailTo, linkToken, newClient, signUpOwner, uniqueEmail } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
let offsetMs = 0;
beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(Date.now() + offsetMs) });
});
afterAll(async () => server.close());

describe('members and invitations', () => {
  it('refuses a second pending invitation and an invitation to a member', async () => {
    const owner = await signUpOwner(server);
    const email = uniqueEmail('dup');
    expect((await owner.client.request('POST', '/api/v1/invitations', { email, role: 'staff' })).status).toBe(201);
    expect((await owner.client.request('POST', '/api/v1/invitations', { email, role: 'auditor' })).status).toBe(409);
    expect((await owner.client.request('POST', '/api/v1/invitations', { email: owner.email, role: 'staff' })).status).toBe(409);
  });

  it('keeps at least one owner', async () => {
    const owner = await signUpOwner(server);
    expect((await owner.client.request('PATCH', `/api/v1/members/${owner.userId}`, { version: 1, role: 'staff' })).status).toBe(409);
    expect((await owner.client.request('DELETE', `/api/v1/members/${owner.userId}`)).status).toBe(409);
    const second = await addMemberWithRole(server, owner, 'owner');
    expect((await owner.client.request('PATCH', `/api/v1/members/${owner.userId}`, { version: 1, role: 'isms_manager' })).status).toBe(200);
    expect(
      (await second.client.get('/api/v1/members'))
        .json<{ items: Array<{ role: string }> }>()
        .items.map((m) => m.role)
        .sort(),
    ).toEqual(['isms_manager', 'owner']);
  });

  it('keeps an owner when two owners demote each other at the same moment', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const first = await signUpOwner(server);
      const second = await addMemberWithRole(server, first, 'owner');
      const replies = await Promise.all([
        first.client.request('PATCH', `/api/v1/members/${second.userId}`, { version: 1, role: 'staff' }),
        second.client.request('PATCH', `/api/v1/members/${first.userId}`, { version: 1, role: 'staff' }),
      ]);
      // The loser is refused: as the last owner (409), or, if the winner committed before the loser's
      // request began, because the loser is no longer an owner (403).
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const owners = await server.ownerQuery<{ n: string }>(`select count(*)::text as n from memberships where org_id = $1 and role = 'owner'`, [first.orgId]);
      expect(Number(owners[0]?.n)).toBe(1);
    }
  });

  it('refuses a stale role change with the member as it is now', async () => {
    const owner = await signUpOwner(server);
    const member = await addMemberWithRole(server, owner, 'staff');
    expect((await owner.client.request('PATCH', `/api/v1/members/${member.userId}`, { version: 1, role: 'contributor' })).status).toBe(200);
    const stale = await owner.client.request('PATCH', `/api/v1/members/${member.userId}`, { version: 1, role: 'auditor' });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { details: { current: { role: string; version: number } } } }>().error.details.current).toMatchObject({
      role: 'contributor',
      version: 2,
    });
  });

  it('prints the invitation expiry as dd/mm/yyyy in the organisation time zone, not UTC', async () => {
    const saved = offsetMs;
    // 20:00 UTC on 10/03/2031 is already 11/03/2031 in Perth; the invitation expires seven days later.
    offsetMs = Date.UTC(2031, 2, 10, 20, 0, 0) - Date.now();
    try {
      const owner = await signUpOwner(server);
      const email = uniqueEmail('expiry');
      expect((await owner.client.request('PATCH', '/api/v1/org', { version: 1, timeZone: 'Australia/Perth' })).status).toBe(200);
      expect((await owner.client.request('POST', '/api/v1/invitations', { email, role: 'staff' })).status).toBe(201);
      expect((await lastMailTo(server, email)).body_text).toContain('The invitation expires on 18/03/2031.');
    } finally {
      offsetMs = saved;
    }
  });

  it('says whether an invitation e-mail goes out: only with a mail server configured', async () => {
    const owner = await signUpOwner(server);
    const logged = await owner.client.request('POST', '/api/v1/invitations', { email: uniqueEmail('nosmtp'), role: 'staff' });
    expect(logged.json()).toMatchObject({ status: 'pending', delivery: 'outbox_only' });
    const withSmtp = await startTestServer({ env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
    try {
      const other = await signUpOwner(withSmtp);
      const sent = await other.client.request('POST', '/api/v1/invitations', { email: uniqueEmail('smtp'), role: 'staff' });
      expect(sent.json()).toMatchObject({ status: 'pending', delivery: 'email' });
    } finally {
      await withSmtp.close();
    }
  });

  it('lets only managers invite, and only owners invite owners', async () => {
    const owner = await signUpOwner(server);
    const manager = await addMemberWithRole(server, owner, 'isms_manager');
    const staff = await addMemberWithRole(server, owner, 'staff');
    expect((await staff.client.request('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'staff' })).status).toBe(403);
    expect((await manager.client.request('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'owner' })).status).toBe(403);
    expect((await manager.client.request('POST', '/api/v1/invitations', { email: uniqueEmail(), role: 'contributor' })).status).toBe(201);
  });

  it('asks someone with an account to sign in before accepting, and expires invitations after seven days', async () => {
    const owner = await signUpOwner(server);
    const existing = await signUpOwner(server);
    await owner.client.request('POST', '/api/v1/invitations', { email: existing.email, role: 'auditor' });
    const token = linkToken((await lastMailTo(server, existing.email)).body_text, '/accept-invitation');
    const anonymous = newClient(server.app);
    const preview = await anonymous.get(`/api/v1/invitations/preview?token=${encodeURIComponent(token)}`);
    // The preview does not say whether the address has an account; accepting with a password does, to the link's holder.
    expect(preview.json()).toEqual({ organisationName: 'Bayside Physio', email: existing.email, role: 'auditor' });
    expect((await anonymous.request('POST', '/api/v1/auth/accept-invitation', { token, name: 'X', password: goodPassword })).status).toBe(409);

    const late = uniqueEmail('late');
    await owner.client.request('POST', '/api/v1/invitations', { email: late, role: 'staff' });
    const lateToken = linkToken((await lastMailTo(server, late)).body_text, '/accept-invitation');
    offsetMs += 8 * 86_400_000;
    try {
      expect((await anonymous.get(`/api/v1/invitations/preview?token=${encodeURIComponent(lateToken)}`)).status).toBe(404);
    } finally {
      offsetMs = 0;
    }
  });

  it('records membership changes in the audit trail', async () => {
    const owner = await signUpOwner(server);
    const member = await addMemberWithRole(server, owner, 'staff');
    await owner.client.request('PATCH', `/api/v1/members/${member.userId}`, { version: 1, role: 'contributor' });
    await owner.client.request('DELETE', `/api/v1/members/${member.userId}`);
    const actions = (await owner.client.get('/api/v1/audit-log?order=asc&limit=50')).json<{ items: Array<{ action: string }> }>().items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['invitation.created', 'invitation.accepted', 'member.added', 'member.role_changed', 'member.removed']));
    expect((await member.client.get('/api/v1/gap/items')).status).toBe(403);
  });

  it('withdraws the invitations a member sent when they leave or can no longer send them, each recorded', async () => {
    const owner = await signUpOwner(server);
    const second = await addMemberWithRole(server, owner, 'owner');
    const manager = await addMemberWithRole(server, owner, 'isms_manager');
    const invite = async (client: typeof owner.client, role: string) => {
      const reply = await client.request('POST', '/api/v1/invitations', { email: uniqueEmail(role), role });
      expect(reply.status).toBe(201);
      return reply.json<{ id: string }>().id;
    };
    const secondOwnerInvite = await invite(second.client, 'owner');
    const secondStaffInvite = await invite(second.client, 'staff');
    const managerInvite = await invite(manager.client, 'contributor');
    const ownersInvite = await invite(owner.client, 'auditor');
    const statusOf = async () =>
      Object.fromEntries(
        (await owner.client.get('/api/v1/invitations?limit=50')).json<{ items: Array<{ id: string; status: string }> }>().items.map((i) => [i.id, i.status]),
      );
    // An owner made ISMS manager may still invite, but not as owner: only that invitation goes.
    expect((await owner.client.request('PATCH', `/api/v1/members/${second.userId}`, { version: 1, role: 'isms_manager' })).status).toBe(200);
    expect(await statusOf()).toMatchObject({
      [secondOwnerInvite]: 'revoked',
      [secondStaffInvite]: 'pending',
      [managerInvite]: 'pending',
      [ownersInvite]: 'pending',
    });
    // Made staff (no invite permission): the rest of theirs go.
    expect((await owner.client.request('PATCH', `/api/v1/members/${second.userId}`, { version: 2, role: 'staff' })).status).toBe(200);
    expect(await statusOf()).toMatchObject({ [secondStaffInvite]: 'revoked', [managerInvite]: 'pending', [ownersInvite]: 'pending' });
    // Removed: all of theirs go; other people's stay.
    expect((await owner.client.request('DELETE', `/api/v1/members/${manager.userId}`)).status).toBe(200);
    expect(await statusOf()).toMatchObject({ [managerInvite]: 'revoked', [ownersInvite]: 'pending' });
    const trail = (await owner.client.get('/api/v1/audit-log?action=invitation.revoked_with_sender&limit=50')).json<{ items: Array<{ entityId: string }> }>();
    expect(trail.items.map((e) => e.entityId).sort()).toEqual([secondOwnerInvite, secondStaffInvite, managerInvite].sort());
  });
});
