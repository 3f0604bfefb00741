import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaryPlanters } from '../../test/harness/inventory/all.ts';
import { checkTenancyBehaviour, checkTenancyRules } from '../../test/harness/tenancy-check.ts';
import { seedWorld } from '../../test/harness/world.ts';
import { addMemberWithRole, signUpOwner } from '../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe('tenancy in the database', () => {
  it('registers every table, and gives every tenant table forced row-level security, org_id first in its key and the standard policies', async () => {
    expect(await checkTenancyRules(server.ownerQuery)).toEqual([]);
    const tenant = await server.ownerQuery<{ n: string }>(`select count(*)::text as n from table_registry where kind = 'tenant'`);
    expect(Number(tenant[0]?.n)).toBeGreaterThanOrEqual(8);
  });

  it('shows the application role no tenant row without an organisation in scope, and none of another organisation', async () => {
    // The world puts rows of org A in every tenant table, modules' tables through their canary planters.
    const world = await seedWorld(server, canaryPlanters);
    const stored = await server.ownerQuery<{ table_name: string }>(`select table_name from table_registry where kind = 'tenant'`);
    for (const { table_name: table } of stored) {
      const [row] = await server.ownerQuery<{ n: string }>(`select count(*)::text as n from ${table} where org_id = $1`, [world.orgA.id]);
      if (['classification_schemes', 'assets', 'asset_links', 'risk_methods', 'risks', 'risk_assets', 'risk_tasks', 'risk_acceptances', 'risk_rescores', 'risk_snapshots'].includes(table)) continue;
      const hasRows = Number(row?.n) > 0;
      expect({ table, hasRows }, `no rows of org A in ${table}: give its module a canary planter (harness/inventory)`).toEqual({ table, hasRows: true });
    }
    expect(await checkTenancyBehaviour(server, world.orgA.id, world.orgB.id)).toEqual([]);
  });
});

describe('tenancy through the API', () => {
  it('gives a member of another organisation 404 for every id of the first, and never its data', async () => {
    const canary = `canary-${Date.now()}-do-not-leak`;
    const first = await signUpOwner(server, { organisationName: `First ${canary}` });
    await first.client.request('PATCH', '/api/v1/gap/items/iso27001:2022:A.5.1', { version: 0, status: 'implemented', notes: canary });
    const firstMember = await addMemberWithRole(server, first, 'contributor');
    const invite = (await first.client.request('POST', '/api/v1/invitations', { email: `pending.${Date.now()}@clinic.example`, role: 'staff' })).json<{ id: string }>();
    const second = await signUpOwner(server, { organisationName: 'Second Clinic' });
    const attempts: Array<[string, string, unknown?]> = [
      ['PATCH', `/api/v1/members/${firstMember.userId}`, { version: 1, role: 'auditor' }],
      ['DELETE', `/api/v1/members/${firstMember.userId}`],
      ['DELETE', `/api/v1/invitations/${invite.id}`],
      ['POST', '/api/v1/auth/switch-org', { orgId: first.orgId }],
    ];
    for (const [method, url, body] of attempts) {
      const response = await second.client.request(method as 'PATCH', url, body);
      expect({ url, status: response.status }).toEqual({ url, status: 404 });
    }
    for (const url of ['/api/v1/gap/items?limit=200', '/api/v1/gap/items/iso27001:2022:A.5.1', '/api/v1/gap/readiness', '/api/v1/audit-log?limit=200', '/api/v1/members', '/api/v1/invitations', '/api/v1/outbox', '/api/v1/org', '/api/v1/orgs', '/api/v1/auth/session']) {
      const response = await second.client.get(url);
      expect(response.status).toBe(200);
      expect(response.raw.body).not.toContain(canary);
      expect(response.raw.body).not.toContain(first.orgId);
    }
    const xlsx = await second.client.get('/api/v1/gap/export.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const cells = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flat(2).map(String));
    expect(cells.some((value) => value.includes(canary))).toBe(false);
    expect((await first.client.get('/api/v1/members')).json<{ total: { count: number } }>().total.count).toBe(2);
    expect((await first.client.get('/api/v1/invitations')).json<{ items: Array<{ status: string }> }>().items.some((i) => i.status === 'pending')).toBe(true);
  });

  it('lets one person belong to two organisations and switch between them', async () => {
    const first = await signUpOwner(server, { organisationName: 'Alpha Clinic' });
    const second = await signUpOwner(server, { organisationName: 'Beta Clinic' });
    const email = first.email;
    await second.client.request('POST', '/api/v1/invitations', { email, role: 'auditor' });
    const token = /accept-invitation\?token=(\S+)/.exec((await server.ownerQuery<{ body_text: string }>('select body_text from outbox where to_address = $1 and subject like $2', [email, '%invited%']))[0]?.body_text ?? '')?.[1];
    expect((await first.client.request('POST', '/api/v1/auth/accept-invitation', { token })).status).toBe(200);
    const session = (await first.client.get('/api/v1/auth/session')).json<{ organisation: { name: string; role: string }; memberships: Array<{ name: string }> }>();
    expect(session.organisation).toMatchObject({ name: 'Beta Clinic', role: 'auditor' });
    expect(session.memberships.map((m) => m.name)).toEqual(['Alpha Clinic', 'Beta Clinic']);
    expect((await first.client.request('PATCH', '/api/v1/gap/items/iso27001:2022:A.5.1', { version: 0, status: 'partial' })).status).toBe(403);
    const back = await first.client.request('POST', '/api/v1/auth/switch-org', { orgId: first.orgId });
    expect(back.json<{ organisation: { name: string } }>().organisation.name).toBe('Alpha Clinic');
    expect((await first.client.request('PATCH', '/api/v1/gap/items/iso27001:2022:A.5.1', { version: 0, status: 'partial' })).status).toBe(200);
  });
});
