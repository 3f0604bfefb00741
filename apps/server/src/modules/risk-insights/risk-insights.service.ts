import type { HeatMapCell, InsightsMethod, LevelBreakdown, RiskInsights, TopRisk, TrendPoint } from '@custodian/shared/contracts/risk-insights.ts';
import { riskStatuses, type RiskStatus } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { isWithinAppetite, type RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import type { BaseCtx, OrgCtx } from '../../core/ctx.ts';
import type { AppDeps } from '../../core/deps.ts';
import type { Logger } from '../../core/logger.ts';
import { runTransaction, scopedOpen } from '../../core/transaction.ts';
import { withMaintenance, type Tx } from '../../db/with-org.ts';
import { todayIn } from '../../lib/dates.ts';
import { readCurrentMethod } from '../risks/risk-method.service.ts';
import {
  countByAssetAndLevel,
  countByOwnerAndLevel,
  countByStatus,
  countInherentCells,
  countOpenByLevels,
  countResidualCells,
  findCurrentMethod,
  hasRiskHistory,
  listOrganisationsForSnapshots,
  listSnapshots,
  listTopRisks,
  upsertSnapshot,
  type CellCountRow,
  type GroupLevelRow,
} from './risk-insights.repo.ts';

const topRiskCount = 10;
const groupCount = 12;

export interface CurrentMethod {
  version: number | null;
  definition: RiskMethodDefinition;
}

/** The organisation's current risk method (the risk register's); version null while it has saved none (the default 5 × 5). */
export async function readInsightsMethod(ctx: OrgCtx): Promise<CurrentMethod> {
  const current = await readCurrentMethod(ctx);
  return { version: current.row ? current.version : null, definition: current.definition };
}

function toInsightsMethod({ version, definition }: CurrentMethod): InsightsMethod {
  return {
    version,
    likelihood: definition.likelihood.map(({ level, label }) => ({ level, label })),
    impact: definition.impact.map(({ level, label }) => ({ level, label })),
    levels: definition.levels,
    matrix: definition.matrix,
    acceptableLevel: definition.acceptableLevel,
  };
}

/** Every cell of the method's matrix, with the counts found (0 where none); counts off the matrix are dropped. */
function heatMap(method: RiskMethodDefinition, rows: readonly CellCountRow[]): HeatMapCell[] {
  const found = new Map(rows.map((row) => [`${row.likelihood}:${row.impact}`, row]));
  const cells: HeatMapCell[] = [];
  for (const { level: likelihood } of method.likelihood) {
    for (const { level: impact } of method.impact) {
      const row = found.get(`${likelihood}:${impact}`);
      cells.push({ likelihood, impact, levelKey: method.matrix[likelihood - 1]?.[impact - 1] ?? '', count: row?.count ?? 0, accepted: row?.accepted ?? 0 });
    }
  }
  return cells;
}

/** Groups (asset, owner) by standing level, the largest first, the first `limit` of them. */
function breakdown(rows: readonly GroupLevelRow[], unnamed: string, limit: number): LevelBreakdown[] {
  const groups = new Map<string, LevelBreakdown>();
  for (const row of rows) {
    const key = row.id ?? '';
    const group = groups.get(key) ?? { id: row.id, label: row.label ?? unnamed, total: 0, byLevel: {} };
    group.total += row.count;
    group.byLevel[row.level] = (group.byLevel[row.level] ?? 0) + row.count;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label)).slice(0, limit);
}

/** The yyyy-mm-dd `days - 1` days before a date. */
function daysBefore(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) - (days - 1))).toISOString().slice(0, 10);
}

