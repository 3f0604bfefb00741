import type { ChangeRiskMethodBody, MethodHistoryReply, MethodPreviewReply, RiskMethod } from '@custodian/shared/contracts/risk-method.ts';
import { previewListCap } from '@custodian/shared/contracts/risk-method.ts';
import { defaultRiskMethod, methodProblems, type RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { withdrawAcceptances } from './risk-acceptance.repo.ts';
import {
  applyRescore,
  findCurrentMethod,
  insertMethodVersion,
  insertRescores,
  listMethodVersions,
  listRiskScores,
  listStandingAcceptances,
  lockMethod,
  type MethodRow,
} from './risk-method.repo.ts';
import { rescoreRegister } from './risk-scores.ts';

/** The method a risk is scored with: the definition and its version. */
export interface CurrentMethod {
  version: number;
  definition: RiskMethodDefinition;
  row: MethodRow | null;
}

function definitionOf(method: RiskMethodDefinition): RiskMethodDefinition {
  return {
    likelihood: method.likelihood,
    impact: method.impact,
    levels: method.levels,
    matrix: method.matrix,
    acceptableLevel: method.acceptableLevel,
    reviewMonths: method.reviewMonths,
  };
}

/** The organisation's current method; the default 5 × 5 as version 1 while it has saved none. */
export async function readCurrentMethod(ctx: OrgCtx): Promise<CurrentMethod> {
  const row = await findCurrentMethod(ctx.tx, ctx.org.id);
  return row ? { version: row.version, definition: definitionOf(row), row } : { version: 1, definition: defaultRiskMethod, row: null };
}

/**
 * The method a write scores under, with the method lock held shared for the rest of the transaction
 * (a method change waits, or is waited for); the default is saved as version 1 on first use.
 */
export async function methodForWriting(ctx: OrgCtx): Promise<CurrentMethod> {
  await lockMethod(ctx.tx, ctx.org.id, 'shared');
  const current = await readCurrentMethod(ctx);
  if (current.row) return current;
  await insertMethodVersion(ctx.tx, ctx.org.id, 1, defaultRiskMethod, { note: 'The default method (5 × 5), used from the first risk.', at: ctx.now, by: ctx.actor.userId });
  return readCurrentMethod(ctx);
}

function toRiskMethod(current: CurrentMethod): RiskMethod {
  return {
    ...current.definition,
    version: current.version,
    changeNote: current.row?.changeNote ?? '',
    createdAt: current.row ? current.row.createdAt.toISOString() : null,
    createdByName: current.row?.createdByName ?? null,
    isDefault: current.row === null,
  };
}

export async function getRiskMethod(ctx: OrgCtx): Promise<RiskMethod> {
  return toRiskMethod(await readCurrentMethod(ctx));
}

function refuseUnsound(problems: string[]): void {
  if (problems.length === 0) return;
  throw new AppError('validation_failed', problems.join(' '), problems.map((message) => ({ path: 'matrix', message })));
}

function staleMethod(current: CurrentMethod): AppError {
  return new AppError('edit_conflict', `Someone else changed the risk method (now version ${current.version}) after you opened it. Their version is shown: check it, then make your change again.`, {
    current: toRiskMethod(current),
  });
}

/** Which risks a new method would move, from what to what; changes nothing. */
export async function previewMethodChange(ctx: OrgCtx, input: ChangeRiskMethodBody): Promise<MethodPreviewReply> {
  const next = definitionOf(input as RiskMethodDefinition);
  const current = await readCurrentMethod(ctx);
  const problems = methodProblems(next);
  const rows = await listRiskScores(ctx.tx, ctx.org.id);
  if (problems.length > 0) return { problems, riskCount: rows.length, movedCount: 0, moved: [] };
  const { moves } = rescoreRegister(rows, current.definition, next, await listStandingAcceptances(ctx.tx, ctx.org.id));
  return { problems, riskCount: rows.length, movedCount: moves.length, moved: moves.slice(0, previewListCap) };
}

/**
 * Saves a new version of the method (if nobody changed it since `version` was read) and re-scores
 * every risk under the method lock: scores carried to the new scales and rated on the new matrix, one
 * re-score row per moved risk, a standing acceptance withdrawn where the residual level moved, and one
 * audit event naming how many risks moved.
 */
export async function changeRiskMethod(ctx: OrgCtx, input: ChangeRiskMethodBody): Promise<{ method: RiskMethod; movedCount: number; riskCount: number }> {
  const next = definitionOf(input as RiskMethodDefinition);
  refuseUnsound(methodProblems(next));
  await lockMethod(ctx.tx, ctx.org.id, 'exclusive');
  const current = await readCurrentMethod(ctx);
  if (current.version !== input.version) throw staleMethod(current);
  if (!current.row) await insertMethodVersion(ctx.tx, ctx.org.id, 1, defaultRiskMethod, { note: 'The default method (5 × 5), used until it was first changed.', at: ctx.now, by: ctx.actor.userId });
  const toVersion = current.version + 1;
  const note = input.note.trim();
  if (!(await insertMethodVersion(ctx.tx, ctx.org.id, toVersion, next, { note, at: ctx.now, by: ctx.actor.userId }))) throw staleMethod(await readCurrentMethod(ctx));
  const rows = await listRiskScores(ctx.tx, ctx.org.id);
  const { changed, moves } = rescoreRegister(rows, current.definition, next, await listStandingAcceptances(ctx.tx, ctx.org.id));
  await applyRescore(ctx.tx, ctx.org.id, { toVersion, at: ctx.now, by: ctx.actor.userId, rows: changed });
  await insertRescores(ctx.tx, ctx.org.id, { fromVersion: current.version, toVersion, moves });
  const reason = `the risk method changed to version ${toVersion} and moved the residual score`;
  const withdrawn = await withdrawAcceptances(
    ctx.tx,
    ctx.org.id,
    moves.filter((move) => move.isAcceptanceWithdrawn).map((move) => move.riskId),
    { at: ctx.now, reason },
  );
  const byId = new Map(moves.map((move) => [move.riskId, move]));
  for (const row of withdrawn) {
    const move = byId.get(row.risk_id);
    await ctx.audit('risk.acceptance_withdrawn', { type: 'risk', id: row.risk_id }, { ref: move?.ref, title: move?.title, level: row.level }, { ref: move?.ref, title: move?.title, reason });
  }
  const size = (m: RiskMethodDefinition) => `${m.likelihood.length} × ${m.impact.length}`;
  await ctx.audit(
    'risk_method.changed',
    { type: 'risk_method', id: String(toVersion) },
    { version: current.version, size: size(current.definition), acceptableLevel: current.definition.acceptableLevel, reviewMonths: current.definition.reviewMonths },
    { version: toVersion, size: size(next), acceptableLevel: next.acceptableLevel, reviewMonths: next.reviewMonths, movedCount: moves.length, riskCount: rows.length, note },
  );
  return { method: toRiskMethod(await readCurrentMethod(ctx)), movedCount: moves.length, riskCount: rows.length };
}

/** Every saved version, newest first (the default alone when none was saved). */
export async function listMethodHistory(ctx: OrgCtx): Promise<MethodHistoryReply> {
  const versions = await listMethodVersions(ctx.tx, ctx.org.id);
  return {
    items: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      createdByName: v.createdByName,
      changeNote: v.changeNote,
      size: `${v.likelihood.length} × ${v.impact.length}`,
      levels: v.levels.map((level) => level.label),
      acceptableLevel: v.levels.find((level) => level.key === v.acceptableLevel)?.label ?? v.acceptableLevel,
      reviewMonths: v.reviewMonths,
      movedCount: v.movedCount,
    })),
  };
}
