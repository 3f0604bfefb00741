import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, lastMailTo, linkToken, newClient, saveGapItem, signUpOwner, uniqueEmail, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { macAuditRow, type ChainRow } from '../audit-log/audit-chain.ts';
import { verifyAllAuditChains, verifyAuditChainOf } from '../audit-log/audit-log.service.ts';

/**
 * De-identifying people who have left (ADR 0015): an owner replaces a former member's name and address
 * with "Former member N" in the organisation's records; the history stays and the trail verifies.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

let people = 0;
/** Invites a new person with a name nobody else has, who accepts (creating their account). */
async function join(owner: { client: TestClient }, role: string) {
  people += 1;
  const email = uniqueEmail('leaver');
  const name = `Quenby Marsh-${people}x`;
  expect((await owner.client.request('POST', '/api/v1/invitations', { email, role })).status).toBe(201);
  const token = linkToken((await lastMailTo(server, email)).body_text, '/accept-invitation');
  const client = newClient(server.app);
  expect((await client.request('POST', '/api/v1/auth/accept-invitation', { token, name, password: goodPassword })).status).toBe(200);
  const userId = (await client.get('/api/v1/auth/session')).json<{ user: { id: string } }>().user.id;
  return { client, email, name, userId };
}

/** An existing person, signed in, accepts an invitation to another organisation (and now works there). */
async function joinAnother(owner: { client: TestClient }, person: { client: TestClient; email: string }, role: string): Promise<void> {
  expect((await owner.client.request('POST', '/api/v1/invitations', { email: person.email, role })).status).toBe(201);
  const token = linkToken((await lastMailTo(server, person.email)).body_text, '/accept-invitation');
  expect((await person.client.request('POST', '/api/v1/auth/accept-invitation', { token })).status).toBe(200);
}

async function verifyOf(orgId: string) {
  const [result] = await verifyAllAuditChains(server.deps.database.db, server.deps.keys, { kind: 'dir', dir: server.deps.config.auditCheckpointDir }, orgId);
  return result;
}

/** Everything an owner can read about the organisation through the API, as one text. */
async function everythingShown(owner: { client: TestClient }): Promise<string> {
  const parts: string[] = [];
  for (const url of ['/api/v1/members?limit=200', '/api/v1/former-members?limit=200', '/api/v1/invitations?limit=200', '/api/v1/outbox?limit=200', '/api/v1/audit-log?limit=200', '/api/v1/gap/items?limit=200']) {
    const reply = await owner.client.get(url);
    expect(reply.status, url).toBe(200);
    parts.push(reply.raw.body);
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await owner.client.get('/api/v1/gap/export.xlsx')).raw.rawPayload as unknown as ArrayBuffer);
  workbook.eachSheet((sheet) => sheet.eachRow((row) => parts.push(JSON.stringify(row.values))));
  return parts.join('\n');
}

const gapItem = '/api/v1/gap/items/iso27001:2022:A.5.1';

