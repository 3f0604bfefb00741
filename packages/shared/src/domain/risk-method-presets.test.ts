import { describe, expect, it } from 'vitest';
import { methodProblems } from './risk-matrix.ts';
import { reviewDateAfter, riskMethodPresets } from './risk-method-presets.ts';

describe('risk method presets', () => {
  it('are each a sound method of their size', () => {
    for (const [key, preset] of Object.entries(riskMethodPresets)) {
      const size = Number(key.charAt(0));
      expect(methodProblems(preset.method), key).toEqual([]);
      expect([preset.method.likelihood.length, preset.method.impact.length], key).toEqual([size, size]);
    }
  });
});

describe('reviewDateAfter', () => {
  it('adds months in the calendar, clamping the day to the month', () => {
    expect(reviewDateAfter('2026-12-03', 12)).toBe('2027-12-03');
    expect(reviewDateAfter('2026-11-30', 3)).toBe('2027-02-28');
    expect(reviewDateAfter('2027-11-30', 3)).toBe('2028-02-29');
    expect(reviewDateAfter('2027-01-31', 1)).toBe('2027-02-28');
    expect(reviewDateAfter('2027-05-15', 36)).toBe('2030-05-15');
  });
});
