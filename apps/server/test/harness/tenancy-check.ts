import { sql } from 'kysely';
import type { TestServer } from '../test-server.ts';

type OwnerQuery = TestServer['ownerQuery'];

/** The policies custodian_tenant_table gives every tenant table, by name: who they apply to. */
const standardPolicies: Record<string, string> = {
  tenant_isolation: '{public}',
  maintenance_read: '{custodian_maintenance}',
  restore_read: '{custodian_restore}',
  restore_write: '{custodian_restore}',
};

interface TableFacts {
  table_name: string;
  kind: string | null;
  has_org_id: boolean;
  has_user_id: boolean;
  app_writes: boolean;
  rls: boolean;
  forced: boolean;
  first_key: string | null;
}

interface PolicyFacts {
  table_name: string;
  policy_name: string;
  roles: string;
  qual: string | null;
  with_check: string | null;
}

/** The policies custodian_person_table gives every person table besides the person policy: who they apply to. */
const personStandardPolicies: Record<string, string> = {
  maintenance_read: '{custodian_maintenance}',
  restore_read: '{custodian_restore}',
  restore_write: '{custodian_restore}',
};

const reachesApp = (policy: PolicyFacts) => policy.roles === '{public}' || policy.roles.includes('custodian_app');
const isScopedExpression = (expression: string | null) => expression === null || /app_org_id\(\)|app_user_id\(\)/.test(expression);

/**
 * The rules for a table keyed to a person (kind 'person', ADR 0017): row-level security on, a policy
 * that lets the application see only rows compared with the person (or organisation) in scope, the
 * backup and restore policies. Not forced: the owner is the role the pre-authentication functions run as.
 */
function personTableProblems(table: TableFacts, own: PolicyFacts[]): string[] {
  const name = table.table_name;
  const problems: string[] = [];
  if (!table.rls) problems.push(`${name}: a person table without row-level security`);
  if (!own.some(reachesApp)) problems.push(`${name}: no policy lets the application see a person's own rows (custodian_person_table adds one)`);
  for (const [policy, roles] of Object.entries(personStandardPolicies)) {
    if (!own.some((p) => p.policy_name === policy && p.roles === roles)) problems.push(`${name}: policy ${policy} for ${roles} is missing`);
  }
  for (const policy of own.filter(reachesApp)) {
    if (policy.qual === null && policy.with_check === null) problems.push(`${name}: policy ${policy.policy_name} has no condition`);
    if (!isScopedExpression(policy.qual) || !isScopedExpression(policy.with_check)) {
      problems.push(`${name}: policy ${policy.policy_name} shows rows to the application without comparing the person (${policy.qual ?? policy.with_check})`);
    }
  }
  return problems;
}

/**
 * Who a marketplace policy may name (ADR 0019): the organisation, person or guest request in scope, the
 * operator, or a published, unsuspended provider (the public directory); a sub-select of
 * marketplace_requests inherits that table's own policies.
 */
