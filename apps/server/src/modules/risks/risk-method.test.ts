import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRiskMethod } from '@custodian/shared/domain/risk-matrix.ts';
import { riskMethodPresets } from '@custodian/shared/domain/risk-method-presets.ts';
import { addMemberWithRole, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import type { RiskReply } from '../../../test/risk-fixtures.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const three = riskMethodPresets['3x3'].method;
interface Preview {
  problems: string[];
  riskCount: number;
  movedCount: number;
  moved: Array<{ ref: string; before: { inherent: { likelihood: number; impact: number; level: string } }; after: { inherent: { likelihood: number; impact: number; level: string } }; isAcceptanceWithdrawn: boolean }>;
}

async function registerOf(owner: Awaited<ReturnType<typeof signUpOwner>>) {
  const add = async (body: Record<string, unknown>) => (await owner.client.request('POST', '/api/v1/risks', body)).json<RiskReply>();
  const high = await add({ title: 'Ransomware', inherent: { likelihood: 5, impact: 5 }, residual: { likelihood: 2, impact: 2 }, ownerUserId: owner.userId });
  const low = await add({ title: 'Coffee spill', inherent: { likelihood: 1, impact: 1 } });
  const middle = await add({ title: 'Misdirected referral', inherent: { likelihood: 3, impact: 3 }, residual: { likelihood: 3, impact: 2 }, ownerUserId: owner.userId });
  return { high, low, middle };
}

describe('risk method', () => {
  it('previews which risks a new method moves and changes nothing', async () => {
    const owner = await signUpOwner(server);
    const { high, low, middle } = await registerOf(owner);
    const accepted = await owner.client.request('POST', `/api/v1/risks/${middle.id}/acceptance`, { version: middle.version });
    expect(accepted.status).toBe(200);
    const reply = await owner.client.request('POST', '/api/v1/risk-method/preview', { ...three, version: 1, note: 'Simpler' });
    expect(reply.status).toBe(200);
    const preview = reply.json<Preview>();
    expect(preview).toMatchObject({ problems: [], riskCount: 3 });
    // 5×5 → 3×3: 5 → 3, 3 → 2, 1 → 1 (by relative position); the coffee spill stays Low at 1 × 1.
    const byRef = new Map(preview.moved.map((m) => [m.ref, m]));
    expect(byRef.get(high.ref)?.after.inherent).toEqual({ likelihood: 3, impact: 3, level: 'high' });
    expect(byRef.get(middle.ref)?.after.inherent).toEqual({ likelihood: 2, impact: 2, level: 'medium' });
    expect(byRef.get(middle.ref)?.isAcceptanceWithdrawn).toBe(true);
    expect(byRef.has(low.ref)).toBe(false);
    expect(preview.movedCount).toBe(2);
    expect((await owner.client.get('/api/v1/risk-method')).json()).toMatchObject({ version: 1 });
    expect((await owner.client.get(`/api/v1/risks/${high.id}`)).json<RiskReply>().inherent.likelihood).toBe(5);
    const unsound = await owner.client.request('POST', '/api/v1/risk-method/preview', { ...three, acceptableLevel: 'nothing', version: 1, note: 'x' });
    expect(unsound.json<Preview>().problems).toEqual(['Choose the highest acceptable risk level from the risk levels.']);
  });

  it('saves a new version, re-scores every risk with one re-score row per move and one audit event naming the count', async () => {
    const owner = await signUpOwner(server, { name: 'Dr Jane Lee' });
    const contributor = await addMemberWithRole(server, owner, 'contributor');
    const { high, low, middle } = await registerOf(owner);
    await owner.client.request('POST', `/api/v1/risks/${middle.id}/acceptance`, { version: middle.version });
    expect((await contributor.client.request('PUT', '/api/v1/risk-method', { ...three, version: 1, note: 'no' })).status).toBe(403);
    expect((await owner.client.request('PUT', '/api/v1/risk-method', { ...three, version: 1, note: '' })).status).toBe(400);
    expect((await owner.client.request('PUT', '/api/v1/risk-method', { ...three, matrix: [['low']], version: 1, note: 'broken' })).status).toBe(400);
    const changed = await owner.client.request('PUT', '/api/v1/risk-method', { ...three, version: 1, note: 'A simpler method for a small practice' });
    expect(changed.status).toBe(200);
    expect(changed.json()).toMatchObject({ movedCount: 2, riskCount: 3, method: { version: 2, changeNote: 'A simpler method for a small practice', createdByName: 'Dr Jane Lee', isDefault: false } });
    const stale = await owner.client.request('PUT', '/api/v1/risk-method', { ...defaultRiskMethod, version: 1, note: 'stale' });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { details: { current: { version: number } } } }>().error.details.current.version).toBe(2);

    const rescoredHigh = (await owner.client.get(`/api/v1/risks/${high.id}`)).json<RiskReply>();
    expect(rescoredHigh).toMatchObject({ methodVersion: 2, inherent: { likelihood: 3, impact: 3, level: 'high', likelihoodLabel: 'Likely' }, version: high.version + 1 });
    expect((await owner.client.get(`/api/v1/risks/${low.id}`)).json<RiskReply>()).toMatchObject({ methodVersion: 2, inherent: { likelihood: 1, impact: 1, level: 'low' } });
    const rescoredMiddle = (await owner.client.get(`/api/v1/risks/${middle.id}`)).json<RiskReply>();
    expect(rescoredMiddle.acceptance).toBeNull();
    expect(rescoredMiddle.lastWithdrawnAcceptance?.withdrawnReason).toBe('the risk method changed to version 2 and moved the residual score');
    const rows = await server.ownerQuery<{ n: string }>('select count(*)::text as n from risk_rescores where org_id = $1 and to_version = 2', [owner.orgId]);
    expect(rows[0]?.n).toBe('2');
    const trail = (await owner.client.get('/api/v1/audit-log?action=risk_method.changed')).json<{ items: Array<{ after: { movedCount: number } }> }>();
    expect(trail.items).toHaveLength(1);
    expect(trail.items[0]?.after.movedCount).toBe(2);

    const history = (await owner.client.get(`/api/v1/risks/${high.id}/history`)).json<{ rescores: Array<{ fromVersion: number; toVersion: number; byName: string; note: string; before: { inherent: { level: string } } }> }>();
    expect(history.rescores).toEqual([
      expect.objectContaining({ fromVersion: 1, toVersion: 2, byName: 'Dr Jane Lee', note: 'A simpler method for a small practice', before: expect.objectContaining({ inherent: { likelihood: 5, impact: 5, level: 'extreme' } }) }),
    ]);
    const versions = (await owner.client.get('/api/v1/risk-method/versions')).json<{ items: Array<{ version: number; size: string; movedCount: number }> }>();
    expect(versions.items.map((v) => [v.version, v.size, v.movedCount])).toEqual([
      [2, '3 × 3', 2],
      [1, '5 × 5', 0],
    ]);
    // A risk written after the change is scored on the new scales.
    expect((await owner.client.request('POST', '/api/v1/risks', { title: 'Too high', inherent: { likelihood: 4, impact: 1 } })).status).toBe(400);
  });

  it('saves one of two changes made at once from the same version', async () => {
    const owner = await signUpOwner(server);
    await registerOf(owner);
    const four = riskMethodPresets['4x4'].method;
    const replies = await Promise.all([three, four].map((method) => owner.client.request('PUT', '/api/v1/risk-method', { ...method, version: 1, note: 'racing' })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const versions = (await owner.client.get('/api/v1/risk-method/versions')).json<{ items: unknown[] }>();
    expect(versions.items).toHaveLength(2);
  });
});
