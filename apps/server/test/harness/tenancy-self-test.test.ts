import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner } from '../test-client.ts';
import { startTestServer, type TestServer } from '../test-server.ts';
import { orgChecksum } from './org-checksum.ts';
import { checkPersonBehaviour, checkTenancyBehaviour, checkTenancyRules } from './tenancy-check.ts';

// The tenancy checks must fail when the database is wrong. Each test breaks its own fresh database.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe('the tenancy checks', () => {
  it('report a tenant table added without the helper, and accept it once the helper has run', async () => {
    await server.ownerQuery(
      'create table widgets (org_id uuid not null references orgs (org_id), id uuid not null, name text not null, primary key (org_id, id))',
    );
    expect(await checkTenancyRules(server.ownerQuery)).toEqual([
      "widgets: not registered; create it with custodian_tenant_table('widgets') (or custodian_global_table with a reason)",
    ]);
    await server.ownerQuery(`select custodian_tenant_table('widgets', is_counted => true)`);
    expect(await checkTenancyRules(server.ownerQuery)).toEqual([]);
  });

  it('cover a new table in the fuzzer’s checksum the moment it is registered', async () => {
    const owner = await signUpOwner(server);
    await server.ownerQuery(
      'create table gadgets (org_id uuid not null references orgs (org_id), id integer not null, label text not null, primary key (org_id, id))',
    );
    await server.ownerQuery(`select custodian_tenant_table('gadgets')`);
    // A fresh server reads the registry afresh: the checksum query is built once per server.
    const fresh = { ...server };
    const before = await orgChecksum(fresh, owner.orgId);
    await server.ownerQuery(`insert into gadgets values ($1, 1, 'changed behind the API')`, [owner.orgId]);
    expect(await orgChecksum(fresh, owner.orgId)).not.toBe(before);
  });

  it('report a removed policy and a policy that shows every row', async () => {
    const first = await signUpOwner(server);
    const second = await signUpOwner(server);
    await first.client.request('PATCH', '/api/v1/gap/items/iso27001:2022:A.5.1', { version: 0, status: 'partial' });
    await server.ownerQuery('drop policy tenant_isolation on gap_entries');
    await server.ownerQuery('create policy tenant_isolation on gap_entries using (true) with check (true)');
    expect(await checkTenancyRules(server.ownerQuery)).toEqual([
      'gap_entries: policy tenant_isolation shows rows to the application without comparing the organisation (true)',
    ]);
    const leaks = await checkTenancyBehaviour(server, first.orgId, second.orgId);
    expect(leaks.some((line) => line.startsWith('gap_entries: '))).toBe(true);
    await server.ownerQuery('drop policy maintenance_read on invitations');
    expect(await checkTenancyRules(server.ownerQuery)).toContain('invitations: policy maintenance_read for {custodian_maintenance} is missing');
  });

  it('report a person-keyed table registered as global and one the application can write, and accept it as a person table', async () => {
    const own = await startTestServer();
    try {
      await own.ownerQuery('create table trinkets (user_id uuid not null references users (id), id uuid primary key, label text not null)');
      await own.ownerQuery('grant select, insert, update, delete on trinkets to custodian_app');
      await own.ownerQuery(`select custodian_global_table('trinkets', 'made by a test')`);
      expect(await checkTenancyRules(own.ownerQuery)).toEqual([
        "trinkets: keyed to a person (user_id) but registered global; register it with custodian_person_table('trinkets', 'why')",
        'trinkets: the application role can write this global table; make it a person or tenant table, or reach it through a SECURITY DEFINER function',
      ]);
      await own.ownerQuery(`select custodian_person_table('trinkets', 'a person''s trinkets')`);
      expect(await checkTenancyRules(own.ownerQuery)).toEqual([]);
      await own.ownerQuery('create table lookups (address text primary key)');
      await own.ownerQuery('grant select, insert on lookups to custodian_app');
      await own.ownerQuery(`select custodian_global_table('lookups', 'made by a test')`);
      expect(await checkTenancyRules(own.ownerQuery)).toEqual([
        'lookups: the application role can write this global table; make it a person or tenant table, or reach it through a SECURITY DEFINER function',
      ]);
      await own.ownerQuery('revoke insert on lookups from custodian_app');
      expect(await checkTenancyRules(own.ownerQuery)).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it('report a SECURITY DEFINER function with a loose search path or that PUBLIC may run, and a global table granted back to the application', async () => {
    const own = await startTestServer();
    try {
      await own.ownerQuery(`create function custodian_peek_claims() returns bigint language sql security definer as 'select count(*) from signup_claims'`);
      expect(await checkTenancyRules(own.ownerQuery)).toEqual([
        'custodian_peek_claims(): a SECURITY DEFINER function without SET search_path = public, pg_temp',
        'custodian_peek_claims(): a SECURITY DEFINER function PUBLIC may run; revoke EXECUTE from PUBLIC and grant it to custodian_app',
      ]);
      await own.ownerQuery('alter function custodian_peek_claims() set search_path = public, pg_temp');
      await own.ownerQuery('revoke execute on function custodian_peek_claims() from public');
      await own.ownerQuery('grant execute on function custodian_peek_claims() to custodian_app');
      expect(await checkTenancyRules(own.ownerQuery)).toEqual([]);
      await own.ownerQuery('grant delete on sso_logins to custodian_app');
      expect(await checkTenancyRules(own.ownerQuery)).toEqual([
        'sso_logins: the application role can write this global table; make it a person or tenant table, or reach it through a SECURITY DEFINER function',
      ]);
    } finally {
      await own.close();
    }
  });

  it('report a person table whose policy shows every row, by its declaration and by what the application sees', async () => {
    const own = await startTestServer();
    try {
      const first = await signUpOwner(own);
      const second = await signUpOwner(own);
      expect(await checkPersonBehaviour(own, first.userId, second.userId)).toEqual([]);
      await own.ownerQuery('drop policy person_isolation on sessions');
      await own.ownerQuery('create policy person_isolation on sessions using (true) with check (true)');
      expect(await checkTenancyRules(own.ownerQuery)).toEqual([
        'sessions: policy person_isolation shows rows to the application without comparing the person (true)',
      ]);
      const leaks = await checkPersonBehaviour(own, first.userId, second.userId);
      expect(leaks.some((line) => line.startsWith('sessions: ') && line.includes('with no person in scope'))).toBe(true);
      expect(leaks).toContain("sessions: 1 of another person's rows visible");
    } finally {
      await own.close();
    }
  });
  it('report a shared marketplace table whose policy shows every row, or accepts rows without naming who may see them', async () => {
    const own = await startTestServer();
    try {
      expect(await checkTenancyRules(own.ownerQuery)).toEqual([]);
      await own.ownerQuery('create policy everyone_reads on marketplace_leads for select to custodian_app using (true)');
      expect(await checkTenancyRules(own.ownerQuery)).toEqual([
        'marketplace_leads: policy everyone_reads shows rows to the application without naming who may see them (true)',
      ]);
      await own.ownerQuery('drop policy everyone_reads on marketplace_leads');
      await own.ownerQuery('create policy anyone_quotes on marketplace_quotes for insert to custodian_app with check (true)');
      expect(await checkTenancyRules(own.ownerQuery)).toEqual([
        'marketplace_quotes: policy anyone_quotes shows rows to the application without naming who may see them (true)',
      ]);
    } finally {
      await own.close();
    }
  });
});
