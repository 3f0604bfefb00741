import { z } from 'zod';

/**
 * The risk method (ISO/IEC 27001 6.1.2) as data, and the pure rules over it: a risk's level from its
 * likelihood and impact, whether that level is within the organisation's appetite, and how a score
 * moves when the method's scales change. The server, the import, the reports and the charts all score
 * with these functions, so a risk has one level everywhere.
 */

export const scaleLevel = z.object({
  level: z.number().int().min(1).max(7),
  label: z.string().trim().min(1, { message: 'Give every level a name.' }).max(60),
  description: z.string().max(500),
});
export type ScaleLevel = z.infer<typeof scaleLevel>;

export const riskLevel = z.object({
  key: z.string().regex(/^[a-z0-9_]{1,30}$/, { message: 'must be 1 to 30 lower-case letters, digits or underscores' }),
  label: z.string().trim().min(1, { message: 'Give every risk level a name.' }).max(40),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour like #d93025' }),
});
export type RiskLevel = z.infer<typeof riskLevel>;

/** A method as it is stored (risk_methods) and sent, without its version and audit columns. */
export const riskMethodDefinition = z.object({
  likelihood: z.array(scaleLevel).min(3).max(7),
  impact: z.array(scaleLevel).min(3).max(7),
  /** Lowest first. */
  levels: z.array(riskLevel).min(2).max(6),
  /** Rows by likelihood (1 first), each a list by impact (1 first) of a level key. */
  matrix: z.array(z.array(z.string())),
  /** The highest level the organisation accepts without further treatment (its risk appetite). */
  acceptableLevel: z.string(),
  reviewMonths: z.number().int().min(1).max(36),
});
export type RiskMethodDefinition = z.infer<typeof riskMethodDefinition>;

export interface ScoredLevel {
  key: string;
  label: string;
  colour: string;
  /** 1 for the lowest level. */
  rank: number;
}

/**
 * Every way a method can be inconsistent, in plain words (empty when it is sound): scales numbered
 * 1..n in order, a matrix cell for every likelihood × impact naming a defined level, level keys
 * unique, the appetite a defined level, and no cell lower than a cell of smaller likelihood or impact
 * (a likelier or worse risk is never rated lower).
 */
export function methodProblems(method: RiskMethodDefinition): string[] {
  const problems: string[] = [];
  for (const [name, scale] of [['likelihood', method.likelihood], ['impact', method.impact]] as const) {
    if (scale.some((entry, index) => entry.level !== index + 1)) problems.push(`The ${name} levels must be numbered 1 to ${scale.length} in order.`);
  }
  const rank = new Map(method.levels.map((level, index) => [level.key, index + 1]));
  if (rank.size !== method.levels.length) problems.push('Each risk level needs its own key.');
  if (!rank.has(method.acceptableLevel)) problems.push('Choose the highest acceptable risk level from the risk levels.');
  if (method.matrix.length !== method.likelihood.length || method.matrix.some((row) => row.length !== method.impact.length)) {
    problems.push(`The matrix needs ${method.likelihood.length} rows (likelihood) of ${method.impact.length} cells (impact).`);
    return problems;
  }
  const cellRank = (l: number, i: number) => rank.get(method.matrix[l]?.[i] ?? '') ?? 0;
  let unknown = false;
  let decreasing = false;
  for (let l = 0; l < method.likelihood.length; l += 1) {
    for (let i = 0; i < method.impact.length; i += 1) {
      if (cellRank(l, i) === 0) unknown = true;
      else if ((l > 0 && cellRank(l, i) < cellRank(l - 1, i)) || (i > 0 && cellRank(l, i) < cellRank(l, i - 1))) decreasing = true;
    }
  }
  if (unknown) problems.push('Every cell of the matrix must name one of the risk levels.');
  if (decreasing) problems.push('A likelier or more harmful risk cannot be rated lower than a less likely or less harmful one.');
  return problems;
}

