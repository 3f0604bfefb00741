import { sql, type Selectable } from 'kysely';
import type { RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import type { RiskScoresSnapshot } from '@custodian/shared/contracts/risk-method.ts';
import type { RisksTable } from '../../db/schema.ts';
import type { Tx } from '../../db/with-org.ts';

export interface MethodRow extends RiskMethodDefinition {
  version: number;
  changeNote: string;
  createdAt: Date;
  createdByName: string | null;
}

function methodQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom('risk_methods as m')
    .leftJoin('users as u', 'u.id', 'm.created_by')
    .leftJoin('former_members as f', (join) => join.onRef('f.org_id', '=', 'm.org_id').onRef('f.user_id', '=', 'm.created_by'))
    .select((eb) => [
      'm.version',
      'm.likelihood',
      'm.impact',
      'm.levels',
      'm.matrix',
      'm.acceptable_level',
      'm.review_months',
      'm.change_note',
      'm.created_at',
      eb.fn.coalesce('f.name', 'u.name').as('created_by_name'),
    ])
    .where('m.org_id', '=', orgId);
}

type RawMethod = Awaited<ReturnType<ReturnType<typeof methodQuery>['executeTakeFirstOrThrow']>>;

function toMethodRow(row: RawMethod): MethodRow {
  return {
    version: row.version,
    likelihood: row.likelihood as unknown as MethodRow['likelihood'],
    impact: row.impact as unknown as MethodRow['impact'],
    levels: row.levels as unknown as MethodRow['levels'],
    matrix: row.matrix as unknown as MethodRow['matrix'],
    acceptableLevel: row.acceptable_level,
    reviewMonths: row.review_months,
    changeNote: row.change_note,
    createdAt: new Date(row.created_at),
    createdByName: row.created_by_name,
  };
}

/** The organisation's newest method version, if it has saved one. */
export async function findCurrentMethod(tx: Tx, orgId: string): Promise<MethodRow | undefined> {
  const row = await methodQuery(tx, orgId).orderBy('m.version', 'desc').limit(1).executeTakeFirst();
  return row ? toMethodRow(row) : undefined;
}

export async function findMethodVersion(tx: Tx, orgId: string, version: number): Promise<MethodRow | undefined> {
  const row = await methodQuery(tx, orgId).where('m.version', '=', version).executeTakeFirst();
  return row ? toMethodRow(row) : undefined;
}

/** Every version, newest first, with the number of risks the change to it moved. */
export async function listMethodVersions(tx: Tx, orgId: string): Promise<Array<MethodRow & { movedCount: number }>> {
  const rows = await methodQuery(tx, orgId)
    .select((eb) =>
      eb
        .selectFrom('risk_rescores as r')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('r.org_id', '=', 'm.org_id')
        .whereRef('r.to_version', '=', 'm.version')
        .as('moved_count'),
    )
    .orderBy('m.version', 'desc')
    .execute();
  return rows.map((row) => ({ ...toMethodRow(row), movedCount: Number(row.moved_count ?? 0) }));
}

