import { describe, expect, it } from 'vitest';
import { defaultRiskMethod } from '@custodian/shared/domain/risk-matrix.ts';
import { contrastRatio, textOn } from './level-colours.ts';

describe('text on risk level colours', () => {
  it('picks dark text on light colours and white on dark ones', () => {
    expect(textOn('#f9a825')).toBe('#1b1f24');
    expect(textOn('#c62828')).toBe('#ffffff');
    expect(textOn('#ffffff')).toBe('#1b1f24');
    expect(textOn('#000000')).toBe('#ffffff');
  });

  it('gives every level of the default method text with at least 4.5:1 contrast', () => {
    for (const level of defaultRiskMethod.levels) expect(contrastRatio(level.colour, textOn(level.colour)), level.label).toBeGreaterThanOrEqual(4.5);
  });
});
