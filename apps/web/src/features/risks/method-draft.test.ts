import { describe, expect, it } from 'vitest';
import { defaultRiskMethod, methodProblems } from '@custodian/shared/domain/risk-matrix.ts';
import { addRiskLevel, addScaleLevel, removeRiskLevel, removeScaleLevel, setCell } from './method-draft.ts';
import { textColourOn } from './score-chip.tsx';

describe('method drafts in the editor', () => {
  it('keep the matrix the size of the scales, new cells taking the nearest level', () => {
    const wider = addScaleLevel(defaultRiskMethod, 'impact');
    expect(wider.impact.map((level) => level.level)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(wider.matrix.every((row) => row.length === 6)).toBe(true);
    expect(wider.matrix[4]?.[5]).toBe('extreme');
    expect(methodProblems(wider)).toEqual([]);
    const smaller = removeScaleLevel(removeScaleLevel(defaultRiskMethod, 'likelihood'), 'likelihood');
    expect(smaller.matrix).toHaveLength(3);
    expect(methodProblems(smaller)).toEqual([]);
  });

  it('move cells and the appetite of a removed level to the level below', () => {
    const three = removeRiskLevel({ ...defaultRiskMethod, acceptableLevel: 'extreme' });
    expect(three.levels.map((level) => level.key)).toEqual(['low', 'medium', 'high']);
    expect(three.acceptableLevel).toBe('high');
    expect(three.matrix.flat()).not.toContain('extreme');
    expect(addRiskLevel(three).levels[3]?.key).toBe('level_4');
  });

  it('report a matrix that rates a likelier risk lower', () => {
    expect(methodProblems(setCell(defaultRiskMethod, 4, 4, 'low'))).toContain('A likelier or more harmful risk cannot be rated lower than a less likely or less harmful one.');
  });

  it('write level names in black or white, whichever reads better', () => {
    expect(textColourOn('#f9a825')).toBe('#000000');
    expect(textColourOn('#c62828')).toBe('#ffffff');
    expect(textColourOn('#2e7d32')).toBe('#ffffff');
  });
});
