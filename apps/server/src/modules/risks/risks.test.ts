import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewDateAfter } from '@custodian/shared/domain/risk-method-presets.ts';
import { addMemberWithRole, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { plantAssets, type RiskReply } from '../../../test/risk-fixtures.ts';
import { todayIn } from '../../lib/dates.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const path = '/api/v1/risks';
interface Page {
  items: RiskReply[];
  total: { count: number; isExact: boolean };
  page: { next: string | null };
}

describe('risk register', () => {
  it('adds risks with the next free reference, scored on the default method saved as version 1, reviewed a year on', async () => {
    const owner = await signUpOwner(server);
    expect((await owner.client.get('/api/v1/risk-method')).json()).toMatchObject({ version: 1, isDefault: true });
    const first = await owner.client.request('POST', path, { title: 'Ransomware on the practice system', inherent: { likelihood: 4, impact: 5 }, residual: { likelihood: 2, impact: 3 } });
    expect(first.status).toBe(201);
    const risk = first.json<RiskReply>();
    expect(risk).toMatchObject({
      ref: 'R-0001',
      status: 'identified',
      methodVersion: 1,
      inherent: { likelihood: 4, impact: 5, level: 'extreme', levelLabel: 'Extreme', likelihoodLabel: 'Likely', colour: '#c62828' },
      residual: { level: 'medium', levelLabel: 'Medium' },
      isResidualWithinAppetite: true,
      nextReviewOn: reviewDateAfter(todayIn('Australia/Sydney', new Date()), 12),
    });
    expect((await owner.client.get('/api/v1/risk-method')).json()).toMatchObject({ version: 1, isDefault: false });
    const second = (await owner.client.request('POST', path, { title: 'Phishing of reception', inherent: { likelihood: 3, impact: 3 } })).json<RiskReply>();
    expect(second.ref).toBe('R-0002');
    const named = await owner.client.request('POST', path, { ref: 'R-0002', title: 'Clash', inherent: { likelihood: 1, impact: 1 } });
    expect(named.status).toBe(400);
    const trail = (await owner.client.get(`/api/v1/audit-log?entityId=${risk.id}&order=asc`)).json<{ items: Array<{ action: string; subject: string }> }>();
    expect(trail.items.map((e) => e.action)).toEqual(['risk.created']);
    expect(trail.items[0]?.subject).toBe('R-0001 (Ransomware on the practice system)');
  });

  it('gives risks created at once different references', async () => {
    const owner = await signUpOwner(server);
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => owner.client.request('POST', path, { title: `Parallel ${i}`, inherent: { likelihood: 2, impact: 2 } })));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(replies.map((r) => r.json<RiskReply>().ref).sort()).toEqual(['R-0001', 'R-0002', 'R-0003', 'R-0004', 'R-0005', 'R-0006']);
  });

  it('filters by text, status, residual level, owner and asset, and sorts by residual level and review date', async () => {
    const owner = await signUpOwner(server);
    const member = await addMemberWithRole(server, owner, 'contributor');
    const [pms, laptop] = await plantAssets(server, owner.orgId, ['Practice management system', 'Reception laptop']);
    const add = async (body: Record<string, unknown>) => {
      const reply = await owner.client.request('POST', path, body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      return reply.json<RiskReply>();
    };
    const a = await add({ title: 'Ransomware', inherent: { likelihood: 4, impact: 5 }, residual: { likelihood: 4, impact: 4 }, assetIds: [pms], ownerUserId: member.userId, nextReviewOn: '2030-01-01' });
    const b = await add({ title: 'Lost laptop', inherent: { likelihood: 3, impact: 3 }, residual: { likelihood: 1, impact: 1 }, assetIds: [laptop, pms], status: 'assessed', nextReviewOn: null });
    const c = await add({ title: 'Power outage', inherent: { likelihood: 2, impact: 2 }, nextReviewOn: '2028-06-30' });
    const refs = async (query: string) => (await owner.client.get(`${path}?${query}`)).json<Page>().items.map((r) => r.ref);
    expect(await refs('q=laptop')).toEqual([b.ref]);
    expect(await refs('q=R-0003')).toEqual([c.ref]);
    expect(await refs('status=assessed')).toEqual([b.ref]);
    expect(await refs('residualLevel=high')).toEqual([a.ref]);
    expect(await refs(`ownerId=${member.userId}`)).toEqual([a.ref]);
    expect(await refs(`assetId=${pms}`)).toEqual([a.ref, b.ref]);
    expect(await refs(`assetId=${laptop}`)).toEqual([b.ref]);
    expect(await refs('sort=residual&order=desc')).toEqual([a.ref, b.ref, c.ref]);
    expect(await refs('sort=inherent&order=asc')).toEqual([c.ref, b.ref, a.ref]);
    expect(await refs('sort=nextReview&order=asc')).toEqual([c.ref, a.ref, b.ref]);
    const firstPage = (await owner.client.get(`${path}?sort=nextReview&order=asc&limit=2`)).json<Page>();
    expect(firstPage.total).toEqual({ count: 3, isExact: true });
    const next = (await owner.client.get(`${path}?sort=nextReview&order=asc&limit=2&cursor=${firstPage.page.next}`)).json<Page>();
    expect(next.items.map((r) => r.ref)).toEqual([b.ref]);
    expect((await owner.client.get(`${path}?residualLevel=HIGH`)).status).toBe(400);
  });

  it('finds text anywhere in a title or reference, ignoring case, as ILIKE would, and only in its own organisation', async () => {
    const owner = await signUpOwner(server);
    const other = await signUpOwner(server);
    for (const title of ['Ransomware on the practice system', 'Lost laptop', 'Misdirected 100% referral', 'Misdirected 1000 referrals']) {
      const reply = await owner.client.request('POST', path, { title, inherent: { likelihood: 2, impact: 2 } });
      expect(reply.status).toBe(201);
    }
    expect((await other.client.request('POST', path, { title: 'Ransomware on the server', inherent: { likelihood: 2, impact: 2 } })).status).toBe(201);
    const refs = async (text: string) => (await owner.client.get(`${path}?q=${encodeURIComponent(text)}&sort=ref`)).json<Page>();
    // Three characters or more go through the trigram index (migration 0022); shorter ones scan.
    expect((await refs('SOMWAR')).items.map((r) => r.ref)).toEqual(['R-0001']);
    expect((await refs('on the')).items.map((r) => r.ref)).toEqual(['R-0001']);
    expect((await refs('st')).items.map((r) => r.ref)).toEqual(['R-0001', 'R-0002']);
    expect((await refs('100%')).items.map((r) => r.ref)).toEqual(['R-0003']);
    expect((await refs('r-000')).total).toEqual({ count: 4, isExact: true });
    expect((await refs('server')).items).toEqual([]);
  });

  it('refuses scores off the scales, unknown scenarios, owners who are not members and assets of another organisation', async () => {
    const owner = await signUpOwner(server);
    const stranger = await signUpOwner(server);
    const [theirs] = await plantAssets(server, stranger.orgId, ['Their server']);
    const offScale = await owner.client.request('POST', path, { title: 'Off', inherent: { likelihood: 6, impact: 1 } });
    expect(offScale.status).toBe(400);
    expect(JSON.stringify(offScale.body)).toContain('inherent.likelihood');
    expect((await owner.client.request('POST', path, { title: 'x', inherent: { likelihood: 1, impact: 1 }, threatId: 'threat:not-in-library' })).status).toBe(400);
    expect((await owner.client.request('POST', path, { title: 'x', inherent: { likelihood: 1, impact: 1 }, ownerUserId: stranger.userId })).status).toBe(400);
    expect((await owner.client.request('POST', path, { title: 'x', inherent: { likelihood: 1, impact: 1 }, assetIds: [theirs] })).status).toBe(400);
    expect((await owner.client.get(`${path}?limit=5`)).json<Page>().total.count).toBe(0);
  });

  it('starts from a threat library scenario: stores the scenario and a first treatment task with its controls', async () => {
    const owner = await signUpOwner(server);
    const threats = (await owner.client.get('/api/v1/threats')).json<{ items: Array<{ id: string; suggestedControls: string[] }> }>();
    const scenario = threats.items.find((t) => t.id === 'threat:ransomware-pms');
    expect(scenario).toBeDefined();
    const created = await owner.client.request('POST', path, {
      title: 'Ransomware',
      threatId: scenario?.id,
      inherent: { likelihood: 3, impact: 5 },
      firstTask: { title: 'Put the suggested controls in place', controlIds: scenario?.suggestedControls },
    });
    expect(created.status).toBe(201);
    const risk = created.json<RiskReply & { threatId: string }>();
    expect(risk.threatId).toBe('threat:ransomware-pms');
    const tasks = (await owner.client.get(`${path}/${risk.id}/tasks`)).json<{ items: Array<{ controls: Array<{ id: string; ref: string; gapStatusLabel: string }> }> }>();
    expect(tasks.items[0]?.controls.map((c) => c.ref)).toEqual(['A.8.7', 'A.8.8', 'A.8.13', 'A.5.30']);
    expect(tasks.items[0]?.controls[0]?.gapStatusLabel).toBe('Not started');
  });

  it('refuses a stale change with the risk as it is now, and hides every risk from another organisation', async () => {
    const owner = await signUpOwner(server);
    const risk = (await owner.client.request('POST', path, { title: 'Shared', inherent: { likelihood: 2, impact: 2 } })).json<RiskReply>();
    const saved = await owner.client.request('PATCH', `${path}/${risk.id}`, { version: risk.version, title: 'First edit' });
    expect(saved.status).toBe(200);
    const stale = await owner.client.request('PATCH', `${path}/${risk.id}`, { version: risk.version, title: 'Second edit' });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { details: { current: RiskReply } } }>().error.details.current).toMatchObject({ title: 'First edit', version: risk.version + 1 });
    const stranger = await signUpOwner(server);
    expect((await stranger.client.get(`${path}/${risk.id}`)).status).toBe(404);
    expect((await stranger.client.get(`${path}/${risk.id}/history`)).status).toBe(404);
    expect((await stranger.client.get(path)).json<Page>().total.count).toBe(0);
  });
});