const isSharedScopedExpression = (expression: string | null) =>
  expression === null || /app_org_id\(\)|app_user_id\(\)|app_request_id\(\)|app_is_operator\(\)|custodian_is_listed\(|is_published AND|FROM marketplace_requests r/.test(expression);

/**
 * The rules for a marketplace table shared across organisations (kind 'shared', ADR 0019): forced
 * row-level security, the backup and restore policies, and no policy that shows or accepts rows to the
 * application without naming who may see them.
 */
function sharedTableProblems(table: TableFacts, own: PolicyFacts[]): string[] {
  const name = table.table_name;
  const problems: string[] = [];
  if (!table.rls || !table.forced) problems.push(`${name}: row-level security is not enabled and forced`);
  for (const [policy, roles] of Object.entries(personStandardPolicies)) {
    if (!own.some((p) => p.policy_name === policy && p.roles === roles)) problems.push(`${name}: policy ${policy} for ${roles} is missing`);
  }
  if (!own.some(reachesApp)) problems.push(`${name}: no policy lets the application reach any row`);
  for (const policy of own.filter(reachesApp)) {
    if (policy.qual === null && policy.with_check === null) problems.push(`${name}: policy ${policy.policy_name} has no condition`);
    if (!isSharedScopedExpression(policy.qual) || !isSharedScopedExpression(policy.with_check)) {
      problems.push(`${name}: policy ${policy.policy_name} shows rows to the application without naming who may see them (${policy.qual ?? policy.with_check})`);
    }
  }
  return problems;
}

/**
 * A global table holds nobody's rows: one keyed to a person (a user_id column) must be a person table,
 * and the application may not write one directly (a SECURITY DEFINER function may, returning only what
 * it must).
 */
function globalTableProblems(table: TableFacts): string[] {
  const name = table.table_name;
  const problems: string[] = [];
  if (table.has_user_id) problems.push(`${name}: keyed to a person (user_id) but registered global; register it with custodian_person_table('${name}', 'why')`);
  if (table.app_writes)
    problems.push(
      `${name}: the application role can write this global table; make it a person or tenant table, or reach it through a SECURITY DEFINER function`,
    );
  return problems;
}

/**
 * A SECURITY DEFINER function runs as the tables' owner, past their privileges and row-level security:
 * it is how the application reaches a person's rows or a global table before anyone is known. Each must
 * pin its search path (public, pg_temp: no object of another schema can stand in for a table) and be
 * callable by the application role, not by PUBLIC (every role, the backup and restore roles included).
 */
async function definerFunctionProblems(ownerQuery: OwnerQuery): Promise<string[]> {
  const functions = await ownerQuery<{ signature: string; is_pinned: boolean; public_runs: boolean }>(`
    select p.oid::regprocedure::text as signature,
      coalesce(p.proconfig @> array['search_path=public, pg_temp'], false) as is_pinned,
      exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
        where a.grantee = 0 and a.privilege_type = 'EXECUTE') as public_runs
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.prosecdef
    order by 1`);
  const problems: string[] = [];
  for (const fn of functions) {
    if (!fn.is_pinned) problems.push(`${fn.signature}: a SECURITY DEFINER function without SET search_path = public, pg_temp`);
    if (fn.public_runs) problems.push(`${fn.signature}: a SECURITY DEFINER function PUBLIC may run; revoke EXECUTE from PUBLIC and grant it to custodian_app`);
  }
  return problems;
}

/**
 * Reads the system catalogue and the table registry and says what breaks the tenancy rules: a table
 * nobody registered (made without custodian_tenant_table or custodian_global_table), a tenant table
 * without forced row-level security, org_id first in its key or its standard policies, a policy that
 * lets the application see rows without comparing the organisation, an org_id column on a table that
 * is not a tenant table, a SECURITY DEFINER function with a loose search path or that PUBLIC may run.
 */
export async function checkTenancyRules(ownerQuery: OwnerQuery): Promise<string[]> {
  const tables = await ownerQuery<TableFacts>(`
    select c.relname as table_name, r.kind, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
      exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped) as has_org_id,
      exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'user_id' and not a.attisdropped) as has_user_id,
      (has_table_privilege('custodian_app', c.oid, 'INSERT') or has_table_privilege('custodian_app', c.oid, 'UPDATE')
        or has_table_privilege('custodian_app', c.oid, 'DELETE')) as app_writes,
      (select a.attname from pg_index i join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
        where i.indrelid = c.oid and i.indisprimary) as first_key
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    left join table_registry r on r.table_name = c.relname
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname`);
  const policies = await ownerQuery<PolicyFacts>(
    `select tablename as table_name, policyname as policy_name, roles::text as roles, qual, with_check from pg_policies where schemaname = 'public'`,
  );
  const problems: string[] = await definerFunctionProblems(ownerQuery);
  for (const table of tables) {
    const name = table.table_name;
    if (table.kind === null) {
      problems.push(`${name}: not registered; create it with custodian_tenant_table('${name}') (or custodian_global_table with a reason)`);
      continue;
    }
    if (table.kind === 'person')
      problems.push(
        ...personTableProblems(
          table,
          policies.filter((p) => p.table_name === name),
        ),
      );
    if (table.kind === 'global') problems.push(...globalTableProblems(table));
    if (table.kind === 'shared')
      problems.push(
        ...sharedTableProblems(
          table,
          policies.filter((p) => p.table_name === name),
        ),
      );
    if (table.kind !== 'tenant') continue;
    if (!table.has_org_id) problems.push(`${name}: a tenant table without org_id`);
    if (!table.rls || !table.forced) problems.push(`${name}: row-level security is not enabled and forced`);
    if (table.first_key !== 'org_id') problems.push(`${name}: org_id is not the first column of the primary key`);
    const own = policies.filter((p) => p.table_name === name);
    for (const [policy, roles] of Object.entries(standardPolicies)) {
      if (!own.some((p) => p.policy_name === policy && p.roles === roles)) problems.push(`${name}: policy ${policy} for ${roles} is missing`);
    }
    for (const policy of own) {
      if (reachesApp(policy) && !isScopedExpression(policy.qual))
        problems.push(`${name}: policy ${policy.policy_name} shows rows to the application without comparing the organisation (${policy.qual})`);
    }
  }
  return problems;
}

/**
 * Behaviour, not declarations: as the application role, with no organisation in scope nothing of any
 * tenant table is visible; scoped to another organisation, none of the given organisation's rows are.
 */
export async function checkTenancyBehaviour(server: TestServer, orgId: string, otherOrgId: string): Promise<string[]> {
  const tenantTables = (await server.ownerQuery<{ table_name: string }>(`select table_name from table_registry where kind = 'tenant' order by table_name`)).map(
    (t) => t.table_name,
  );
  const problems: string[] = [];
  for (const table of tenantTables) {
    const [stored] = await server.ownerQuery<{ n: string }>(`select count(*)::text as n from ${table} where org_id = $1`, [orgId]);
    const counts = await server.deps.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('app.org_id', '', true), set_config('app.user_id', '', true), set_config('role', 'custodian_app', true)`.execute(trx);
      const unscoped = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(trx);
      await sql`select set_config('app.org_id', ${otherOrgId}, true)`.execute(trx);
      const other = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)} where org_id = ${orgId}`.execute(trx);
      return { unscoped: Number(unscoped.rows[0]?.n), other: Number(other.rows[0]?.n) };
    });
    if (counts.unscoped > 0) problems.push(`${table}: ${counts.unscoped} rows visible to the application with no organisation in scope`);
    if (counts.other > 0) problems.push(`${table}: ${counts.other} of the organisation's ${stored?.n ?? '?'} rows visible from another organisation`);
  }
  return problems;
}

