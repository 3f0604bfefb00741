import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { loadCatalogue } from '@custodian/catalogue/load-catalogue.ts';
import { migrate } from '../../apps/server/src/db/migrate.ts';
import type { DB } from '../../apps/server/src/db/schema.ts';
import { hashPassword } from '../../apps/server/src/modules/auth/password-policy.ts';
import { verifyAuditChainOf } from '../../apps/server/src/modules/audit-log/audit-log.service.ts';
import { getCatalogue } from '../../apps/server/src/modules/catalogue/catalogue.service.ts';
import { auditColumns, auditEventBatches } from './audit-events.ts';
import { gapRows, generateOrgs, invitationRows, membershipRows, orgRows, outboxRows, userRows, type CatalogueRow, type SeedOrg } from './generators.ts';
import { insertRows, type ColumnSpec } from './insert-batch.ts';
import { evidenceColumns, evidenceRegister } from './evidence.ts';
import { assetRegister, registerColumns, riskMethodRow, riskRegister, type RegisterVolume } from './risk-register.ts';
import { sizes, type SizeName, type SizeSpec } from './sizes.ts';

/** The account the benchmark signs in with (argon2-hashed like any other password). */
export const benchOwner = { email: 'owner@bench-clinic.example', password: 'bench harbour lights at dusk 2026' } as const;
/** The seed every run uses unless told otherwise (same seed, same rows). */
export const defaultSeed = 20_261_129;

/** How long one table took to fill. */
export interface SeedTiming {
  table: string;
  rows: number;
  ms: number;
}

/** What the seed made: the bench org, its volumes, the timings and anything worth noting. */
export interface SeedResult {
  orgId: string;
  memberCount: number;
  auditEventCount: number;
  /** Organisations in the database, the bench org included. */
  orgCount: number;
  timings: SeedTiming[];
  notes: string[];
}

/** The registers of each small organisation next to the bench org (the bench org's come from its size). */
const otherOrgRegisters: RegisterVolume = { assets: 50, risks: 100 };

/**
 * The asset and risk registers of every organisation, table by table (a risk's assets and tasks need
 * its risk; every risk needs the method v1), each in batches of 5,000 rows.
 */
async function seedRegisters(db: Kysely<DB>, seed: number, orgs: readonly SeedOrg[], bench: SeedOrg, size: SizeSpec, timed: (table: string, work: () => Promise<number>) => Promise<void>) {
  const volume = (org: SeedOrg): RegisterVolume => (org === bench ? { assets: size.assets, risks: size.risks } : otherOrgRegisters);
  const assetsByOrg = orgs.map((org) => assetRegister(seed, org, volume(org).assets));
  await timed('assets', () => insertRows(db, 'assets', registerColumns.assets, assetsByOrg.flatMap((r) => r.assets)));
  await timed('asset_links', () => insertRows(db, 'asset_links', registerColumns.asset_links, assetsByOrg.flatMap((r) => r.links)));
  await timed('risk_methods', () => insertRows(db, 'risk_methods', registerColumns.risk_methods, orgs.map(riskMethodRow)));
  const risksByOrg = orgs.map((org, i) => riskRegister(seed, org, volume(org).risks, assetsByOrg[i]?.assetIds ?? []));
  await timed('risks', () => insertRows(db, 'risks', registerColumns.risks, risksByOrg.flatMap((r) => r.risks)));
  await timed('risk_assets', () => insertRows(db, 'risk_assets', registerColumns.risk_assets, risksByOrg.flatMap((r) => r.riskAssets)));
  await timed('risk_tasks', () => insertRows(db, 'risk_tasks', registerColumns.risk_tasks, risksByOrg.flatMap((r) => r.tasks)));
  const benchIndex = orgs.indexOf(bench);
  return { assets: assetsByOrg[benchIndex]?.assets.length ?? 0, risks: risksByOrg[benchIndex]?.risks.length ?? 0, riskTasks: risksByOrg[benchIndex]?.tasks.length ?? 0 };
}

