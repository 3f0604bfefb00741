import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemberWithRole, enrolTotp, goodPassword, lastMailTo, linkToken, newClient, saveGapItem, signUpOwner, uniqueEmail } from '../../../test/test-client.ts';
import { startTestServer, testDatabaseKind, type TestServer } from '../../../test/test-server.ts';
import { verifyAuditChainOf } from '../audit-log/audit-log.service.ts';

/** Deleting one's own account (APP 11.2): sessions and credentials end, organisations keep their history. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

/** Holds each transaction once open until a second one has opened too (at most 300 ms). */
function bothOpen(): () => Promise<void> {
  const waiting: Array<() => void> = [];
  return () =>
    new Promise<void>((resolve) => {
      const release = () => {
        for (const done of waiting.splice(0)) done();
      };
      waiting.push(resolve);
      if (waiting.length >= 2) release();
      else setTimeout(release, 300);
    });
}

const count = async (query: string, params: unknown[]) => Number((await server.ownerQuery<{ n: string }>(query, params))[0]?.n);

async function isSignedIn(client: ReturnType<typeof newClient>): Promise<boolean> {
  return (await client.get('/api/v1/auth/session')).json<{ isSignedIn: boolean }>().isSignedIn;
}

describe('deleting my account', () => {
  it('ends every session and credential, keeps the organisation’s history, and frees the address for a fresh sign-up', async () => {
    const owner = await signUpOwner(server, { organisationName: 'Riverbend Allied Health' });
    const member = await addMemberWithRole(server, owner, 'contributor');
    const elsewhere = newClient(server.app);
    expect((await elsewhere.request('POST', '/api/v1/auth/login', { email: member.email, password: goodPassword })).status).toBe(200);
    await enrolTotp(member.client);
    expect((await member.client.request('POST', '/api/v1/auth/password-reset/request', { email: member.email })).status).toBe(200);

    const preview = await member.client.get('/api/v1/auth/account/deletion');
    expect(preview.json()).toEqual({ leaves: [{ orgId: owner.orgId, name: 'Riverbend Allied Health' }], closes: [], blockedBy: [] });
    const wrong = await member.client.request('POST', '/api/v1/auth/account/delete', { email: owner.email });
    expect(wrong.status).toBe(400);
    expect(wrong.json()).toMatchObject({ error: { code: 'validation_failed', details: [{ path: 'email' }] } });
    const deleted = await member.client.request('POST', '/api/v1/auth/account/delete', { email: member.email.toUpperCase() });
    expect(deleted.status).toBe(200);
    expect(deleted.json()).toEqual({ ok: true, closedOrganisations: [] });

    expect(await isSignedIn(member.client)).toBe(false);
    expect(await isSignedIn(elsewhere)).toBe(false);
    expect((await newClient(server.app).request('POST', '/api/v1/auth/login', { email: member.email, password: goodPassword })).status).toBe(401);
    const [tombstone] = await server.ownerQuery<Record<string, unknown>>('select * from users where id = $1', [member.userId]);
    expect(tombstone).toMatchObject({ name: 'Deleted account', email: `deleted-${member.userId}@deleted.invalid`, password_hash: '!deleted', totp_secret_enc: null, mfa_enabled_at: null });
    expect(tombstone?.deleted_at).not.toBeNull();
    for (const table of ['sessions', 'recovery_codes', 'password_resets', 'email_verifications', 'email_changes', 'passkeys', 'memberships']) {
      expect(await count(`select count(*)::text as n from ${table} where user_id = $1`, [member.userId]), table).toBe(0);
    }
    // The organisation keeps who they were, and the deletion in its trail, which still verifies.
    const former = (await owner.client.get('/api/v1/former-members')).json<{ items: unknown[] }>().items;
    expect(former).toEqual([expect.objectContaining({ userId: member.userId, name: 'Member contributor', email: member.email, reason: 'account_deleted', isDeidentified: false })]);
    const events = (await owner.client.get('/api/v1/audit-log?action=user.account_deleted')).json<{ items: Array<{ actorUserId: string; actorName: string }> }>().items;
    expect(events).toEqual([expect.objectContaining({ actorUserId: member.userId, actorName: 'Member contributor' })]);
    expect(await verifyAuditChainOf(server.deps.database.db, owner.orgId, server.deps.keys.auditMac)).toMatchObject({ isValid: true });

    // The address signs up afresh: a new person, with nothing of the old account.
    const again = newClient(server.app);
    expect((await again.request('POST', '/api/v1/auth/signup', { name: 'Returning Person', email: member.email, password: goodPassword, organisationName: 'Fresh Start Clinic' })).status).toBe(201);
    expect((await again.request('POST', '/api/v1/auth/verify-email', { token: linkToken((await lastMailTo(server, member.email)).body_text, '/verify-email') })).status).toBe(200);
    expect((await again.request('POST', '/api/v1/auth/login', { email: member.email, password: goodPassword })).status).toBe(200);
    const session = (await again.get('/api/v1/auth/session')).json<{ user: { id: string; hasMfa: boolean }; memberships: unknown[] }>();
    expect(session.user.id).not.toBe(member.userId);
    expect(session.user.hasMfa).toBe(false);
    expect(session.memberships).toHaveLength(1);
  });

  it('is refused, in plain words, for the only owner of an organisation others belong to', async () => {
    const owner = await signUpOwner(server, { organisationName: 'Northside Optometry' });
    const member = await addMemberWithRole(server, owner, 'staff');
    expect((await owner.client.get('/api/v1/auth/account/deletion')).json()).toMatchObject({ blockedBy: [{ orgId: owner.orgId, name: 'Northside Optometry' }], closes: [], leaves: [] });
    const refused = await owner.client.request('POST', '/api/v1/auth/account/delete', { email: owner.email });
    expect(refused.status).toBe(409);
    expect(refused.json<{ error: { message: string } }>().error.message).toBe(
      'You are the only owner of Northside Optometry, and other people still belong to it. Make another member an owner on the Members page (or remove the other members) first, then delete your account.',
    );
    expect(await isSignedIn(owner.client)).toBe(true);
    // Once someone else is an owner, the first owner may go.
    expect((await owner.client.request('PATCH', `/api/v1/members/${member.userId}`, { version: 1, role: 'owner' })).status).toBe(200);
    expect((await owner.client.request('POST', '/api/v1/auth/account/delete', { email: owner.email })).status).toBe(200);
    expect((await member.client.get('/api/v1/members')).json<{ items: Array<{ userId: string }> }>().items.map((m) => m.userId)).toEqual([member.userId]);
  });

  it('closes an organisation whose only member deletes their account: kept read-only, its trail verifying, the person de-identified in it', async () => {
    const owner = await signUpOwner(server, { organisationName: 'Solo Speech Pathology', name: 'Ottilie Vance' });
    const other = await signUpOwner(server, { organisationName: 'Another Clinic' });
    expect((await saveGapItem(owner.client, '/api/v1/gap/items/iso27001:2022:A.5.1', { status: 'partial', ownerUserId: owner.userId })).status).toBe(200);
    const invitee = uniqueEmail('never-joined');
    expect((await owner.client.request('POST', '/api/v1/invitations', { email: invitee, role: 'staff' })).status).toBe(201);
    expect((await owner.client.get('/api/v1/auth/account/deletion')).json()).toMatchObject({ closes: [{ orgId: owner.orgId, name: 'Solo Speech Pathology' }], leaves: [], blockedBy: [] });
    const deleted = await owner.client.request('POST', '/api/v1/auth/account/delete', { email: owner.email });
    expect(deleted.json()).toEqual({ ok: true, closedOrganisations: ['Solo Speech Pathology'] });

    const [org] = await server.ownerQuery<{ closed_at: Date | null }>('select closed_at from orgs where org_id = $1', [owner.orgId]);
    expect(org?.closed_at).not.toBeNull();
    expect(await count('select count(*)::text as n from invitations where org_id = $1 and revoked_at is null and accepted_at is null', [owner.orgId])).toBe(0);
    const actions = await server.ownerQuery<{ action: string; actor_label: string }>('select action, actor_label from audit_events where org_id = $1 order by seq', [owner.orgId]);
    expect(actions.slice(-3).map((a) => a.action)).toEqual(['user.account_deleted', 'org.closed', 'member.deidentified']);
    expect(new Set(actions.map((a) => a.actor_label))).toEqual(new Set(['Former member 1']));
    expect(await count(`select count(*)::text as n from audit_events where org_id = $1 and (coalesce(before::text, '') || coalesce(after::text, '')) ilike $2`, [owner.orgId, `%${owner.email}%`])).toBe(0);
    expect(await verifyAuditChainOf(server.deps.database.db, owner.orgId, server.deps.keys.auditMac)).toMatchObject({ isValid: true, problems: [] });
    // Nobody can reach it; the other owner's organisation is untouched.
    expect(await count('select count(*)::text as n from memberships where org_id = $1', [owner.orgId])).toBe(0);
    expect((await other.client.get('/api/v1/org')).json()).toMatchObject({ name: 'Another Clinic' });
  });

  it('lets an action raced with its author’s account deletion either finish first or be refused', async () => {
    const statuses = new Set<number>();
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const owner = await signUpOwner(server);
      const member = await addMemberWithRole(server, owner, 'contributor');
      const url = `/api/v1/gap/items/iso27001:2022:A.5.${attempt + 1}`;
      const version = (await member.client.get(url)).json<{ version: number }>().version;
      // On PostgreSQL both transactions open (each has resolved the still-valid session) before either works.
      if (testDatabaseKind === 'postgresql') server.deps.testHooks = { afterOpen: bothOpen() };
      const [action, deletion] = await Promise.all([
        member.client.request('PATCH', url, { version, status: 'implemented' }),
        member.client.request('POST', '/api/v1/auth/account/delete', { email: member.email }),
      ]).finally(() => delete server.deps.testHooks);
      statuses.add(action.status);
      expect(deletion.status, deletion.raw.body).toBe(200);
      expect([200, 401]).toContain(action.status);
      const events = await server.ownerQuery<{ action: string; seq: string }>(`select action, seq from audit_events where org_id = $1 and actor_user_id = $2 order by seq`, [owner.orgId, member.userId]);
      const deletedAt = events.findIndex((e) => e.action === 'user.account_deleted');
      expect(deletedAt).toBe(events.length - 1);
      const stored = await server.ownerQuery<{ updated_by: string }>(`select updated_by from gap_entries where org_id = $1 and item_id = $2`, [owner.orgId, url.split('/').at(-1)]);
      if (action.status === 200) {
        expect(events.some((e) => e.action === 'gap.updated')).toBe(true);
        expect(stored[0]?.updated_by).toBe(member.userId);
      } else {
        expect(events.some((e) => e.action === 'gap.updated')).toBe(false);
        expect(stored).toHaveLength(0);
      }
    }
    console.log(`raced action outcomes: ${[...statuses].sort().join(', ')}`);
  });

  // PostgreSQL only: PGlite has one connection, so a transaction held open would stop the deletion too.
  it.runIf(testDatabaseKind === 'postgresql')('refuses an action whose author’s account was deleted after the action began', async () => {
    const owner = await signUpOwner(server);
    const member = await addMemberWithRole(server, owner, 'contributor');
    const url = '/api/v1/gap/items/iso27001:2022:A.6.1';
    const version = (await member.client.get(url)).json<{ version: number }>().version;
    let opened: () => void = () => undefined;
    let release: () => void = () => undefined;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    server.deps.testHooks = {
      afterOpen: async () => {
        if (held) return;
        held = true;
        opened();
        await released;
      },
    };
    try {
      // The action's transaction has resolved the session (still valid) when the deletion runs and commits.
      const action = member.client.request('PATCH', url, { version, status: 'implemented' });
      await isOpen;
      expect((await member.client.request('POST', '/api/v1/auth/account/delete', { email: member.email })).status).toBe(200);
      release();
      const reply = await action;
      expect(reply.status).toBe(401);
      expect(reply.json<{ error: { message: string } }>().error.message).toBe('Your account has been deleted, so this change was not saved.');
    } finally {
      delete server.deps.testHooks;
    }
    expect(await count(`select count(*)::text as n from gap_entries where org_id = $1 and item_id = 'iso27001:2022:A.6.1'`, [owner.orgId])).toBe(0);
    expect(await count(`select count(*)::text as n from audit_events where org_id = $1 and action = 'gap.updated'`, [owner.orgId])).toBe(0);
  });
});
