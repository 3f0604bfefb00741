import type { RiskInsights } from '@custodian/shared/contracts/risk-insights.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAsset, insertMethod, insertRisks } from '../../../test/risk-register-fixtures.ts';
import { addMemberWithRole, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { todayIn } from '../../lib/dates.ts';
import { snapshotAllOrganisations } from './risk-insights.service.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const path = '/api/v1/risk-insights';
const cell = (map: RiskInsights['inherentHeatMap'], likelihood: number, impact: number) => map.find((c) => c.likelihood === likelihood && c.impact === impact);
const warnings: unknown[] = [];
const silent = { info: () => undefined, warn: (...args: unknown[]) => void warnings.push(args), error: () => undefined, debug: () => undefined } as unknown as Parameters<typeof snapshotAllOrganisations>[1];

/** An organisation with three assets and five risks (one closed, one accepted, one without a residual score). */
async function register() {
  const owner = await signUpOwner(server);
  const manager = await addMemberWithRole(server, owner, 'isms_manager');
  await insertMethod(server, owner.orgId);
  await insertAsset(server, owner.orgId, { ref: 'A-0001', name: 'Practice management system' });
  await insertAsset(server, owner.orgId, { ref: 'A-0002', name: 'Reception PCs', kind: 'device' });
  await insertAsset(server, owner.orgId, { ref: 'A-0003', name: 'Cloud backup', kind: 'service' });
  await insertRisks(server, owner.orgId, [
    { ref: 'R-0001', title: 'Ransomware (demo)', inherent: { likelihood: 4, impact: 5 }, residual: { likelihood: 2, impact: 4 }, status: 'in_treatment', ownerUserId: owner.userId, assetRefs: ['A-0001', 'A-0002'] },
    { ref: 'R-0002', title: 'Phishing (demo)', inherent: { likelihood: 4, impact: 4 }, residual: { likelihood: 2, impact: 2 }, status: 'accepted', ownerUserId: manager.userId, assetRefs: ['A-0002'], acceptance: { byUserId: manager.userId } },
    { ref: 'R-0003', title: 'Lost laptop (demo)', inherent: { likelihood: 3, impact: 4 }, current: { likelihood: 3, impact: 3 }, status: 'assessed', ownerUserId: null, assetRefs: ['A-0002'] },
    { ref: 'R-0004', title: 'Power outage (demo)', inherent: { likelihood: 5, impact: 5 }, residual: { likelihood: 5, impact: 4 }, status: 'treatment_planned', ownerUserId: owner.userId, assetRefs: ['A-0001'] },
    { ref: 'R-0005', title: 'Closed one (demo)', inherent: { likelihood: 5, impact: 5 }, residual: { likelihood: 1, impact: 1 }, status: 'closed', ownerUserId: owner.userId, assetRefs: ['A-0003'] },
  ]);
  return { owner, manager };
}

describe('risk insights', () => {
  it('shows an organisation without risks the default 5 × 5 method with every cell empty', async () => {
    const owner = await signUpOwner(server);
    const reply = await owner.client.get(path);
    expect(reply.status).toBe(200);
    const insights = reply.json<RiskInsights>();
    expect(insights.method.version).toBeNull();
    expect(insights.inherentHeatMap).toHaveLength(25);
    expect(insights.residualHeatMap.every((c) => c.count === 0)).toBe(true);
    expect(cell(insights.inherentHeatMap, 5, 5)?.levelKey).toBe('extreme');
    expect(insights).toMatchObject({ openRisks: 0, aboveAppetite: 0, topRisks: [], byAsset: [], byOwner: [], trend: [] });
  });

  it('counts open risks per cell, inherent and residual, with acceptances, and ranks the top risks by where they stand', async () => {
    const { owner } = await register();
    const insights = (await owner.client.get(path)).json<RiskInsights>();
    expect(insights.method.version).toBe(1);
    expect(insights.openRisks).toBe(4);
    expect(cell(insights.inherentHeatMap, 4, 5)?.count).toBe(1);
    expect(cell(insights.inherentHeatMap, 5, 5)?.count).toBe(1); // the closed 5 × 5 is not counted
    expect(insights.inherentHeatMap.reduce((sum, c) => sum + c.count, 0)).toBe(4);
    // Residual: R-0001 at 2×4, R-0002 at 2×2 (accepted), R-0003 not assessed so at its current 3×3, R-0004 at 5×4.
    expect(cell(insights.residualHeatMap, 2, 4)).toMatchObject({ count: 1, accepted: 0, levelKey: 'medium' });
    expect(cell(insights.residualHeatMap, 2, 2)).toMatchObject({ count: 1, accepted: 1, levelKey: 'low' });
    expect(cell(insights.residualHeatMap, 3, 3)?.count).toBe(1);
    expect(cell(insights.residualHeatMap, 5, 4)).toMatchObject({ count: 1, levelKey: 'extreme' });
    expect(cell(insights.residualHeatMap, 1, 1)?.count).toBe(0);
    expect(insights.residualNotAssessed).toBe(1);
    expect(insights.aboveAppetite).toBe(1); // only R-0004 stands above "medium"
    expect(insights.topRisks.map((r) => r.ref)).toEqual(['R-0004', 'R-0001', 'R-0003', 'R-0002']);
    expect(insights.topRisks[0]).toMatchObject({ standingLevelKey: 'extreme', isWithinAppetite: false, ownerName: 'Pat Owner', residual: { likelihood: 5, impact: 4, levelKey: 'extreme' } });
    expect(insights.topRisks[2]).toMatchObject({ ref: 'R-0003', residual: null, standingLevelKey: 'medium', ownerName: null });
    expect(insights.topRisks[3]).toMatchObject({ ref: 'R-0002', isAccepted: true });
  });

  it('breaks open risks down by asset, owner and status', async () => {
    const { owner } = await register();
    const insights = (await owner.client.get(path)).json<RiskInsights>();
    expect(insights.byAsset.map((a) => [a.label, a.total, a.byLevel])).toEqual([
      ['A-0002 Reception PCs', 3, { medium: 2, low: 1 }],
      ['A-0001 Practice management system', 2, { medium: 1, extreme: 1 }],
    ]);
    expect(insights.byOwner.map((o) => [o.label, o.total])).toEqual([
      ['Pat Owner', 2],
      ['Member isms_manager', 1],
      ['No owner', 1],
    ]);
    expect(insights.byStatus).toEqual([
      { status: 'identified', count: 0 },
      { status: 'assessed', count: 1 },
      { status: 'treatment_planned', count: 1 },
      { status: 'in_treatment', count: 1 },
      { status: 'accepted', count: 1 },
      { status: 'closed', count: 1 },
    ]);
  });

  it('draws the heat maps on the current method version, however many levels its scales have', async () => {
    const owner = await signUpOwner(server);
    const three = {
      likelihood: [1, 2, 3].map((level) => ({ level, label: `L${level}`, description: '' })),
      impact: [1, 2, 3].map((level) => ({ level, label: `I${level}`, description: '' })),
      levels: [
        { key: 'low', label: 'Low', colour: '#2e7d32' },
        { key: 'high', label: 'High', colour: '#c62828' },
      ],
      matrix: [['low', 'low', 'high'], ['low', 'high', 'high'], ['high', 'high', 'high']],
      acceptableLevel: 'low',
      reviewMonths: 6,
    };
    await insertMethod(server, owner.orgId, 1);
    await insertMethod(server, owner.orgId, 2, three, '3 × 3 (demo)');
    await insertRisks(server, owner.orgId, [{ ref: 'R-0001', title: 'Small scale (demo)', inherent: { likelihood: 3, impact: 2 } }], { method: three, version: 2 });
    const insights = (await owner.client.get(path)).json<RiskInsights>();
    expect(insights.method).toMatchObject({ version: 2, acceptableLevel: 'low' });
    expect(insights.inherentHeatMap).toHaveLength(9);
    expect(cell(insights.inherentHeatMap, 3, 2)).toMatchObject({ count: 1, levelKey: 'high' });
    expect(insights.aboveAppetite).toBe(1);
  });

  it('writes each organisation’s snapshot for its own today, and the trend shows a point per day', async () => {
    const east = await register();
    const west = await signUpOwner(server);
    await server.ownerQuery(`update orgs set time_zone = 'Pacific/Kiritimati' where org_id = $1`, [east.owner.orgId]);
    await server.ownerQuery(`update orgs set time_zone = 'Pacific/Pago_Pago' where org_id = $1`, [west.orgId]);
    await insertMethod(server, west.orgId);
    await insertRisks(server, west.orgId, [{ ref: 'R-0001', title: 'West (demo)', inherent: { likelihood: 1, impact: 1 } }]);
    const yesterday = new Date(Date.now() - 86_400_000);
    expect(await snapshotAllOrganisations({ ...server.deps, clock: () => yesterday }, silent)).toBeGreaterThanOrEqual(2);
    await server.ownerQuery(`update risks set status = 'closed' where org_id = $1 and ref = 'R-0004'`, [east.owner.orgId]);
    const now = new Date();
    await snapshotAllOrganisations({ ...server.deps, clock: () => now }, silent);
    await snapshotAllOrganisations({ ...server.deps, clock: () => now }, silent); // a second run rewrites the day's point
    const days = await server.ownerQuery<{ org_id: string; taken_on: string }>(
      `select org_id, to_char(taken_on, 'YYYY-MM-DD') as taken_on from risk_snapshots where org_id in ($1, $2) order by taken_on`,
      [east.owner.orgId, west.orgId],
    );
    const of = (orgId: string) => days.filter((d) => d.org_id === orgId).map((d) => d.taken_on);
    expect(of(east.owner.orgId)).toEqual([todayIn('Pacific/Kiritimati', yesterday), todayIn('Pacific/Kiritimati', now)]);
    expect(of(west.orgId)).toEqual([todayIn('Pacific/Pago_Pago', yesterday), todayIn('Pacific/Pago_Pago', now)]);
    // Kiritimati (UTC+14) and Pago Pago (UTC−11) are never on the same day.
    expect(of(east.owner.orgId)[1]).not.toBe(of(west.orgId)[1]);
    const trend = (await east.owner.client.get(`${path}?days=7`)).json<RiskInsights>().trend;
    expect(trend.map((p) => p.openRisks)).toEqual([4, 3]);
    expect(trend[0]?.inherent).toEqual({ extreme: 2, high: 2 });
    expect(trend[1]?.residual).toEqual({ medium: 2, low: 1 });
  });

  it('writes no snapshot for an organisation that never had a risk', async () => {
    const owner = await signUpOwner(server);
    const other = await signUpOwner(server);
    await insertMethod(server, other.orgId);
    await insertRisks(server, other.orgId, [{ ref: 'R-0001', title: 'One (demo)', inherent: { likelihood: 2, impact: 2 } }]);
    await snapshotAllOrganisations(server.deps, silent);
    expect(await server.ownerQuery('select 1 from risk_snapshots where org_id = $1', [owner.orgId])).toHaveLength(0);
    expect(await server.ownerQuery('select open_risks from risk_snapshots where org_id = $1', [other.orgId])).toEqual([{ open_risks: 1 }]);
    expect(warnings).toEqual([]);
  });

  it('shows readers their own organisation only, and refuses staff', async () => {
    const { owner } = await register();
    const auditor = await addMemberWithRole(server, owner, 'auditor');
    expect((await auditor.client.get(path)).json<RiskInsights>().openRisks).toBe(4);
    const staff = await addMemberWithRole(server, owner, 'staff');
    expect((await staff.client.get(path)).status).toBe(403);
    const stranger = await signUpOwner(server);
    const theirs = (await stranger.client.get(path)).json<RiskInsights>();
    expect(theirs.openRisks).toBe(0);
    expect(JSON.stringify(theirs)).not.toContain('Ransomware');
  });
});