/**
 * Entities the product will have but whose tables do not exist yet. Each keeps its planned volume in
 * sizes.ts; when its migration lands, write its generator (rows for insertRows) and set `generate`.
 */
const plannedEntities: Array<{ table: string; count: (size: SizeSpec) => number; generate: null }> = [
  { table: 'findings', count: (s) => s.findings, generate: null },
];

const columns: Record<string, readonly ColumnSpec[]> = {
  orgs: [['org_id', 'uuid'], ['name', 'text'], ['time_zone', 'text'], ['is_mfa_required', 'boolean'], ['is_demo', 'boolean'], ['created_at', 'timestamptz']],
  users: [['id', 'uuid'], ['email', 'text'], ['name', 'text'], ['password_hash', 'text'], ['email_verified_at', 'timestamptz'], ['created_at', 'timestamptz']],
  memberships: [['org_id', 'uuid'], ['user_id', 'uuid'], ['role', 'text'], ['created_at', 'timestamptz']],
  gap_entries: [['org_id', 'uuid'], ['item_id', 'text'], ['status', 'text'], ['owner_user_id', 'uuid'], ['target_date', 'date'], ['notes', 'text'], ['justification', 'text'], ['updated_at', 'timestamptz'], ['updated_by', 'uuid']],
  invitations: [['org_id', 'uuid'], ['id', 'uuid'], ['email', 'text'], ['role', 'text'], ['token_hash', 'text'], ['invited_by', 'uuid'], ['expires_at', 'timestamptz'], ['accepted_at', 'timestamptz'], ['revoked_at', 'timestamptz'], ['created_at', 'timestamptz']],
  outbox: [['org_id', 'uuid'], ['id', 'uuid'], ['to_address', 'text'], ['subject', 'text'], ['body_text', 'text'], ['status', 'text'], ['attempts', 'integer'], ['last_error', 'text'], ['created_at', 'timestamptz'], ['sent_at', 'timestamptz']],
};

function columnsOf(table: string): readonly ColumnSpec[] {
  const spec = columns[table];
  if (!spec) throw new Error(`no column list for ${table}`);
  return spec;
}

async function tableExists(db: Kysely<DB>, table: string): Promise<boolean> {
  const result = await sql<{ name: string | null }>`select to_regclass(${`public.${table}`})::text as name`.execute(db);
  return result.rows[0]?.name != null;
}

/**
 * The row counters (kept by statement triggers on the bulk inserts) must equal the rows: the bench
 * org's memberships, invitations and outbox, and every organisation's counters in all. Throws if not.
 */