/** Writes a method version; returns false when that version exists already (someone saved first). */
export async function insertMethodVersion(tx: Tx, orgId: string, version: number, method: RiskMethodDefinition, meta: { note: string; at: Date; by: string | null }): Promise<boolean> {
  const row = await tx
    .insertInto('risk_methods')
    .values({
      org_id: orgId,
      version,
      likelihood: JSON.stringify(method.likelihood),
      impact: JSON.stringify(method.impact),
      levels: JSON.stringify(method.levels),
      matrix: JSON.stringify(method.matrix),
      acceptable_level: method.acceptableLevel,
      review_months: method.reviewMonths,
      change_note: meta.note,
      created_at: meta.at,
      created_by: meta.by,
    })
    .onConflict((oc) => oc.columns(['org_id', 'version']).doNothing())
    .returning('version')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The method lock of an organisation: writers of risks take it shared (they score under the current
 * version), a method change takes it exclusively (it re-scores every risk), so no risk is written under
 * a version that a concurrent change is replacing.
 */
export async function lockMethod(tx: Tx, orgId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const key = sql`hashtextextended(${`risk_method:${orgId}`}, 0)`;
  if (mode === 'shared') await sql`select pg_advisory_xact_lock_shared(${key})`.execute(tx);
  else await sql`select pg_advisory_xact_lock(${key})`.execute(tx);
}

/** A risk's scores as a method change reads and rewrites them (the generated table's columns). */
export type ScoreRow = Pick<
  Selectable<RisksTable>,
  | 'id'
  | 'ref'
  | 'title'
  | 'method_version'
  | 'inherent_likelihood'
  | 'inherent_impact'
  | 'inherent_level'
  | 'inherent_rank'
  | 'current_likelihood'
  | 'current_impact'
  | 'current_level'
  | 'current_rank'
  | 'residual_likelihood'
  | 'residual_impact'
  | 'residual_level'
  | 'residual_rank'
>;

/** Every risk's scores (a method change re-scores them all), by reference. */
export async function listRiskScores(tx: Tx, orgId: string): Promise<ScoreRow[]> {
  return tx
    .selectFrom('risks')
    .select([
      'id',
      'ref',
      'title',
      'method_version',
      'inherent_likelihood',
      'inherent_impact',
      'inherent_level',
      'inherent_rank',
      'current_likelihood',
      'current_impact',
      'current_level',
      'current_rank',
      'residual_likelihood',
      'residual_impact',
      'residual_level',
      'residual_rank',
    ])
    .where('org_id', '=', orgId)
    .orderBy('ref')
    .execute();
}

export type NewScores = Omit<ScoreRow, 'ref' | 'title' | 'method_version'>;

/**
 * Moves every risk of the organisation to a new method version in one statement (each row is written
 * once: 25,000 risks, one pass over the table and its indexes): the given rows get their new scores
 * (jsonb_to_recordset) and count as changed now; every risk gets the version, and its own version is
 * raised, so an editor who read it under the old scales is told (409) instead of saving old-scale scores.
 */
export async function applyRescore(tx: Tx, orgId: string, input: { toVersion: number; at: Date; by: string; rows: NewScores[] }): Promise<void> {
  const pick = (column: string) => sql.raw(`case when x.id is null then r.${column} else x.${column} end`);
  await sql`
    update risks r set
      inherent_likelihood = ${pick('inherent_likelihood')}, inherent_impact = ${pick('inherent_impact')}, inherent_level = ${pick('inherent_level')}, inherent_rank = ${pick('inherent_rank')},
      current_likelihood = ${pick('current_likelihood')}, current_impact = ${pick('current_impact')}, current_level = ${pick('current_level')}, current_rank = ${pick('current_rank')},
      residual_likelihood = ${pick('residual_likelihood')}, residual_impact = ${pick('residual_impact')}, residual_level = ${pick('residual_level')}, residual_rank = ${pick('residual_rank')},
      updated_at = case when x.id is null then r.updated_at else ${input.at} end,
      updated_by = case when x.id is null then r.updated_by else ${input.by}::uuid end,
      method_version = ${input.toVersion}, version = r.version + 1
    from risks r0
      left join jsonb_to_recordset(${JSON.stringify(input.rows)}::jsonb) as x(
        id uuid, inherent_likelihood smallint, inherent_impact smallint, inherent_level text, inherent_rank smallint,
        current_likelihood smallint, current_impact smallint, current_level text, current_rank smallint,
        residual_likelihood smallint, residual_impact smallint, residual_level text, residual_rank smallint) on x.id = r0.id
    where r.org_id = ${orgId} and r0.org_id = ${orgId} and r0.id = r.id`.execute(tx);
}

/** One re-score row per moved risk (from which scores to which). */
export async function insertRescores(tx: Tx, orgId: string, input: { fromVersion: number; toVersion: number; moves: Array<{ riskId: string; before: RiskScoresSnapshot; after: RiskScoresSnapshot }> }): Promise<void> {
  if (input.moves.length === 0) return;
  await sql`
    insert into risk_rescores (org_id, risk_id, to_version, from_version, before, after)
    select ${orgId}::uuid, x.risk_id, ${input.toVersion}::int, ${input.fromVersion}::int, x.before, x.after
    from jsonb_to_recordset(${JSON.stringify(input.moves.map((m) => ({ risk_id: m.riskId, before: m.before, after: m.after })))}::jsonb) as x(risk_id uuid, before jsonb, after jsonb)`.execute(tx);
}

/** Risk ids with a standing acceptance among the given ones. */
export async function listStandingAcceptances(tx: Tx, orgId: string): Promise<Set<string>> {
  const rows = await tx.selectFrom('risk_acceptances').select('risk_id').where('org_id', '=', orgId).where('withdrawn_at', 'is', null).execute();
  return new Set(rows.map((row) => row.risk_id));
}