/** The level of a likelihood × impact under a method (both 1-based). Throws on a score off the scales. */
export function scoreRisk(method: RiskMethodDefinition, likelihood: number, impact: number): ScoredLevel {
  const key = method.matrix[likelihood - 1]?.[impact - 1];
  const index = method.levels.findIndex((level) => level.key === key);
  const level = method.levels[index];
  if (!level) throw new Error(`likelihood ${likelihood} × impact ${impact} is outside the method's ${method.likelihood.length}×${method.impact.length} matrix`);
  return { ...level, rank: index + 1 };
}

/** True when a level is at or below the organisation's risk appetite. */
export function isWithinAppetite(method: RiskMethodDefinition, levelKey: string): boolean {
  const keys = method.levels.map((level) => level.key);
  return keys.indexOf(levelKey) !== -1 && keys.indexOf(levelKey) <= keys.indexOf(method.acceptableLevel);
}

/**
 * Where a level of an old scale of `fromSize` levels lands on a new scale of `toSize` levels: the same
 * relative position, rounded to the nearest level (ties upwards, so a re-scored risk is never made to
 * look smaller by rounding alone). Same size: unchanged.
 */
export function mapScaleLevel(level: number, fromSize: number, toSize: number): number {
  if (fromSize === toSize) return level;
  const position = (level - 1) / (fromSize - 1);
  return Math.min(toSize, Math.max(1, Math.floor(position * (toSize - 1) + 0.5) + 1));
}

export interface Score {
  likelihood: number;
  impact: number;
}

/** A score under `from` carried to `to`: each scale mapped by relative position. */
export function carryScore(from: RiskMethodDefinition, to: RiskMethodDefinition, score: Score): Score {
  return {
    likelihood: mapScaleLevel(score.likelihood, from.likelihood.length, to.likelihood.length),
    impact: mapScaleLevel(score.impact, from.impact.length, to.impact.length),
  };
}

const fiveLikelihood: ScaleLevel[] = [
  { level: 1, label: 'Rare', description: 'Could happen only in unusual circumstances; not expected in the next five years.' },
  { level: 2, label: 'Unlikely', description: 'Could happen at some time; not expected in the next year.' },
  { level: 3, label: 'Possible', description: 'Might happen in the next year; it has happened to similar practices.' },
  { level: 4, label: 'Likely', description: 'Will probably happen in the next year.' },
  { level: 5, label: 'Almost certain', description: 'Expected to happen several times a year, or is happening now.' },
];
const fiveImpact: ScaleLevel[] = [
  { level: 1, label: 'Insignificant', description: 'No patient affected; fixed within hours at no real cost.' },
  { level: 2, label: 'Minor', description: 'Brief disruption to appointments; a few records exposed internally; no harm to anyone.' },
  { level: 3, label: 'Moderate', description: 'A day of disruption, or personal information of some patients disclosed; a possible notifiable breach.' },
  { level: 4, label: 'Major', description: 'Several days without clinical systems, or health information of many patients disclosed; a notifiable breach.' },
  { level: 5, label: 'Severe', description: 'Patient harm, loss of records, or a breach affecting the whole practice; regulator action and loss of contracts.' },
];

/** The method an organisation starts with: 5 × 5, four levels, Medium accepted, reviewed yearly. */
export const defaultRiskMethod: RiskMethodDefinition = {
  likelihood: fiveLikelihood,
  impact: fiveImpact,
  levels: [
    { key: 'low', label: 'Low', colour: '#2e7d32' },
    { key: 'medium', label: 'Medium', colour: '#f9a825' },
    { key: 'high', label: 'High', colour: '#ef6c00' },
    { key: 'extreme', label: 'Extreme', colour: '#c62828' },
  ],
  matrix: [
    ['low', 'low', 'low', 'medium', 'medium'],
    ['low', 'low', 'medium', 'medium', 'high'],
    ['low', 'medium', 'medium', 'high', 'high'],
    ['medium', 'medium', 'high', 'high', 'extreme'],
    ['medium', 'high', 'high', 'extreme', 'extreme'],
  ],
  acceptableLevel: 'medium',
  reviewMonths: 12,
};
