import { describe, expect, it } from 'vitest';
import { canBeNotApplicable, statusesFor } from './gap-status.ts';

describe('which statuses an item may take', () => {
  it('lets only Annex A controls be not applicable', () => {
    expect(canBeNotApplicable('control')).toBe(true);
    expect(canBeNotApplicable('clause')).toBe(false);
    expect(canBeNotApplicable('document')).toBe(false);
  });

  it('offers every status for a control and all but not applicable for clauses and documents', () => {
    expect(statusesFor('control')).toEqual(['not_started', 'partial', 'implemented', 'not_applicable']);
    expect(statusesFor('clause')).toEqual(['not_started', 'partial', 'implemented']);
    expect(statusesFor('document')).toEqual(['not_started', 'partial', 'implemented']);
  });
});
