import type { AuditEventDto } from '@custodian/shared/contracts/audit-log.ts';
import { auditChanges, auditSentence } from '@custodian/shared/domain/audit-wording.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemberWithRole, saveGapItem, signUpOwner } from '../../../test/test-client.ts';
import { bootServer } from '../../boot.ts';
import { freshDatabase, startTestServer, testConfig, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const verifyUrl = '/api/v1/audit-log/verify';

async function ownerWithHistory() {
  const owner = await signUpOwner(server);
  for (const ref of ['A.5.1', 'A.5.2', 'A.5.3']) {
    await saveGapItem(owner.client, `/api/v1/gap/items/iso27001:2022:${ref}`, { status: 'partial', notes: `work on ${ref}` });
  }
  return owner;
}

describe('audit trail', () => {
  it('records who did what with before and after, filterable by action', async () => {
    const owner = await ownerWithHistory();
    const page = (await owner.client.get('/api/v1/audit-log?action=gap.updated&order=asc')).json<{ total: { count: number }; items: Array<{ actorLabel: string; after: { notes: string } }> }>();
    expect(page.total.count).toBe(3);
    expect(page.items[0]?.actorLabel).toContain(owner.email);
    expect(page.items[0]?.after.notes).toBe('work on A.5.1');
    expect((await owner.client.get(verifyUrl)).json()).toMatchObject({ isValid: true, problems: [] });
  });

  it('detects a row edited directly in the database', async () => {
    const owner = await ownerWithHistory();
    const [target] = await server.ownerQuery<{ seq: string }>(`select seq::text from audit_events where org_id = $1 and action = 'gap.updated' order by seq limit 1`, [owner.orgId]);
    const edited = await server.ownerQuery(`update audit_events set after = jsonb_set(after, '{status}', '"implemented"') where org_id = $1 and seq = $2 returning seq`, [owner.orgId, target?.seq]);
    expect(edited).toHaveLength(1);
    const result = (await owner.client.get(verifyUrl)).json<{ isValid: boolean; problems: Array<{ seq: number; check: string; problem: string }> }>();
    expect(result.isValid).toBe(false);
    expect(result.problems).toEqual([{ seq: Number(target?.seq), check: 'mac', problem: 'content was changed after it was recorded, or the event was not written by this server (its MAC does not match)' }]);
  });

  it('detects a deleted row', async () => {
    const owner = await ownerWithHistory();
    await server.ownerQuery('delete from audit_events where org_id = $1 and seq = 2', [owner.orgId]);
    const result = (await owner.client.get(verifyUrl)).json<{ isValid: boolean; problems: Array<{ seq: number; check: string; problem: string }> }>();
    expect(result.isValid).toBe(false);
    expect(result.problems).toEqual([
      { seq: 3, check: 'sequence', problem: 'expected event 2 next; events are missing' },
      { seq: 3, check: 'chain_link', problem: 'does not link to the event before it' },
    ]);
  });

  it('is open to owners and auditors only', async () => {
    const owner = await ownerWithHistory();
    const auditor = await addMemberWithRole(server, owner, 'auditor');
    const manager = await addMemberWithRole(server, owner, 'isms_manager');
    expect((await auditor.client.get('/api/v1/audit-log')).status).toBe(200);
    expect((await auditor.client.get(verifyUrl)).status).toBe(200);
    expect((await manager.client.get('/api/v1/audit-log')).status).toBe(403);
  });

  it('speaks plainly: names, controls and roles in words, with no codes, ids or JSON', async () => {
    const owner = await signUpOwner(server, { name: 'Dr Jane Lee' });
    await saveGapItem(owner.client, '/api/v1/gap/items/iso27001:2022:A.5.1', { status: 'implemented', notes: 'Policy approved' });
    const staff = await addMemberWithRole(server, owner, 'staff');
    const members = (await owner.client.get('/api/v1/members')).json<{ items: Array<{ userId: string; version: number }> }>();
    const version = members.items.find((m) => m.userId === staff.userId)?.version;
    expect((await owner.client.request('PATCH', `/api/v1/members/${staff.userId}`, { version, role: 'owner' })).status).toBe(200);
    const page = (await owner.client.get('/api/v1/audit-log?order=asc&limit=50')).json<{ items: AuditEventDto[] }>();
    const sentences = page.items.map((e) => auditSentence(e));
    expect(sentences[0]).toBe('Dr Jane Lee created the organisation Bayside Physio.');
    expect(sentences).toContain('Dr Jane Lee updated control A.5.1 Policies for information security in the gap analysis.');
    expect(sentences).toContain('Dr Jane Lee changed the role of Member staff from Staff to Owner.');
    expect(sentences).toContain('Member staff accepted the invitation sent to ' + staff.email + ' and joined the organisation.');
    const gap = page.items.find((e) => e.action === 'gap.updated');
    expect(gap && auditChanges(gap)).toEqual([
      { field: 'Status', before: null, after: 'Implemented' },
      { field: 'Notes', before: null, after: 'Policy approved' },
    ]);
    for (const sentence of sentences) expect(sentence).not.toMatch(/[{}_]|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('writes a signed checkpoint on demand, mails it to the owners when asked, and lets only owners download the file', async () => {
    const owner = await ownerWithHistory();
    const auditor = await addMemberWithRole(server, owner, 'auditor');
    expect((await auditor.client.request('POST', '/api/v1/audit-log/checkpoints', { isMailedToOwners: false })).status).toBe(403);
    expect((await auditor.client.get('/api/v1/audit-log/checkpoints.jsonl')).status).toBe(403);
    expect((await owner.client.request('POST', '/api/v1/audit-log/checkpoints', { isMailedToOwners: 'yes' })).status).toBe(400);
    const written = await owner.client.request('POST', '/api/v1/audit-log/checkpoints', { isMailedToOwners: true });
    expect(written.status).toBe(201);
    const checkpoint = written.json<{ seq: number; count: number; headMac: string }>();
    const [head] = await server.ownerQuery<{ seq: string; hash: string }>('select seq::text, hash from audit_heads where org_id = $1', [owner.orgId]);
    // The checkpoint names the head before the mailing's own event.
    expect({ seq: checkpoint.seq + 1, count: checkpoint.count }).toEqual({ seq: Number(head?.seq), count: checkpoint.seq });
    const [mail] = await server.ownerQuery<{ to_address: string; body_text: string }>(`select to_address, body_text from outbox where org_id = $1 and subject like 'Audit trail checkpoint%'`, [owner.orgId]);
    expect(mail?.to_address).toBe(owner.email);
    expect(mail?.body_text).toContain(`"headMac":"${checkpoint.headMac}"`);
    const download = await owner.client.get('/api/v1/audit-log/checkpoints.jsonl');
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain(`audit-checkpoints-${owner.orgId}.jsonl`);
    expect(download.raw.body).toContain(`"headMac":"${checkpoint.headMac}"`);
  });

  it('refuses to start when the checkpoint directory cannot be written, naming the setting', async () => {
    const fresh = await freshDatabase();
    try {
      await expect(bootServer(testConfig({ AUDIT_CHECKPOINT_DIR: '/dev/null/checkpoints' }), { database: fresh.database, logger: false })).rejects.toThrow(
        /Cannot write audit checkpoints to \/dev\/null\/checkpoints \(AUDIT_CHECKPOINT_DIR\)/,
      );
    } finally {
      await fresh.drop();
    }
  });

  it('keeps the application role from rewriting history', async () => {
    const owner = await ownerWithHistory();
    await expect(
      server.ownerQuery(`do $$ begin set local role custodian_app; perform set_config('app.org_id', '${owner.orgId}', true); update audit_events set action = 'x'; end $$`),
    ).rejects.toThrow(/permission denied/);
    // Only the personal fields may be rewritten (de-identification, ADR 0015); what and when stays fixed.
    for (const column of ['seq', 'occurred_at', 'actor_user_id', 'entity_id', 'hash', 'prev_hash', 'mac_version']) {
      await expect(
        server.ownerQuery(`do $$ begin set local role custodian_app; perform set_config('app.org_id', '${owner.orgId}', true); update audit_events set ${column} = ${column}; end $$`),
      ).rejects.toThrow(/permission denied/);
    }
  });
});
