import type { AuditVerifyReply } from '@custodian/shared/contracts/audit-log.ts';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemberWithRole, saveGapItem, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { currentMacVersion, hashAuditRow, macAuditRow, type ChainRow } from './audit-chain.ts';
import { parseCheckpoints } from './audit-checkpoints.ts';
import { verifyAllAuditChains } from './audit-log.service.ts';

/**
 * Someone with full access to the database (the schema owner, a superuser: every statement here
 * bypasses the application's roles and row-level security) but without the server secret rewrites an
 * organisation's trail. verify-audit's check (the service the CLI runs), given the organisation's
 * checkpoint file as an owner downloaded it, must report the first bad event and the check it failed.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

interface StoredRow extends ChainRow {
  prev_hash: string;
  hash: string;
}

async function orgWithCheckpoint() {
  const owner = await signUpOwner(server);
  for (const ref of ['A.5.1', 'A.5.2', 'A.5.3', 'A.5.4']) await saveGapItem(owner.client, `/api/v1/gap/items/iso27001:2022:${ref}`, { status: 'partial', notes: `work on ${ref}` });
  expect((await owner.client.request('POST', '/api/v1/audit-log/checkpoints', { isMailedToOwners: false })).status).toBe(201);
  const download = await owner.client.get('/api/v1/audit-log/checkpoints.jsonl');
  expect(download.status).toBe(200);
  return { owner, checkpointText: download.raw.body };
}

async function chainOf(orgId: string): Promise<StoredRow[]> {
  return server.ownerQuery<StoredRow>('select * from audit_events where org_id = $1 order by seq', [orgId]);
}

/** verify-audit for one organisation, given its downloaded checkpoint file (or none). */
async function verifyAudit(orgId: string, checkpointText: string | null): Promise<AuditVerifyReply> {
  const { keys } = server.deps;
  const source = { kind: 'file' as const, orgId, set: parseCheckpoints(keys.auditCheckpoint, orgId, checkpointText ?? '') };
  const [result] = await verifyAllAuditChains(server.deps.database.db, keys, checkpointText === null ? { kind: 'dir', dir: '/nonexistent' } : source, orgId);
  if (!result) throw new Error('organisation not found');
  return result;
}

async function setHead(orgId: string, seq: number, hash: string): Promise<void> {
  await server.ownerQuery('update audit_heads set seq = $2, hash = $3 where org_id = $1', [orgId, seq, hash]);
}

/** Rewrites events from `fromSeq` on, each linked to its predecessor, with the given chain function, and moves the head. */
async function rechain(orgId: string, fromSeq: number, version: number, chainValue: (prev: string, row: ChainRow) => string): Promise<void> {
  const rows = await chainOf(orgId);
  let prev = rows.find((r) => Number(r.seq) === fromSeq - 1)?.hash ?? '0'.repeat(64);
  for (const row of rows.filter((r) => Number(r.seq) >= fromSeq)) {
    const next = { ...row, mac_version: version };
    const hash = chainValue(prev, next);
    await server.ownerQuery('update audit_events set prev_hash = $3, hash = $4, mac_version = $5 where org_id = $1 and seq = $2', [orgId, row.seq, prev, hash, version]);
    prev = hash;
  }
  await setHead(orgId, Number(rows.at(-1)?.seq), prev);
}

