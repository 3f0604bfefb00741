import { sql } from 'kysely';
import type { Tx } from '../../db/with-org.ts';

/*
 * Reads of the risk tables for the charts and the daily snapshot. Every count is of open risks
 * (status other than closed); a risk's standing level is its residual level, else its current level,
 * else its inherent level (contracts/risk-insights.ts).
 */

const standingLevel = sql<string>`coalesce(r.residual_level, r.current_level, r.inherent_level)`;
const standingRank = sql<number>`coalesce(r.residual_rank, r.current_rank, r.inherent_rank)`;
const isAccepted = sql<boolean>`(acc.risk_id is not null)`;
/** Joins each risk's standing acceptance (at most one, by the unique partial index) as `acc`. */
const withAcceptance = (orgId: string) =>
  sql`left join risk_acceptances acc on acc.org_id = r.org_id and acc.risk_id = r.id and acc.withdrawn_at is null and acc.org_id = ${orgId}`;

export interface MethodRow {
  version: number;
  likelihood: unknown;
  impact: unknown;
  levels: unknown;
  matrix: unknown;
  acceptable_level: string;
  review_months: number;
}

/** The organisation's current (latest) risk method version, if it has saved one. */
export async function findCurrentMethod(tx: Tx, orgId: string): Promise<MethodRow | undefined> {
  return tx
    .selectFrom('risk_methods')
    .select(['version', 'likelihood', 'impact', 'levels', 'matrix', 'acceptable_level', 'review_months'])
    .where('org_id', '=', orgId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface CellCountRow {
  likelihood: number;
  impact: number;
  count: number;
  accepted: number;
}

/** Open risks per inherent likelihood × impact. */
export async function countInherentCells(tx: Tx, orgId: string): Promise<CellCountRow[]> {
  const result = await sql<CellCountRow>`
    select r.inherent_likelihood as likelihood, r.inherent_impact as impact, count(*)::int as count,
           count(*) filter (where ${isAccepted})::int as accepted
    from risks r ${withAcceptance(orgId)} where r.org_id = ${orgId} and r.status <> 'closed'
    group by 1, 2`.execute(tx);
  return result.rows;
}

/** Open risks per residual likelihood × impact (current, then inherent, where no residual is assessed). */
export async function countResidualCells(tx: Tx, orgId: string): Promise<Array<CellCountRow & { not_assessed: number }>> {
  const result = await sql<CellCountRow & { not_assessed: number }>`
    select coalesce(r.residual_likelihood, r.current_likelihood, r.inherent_likelihood) as likelihood,
           coalesce(r.residual_impact, r.current_impact, r.inherent_impact) as impact,
           count(*)::int as count,
           count(*) filter (where ${isAccepted})::int as accepted,
           count(*) filter (where r.residual_likelihood is null)::int as not_assessed
    from risks r ${withAcceptance(orgId)} where r.org_id = ${orgId} and r.status <> 'closed'
    group by 1, 2`.execute(tx);
  return result.rows;
}

export interface TopRiskRow {
  id: string;
  ref: string;
  title: string;
  status: string;
  owner_name: string | null;
  inherent_likelihood: number;
  inherent_impact: number;
  inherent_level: string;
  residual_likelihood: number | null;
  residual_impact: number | null;
  residual_level: string | null;
  standing_level: string;
  is_accepted: boolean;
}

/** The open risks with the highest standing level (then inherent level, then ref). */
export async function listTopRisks(tx: Tx, orgId: string, limit: number): Promise<TopRiskRow[]> {
  const result = await sql<TopRiskRow>`
    select r.id, r.ref, r.title, r.status, u.name as owner_name,
           r.inherent_likelihood, r.inherent_impact, r.inherent_level,
           r.residual_likelihood, r.residual_impact, r.residual_level,
           ${standingLevel} as standing_level, ${isAccepted} as is_accepted
    from risks r left join users u on u.id = r.owner_user_id ${withAcceptance(orgId)}
    where r.org_id = ${orgId} and r.status <> 'closed'
    order by ${standingRank} desc, r.inherent_rank desc, r.ref
    limit ${limit}`.execute(tx);
  return result.rows;
}

export interface GroupLevelRow {
  id: string | null;
  label: string | null;
  level: string;
  count: number;
}

/** Open risks per linked asset and standing level (an asset is labelled "ref name"). */
export async function countByAssetAndLevel(tx: Tx, orgId: string): Promise<GroupLevelRow[]> {
  const result = await sql<GroupLevelRow>`
    select a.id, a.ref || ' ' || a.name as label, ${standingLevel} as level, count(*)::int as count
    from risk_assets ra
    join risks r on r.org_id = ra.org_id and r.id = ra.risk_id
    join assets a on a.org_id = ra.org_id and a.id = ra.asset_id
    where ra.org_id = ${orgId} and r.status <> 'closed'
    group by a.id, a.ref, a.name, 3`.execute(tx);
  return result.rows;
}

/** Open risks per owner and standing level (id null: no owner). */
export async function countByOwnerAndLevel(tx: Tx, orgId: string): Promise<GroupLevelRow[]> {
  const result = await sql<GroupLevelRow>`
    select r.owner_user_id as id, u.name as label, ${standingLevel} as level, count(*)::int as count
    from risks r left join users u on u.id = r.owner_user_id
    where r.org_id = ${orgId} and r.status <> 'closed'
    group by r.owner_user_id, u.name, 3`.execute(tx);
  return result.rows;
}

/** Every risk (closed ones too) per status. */
export async function countByStatus(tx: Tx, orgId: string): Promise<Array<{ status: string; count: number }>> {
  const result = await sql<{ status: string; count: number }>`
    select r.status, count(*)::int as count from risks r where r.org_id = ${orgId} group by r.status`.execute(tx);
  return result.rows;
}

export interface SnapshotRow {
  taken_on: string;
  open_risks: number;
  inherent: unknown;
  residual: unknown;
}

/** The snapshots from a day on (inclusive), oldest first. */
export async function listSnapshots(tx: Tx, orgId: string, fromDate: string): Promise<SnapshotRow[]> {
  const result = await sql<SnapshotRow>`
    select to_char(s.taken_on, 'YYYY-MM-DD') as taken_on, s.open_risks, s.inherent, s.residual
    from risk_snapshots s where s.org_id = ${orgId} and s.taken_on >= ${fromDate}::date
    order by s.taken_on`.execute(tx);
  return result.rows;
}

/** Open risks by inherent level and by standing level, for a snapshot. */
export async function countOpenByLevels(tx: Tx, orgId: string): Promise<{ inherent: Record<string, number>; residual: Record<string, number>; open: number }> {
  const result = await sql<{ inherent: Record<string, number> | null; residual: Record<string, number> | null; open: number }>`
    select (select jsonb_object_agg(level, n) from (select r.inherent_level as level, count(*)::int as n from risks r
              where r.org_id = ${orgId} and r.status <> 'closed' group by 1) i) as inherent,
           (select jsonb_object_agg(level, n) from (select ${standingLevel} as level, count(*)::int as n from risks r
              where r.org_id = ${orgId} and r.status <> 'closed' group by 1) s) as residual,
           (select count(*)::int from risks r where r.org_id = ${orgId} and r.status <> 'closed') as open`.execute(tx);
  const row = result.rows[0];
  return { inherent: row?.inherent ?? {}, residual: row?.residual ?? {}, open: row?.open ?? 0 };
}

/** True when the organisation has any risk, or a snapshot already (so an emptied register still gets its zero point). */
export async function hasRiskHistory(tx: Tx, orgId: string): Promise<boolean> {
  const result = await sql<{ has: boolean }>`
    select exists (select 1 from risks where org_id = ${orgId}) or exists (select 1 from risk_snapshots where org_id = ${orgId}) as has`.execute(tx);
  return result.rows[0]?.has ?? false;
}

/** Writes (or rewrites) the organisation's snapshot for a day. */
export async function upsertSnapshot(
  tx: Tx,
  row: { orgId: string; takenOn: string; methodVersion: number; inherent: Record<string, number>; residual: Record<string, number>; openRisks: number; takenAt: Date },
): Promise<void> {
  await sql`
    insert into risk_snapshots (org_id, taken_on, method_version, inherent, residual, open_risks, taken_at)
    values (${row.orgId}, ${row.takenOn}::date, ${row.methodVersion}, ${JSON.stringify(row.inherent)}::jsonb, ${JSON.stringify(row.residual)}::jsonb, ${row.openRisks}, ${row.takenAt})
    on conflict (org_id, taken_on) do update set method_version = excluded.method_version, inherent = excluded.inherent,
      residual = excluded.residual, open_risks = excluded.open_risks, taken_at = excluded.taken_at`.execute(tx);
}

/** The organisations the daily snapshot job visits (as custodian_maintenance: every organisation's id and time zone). */
export async function listOrganisationsForSnapshots(tx: Tx): Promise<Array<{ org_id: string; time_zone: string }>> {
  const result = await sql<{ org_id: string; time_zone: string }>`
    select o.org_id, o.time_zone from orgs o where o.kind <> 'platform' and o.closed_at is null order by o.org_id`.execute(tx);
  return result.rows;
}