describe('de-identifying a former member', () => {
  it('replaces their name and address everywhere in that organisation, keeps the history, and the trail still verifies', async () => {
    const owner = await signUpOwner(server, { organisationName: 'Seaview Dental' });
    const other = await signUpOwner(server, { organisationName: 'Hilltop Podiatry' });
    const leaver = await join(owner, 'isms_manager');
    await joinAnother(other, leaver, 'contributor');
    // In Hilltop: the leaver acts there too.
    expect((await saveGapItem(leaver.client, '/api/v1/gap/items/iso27001:2022:A.5.2', { status: 'partial' })).status).toBe(200);
    // In Seaview: they own a gap item, invite someone, and are then removed.
    expect((await leaver.client.request('POST', '/api/v1/auth/switch-org', { orgId: owner.orgId })).status).toBe(200);
    expect((await saveGapItem(leaver.client, gapItem, { status: 'partial', ownerUserId: leaver.userId })).status).toBe(200);
    expect((await leaver.client.request('POST', '/api/v1/invitations', { email: uniqueEmail('invited-by-leaver'), role: 'staff' })).status).toBe(201);
    expect((await owner.client.request('DELETE', `/api/v1/members/${leaver.userId}`)).status).toBe(200);
    const before = await everythingShown(owner);
    expect(before).toContain(leaver.name);
    expect(before).toContain(leaver.email);
    const history = (items: Array<{ seq: number; action: string; occurredAt: string; actorUserId: string }>) => items.map(({ seq, action, occurredAt, actorUserId }) => ({ seq, action, occurredAt, actorUserId }));
    const eventsBefore = history((await owner.client.get('/api/v1/audit-log?limit=200&order=asc')).json<{ items: Array<{ seq: number; action: string; occurredAt: string; actorUserId: string }> }>().items);

    const former = (await owner.client.get('/api/v1/former-members')).json<{ items: Array<{ userId: string; name: string; email: string; reason: string; isDeidentified: boolean }> }>().items;
    expect(former).toEqual([expect.objectContaining({ userId: leaver.userId, name: leaver.name, email: leaver.email, reason: 'removed', isDeidentified: false })]);
    const done = await owner.client.request('POST', `/api/v1/former-members/${leaver.userId}/deidentify`);
    expect(done.status).toBe(200);
    expect(done.json()).toMatchObject({ userId: leaver.userId, name: 'Former member 1', email: null, isDeidentified: true });

    const after = await everythingShown(owner);
    expect(after).not.toContain(leaver.name);
    expect(after).not.toContain(leaver.email);
    expect(after).toContain('Former member 1');
    // The history stays: the same events, in the same order, at the same times, by the same ids, plus the de-identification.
    const eventsAfter = (await owner.client.get('/api/v1/audit-log?limit=200&order=asc')).json<{ items: Array<{ seq: number; action: string; occurredAt: string; actorUserId: string; actorName: string; subject: string }> }>().items;
    expect(history(eventsAfter.slice(0, -1))).toEqual(eventsBefore);
    expect(eventsAfter.at(-1)).toMatchObject({ action: 'member.deidentified', actorUserId: owner.userId, subject: 'Former member 1' });
    expect(eventsAfter.filter((e) => e.actorUserId === leaver.userId).every((e) => e.actorName === 'Former member 1')).toBe(true);
    const gap = (await owner.client.get(gapItem)).json<{ ownerName: string }>();
    expect(gap.ownerName).toBe('Former member 1');
    // Stored, not only shown: nothing of theirs is left in Seaview's rows.
    const stored = await server.ownerQuery<{ n: string }>(
      `select count(*)::text as n from (
         select actor_label || coalesce(before::text, '') || coalesce(after::text, '') as t from audit_events where org_id = $1
         union all select name || email from former_members where org_id = $1
         union all select email from invitations where org_id = $1
         union all select to_address || subject || body_text from outbox where org_id = $1) x where t ilike $2 or t ilike $3`,
      [owner.orgId, `%${leaver.email}%`, `%${leaver.name}%`],
    );
    expect(Number(stored[0]?.n)).toBe(0);
    expect((await owner.client.get('/api/v1/audit-log/verify')).json()).toMatchObject({ isValid: true, problems: [] });
    expect(await verifyOf(owner.orgId)).toMatchObject({ isValid: true, problems: [] });

    // Hilltop is untouched: they are still a member there, by name.
    const hilltop = await everythingShown(other);
    expect(hilltop).toContain(leaver.name);
    expect(hilltop).not.toContain('Former member');
    expect(await verifyOf(other.orgId)).toMatchObject({ isValid: true });

    // Once is enough: a second de-identification is refused in plain words.
    const again = await owner.client.request('POST', `/api/v1/former-members/${leaver.userId}/deidentify`);
    expect(again.status).toBe(409);
    expect(again.json<{ error: { message: string } }>().error.message).toMatch(/already been de-identified: they are shown as “Former member 1”/);
  });

  it('lets only owners de-identify, and only people who have left', async () => {
    const owner = await signUpOwner(server);
    const manager = await join(owner, 'isms_manager');
    const present = await join(owner, 'staff');
    expect((await manager.client.get('/api/v1/former-members')).status).toBe(403);
    expect((await manager.client.request('POST', `/api/v1/former-members/${present.userId}/deidentify`)).status).toBe(403);
    const refused = await owner.client.request('POST', `/api/v1/former-members/${present.userId}/deidentify`);
    expect(refused.status).toBe(409);
    expect(refused.json<{ error: { message: string } }>().error.message).toBe(`${present.name} is still a member of Bayside Physio. Only people who have left can be de-identified: remove them from the organisation first.`);
    expect((await owner.client.request('POST', `/api/v1/former-members/0190aaaa-0000-7000-8000-00000000abcd/deidentify`)).status).toBe(404);
    // Someone who left another organisation is not this organisation's former member.
    const elsewhere = await signUpOwner(server);
    const theirs = await join(elsewhere, 'staff');
    expect((await elsewhere.client.request('DELETE', `/api/v1/members/${theirs.userId}`)).status).toBe(200);
    expect((await owner.client.request('POST', `/api/v1/former-members/${theirs.userId}/deidentify`)).status).toBe(404);
  });

  it('gives one pseudonym when two owners de-identify the same person at once, and distinct ones to different people', async () => {
    const owner = await signUpOwner(server);
    const second = await join(owner, 'owner');
    const [a, b] = [await join(owner, 'staff'), await join(owner, 'staff')];
    for (const p of [a, b]) expect((await owner.client.request('DELETE', `/api/v1/members/${p.userId}`)).status).toBe(200);
    const same = await Promise.all([owner.client.request('POST', `/api/v1/former-members/${a.userId}/deidentify`), second.client.request('POST', `/api/v1/former-members/${a.userId}/deidentify`)]);
    expect(same.map((r) => r.status).sort()).toEqual([200, 409]);
    const events = await server.ownerQuery<{ n: string }>(`select count(*)::text as n from audit_events where org_id = $1 and action = 'member.deidentified'`, [owner.orgId]);
    expect(Number(events[0]?.n)).toBe(1);
    const other = await owner.client.request('POST', `/api/v1/former-members/${b.userId}/deidentify`);
    expect(other.json()).toMatchObject({ name: 'Former member 2' });
    const names = (await owner.client.get('/api/v1/former-members')).json<{ items: Array<{ name: string }> }>().items.map((f) => f.name).sort();
    expect(names).toEqual(['Former member 1', 'Former member 2']);
    expect(await verifyOf(owner.orgId)).toMatchObject({ isValid: true });
  });

  it('de-identifies someone whose events were recorded before version 2: shown as the pseudonym, the trail still verifies', async () => {
    const owner = await signUpOwner(server);
    const leaver = await join(owner, 'contributor');
    expect((await saveGapItem(leaver.client, gapItem, { status: 'partial', notes: 'recorded under version 1' })).status).toBe(200);
    expect((await owner.client.request('DELETE', `/api/v1/members/${leaver.userId}`)).status).toBe(200);
    // As an older server wrote it: every event so far MAC'd as version 1, the label inside the MAC.
    const rows = await server.ownerQuery<ChainRow & { hash: string }>('select * from audit_events where org_id = $1 order by seq', [owner.orgId]);
    let prev = '0'.repeat(64);
    for (const row of rows) {
      const hash = macAuditRow(server.deps.keys.auditMac, prev, { ...row, mac_version: 1, personal: null });
      await server.ownerQuery('update audit_events set prev_hash = $3, hash = $4, mac_version = 1, personal = null where org_id = $1 and seq = $2', [owner.orgId, row.seq, prev, hash]);
      prev = hash;
    }
    await server.ownerQuery('update audit_heads set hash = $2 where org_id = $1', [owner.orgId, prev]);
    expect((await owner.client.request('POST', `/api/v1/former-members/${leaver.userId}/deidentify`)).status).toBe(200);
    const shown = (await owner.client.get('/api/v1/audit-log?limit=200')).raw.body;
    expect(shown).not.toContain(leaver.name);
    expect(shown).not.toContain(leaver.email);
    // Without checkpoints: the test rewrote the chain as version 1 after the server had checkpointed it.
    expect(await verifyAuditChainOf(server.deps.database.db, owner.orgId, server.deps.keys.auditMac)).toMatchObject({ isValid: true, problems: [] });
  });
});