async function checkRowCounts(db: Kysely<DB>, bench: SeedOrg, orgCount: number, registers: { assets: number; risks: number; riskTasks: number }): Promise<string> {
  const expected: Record<string, number> = {
    memberships: bench.members.length + 1,
    invitations: bench.invitations,
    outbox: bench.outbox,
    assets: registers.assets,
    risks: registers.risks,
    risk_tasks: registers.riskTasks,
  };
  const counted = await sql<{ table_name: string; n: string }>`select table_name, n::text from row_counts where org_id = ${bench.orgId}`.execute(db);
  const actual = await sql<{ table_name: string; n: string }>`
    select 'memberships' as table_name, count(*)::text as n from memberships where org_id = ${bench.orgId}
    union all select 'invitations', count(*)::text from invitations where org_id = ${bench.orgId}
    union all select 'outbox', count(*)::text from outbox where org_id = ${bench.orgId}
    union all select 'assets', count(*)::text from assets where org_id = ${bench.orgId}
    union all select 'risks', count(*)::text from risks where org_id = ${bench.orgId}
    union all select 'risk_tasks', count(*)::text from risk_tasks where org_id = ${bench.orgId}`.execute(db);
  for (const [table, want] of Object.entries(expected)) {
    const counter = Number(counted.rows.find((r) => r.table_name === table)?.n ?? -1);
    const rows = Number(actual.rows.find((r) => r.table_name === table)?.n ?? -1);
    if (counter !== want || rows !== want)
      throw new Error(`row_counts for ${table} of the bench org is ${counter}, the table holds ${rows}, the seed made ${want}`);
  }
  const mismatched = await sql<{ n: string }>`
    select count(*)::text as n from (
      select org_id, 'memberships' as t, count(*) as n from memberships group by org_id
      union all select org_id, 'invitations', count(*) from invitations group by org_id
      union all select org_id, 'outbox', count(*) from outbox group by org_id
      union all select org_id, 'assets', count(*) from assets group by org_id
      union all select org_id, 'risks', count(*) from risks group by org_id
      union all select org_id, 'risk_tasks', count(*) from risk_tasks group by org_id
      union all select org_id, 'evidence_items', count(*) from evidence_items group by org_id) c
    full join row_counts r on r.org_id = c.org_id and r.table_name = c.t
    where c.n is distinct from r.n`.execute(db);
  const off = Number(mismatched.rows[0]?.n ?? -1);
  if (off !== 0) throw new Error(`${off} row counter(s) differ from the rows they count`);
  return `row_counts filled by the statement triggers match the rows: bench org memberships ${expected.memberships}, invitations ${expected.invitations}, outbox ${expected.outbox}, assets ${expected.assets}, risks ${expected.risks}, risk tasks ${expected.risk_tasks}; all ${orgCount} organisations' counters agree`;
}

/**
 * Migrates an empty database and fills it deterministically (same seed, same rows) as the schema owner,
 * which bypasses row-level security on purpose. Prints the time each table took, fills the audit chain
 * heads, vacuums and analyses (as autovacuum would soon after a bulk load), verifies the bench org's
 * audit chain and checks the row counters the triggers kept.
 */
