import type { GapStatus } from '../contracts/gap.ts';

/**
 * How far an organisation's Annex A control statuses go towards meeting another framework's
 * requirements (Essential Eight, Australian Privacy Principles, …), through a mapping of each
 * requirement to Annex A control ids. Pure: knows nothing of any particular framework.
 */

/** Coverage of one requirement. */
export type RequirementCoverage = 'covered' | 'partly' | 'not_covered' | 'excluded';

export const requirementCoverages = ['covered', 'partly', 'not_covered', 'excluded'] as const;

/** A requirement of another framework and the Annex A control ids it maps to. */
export interface MappedRequirement {
  readonly id: string;
  readonly controlIds: readonly string[];
}

/** A named set of requirements to total separately (a maturity level, a strategy, an APP). */
export interface RequirementGroup {
  readonly id: string;
  readonly requirementIds: readonly string[];
}

export interface RequirementResult {
  readonly id: string;
  readonly coverage: RequirementCoverage;
  /** Mapped controls by status; a control with no recorded status counts as not started. */
  readonly implemented: readonly string[];
  readonly partial: readonly string[];
  readonly notStarted: readonly string[];
  readonly notApplicable: readonly string[];
}

export interface CoverageTotals {
  readonly total: number;
  readonly covered: number;
  readonly partly: number;
  readonly notCovered: number;
  readonly excluded: number;
  /** Covered as a share of the requirements that are not excluded, 0–100 to one decimal; null if none remain. */
  readonly percentCovered: number | null;
  /** Covered or partly covered as a share of the requirements that are not excluded; null if none remain. */
  readonly percentAddressed: number | null;
}

export interface GroupCoverage {
  readonly id: string;
  readonly totals: CoverageTotals;
  /** Requirement ids of the group that the mapping does not contain. */
  readonly unknownRequirementIds: readonly string[];
}

export interface FrameworkCoverage {
  readonly requirements: readonly RequirementResult[];
  readonly totals: CoverageTotals;
  readonly groups: readonly GroupCoverage[];
}

/**
 * Coverage of one requirement from the statuses of its mapped controls:
 * - excluded when every mapped control is not applicable;
 * - covered when every applicable mapped control is implemented;
 * - partly when at least one applicable mapped control is implemented or partial;
 * - not covered otherwise, including a requirement that maps to no control (nothing shows it is met).
 */
export function assessRequirement(requirement: MappedRequirement, statuses: ReadonlyMap<string, GapStatus>): RequirementResult {
  const by: Record<GapStatus, string[]> = { implemented: [], partial: [], not_started: [], not_applicable: [] };
  for (const id of new Set(requirement.controlIds)) by[statuses.get(id) ?? 'not_started'].push(id);
  const applicable = by.implemented.length + by.partial.length + by.not_started.length;
  let coverage: RequirementCoverage;
  if (requirement.controlIds.length === 0) coverage = 'not_covered';
  else if (applicable === 0) coverage = 'excluded';
  else if (by.implemented.length === applicable) coverage = 'covered';
  else if (by.implemented.length + by.partial.length > 0) coverage = 'partly';
  else coverage = 'not_covered';
  return {
    id: requirement.id,
    coverage,
    implemented: by.implemented,
    partial: by.partial,
    notStarted: by.not_started,
    notApplicable: by.not_applicable,
  };
}

function percent(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/** Totals and percentages over a list of requirement results. */
export function totalCoverage(results: readonly RequirementResult[]): CoverageTotals {
  const count = (c: RequirementCoverage): number => results.filter((r) => r.coverage === c).length;
  const covered = count('covered');
  const partly = count('partly');
  const excluded = count('excluded');
  const inScope = results.length - excluded;
  return {
    total: results.length,
    covered,
    partly,
    notCovered: count('not_covered'),
    excluded,
    percentCovered: percent(covered, inScope),
    percentAddressed: percent(covered + partly, inScope),
  };
}

/**
 * Coverage of every requirement, the totals, and totals per group (a requirement may sit in several
 * groups, e.g. an Essential Eight requirement at ML1, ML2 and ML3).
 * @throws Error when two requirements share an id.
 */
export function assessFrameworkCoverage(
  requirements: readonly MappedRequirement[],
  statuses: ReadonlyMap<string, GapStatus>,
  groups: readonly RequirementGroup[] = [],
): FrameworkCoverage {
  const results = requirements.map((r) => assessRequirement(r, statuses));
  const byId = new Map<string, RequirementResult>();
  for (const result of results) {
    if (byId.has(result.id)) throw new Error(`Requirement "${result.id}" appears more than once in the mapping`);
    byId.set(result.id, result);
  }
  return {
    requirements: results,
    totals: totalCoverage(results),
    groups: groups.map((group) => {
      const ids = [...new Set(group.requirementIds)];
      const found = ids.flatMap((id) => {
        const result = byId.get(id);
        return result === undefined ? [] : [result];
      });
      return { id: group.id, totals: totalCoverage(found), unknownRequirementIds: ids.filter((id) => !byId.has(id)) };
    }),
  };
}
