import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { systemActorLabel } from '../org/org.service.ts';
import { seedDemoProvidersIfEmpty } from './provider-demo.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { CUSTODIAN_DEMO: 'true' } });
});
afterAll(async () => {
  await server.close();
});

interface Entry {
  slug: string;
  displayName: string;
  kind: string;
  states: string[];
  isDemo: boolean;
  badgeCount: number;
}

describe('demo providers', () => {
  it('exist on first start, labelled (demo), published and verified by Custodian; certification bodies accredited for ISO/IEC 27001', async () => {
    const anonymous = newClient(server.app);
    const list = await anonymous.get('/api/v1/directory/providers?limit=200');
    const demo = list.json<{ items: Entry[] }>().items.filter((p) => p.isDemo);
    expect(demo.filter((p) => p.kind === 'consultant').length).toBeGreaterThanOrEqual(3);
    expect(demo.filter((p) => p.kind === 'certification_body').length).toBeGreaterThanOrEqual(3);
    for (const p of demo) expect(p.displayName).toMatch(/\(demo\)$/);
    expect(new Set(demo.flatMap((p) => p.states)).size).toBeGreaterThanOrEqual(5);
    for (const p of demo) expect(p.badgeCount).toBeGreaterThanOrEqual(1);

    let sawCommission = false;
    for (const cb of demo.filter((p) => p.kind === 'certification_body')) {
      const page = (await anonymous.get(`/api/v1/directory/providers/${cb.slug}`)).json<{
        accreditations: Array<{ accreditationBody: string; standards: string[]; badge: { wording: string } | null }>;
        commissionPercent: number | null;
        affiliations: Array<{ affiliatedSlug: string | null }>;
      }>();
      expect(page.accreditations[0]).toMatchObject({ accreditationBody: 'JAS-ANZ' });
      expect(page.accreditations[0]?.standards).toContain('iso27001');
      expect(page.accreditations[0]?.badge?.wording).toMatch(/^Accreditation verified by Custodian on \d\d\/\d\d\/\d{4}, valid until \d\d\/\d\d\/\d{4}$/);
      if (page.commissionPercent !== null) {
        sawCommission = true;
        expect(page.affiliations[0]?.affiliatedSlug).toBe('paperbark-health-security-demo');
      }
    }
    expect(sawCommission).toBe(true);

    const trail = await server.ownerQuery<{ actor_label: string }>(
      "select a.actor_label from audit_events a join orgs o on o.org_id = a.org_id where o.kind = 'platform' and a.action = 'provider.verified'",
    );
    expect(trail.length).toBeGreaterThanOrEqual(9);
    expect(new Set(trail.map((t) => t.actor_label))).toEqual(new Set([systemActorLabel]));
    expect(await seedDemoProvidersIfEmpty(server.deps, server.app.log)).toBe(0);
  });
});