export async function seedDatabase(db: Kysely<DB>, options: { size: SizeName; seed?: number; log: (line: string) => void }): Promise<SeedResult> {
  const size = sizes[options.size];
  const seed = options.seed ?? defaultSeed;
  const timings: SeedTiming[] = [];
  const notes: string[] = [];
  const timed = async (table: string, work: () => Promise<number>) => {
    const started = performance.now();
    const rows = await work();
    const ms = performance.now() - started;
    timings.push({ table, rows, ms });
    options.log(`  ${table.padEnd(16)} ${String(rows).padStart(8)} rows  ${(ms / 1000).toFixed(2).padStart(6)} s`);
  };
  await timed('(migrate)', async () => (await migrate(db), 0));
  const catalogue = loadCatalogue();
  const items: CatalogueRow[] = getCatalogue(catalogue)
    .items.filter((item) => item.hasRequirements)
    .map((item) => ({ id: item.id, kind: item.kind }));
  const controls = items.filter((item) => item.kind === 'control').length;
  if (controls !== size.controls) notes.push(`the catalogue has ${controls} Annex A controls, the size table expects ${size.controls}`);
  const [owner, unusable] = [await hashPassword(benchOwner.password), await hashPassword(`unusable-${seed}-${Math.random()}`)];
  const orgs = generateOrgs(seed, size, { owner, unusable }, benchOwner.email);
  const bench = orgs[0];
  if (!bench) throw new Error('the seed produced no organisation');
  await timed('orgs', () => insertRows(db, 'orgs', columnsOf('orgs'), orgRows(orgs)));
  await timed('users', () => insertRows(db, 'users', columnsOf('users'), userRows(orgs)));
  await timed('memberships', () => insertRows(db, 'memberships', columnsOf('memberships'), membershipRows(orgs)));
  await timed('gap_entries', () => insertRows(db, 'gap_entries', columnsOf('gap_entries'), gapRows(seed, orgs, items)));
  await timed('invitations', () => insertRows(db, 'invitations', columnsOf('invitations'), invitationRows(seed, orgs)));
  await timed('outbox', () => insertRows(db, 'outbox', columnsOf('outbox'), outboxRows(seed, orgs)));
  await timed('audit_events', async () => {
    // One insert per 5,000 rows, across organisations (1,000 small trails would otherwise be 1,000 inserts).
    let rows = 0;
    let pending: Array<Record<string, unknown>> = [];
    for (const org of orgs) {
      for (const batch of auditEventBatches(seed, org, items, 5_000)) {
        pending = pending.concat(batch);
        if (pending.length < 5_000) continue;
        rows += await insertRows(db, 'audit_events', auditColumns, pending);
        pending = [];
      }
    }
    if (pending.length > 0) rows += await insertRows(db, 'audit_events', auditColumns, pending);
    return rows;
  });
  // The chain heads, as recordAudit leaves them: each organisation's last sequence number and hash.
  await timed('audit_heads', async () => {
    await sql`insert into audit_heads (org_id, seq, hash) select distinct on (org_id) org_id, seq, hash from audit_events order by org_id, seq desc`.execute(
      db,
    );
    const heads = await sql<{ n: string }>`select count(*)::text as n from audit_heads`.execute(db);
    return Number(heads.rows[0]?.n ?? 0);
  });
  const registers = await seedRegisters(db, seed, orgs, bench, size, timed);
  const targets = items.flatMap((item): Array<{ id: string; kind: 'control' | 'requirement' }> =>
    item.kind === 'control' ? [{ id: item.id, kind: 'control' }] : item.kind === 'clause' ? [{ id: item.id, kind: 'requirement' }] : [],
  );
  const evidence = evidenceRegister(seed, bench, size.evidenceLinks, targets);
  await timed('evidence_items', () => insertRows(db, 'evidence_items', evidenceColumns.evidence_items, evidence.items));
  await timed('evidence_links', () => insertRows(db, 'evidence_links', evidenceColumns.evidence_links, evidence.links));
  for (const entity of plannedEntities) {
    const planned = entity.count(size).toLocaleString('en-AU');
    const reason = (await tableExists(db, entity.table)) ? 'the table exists but has no generator yet (bench/seed/seed.ts)' : 'no such table in the schema yet';
    notes.push(`skipped ${entity.table} (${planned} planned for size ${options.size}): ${reason}`);
  }
  for (const note of notes) options.log(`  note: ${note}`);
  await timed('(vacuum analyze)', async () => (await sql`vacuum analyze`.execute(db), 0));
  const started = performance.now();
  // The seeded chains are hash-only (MAC version 0, ADR 0013): no server key is involved, so any key verifies them.
  const anyKey = randomBytes(32);
  const chain = await verifyAuditChainOf(db, bench.orgId, anyKey);
  if (!chain.isValid) throw new Error(`the seeded audit chain does not verify: ${JSON.stringify(chain.problems.slice(0, 3))}`);
  const verified = `audit chain of the bench org verified (verifyAuditChainOf, chain head included): ${chain.checked.toLocaleString('en-AU')} events in ${((performance.now() - started) / 1000).toFixed(2)} s`;
  options.log(`  ${verified}`);
  notes.push(verified);
  const lastOrg = orgs.at(-1);
  if (lastOrg && lastOrg !== bench) {
    const other = await verifyAuditChainOf(db, lastOrg.orgId, anyKey);
    if (!other.isValid || other.checked !== lastOrg.auditEvents)
      throw new Error(`the seeded audit chain of ${lastOrg.name} does not verify: ${JSON.stringify(other.problems.slice(0, 3))}`);
    notes.push(`audit chain of the last small organisation verified too: ${other.checked} events`);
  }
  notes.push(await checkRowCounts(db, bench, orgs.length, registers));
  return { orgId: bench.orgId, memberCount: bench.members.length + 1, auditEventCount: bench.auditEvents, orgCount: orgs.length, timings, notes };
}
