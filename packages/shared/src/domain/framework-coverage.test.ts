import { describe, expect, it } from 'vitest';
import type { GapStatus } from '../contracts/gap.ts';
import { assessFrameworkCoverage, assessRequirement, totalCoverage } from './framework-coverage.ts';

const statuses = new Map<string, GapStatus>([
  ['A.5.1', 'implemented'],
  ['A.5.2', 'implemented'],
  ['A.5.3', 'partial'],
  ['A.5.4', 'not_started'],
  ['A.5.5', 'not_applicable'],
  ['A.5.6', 'not_applicable'],
]);

function coverageOf(controlIds: string[]): string {
  return assessRequirement({ id: 'r', controlIds }, statuses).coverage;
}

describe('assessRequirement', () => {
  it('is covered only when every applicable mapped control is implemented', () => {
    expect(coverageOf(['A.5.1', 'A.5.2'])).toBe('covered');
    expect(coverageOf(['A.5.1', 'A.5.5'])).toBe('covered');
    expect(coverageOf(['A.5.1', 'A.5.3'])).toBe('partly');
  });

  it('is partly covered when some work is recorded, even only partial work', () => {
    expect(coverageOf(['A.5.3'])).toBe('partly');
    expect(coverageOf(['A.5.1', 'A.5.4'])).toBe('partly');
  });

  it('is not covered when nothing mapped has started, or a control has no status at all', () => {
    expect(coverageOf(['A.5.4'])).toBe('not_covered');
    expect(coverageOf(['A.8.1'])).toBe('not_covered');
    expect(coverageOf(['A.5.4', 'A.5.5'])).toBe('not_covered');
  });

  it('is excluded only when every mapped control is not applicable', () => {
    expect(coverageOf(['A.5.5', 'A.5.6'])).toBe('excluded');
    expect(coverageOf(['A.5.5', 'A.8.1'])).toBe('not_covered');
  });

  it('treats a requirement with no mapped control as not covered, not as excluded', () => {
    expect(coverageOf([])).toBe('not_covered');
  });

  it('sorts the mapped controls by status, counting a repeated id once', () => {
    const result = assessRequirement({ id: 'r', controlIds: ['A.5.1', 'A.5.1', 'A.5.3', 'A.9.9', 'A.5.5'] }, statuses);
    expect(result).toEqual({
      id: 'r',
      coverage: 'partly',
      implemented: ['A.5.1'],
      partial: ['A.5.3'],
      notStarted: ['A.9.9'],
      notApplicable: ['A.5.5'],
    });
  });
});

describe('totals', () => {
  it('computes percentages over the requirements that are not excluded, to one decimal', () => {
    const result = assessFrameworkCoverage(
      [
        { id: 'a', controlIds: ['A.5.1'] },
        { id: 'b', controlIds: ['A.5.3'] },
        { id: 'c', controlIds: ['A.5.4'] },
        { id: 'd', controlIds: ['A.5.5'] },
      ],
      statuses,
    );
    expect(result.totals).toEqual({
      total: 4,
      covered: 1,
      partly: 1,
      notCovered: 1,
      excluded: 1,
      percentCovered: 33.3,
      percentAddressed: 66.7,
    });
  });

  it('gives null percentages when nothing is left in scope', () => {
    expect(totalCoverage([]).percentCovered).toBeNull();
    const allExcluded = assessFrameworkCoverage([{ id: 'd', controlIds: ['A.5.5'] }], statuses);
    expect(allExcluded.totals).toMatchObject({ total: 1, excluded: 1, percentCovered: null, percentAddressed: null });
  });

  it('reaches 100 % when everything in scope is covered', () => {
    const result = assessFrameworkCoverage(
      [
        { id: 'a', controlIds: ['A.5.1'] },
        { id: 'd', controlIds: ['A.5.6'] },
      ],
      statuses,
    );
    expect(result.totals.percentCovered).toBe(100);
  });

  it('totals each group separately, a requirement counting in every group it sits in', () => {
    const result = assessFrameworkCoverage(
      [
        { id: 'ism-1', controlIds: ['A.5.1'] },
        { id: 'ism-2', controlIds: ['A.5.4'] },
        { id: 'ism-3', controlIds: ['A.5.3'] },
      ],
      statuses,
      [
        { id: 'ML1', requirementIds: ['ism-1'] },
        { id: 'ML2', requirementIds: ['ism-1', 'ism-2', 'ism-1'] },
        { id: 'ML3', requirementIds: ['ism-1', 'ism-2', 'ism-3', 'ism-404'] },
      ],
    );
    const [ml1, ml2, ml3] = result.groups;
    expect(ml1?.totals).toMatchObject({ total: 1, covered: 1, percentCovered: 100 });
    expect(ml2?.totals).toMatchObject({ total: 2, covered: 1, notCovered: 1, percentCovered: 50 });
    expect(ml3?.totals).toMatchObject({ total: 3, covered: 1, partly: 1, notCovered: 1, percentAddressed: 66.7 });
    expect(ml3?.unknownRequirementIds).toEqual(['ism-404']);
    expect(ml1?.unknownRequirementIds).toEqual([]);
  });

  it('refuses a mapping that lists a requirement twice', () => {
    expect(() =>
      assessFrameworkCoverage(
        [
          { id: 'a', controlIds: [] },
          { id: 'a', controlIds: ['A.5.1'] },
        ],
        statuses,
      ),
    ).toThrow(/"a" appears more than once/);
  });
});
