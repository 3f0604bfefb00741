import { describe, expect, it } from 'vitest';
import { headerKey, importFields, sheetRoles, suggestMapping } from './register-import.ts';

describe('import column mapping', () => {
  it('compares headers without case, spaces or punctuation', () => {
    expect(headerKey(' Owner E-mail ')).toBe(headerKey('owner_email'));
    expect(headerKey('Inherent  Likelihood')).toBe('inherentlikelihood');
  });

  it('maps every field of an exported sheet to its own column', () => {
    for (const role of sheetRoles) {
      const headers = importFields[role].map((f) => f.label);
      expect(suggestMapping(role, headers)).toEqual(Object.fromEntries(importFields[role].map((f, i) => [f.key, i])));
    }
  });

  it('prefers a field’s own name over another field’s alias, uses each column once, and leaves the rest unmapped', () => {
    // "Owner" is an alias of Owner e-mail; "Impact" an alias of Inherent impact; "Residual impact" is its own field.
    const mapping = suggestMapping('risks', ['Risk', 'Owner', 'Likelihood', 'Impact', 'Residual impact', 'Colour']);
    expect(mapping).toMatchObject({ title: 0, owner: 1, inherentLikelihood: 2, inherentImpact: 3, residualImpact: 4, residualLikelihood: null, ref: null });
    expect(Object.values(mapping).filter((v) => v === 5)).toEqual([]);
  });
});