/**
 * Behaviour of the person tables: as the application role with no scope, no row of any of them is
 * visible and an update touches none; scoped to another person (with no organisation), none of the
 * given person's rows are.
 */
export async function checkPersonBehaviour(server: TestServer, userId: string, otherUserId: string): Promise<string[]> {
  const tables = await server.ownerQuery<{ table_name: string; key: string }>(`
    select r.table_name, case when exists (select 1 from pg_attribute a where a.attrelid = r.table_name::regclass and a.attname = 'user_id' and not a.attisdropped)
      then 'user_id' else 'id' end as key
    from table_registry r where r.kind = 'person' order by r.table_name`);
  const problems: string[] = [];
  for (const { table_name: table, key } of tables) {
    const counts = await server.deps.database.db.transaction().execute(async (trx) => {
      await sql`select set_config('app.org_id', '', true), set_config('app.user_id', '', true), set_config('role', 'custodian_app', true)`.execute(trx);
      const unscoped = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(trx);
      await sql`select set_config('app.user_id', ${otherUserId}, true)`.execute(trx);
      const other = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)} where ${sql.ref(key)} = ${userId}`.execute(trx);
      return { unscoped: Number(unscoped.rows[0]?.n), other: Number(other.rows[0]?.n) };
    });
    if (counts.unscoped > 0) problems.push(`${table}: ${counts.unscoped} rows visible to the application with no person in scope`);
    if (counts.other > 0) problems.push(`${table}: ${counts.other} of another person's rows visible`);
  }
  return problems;
}
