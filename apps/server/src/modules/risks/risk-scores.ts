import type { RiskScore } from '@custodian/shared/contracts/risks.ts';
import type { RiskMove, RiskScoresSnapshot } from '@custodian/shared/contracts/risk-method.ts';
import { carryScore, scoreRisk, type RiskMethodDefinition, type Score } from '@custodian/shared/domain/risk-matrix.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { NewScores, ScoreRow } from './risk-method.repo.ts';

/**
 * Pure scoring of the register against a method: a stored score in words and colour, a score checked
 * against the method's scales, and what a change of method does to every risk.
 */

/** A stored likelihood × impact with its words under a method (the level as stored, its label and colour from the method). */
export function describeScore(method: RiskMethodDefinition, likelihood: number, impact: number): RiskScore {
  const level = scoreRisk(method, likelihood, impact);
  return {
    likelihood,
    likelihoodLabel: method.likelihood[likelihood - 1]?.label ?? String(likelihood),
    impact,
    impactLabel: method.impact[impact - 1]?.label ?? String(impact),
    level: level.key,
    levelLabel: level.label,
    colour: level.colour,
    rank: level.rank,
  };
}

/** A nullable pair of stored columns as a score, or null. */
export function describeOptional(method: RiskMethodDefinition, likelihood: number | null, impact: number | null): RiskScore | null {
  return likelihood === null || impact === null ? null : describeScore(method, likelihood, impact);
}

/** Refuses a score off the method's scales, naming the field. */
export function checkOnScales(method: RiskMethodDefinition, field: string, score: Score): void {
  const problems: Array<{ path: string; message: string }> = [];
  if (score.likelihood > method.likelihood.length) problems.push({ path: `${field}.likelihood`, message: `must be a level from 1 to ${method.likelihood.length}` });
  if (score.impact > method.impact.length) problems.push({ path: `${field}.impact`, message: `must be a level from 1 to ${method.impact.length}` });
  if (problems.length > 0) {
    throw new AppError('validation_failed', `The ${field} score is not on the risk method's scales (${method.likelihood.length} × ${method.impact.length}).`, problems);
  }
}

/** Columns of a stage's score: likelihood, impact, level key and rank (all null when there is no score). */
export function scoreColumns(method: RiskMethodDefinition, score: Score | null) {
  if (score === null) return { likelihood: null, impact: null, level: null, rank: null };
  const level = scoreRisk(method, score.likelihood, score.impact);
  return { likelihood: score.likelihood, impact: score.impact, level: level.key, rank: level.rank };
}

function snapshotOf(row: NewScores): RiskScoresSnapshot {
  const optional = (l: number | null, i: number | null, level: string | null) => (l === null || i === null || level === null ? null : { likelihood: l, impact: i, level });
  return {
    inherent: { likelihood: row.inherent_likelihood, impact: row.inherent_impact, level: row.inherent_level },
    current: optional(row.current_likelihood, row.current_impact, row.current_level),
    residual: optional(row.residual_likelihood, row.residual_impact, row.residual_level),
  };
}

function carryStage(from: RiskMethodDefinition, to: RiskMethodDefinition, l: number | null, i: number | null) {
  const carried = l === null || i === null ? null : carryScore(from, to, { likelihood: l, impact: i });
  return scoreColumns(to, carried);
}

export interface Rescore {
  /** New columns of every risk whose stored scores differ under the new method (levels, ranks or scores). */
  changed: NewScores[];
  /** The risks that visibly move: a likelihood, impact or level of any stage differs. */
  moves: RiskMove[];
}

/**
 * What a new method does to the register: each score carried to the new scales (carryScore) and rated
 * on the new matrix (scoreRisk). A risk "moves" when any stage's likelihood, impact or level changes;
 * a residual level change withdraws a standing acceptance.
 */
export function rescoreRegister(rows: ScoreRow[], from: RiskMethodDefinition, to: RiskMethodDefinition, standing: ReadonlySet<string>): Rescore {
  const changed: NewScores[] = [];
  const moves: RiskMove[] = [];
  for (const row of rows) {
    const inherent = carryStage(from, to, row.inherent_likelihood, row.inherent_impact);
    const current = carryStage(from, to, row.current_likelihood, row.current_impact);
    const residual = carryStage(from, to, row.residual_likelihood, row.residual_impact);
    const next: NewScores = {
      id: row.id,
      inherent_likelihood: inherent.likelihood ?? row.inherent_likelihood,
      inherent_impact: inherent.impact ?? row.inherent_impact,
      inherent_level: inherent.level ?? row.inherent_level,
      inherent_rank: inherent.rank ?? row.inherent_rank,
      current_likelihood: current.likelihood,
      current_impact: current.impact,
      current_level: current.level,
      current_rank: current.rank,
      residual_likelihood: residual.likelihood,
      residual_impact: residual.impact,
      residual_level: residual.level,
      residual_rank: residual.rank,
    };
    const before = snapshotOf(row);
    const after = snapshotOf(next);
    const isChanged = (Object.keys(next) as Array<keyof NewScores>).some((key) => next[key] !== row[key]);
    if (!isChanged) continue;
    changed.push(next);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      const isResidualMoved = JSON.stringify(before.residual) !== JSON.stringify(after.residual);
      moves.push({ riskId: row.id, ref: row.ref, title: row.title, before, after, isAcceptanceWithdrawn: isResidualMoved && standing.has(row.id) });
    }
  }
  return { changed, moves };
}

/** "Likely × Major (High)" — a snapshot score in words under a method (for history and audit). */
export function scoreWords(method: RiskMethodDefinition, score: { likelihood: number; impact: number; level?: string } | null): string {
  if (score === null) return 'none';
  const l = method.likelihood[score.likelihood - 1]?.label ?? String(score.likelihood);
  const i = method.impact[score.impact - 1]?.label ?? String(score.impact);
  const key = score.level ?? method.matrix[score.likelihood - 1]?.[score.impact - 1];
  const level = method.levels.find((entry) => entry.key === key)?.label ?? key ?? '';
  return `${l} × ${i} (${level})`;
}
