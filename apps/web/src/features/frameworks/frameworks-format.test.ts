import { describe, expect, it } from 'vitest';
import { controlPath, coveredText, formatPercent } from './frameworks-format.ts';

const totals = { total: 8, covered: 3, partly: 2, notCovered: 2, excluded: 1, percentCovered: 42.9, percentAddressed: 71.4 };

describe('frameworks formatting', () => {
  it('links a ref to its control page with the catalogue id encoded', () => {
    expect(controlPath('A.5.34')).toBe('/controls/iso27001%3A2022%3AA.5.34');
  });

  it('counts covered requirements over those in scope, as the percentage does', () => {
    expect(coveredText(totals)).toBe('3 of 7 requirements covered (1 excluded)');
    expect(coveredText({ ...totals, excluded: 0 }, 'principles')).toBe('3 of 8 principles covered');
    expect(coveredText({ ...totals, covered: 0, excluded: 8 })).toBe('None in scope (8 excluded)');
  });

  it('shows a percentage with at most one decimal, and a dash when none is in scope', () => {
    expect(formatPercent(42.9)).toBe('42.9%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('—');
  });
});