/** Heat maps, top risks, risks by asset, owner and status, and the trend, on the current method. */
export async function getRiskInsights(ctx: OrgCtx, query: { days: number }): Promise<RiskInsights> {
  const method = await readInsightsMethod(ctx);
  const { definition } = method;
  const [inherentRows, residualRows, top, byAsset, byOwner, byStatus, snapshots] = [
    await countInherentCells(ctx.tx, ctx.org.id),
    await countResidualCells(ctx.tx, ctx.org.id),
    await listTopRisks(ctx.tx, ctx.org.id, topRiskCount),
    await countByAssetAndLevel(ctx.tx, ctx.org.id),
    await countByOwnerAndLevel(ctx.tx, ctx.org.id),
    await countByStatus(ctx.tx, ctx.org.id),
    await listSnapshots(ctx.tx, ctx.org.id, daysBefore(todayIn(ctx.org.timeZone, ctx.now), query.days)),
  ];
  const residualHeatMap = heatMap(definition, residualRows);
  const statusCounts = new Map(byStatus.map((row) => [row.status, row.count]));
  const topRisks: TopRisk[] = top.map((row) => ({
    id: row.id,
    ref: row.ref,
    title: row.title,
    status: row.status as RiskStatus,
    ownerName: row.owner_name,
    inherent: { likelihood: row.inherent_likelihood, impact: row.inherent_impact, levelKey: row.inherent_level },
    residual:
      row.residual_likelihood === null || row.residual_impact === null || row.residual_level === null
        ? null
        : { likelihood: row.residual_likelihood, impact: row.residual_impact, levelKey: row.residual_level },
    standingLevelKey: row.standing_level,
    isAccepted: row.is_accepted,
    isWithinAppetite: isWithinAppetite(definition, row.standing_level),
  }));
  // Past days from the snapshots the job wrote; today from the register as it stands, so a change shows
  // at once without every write to a risk recounting the register.
  const today = todayIn(ctx.org.timeZone, ctx.now);
  const trend: TrendPoint[] = snapshots
    .filter((row) => row.taken_on !== today)
    .map((row) => ({ date: row.taken_on, openRisks: row.open_risks, inherent: (row.inherent ?? {}) as Record<string, number>, residual: (row.residual ?? {}) as Record<string, number> }));
  if (trend.length > 0 || residualRows.length > 0) {
    const live = await countOpenByLevels(ctx.tx, ctx.org.id);
    trend.push({ date: today, openRisks: live.open, inherent: live.inherent, residual: live.residual });
  }
  return {
    method: toInsightsMethod(method),
    openRisks: residualRows.reduce((sum, row) => sum + row.count, 0),
    aboveAppetite: residualHeatMap.filter((cell) => !isWithinAppetite(definition, cell.levelKey)).reduce((sum, cell) => sum + cell.count, 0),
    inherentHeatMap: heatMap(definition, inherentRows),
    residualHeatMap,
    residualNotAssessed: residualRows.reduce((sum, row) => sum + row.not_assessed, 0),
    topRisks,
    byAsset: breakdown(byAsset, 'Unnamed asset', groupCount),
    byOwner: breakdown(byOwner, 'No owner', groupCount),
    byStatus: riskStatuses.map((status) => ({ status, count: statusCounts.get(status) ?? 0 })),
    trend,
  };
}

/**
 * Writes the organisation's snapshot for its own today (its time zone): open risks by inherent and by
 * standing level. An organisation that never had a risk gets none. Returns whether one was written.
 */
export async function writeRiskSnapshot(tx: Tx, org: { id: string; timeZone: string }, now: Date): Promise<boolean> {
  if (!(await hasRiskHistory(tx, org.id))) return false;
  const method = await findCurrentMethod(tx, org.id);
  if (!method) return false;
  const counts = await countOpenByLevels(tx, org.id);
  await upsertSnapshot(tx, { orgId: org.id, takenOn: todayIn(org.timeZone, now), methodVersion: method.version, inherent: counts.inherent, residual: counts.residual, openRisks: counts.open, takenAt: now });
  return true;
}

/**
 * The daily job's work: every open organisation's snapshot for its own today, each in a transaction
 * of its own scoped to that organisation (one failing does not stop the others). Returns how many
 * snapshots were written.
 */
export async function snapshotAllOrganisations(deps: AppDeps, log: Logger): Promise<number> {
  const now = deps.clock();
  const base: BaseCtx = { deps, now, requestId: 'risk-snapshots', log };
  const organisations = await withMaintenance(deps.database.db, (tx) => listOrganisationsForSnapshots(tx));
  let written = 0;
  for (const org of organisations) {
    const isWritten = await runTransaction(base, { isReadOnly: false, open: scopedOpen({ orgId: org.org_id, userId: null }) }, async (ctx) => {
      ctx.skipAudit('a daily snapshot of the risk register is derived data: the changes it counts are audited');
      return writeRiskSnapshot(ctx.tx, { id: org.org_id, timeZone: org.time_zone }, now);
    }).then(
      (outcome) => outcome.result,
      (error: unknown) => {
        log.warn({ err: error, orgId: org.org_id }, 'a risk snapshot could not be written; the next run tries again');
        return false;
      },
    );
    if (isWritten) written += 1;
  }
  return written;
}
