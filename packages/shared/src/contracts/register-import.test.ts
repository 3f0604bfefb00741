import { describe, expect, it } from 'vitest';
import { auditSentence } from '../domain/audit-wording.ts';
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

describe('the import in the audit trail', () => {
  it('says what was imported from which file, in words', () => {
    const event = { action: 'register.imported', actorName: 'Morgan Lee', subject: null, people: {}, before: null };
    expect(auditSentence({ ...event, after: { kind: 'Assets', fileName: 'assets.csv', assets: 50_000, assetLinks: 1, risks: 0, treatmentTasks: 0 } })).toBe(
      'Morgan Lee imported 50,000 assets and 1 link between assets from the file assets.csv.',
    );
    expect(auditSentence({ ...event, after: { fileName: 'risks.xlsx', assets: 0, assetLinks: 0, risks: 1, treatmentTasks: 3 } })).toBe(
      'Morgan Lee imported 1 risk and 3 treatment tasks from the file risks.xlsx.',
    );
  });
});
