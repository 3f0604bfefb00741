import { describe, expect, it } from 'vitest';
import type { GapStatus } from '@custodian/shared/contracts/gap.ts';
import { assessFrameworkCoverage } from '@custodian/shared/domain/framework-coverage.ts';
import { loadCatalogue } from './load-catalogue.ts';
import { findPrivacyMappingProblems, loadPrivacyPrinciples, privacyPrinciplesMapping } from './privacy-principles.ts';

const { catalogue } = loadCatalogue();
const app = loadPrivacyPrinciples(catalogue);
const themeOf = new Map(catalogue.controls.map((c) => [c.id, c.theme]));

describe('Australian Privacy Principles → Annex A', () => {
  it('holds APP 1 to 13 in order with their titles', () => {
    expect(app.principles.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(app.principles[0]?.title).toBe('Open and transparent management of personal information');
    expect(app.principles[7]?.title).toBe('Cross-border disclosure of personal information');
    expect(app.principles[10]?.title).toBe('Security of personal information');
    expect(app.principles[12]?.title).toBe('Correction of personal information');
  });

  it('says the mapping is our judgement, not an official one', () => {
    expect(app.source).toMatch(/own judgement, not an official mapping/);
    expect(app.legalBasis).toBe('Privacy Act 1988 (Cth), Schedule 1');
  });

  it('maps every principle to catalogue controls, always including privacy and PII (A.5.34)', () => {
    expect(findPrivacyMappingProblems(app, catalogue)).toEqual([]);
    for (const p of app.principles) expect(p.annexA, `APP ${p.number}`).toContain('iso27001:2022:A.5.34');
  });

  it('maps APP 11 broadly, across all four Annex A themes', () => {
    const app11 = app.principles[10];
    expect(app11?.annexA.length).toBeGreaterThanOrEqual(25);
    const themes = new Set(app11?.annexA.map((id) => themeOf.get(id)));
    expect([...themes].sort()).toEqual(['organisational', 'people', 'physical', 'technological']);
    for (const id of ['A.8.24', 'A.8.13', 'A.5.24', 'A.8.10', 'A.5.15']) expect(app11?.annexA).toContain(`iso27001:2022:${id}`);
  });

  it('writes each summary and reason in its own words, different for every principle', () => {
    expect(new Set(app.principles.map((p) => p.summary)).size).toBe(13);
    expect(new Set(app.principles.map((p) => p.reasoning)).size).toBe(13);
  });

  it('catches a principle out of order and an unknown control', () => {
    const broken = structuredClone(app);
    const [first] = broken.principles;
    if (first === undefined) throw new Error('no principles');
    first.number = 2;
    first.annexA = ['iso27001:2022:A.9.1'];
    expect(findPrivacyMappingProblems(broken, catalogue)).toEqual(['principle 1 is numbered 2', 'APP 2 maps to "iso27001:2022:A.9.1", which is not a control']);
  });

  it('feeds the coverage rule with one requirement per principle', () => {
    const mapping = privacyPrinciplesMapping(app);
    expect(mapping.map((m) => m.id)).toEqual(app.principles.map((p) => `APP ${p.number}`));
    const statuses = new Map<string, GapStatus>([
      ['iso27001:2022:A.5.34', 'implemented'],
      ['iso27001:2022:A.5.31', 'implemented'],
    ]);
    const result = assessFrameworkCoverage(mapping, statuses);
    expect(result.requirements.find((r) => r.id === 'APP 5')?.coverage).toBe('covered');
    expect(result.requirements.find((r) => r.id === 'APP 11')?.coverage).toBe('partly');
    expect(result.totals.covered).toBe(1);
  });
});