describe('audit trail tampering, detected given the checkpoint', () => {
  it('an untouched trail verifies against its checkpoint', async () => {
    const { owner, checkpointText } = await orgWithCheckpoint();
    const result = await verifyAudit(owner.orgId, checkpointText);
    expect(result).toMatchObject({ isValid: true, firstProblem: null, problems: [] });
    expect(result.checkpoint?.seq).toBe(result.checked);
    expect((await owner.client.get('/api/v1/audit-log/verify')).json()).toMatchObject({ isValid: true, checkpoint: { seq: result.checked } });
  });

  it('deleting the newest events (head moved back to match) is caught by the checkpoint', async () => {
    const { owner, checkpointText } = await orgWithCheckpoint();
    const rows = await chainOf(owner.orgId);
    const keep = rows.length - 2;
    const deleted = await server.ownerQuery('delete from audit_events where org_id = $1 and seq > $2 returning seq', [owner.orgId, keep]);
    expect(deleted).toHaveLength(2);
    await setHead(owner.orgId, keep, rows[keep - 1]?.hash ?? '');
    // Without the checkpoint the shortened trail is consistent in itself: this is what the checkpoint adds.
    expect((await verifyAudit(owner.orgId, null)).isValid).toBe(true);
    const result = await verifyAudit(owner.orgId, checkpointText);
    expect(result.isValid).toBe(false);
    expect(result.firstProblem).toMatchObject({ seq: keep + 1, check: 'checkpoint' });
    expect(result.firstProblem?.problem).toMatch(/records \d+ events but the trail ends at event \d+: events were deleted/);
    expect((await owner.client.get('/api/v1/audit-log/verify')).json()).toMatchObject({ isValid: false, firstProblem: { seq: keep + 1, check: 'checkpoint' } });
  });

  it('deleting every event and the head is caught as a missing start and by the checkpoint', async () => {
    const { owner, checkpointText } = await orgWithCheckpoint();
    await server.ownerQuery('delete from audit_events where org_id = $1', [owner.orgId]);
    await server.ownerQuery('delete from audit_heads where org_id = $1', [owner.orgId]);
    const result = await verifyAudit(owner.orgId, checkpointText);
    expect(result.isValid).toBe(false);
    expect(result.checked).toBe(0);
    expect(result.firstProblem).toMatchObject({ seq: 1, check: 'genesis' });
    expect(result.problems.map((p) => p.check)).toEqual(['genesis', 'checkpoint']);
  });

  it('editing one event and rehashing every later one with the app’s hash function is caught at the edited event', async () => {
    const { owner, checkpointText } = await orgWithCheckpoint();
    const target = (await chainOf(owner.orgId)).find((r) => r.action === 'gap.updated');
    const seq = Number(target?.seq);
    await server.ownerQuery(`update audit_events set after = jsonb_set(after, '{notes}', '"nothing to see"') where org_id = $1 and seq = $2`, [owner.orgId, seq]);
    await rechain(owner.orgId, seq, 0, hashAuditRow);
    const result = await verifyAudit(owner.orgId, checkpointText);
    expect(result.isValid).toBe(false);
    expect(result.firstProblem).toMatchObject({ seq, check: 'mac' });
    expect(result.firstProblem?.problem).toMatch(/without the server key after keyed events began/);
  });

  it('rewriting the whole trail from its first event, as hash-only or with a guessed key, is caught', async () => {
    for (const [version, chainValue] of [
      [0, hashAuditRow],
      [1, (prev: string, row: ChainRow) => macAuditRow(randomBytes(32), prev, row)],
    ] as const) {
      const { owner, checkpointText } = await orgWithCheckpoint();
      const edited = await server.ownerQuery(`update audit_events set after = jsonb_set(after, '{notes}', '"rewritten"') where org_id = $1 and action = 'gap.updated' returning seq`, [owner.orgId]);
      expect(edited.length).toBeGreaterThan(0);
      await rechain(owner.orgId, 1, version, chainValue);
      const result = await verifyAudit(owner.orgId, checkpointText);
      expect(result.isValid).toBe(false);
      // Hash-only, the rewritten chain is consistent in itself; only the checkpoints' head MACs tell (the
      // earliest one first: the writer checkpointed the head right after sign-up).
      const earliest = Math.min(...parseCheckpoints(server.deps.keys.auditCheckpoint, owner.orgId, checkpointText).checkpoints.map((c) => c.seq));
      if (version === 0) expect(result.firstProblem).toMatchObject({ seq: earliest, check: 'checkpoint' });
      else expect(result.firstProblem).toMatchObject({ seq: 1, check: 'mac' });
    }
  });

  it('a forged event appended at the end is caught, however it was chained', async () => {
    for (const [version, chainValue] of [
      [0, hashAuditRow],
      [1, (prev: string, row: ChainRow) => macAuditRow(randomBytes(32), prev, row)],
    ] as const) {
      const { owner, checkpointText } = await orgWithCheckpoint();
      const rows = await chainOf(owner.orgId);
      const last = rows.at(-1);
      if (!last) throw new Error('no events');
      const seq = Number(last.seq) + 1;
      const forged: ChainRow = { ...last, seq: String(seq), id: '0190aaaa-0000-7000-8000-000000000001', action: 'member.role_changed', entity_type: 'member', before: { role: 'staff' }, after: { role: 'owner' }, mac_version: version };
      const hash = chainValue(last.hash, forged);
      await server.ownerQuery(
        `insert into audit_events (org_id, seq, id, occurred_at, actor_user_id, actor_label, action, entity_type, entity_id, before, after, request_id, prev_hash, hash, mac_version)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [owner.orgId, seq, forged.id, forged.occurred_at, forged.actor_user_id, forged.actor_label, forged.action, forged.entity_type, forged.entity_id, JSON.stringify(forged.before), JSON.stringify(forged.after), forged.request_id, last.hash, hash, version],
      );
      await setHead(owner.orgId, seq, hash);
      const result = await verifyAudit(owner.orgId, checkpointText);
      expect(result.isValid).toBe(false);
      expect(result.firstProblem).toMatchObject({ seq, check: 'mac' });
    }
  });

  it('a chain recorded before keyed events (hash-only, as migration 0007 leaves it) still verifies; the first keyed event seals it', async () => {
    const owner = await signUpOwner(server);
    await saveGapItem(owner.client, '/api/v1/gap/items/iso27001:2022:A.5.1', { status: 'partial', notes: 'before the upgrade' });
    await rechain(owner.orgId, 1, 0, hashAuditRow);
    expect(await verifyAudit(owner.orgId, null)).toMatchObject({ isValid: true, problems: [] });
    await saveGapItem(owner.client, '/api/v1/gap/items/iso27001:2022:A.5.2', { status: 'partial', notes: 'after the upgrade' });
    const versions = (await chainOf(owner.orgId)).map((r) => r.mac_version);
    expect(versions.at(-1)).toBe(currentMacVersion);
    expect(versions.slice(0, -1).every((v) => v === 0)).toBe(true);
    expect(await verifyAudit(owner.orgId, null)).toMatchObject({ isValid: true, problems: [] });
    // Rewriting the hash-only part breaks the link into the first keyed event, which nobody can re-MAC.
    const firstKeyed = versions.indexOf(currentMacVersion) + 1;
    await server.ownerQuery(`update audit_events set after = jsonb_set(after, '{notes}', '"rewritten"') where org_id = $1 and action = 'gap.updated' and mac_version = 0`, [owner.orgId]);
    const rows = await chainOf(owner.orgId);
    let prev = '0'.repeat(64);
    for (const row of rows.filter((r) => r.mac_version === 0)) {
      const hash = hashAuditRow(prev, row);
      await server.ownerQuery('update audit_events set prev_hash = $3, hash = $4 where org_id = $1 and seq = $2', [owner.orgId, row.seq, prev, hash]);
      prev = hash;
    }
    const result = await verifyAudit(owner.orgId, null);
    expect(result.isValid).toBe(false);
    expect(result.firstProblem).toMatchObject({ seq: firstKeyed, check: 'chain_link' });
  });

  it('an edited checkpoint file is refused line by line', async () => {
    const { owner, checkpointText } = await orgWithCheckpoint();
    const forged = checkpointText.replace(/"seq":(\d+)/, (_m, n: string) => `"seq":${Number(n) - 1}`);
    const result = await verifyAudit(owner.orgId, forged);
    expect(result.isValid).toBe(false);
    expect(result.problems.some((p) => p.check === 'checkpoint' && /was not signed with this server's key/.test(p.problem))).toBe(true);
  });
});

/** An organisation where a member acted, was removed and was de-identified; with its checkpoint file. */
async function deidentifiedOrg() {
  const { owner } = await orgWithCheckpoint();
  const leaver = await addMemberWithRole(server, owner, 'contributor');
  expect((await saveGapItem(leaver.client, '/api/v1/gap/items/iso27001:2022:A.6.1', { status: 'partial', notes: 'by the leaver' })).status).toBe(200);
  expect((await owner.client.request('DELETE', `/api/v1/members/${leaver.userId}`)).status).toBe(200);
  expect((await owner.client.request('POST', `/api/v1/former-members/${leaver.userId}/deidentify`)).status).toBe(200);
  expect((await owner.client.request('POST', '/api/v1/audit-log/checkpoints', { isMailedToOwners: false })).status).toBe(201);
  const checkpointText = (await owner.client.get('/api/v1/audit-log/checkpoints.jsonl')).raw.body;
  const rows = await chainOf(owner.orgId);
  const byLeaver = rows.find((r) => r.actor_user_id === leaver.userId && r.action === 'gap.updated');
  const byOwner = rows.find((r) => r.actor_user_id === owner.userId && r.action === 'gap.updated');
  if (!byLeaver || !byOwner) throw new Error('events missing');
  return { owner, leaver, checkpointText, byLeaver: Number(byLeaver.seq), byOwner: Number(byOwner.seq) };
}

describe('de-identified trails (MAC version 2, ADR 0015)', () => {
  it('a de-identified trail verifies, with its checkpoints', async () => {
    const { owner, leaver, checkpointText, byLeaver } = await deidentifiedOrg();
    const row = (await chainOf(owner.orgId)).find((r) => Number(r.seq) === byLeaver);
    expect(row).toMatchObject({ actor_label: 'Former member 1', mac_version: 2, personal: { actorLabel: { d: 1 } } });
    expect(JSON.stringify(row)).not.toContain(leaver.email);
    expect(await verifyAudit(owner.orgId, checkpointText)).toMatchObject({ isValid: true, problems: [] });
  });

  it('an edited commitment, or an edited field outside the personal ones, is caught by the MAC', async () => {
    const { owner, checkpointText, byLeaver, byOwner } = await deidentifiedOrg();
    await server.ownerQuery(`update audit_events set personal = jsonb_set(personal, '{actorLabel,c}', to_jsonb(repeat('0', 64))) where org_id = $1 and seq = $2`, [owner.orgId, byLeaver]);
    await server.ownerQuery(`update audit_events set after = jsonb_set(after, '{notes}', '"nothing to see"') where org_id = $1 and seq = $2`, [owner.orgId, byOwner]);
    const result = await verifyAudit(owner.orgId, checkpointText);
    expect(result.isValid).toBe(false);
    const found = result.problems.map((p) => ({ seq: p.seq, check: p.check }));
    expect(found).toContainEqual({ seq: byOwner, check: 'mac' });
    expect(found).toContainEqual({ seq: byLeaver, check: 'mac' });
  });

  it('a personal field changed while it is still identifiable is caught against its commitment', async () => {
    const { owner, checkpointText, byOwner } = await deidentifiedOrg();
    await server.ownerQuery(`update audit_events set actor_label = 'Someone Else <someone@clinic.example>' where org_id = $1 and seq = $2`, [owner.orgId, byOwner]);
    const result = await verifyAudit(owner.orgId, checkpointText);
    expect(result.isValid).toBe(false);
    expect(result.firstProblem).toMatchObject({ seq: byOwner, check: 'personal', problem: "the actor's name was changed after the event was recorded" });
  });

  it('a field passed off as de-identified is caught unless a recorded de-identification gave that pseudonym to that person', async () => {
    const { owner, checkpointText, byOwner } = await deidentifiedOrg();
    // Hiding who acted: the owner's event relabelled with the pseudonym given to someone else, its nonce dropped.
    await server.ownerQuery(`update audit_events set actor_label = 'Former member 1', personal = jsonb_set(personal, '{actorLabel}', jsonb_build_object('c', personal->'actorLabel'->'c', 'd', 1)) where org_id = $1 and seq = $2`, [owner.orgId, byOwner]);
    let result = await verifyAudit(owner.orgId, checkpointText);
    expect(result.firstProblem).toMatchObject({ seq: byOwner, check: 'personal', problem: 'holds the pseudonym “Former member 1”, which was given to someone else' });
    await server.ownerQuery(`update audit_events set actor_label = 'Former member 7', personal = jsonb_set(personal, '{actorLabel,d}', '7') where org_id = $1 and seq = $2`, [owner.orgId, byOwner]);
    result = await verifyAudit(owner.orgId, checkpointText);
    expect(result.firstProblem).toMatchObject({ seq: byOwner, check: 'personal' });
    expect(result.firstProblem?.problem).toMatch(/which no de-identification recorded after it gave/);
  });

  it('a personal field added to an event after it was recorded is caught', async () => {
    const { owner, checkpointText, byOwner } = await deidentifiedOrg();
    await server.ownerQuery(`update audit_events set after = jsonb_set(after, '{email}', '"planted@clinic.example"') where org_id = $1 and seq = $2`, [owner.orgId, byOwner]);
    const result = await verifyAudit(owner.orgId, checkpointText);
    expect(result.firstProblem).toMatchObject({ seq: byOwner, check: 'personal', problem: 'the e-mail address in after was added after the event was recorded' });
  });

  it('an event downgraded to MAC version 1 after version 2 events began is caught', async () => {
    const { owner } = await orgWithCheckpoint();
    const last = (await chainOf(owner.orgId)).at(-1);
    if (!last) throw new Error('no events');
    const hash = macAuditRow(server.deps.keys.auditMac, last.prev_hash, { ...last, mac_version: 1 });
    await server.ownerQuery('update audit_events set mac_version = 1, hash = $3 where org_id = $1 and seq = $2', [owner.orgId, last.seq, hash]);
    await setHead(owner.orgId, Number(last.seq), hash);
    const result = await verifyAudit(owner.orgId, null);
    expect(result.firstProblem).toMatchObject({ seq: Number(last.seq), check: 'mac' });
    expect(result.firstProblem?.problem).toMatch(/MAC version 1 after version 2 events began/);
  });
});
