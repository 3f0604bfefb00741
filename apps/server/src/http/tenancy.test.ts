import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemberWithRole, signUpOwner } from '../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe('tenancy in the database', () => {
  it('guards every table with an org_id column by forced row-level security', async () => {
    const tables = await server.ownerQuery<{ table_name: string; rls: boolean; forced: boolean; policies: string }>(`
      select c.relname as table_name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
             (select count(*) from pg_policies p where p.tablename = c.relname)::text as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and exists (select 1 from information_schema.columns col where col.table_name = c.relname and col.column_name = 'org_id' and col.table_schema = 'public')
        and c.relname <> 'sessions'`);
    expect(tables.length).toBeGreaterThanOrEqual(6);
    for (const table of tables) expect({ table: table.table_name, rls: table.rls, forced: table.forced, hasPolicy: Number(table.policies) > 0 }).toEqual({ table: table.table_name, rls: true, forced: true, hasPolicy: true });
  });

  it('puts org_id first in the primary key of every tenant table', async () => {
    const keys = await server.ownerQuery<{ table_name: string; first_column: string }>(`
      select tc.table_name, (array_agg(kcu.column_name order by kcu.ordinal_position))[1] as first_column
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = 'public'
        and exists (select 1 from information_schema.columns col where col.table_name = tc.table_name and col.column_name = 'org_id' and col.table_schema = 'public')
        and tc.table_name <> 'sessions'
      group by tc.table_name`);
    for (const key of keys) expect({ table: key.table_name, first: key.first_column }).toEqual({ table: key.table_name, first: 'org_id' });
  });

  it('shows no tenant rows to the application role when app.org_id is not set', async () => {
    const owner = await signUpOwner(server);
    await owner.client.request('PUT', '/api/v1/gap/items/iso27001:2022:A.5.1', { status: 'partial' });
    const counted = await server.ownerQuery<{ gap: string; audit: string; orgs: string; outbox: string }>(`
      select (select count(*) from gap_entries)::text as gap, (select count(*) from audit_events)::text as audit,
             (select count(*) from orgs)::text as orgs, (select count(*) from outbox)::text as outbox`);
    expect(Number(counted[0]?.gap)).toBeGreaterThan(0);
    const asApp = await server.deps.database.db.transaction().execute(async (trx) => {
      await sql`set local role custodian_app`.execute(trx);
      const result = await sql<{ n: string }>`
        select ((select count(*) from gap_entries) + (select count(*) from audit_events) + (select count(*) from orgs)
                + (select count(*) from memberships) + (select count(*) from invitations) + (select count(*) from outbox))::text as n`.execute(trx);
      return result.rows[0]?.n;
    });
    expect(asApp).toBe('0');
  });
});

describe('tenancy through the API', () => {
  it('gives a member of another organisation 404 for every id of the first, and never its data', async () => {
    const canary = `canary-${Date.now()}-do-not-leak`;
    const first = await signUpOwner(server, { organisationName: `First ${canary}` });
    await first.client.request('PUT', '/api/v1/gap/items/iso27001:2022:A.5.1', { status: 'implemented', notes: canary });
    const firstMember = await addMemberWithRole(server, first, 'contributor');
    const invite = (await first.client.request('POST', '/api/v1/invitations', { email: `pending.${Date.now()}@clinic.example`, role: 'staff' })).json<{ id: string }>();

    const second = await signUpOwner(server, { organisationName: 'Second Clinic' });
    const attempts: Array<[string, string, unknown?]> = [
      ['PATCH', `/api/v1/members/${firstMember.userId}`, { role: 'auditor' }],
      ['DELETE', `/api/v1/members/${firstMember.userId}`],
      ['DELETE', `/api/v1/invitations/${invite.id}`],
      ['POST', '/api/v1/auth/switch-org', { orgId: first.orgId }],
    ];
    for (const [method, url, body] of attempts) {
      const response = await second.client.request(method as 'PATCH', url, body);
      expect({ url, status: response.status }).toEqual({ url, status: 404 });
    }
    for (const url of ['/api/v1/gap/items?pageSize=200', '/api/v1/gap/items/iso27001:2022:A.5.1', '/api/v1/gap/readiness', '/api/v1/audit-log?pageSize=200', '/api/v1/members', '/api/v1/invitations', '/api/v1/outbox', '/api/v1/org', '/api/v1/orgs', '/api/v1/auth/session']) {
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
    expect((await first.client.get('/api/v1/members')).json<{ total: number }>().total).toBe(2);
    expect((await first.client.get('/api/v1/invitations')).json<Array<{ status: string }>>().some((i) => i.status === 'pending')).toBe(true);
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
    expect((await first.client.request('PUT', '/api/v1/gap/items/iso27001:2022:A.5.1', { status: 'partial' })).status).toBe(403);
    const back = await first.client.request('POST', '/api/v1/auth/switch-org', { orgId: first.orgId });
    expect(back.json<{ organisation: { name: string } }>().organisation.name).toBe('Alpha Clinic');
    expect((await first.client.request('PUT', '/api/v1/gap/items/iso27001:2022:A.5.1', { status: 'partial' })).status).toBe(200);
  });
});
