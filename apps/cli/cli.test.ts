import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addMemberWithRole, saveGapItem, signUpOwner } from '../server/test/test-client.ts';
import { startTestServer } from '../server/test/test-server.ts';
import { runCli } from './cli-process.ts';

describe('cli verify-audit', () => {
  it('refuses a data directory the server holds; passes intact chains; names the first bad event and its check, given a downloaded checkpoint file', async () => {
    const server = await startTestServer({ isOnDisk: true });
    const dataDir = server.deps.config.dataDir;
    const env = { CUSTODIAN_DATA_DIR: dataDir };
    const owner = await signUpOwner(server, { organisationName: 'Chain Clinic' });
    for (const notes of ['original', 'second', 'third']) await saveGapItem(owner.client, '/api/v1/gap/items/iso27001:2022:A.5.1', { status: 'partial', notes });
    expect((await owner.client.request('POST', '/api/v1/audit-log/checkpoints', { isMailedToOwners: false })).status).toBe(201);
    const download = await owner.client.get('/api/v1/audit-log/checkpoints.jsonl');
    const kept = join(mkdtempSync(join(tmpdir(), 'custodian-kept-')), 'checkpoints.jsonl');
    writeFileSync(kept, download.raw.body);

    const locked = await runCli(env, ['verify-audit']);
    expect(locked.status).toBe(1);
    expect(locked.stderr).toMatch(/in use by another Custodian process/);

    await server.close();
    const intact = await runCli(env, ['verify-audit']);
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/OK\s+Chain Clinic .*checked against the signed checkpoint/);

    const noSecret = await runCli({ ...env, CUSTODIAN_SECRET: '' }, ['verify-audit']);
    expect(noSecret.status).toBe(1);
    expect(noSecret.stderr).toMatch(/No server secret/);

    // As a superuser would: the newest two events deleted and the head moved back so the rest agrees.
    const tamper = await startTestServer({ isOnDisk: true, env });
    const [head] = await tamper.ownerQuery<{ seq: string }>('select seq::text from audit_heads where org_id = $1', [owner.orgId]);
    const keep = Number(head?.seq) - 2;
    await tamper.ownerQuery('delete from audit_events where org_id = $1 and seq > $2', [owner.orgId, keep]);
    await tamper.ownerQuery('update audit_heads h set seq = e.seq, hash = e.hash from audit_events e where h.org_id = $1 and e.org_id = h.org_id and e.seq = $2', [owner.orgId, keep]);
    await tamper.close();

    const broken = await runCli(env, ['verify-audit', '--checkpoints', kept]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN Chain Clinic/);
    expect(broken.stdout).toContain(`first bad event: ${keep + 1} (check failed: checkpoint)`);
    expect(broken.stdout).toMatch(/events were deleted/);
  }, 180_000);

  it('passes a trail with a de-identified former member, and names a personal field changed outside a de-identification (ADR 0015)', async () => {
    const server = await startTestServer({ isOnDisk: true });
    const env = { CUSTODIAN_DATA_DIR: server.deps.config.dataDir };
    const owner = await signUpOwner(server, { organisationName: 'Pseudonym Clinic' });
    const leaver = await addMemberWithRole(server, owner, 'contributor');
    expect((await saveGapItem(leaver.client, '/api/v1/gap/items/iso27001:2022:A.5.1', { status: 'partial' })).status).toBe(200);
    expect((await owner.client.request('DELETE', `/api/v1/members/${leaver.userId}`)).status).toBe(200);
    expect((await owner.client.request('POST', `/api/v1/former-members/${leaver.userId}/deidentify`)).status).toBe(200);
    const [event] = await server.ownerQuery<{ seq: string }>(`select seq::text from audit_events where org_id = $1 and actor_user_id = $2 order by seq limit 1`, [owner.orgId, owner.userId]);
    await server.close();

    const intact = await runCli(env, ['verify-audit']);
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/OK\s+Pseudonym Clinic/);

    const tamper = await startTestServer({ isOnDisk: true, env });
    await tamper.ownerQuery(`update audit_events set actor_label = 'Somebody Else' where org_id = $1 and seq = $2`, [owner.orgId, event?.seq]);
    await tamper.close();
    const broken = await runCli(env, ['verify-audit']);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`first bad event: ${event?.seq} (check failed: personal): the actor's name was changed after the event was recorded`);
  }, 180_000);
});
