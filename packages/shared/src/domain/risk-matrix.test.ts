import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carryScore, defaultRiskMethod, isWithinAppetite, mapScaleLevel, methodProblems, scoreRisk, type RiskMethodDefinition } from './risk-matrix.ts';

describe('the risk matrix', () => {
  it('finds the default method sound and scores its corners', () => {
    expect(methodProblems(defaultRiskMethod)).toEqual([]);
    expect(scoreRisk(defaultRiskMethod, 1, 1)).toMatchObject({ key: 'low', rank: 1 });
    expect(scoreRisk(defaultRiskMethod, 5, 5)).toMatchObject({ key: 'extreme', rank: 4 });
    expect(scoreRisk(defaultRiskMethod, 4, 2)).toMatchObject({ key: 'medium', rank: 2 });
    expect(() => scoreRisk(defaultRiskMethod, 6, 1)).toThrow(/outside/);
  });

  it('accepts levels up to the appetite and none above it', () => {
    expect(isWithinAppetite(defaultRiskMethod, 'low')).toBe(true);
    expect(isWithinAppetite(defaultRiskMethod, 'medium')).toBe(true);
    expect(isWithinAppetite(defaultRiskMethod, 'high')).toBe(false);
    expect(isWithinAppetite(defaultRiskMethod, 'unknown')).toBe(false);
  });

  it('names each inconsistency of a method in plain words', () => {
    const broken: RiskMethodDefinition = {
      ...defaultRiskMethod,
      acceptableLevel: 'nope',
      matrix: defaultRiskMethod.matrix.map((row, l) => (l === 4 ? ['low', ...row.slice(1, 4), 'bogus'] : row)),
    };
    const problems = methodProblems(broken);
    expect(problems).toContain('Choose the highest acceptable risk level from the risk levels.');
    expect(problems).toContain('Every cell of the matrix must name one of the risk levels.');
    expect(problems).toContain('A likelier or more harmful risk cannot be rated lower than a less likely or less harmful one.');
    expect(methodProblems({ ...defaultRiskMethod, matrix: defaultRiskMethod.matrix.slice(1) })).toEqual(['The matrix needs 5 rows (likelihood) of 5 cells (impact).']);
  });

  it('carries a score to a new scale by relative position, keeping the ends and the order', () => {
    expect(mapScaleLevel(3, 5, 5)).toBe(3);
    expect([1, 2, 3, 4, 5].map((level) => mapScaleLevel(level, 5, 3))).toEqual([1, 2, 2, 3, 3]);
    expect([1, 2, 3].map((level) => mapScaleLevel(level, 3, 5))).toEqual([1, 3, 5]);
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 7 }), fc.integer({ min: 3, max: 7 }), (from, to) => {
        expect(mapScaleLevel(1, from, to)).toBe(1);
        expect(mapScaleLevel(from, from, to)).toBe(to);
        for (let level = 2; level <= from; level += 1) expect(mapScaleLevel(level, from, to)).toBeGreaterThanOrEqual(mapScaleLevel(level - 1, from, to));
      }),
    );
    const threeByThree: RiskMethodDefinition = {
      ...defaultRiskMethod,
      likelihood: defaultRiskMethod.likelihood.slice(0, 3),
      impact: defaultRiskMethod.impact.slice(0, 3),
      matrix: [['low', 'low', 'medium'], ['low', 'medium', 'high'], ['medium', 'high', 'extreme']],
    };
    expect(carryScore(defaultRiskMethod, threeByThree, { likelihood: 4, impact: 2 })).toEqual({ likelihood: 3, impact: 2 });
  });
});
