import { describe, expect, it } from 'vitest';
import type { GapStatus } from '@custodian/shared/contracts/gap.ts';
import { assessFrameworkCoverage } from '@custodian/shared/domain/framework-coverage.ts';
import {
  buildEssentialEight,
  ESSENTIAL_EIGHT_FILE_URL,
  essentialEightDataSchema,
  essentialEightGroups,
  essentialEightMapping,
  ismCatalogUrl,
  loadEssentialEight,
  MATURITY_LEVELS,
  type MaturityLevel,
} from './essential-eight.ts';
import { loadCatalogue } from './load-catalogue.ts';
import { DataFileError, readJsonFile } from './load-json-data.ts';
import { readOscalCatalogFile, type Framework } from './oscal/import-catalog.ts';

const { catalogue } = loadCatalogue();
const e8 = loadEssentialEight(catalogue);
const levels: Record<MaturityLevel, Framework> = {
  ML1: readOscalCatalogFile(ismCatalogUrl('ML1')),
  ML2: readOscalCatalogFile(ismCatalogUrl('ML2')),
  ML3: readOscalCatalogFile(ismCatalogUrl('ML3')),
};
const data = readJsonFile(essentialEightDataSchema, ESSENTIAL_EIGHT_FILE_URL);

function problemsOf(build: () => unknown): readonly string[] {
  try {
    build();
  } catch (err) {
    if (err instanceof DataFileError) return err.problems;
    throw err;
  }
  throw new Error('expected the build to fail');
}

describe("ASD's maturity level catalogs, through the general importer", () => {
  it('hold 46, 87 and 123 ISM controls, grouped by ISM guideline and section, not by strategy', () => {
    expect(levels.ML1.requirements).toHaveLength(46);
    expect(levels.ML2.requirements).toHaveLength(87);
    expect(levels.ML3.requirements).toHaveLength(123);
    expect(levels.ML1).toMatchObject({ version: '2025.12.9', oscalVersion: '1.1.2' });
    const first = levels.ML1.requirements[0];
    expect(first?.groupPath).toEqual(['Guidelines for personnel security', 'Access to systems and their resources', 'Privileged access to systems']);
    expect(first?.statement).toMatch(/^Requests for privileged access/);
  });

  it('nest ML1 inside ML2; ML3 replaces three ML2 controls with stricter ones', () => {
    const ids = (level: MaturityLevel): Set<string> => new Set(levels[level].requirements.map((r) => r.id));
    const [ml1, ml2, ml3] = [ids('ML1'), ids('ML2'), ids('ML3')];
    expect([...ml1].filter((id) => !ml2.has(id))).toEqual([]);
    expect([...ml2].filter((id) => !ml3.has(id)).sort()).toEqual(['ism-1691', 'ism-1695', 'ism-1873']);
    expect([...ml1].filter((id) => !ml3.has(id)).sort()).toEqual(['ism-1691', 'ism-1695']);
  });
});

describe('Essential Eight framework', () => {
  it('has the eight strategies and places each of the 126 distinct controls in at least one', () => {
    expect(e8.strategies.map((s) => s.title)).toEqual([
      'Patch applications',
      'Patch operating systems',
      'Multi-factor authentication',
      'Restrict administrative privileges',
      'Application control',
      'Restrict Microsoft Office macros',
      'User application hardening',
      'Regular backups',
    ]);
    expect(e8.requirements).toHaveLength(126);
    for (const r of e8.requirements) expect(r.strategyIds.length, r.id).toBeGreaterThan(0);
  });

  it('counts requirements per strategy and maturity level as we assigned them', () => {
    const counts = Object.fromEntries(e8.strategies.map((s) => [s.id, MATURITY_LEVELS.map((level) => s.requirementsByLevel[level].length)]));
    expect(counts).toEqual({
      'patch-applications': [9, 11, 13],
      'patch-operating-systems': [8, 8, 16],
      'multi-factor-authentication': [7, 19, 23],
      'restrict-administrative-privileges': [7, 20, 29],
      'application-control': [3, 14, 19],
      'restrict-microsoft-office-macros': [4, 5, 11],
      'user-application-hardening': [4, 22, 27],
      'regular-backups': [6, 8, 11],
    });
  });

  it('records the levels each requirement appears at, and shares event-log and incident controls', () => {
    const byId = new Map(e8.requirements.map((r) => [r.id, r]));
    expect(byId.get('ism-1507')?.levels).toEqual(['ML1', 'ML2', 'ML3']);
    expect(byId.get('ism-1873')?.levels).toEqual(['ML2']);
    expect(byId.get('ism-1815')?.strategyIds).toEqual([
      'multi-factor-authentication',
      'restrict-administrative-privileges',
      'application-control',
      'user-application-hardening',
    ]);
    expect(byId.get('ism-1807')?.strategyIds).toEqual(['patch-applications', 'patch-operating-systems']);
    expect(byId.get('ism-1807')?.section).toBe('Scanning for unmitigated vulnerabilities');
  });

  it('maps every requirement to Annex A controls of the catalogue, overrides taking precedence', () => {
    const controlIds = new Set(catalogue.controls.map((c) => c.id));
    for (const r of e8.requirements) {
      expect(r.annexA.length, r.id).toBeGreaterThan(0);
      for (const id of r.annexA) expect(controlIds.has(id), `${r.id} → ${id}`).toBe(true);
    }
    const byId = new Map(e8.requirements.map((r) => [r.id, r]));
    expect(byId.get('ism-1511')?.annexA).toEqual(['iso27001:2022:A.8.13', 'iso27001:2022:A.5.30', 'iso27001:2022:A.8.3']);
    expect(byId.get('ism-0140')?.annexA).toEqual(['iso27001:2022:A.5.5', 'iso27001:2022:A.5.26']);
    expect(byId.get('ism-1807')?.annexA).toContain('iso27001:2022:A.8.8');
  });

  it('states the mapping as our judgement and keeps ASD attribution', () => {
    expect(e8.source).toMatch(/own judgement, not an official/);
    expect(e8.attribution).toMatch(/© Commonwealth of Australia.*CC BY 4\.0/);
  });

  it('refuses a strategy assignment that leaves a control out or names an unknown one', () => {
    const broken = structuredClone(data);
    const backups = broken.strategies[7];
    if (backups === undefined) throw new Error('data changed');
    backups.ismControls = backups.ismControls.filter((id) => id !== 'ism-1515').concat('ism-9999');
    backups.annexA.push('iso27001:2022:A.5.99');
    const problems = problemsOf(() => buildEssentialEight(levels, broken, catalogue));
    expect(problems).toContain('ism-1515 is in no strategy');
    expect(problems).toContain('strategy regular-backups lists ism-9999, which no maturity level catalog contains');
    expect(problems).toContain('"iso27001:2022:A.5.99" is not an Annex A control of the catalogue');
  });

  it('refuses a catalog placed at the wrong maturity level', () => {
    const problems = problemsOf(() => buildEssentialEight({ ...levels, ML1: levels.ML3 }, data, catalogue));
    expect(problems).toContain('ism-1508 is in the ML1 catalog but not marked ML1');
  });
});

describe('Essential Eight coverage', () => {
  it('totals by maturity level from Annex A statuses', () => {
    const statuses = new Map<string, GapStatus>(catalogue.controls.map((c) => [c.id, 'implemented']));
    statuses.set('iso27001:2022:A.8.13', 'not_started');
    const result = assessFrameworkCoverage(essentialEightMapping(e8), statuses, essentialEightGroups(e8));
    const ml1 = result.groups.find((g) => g.id === 'ML1');
    const backupsMl1 = result.groups.find((g) => g.id === 'regular-backups:ML1');
    expect(ml1?.totals).toMatchObject({ total: 46, covered: 40, partly: 6, notCovered: 0 });
    expect(backupsMl1?.totals).toMatchObject({ total: 6, covered: 0, partly: 6, percentCovered: 0 });
    expect(result.groups.find((g) => g.id === 'ML3')?.totals.total).toBe(123);
    expect(result.groups).toHaveLength(3 + 8 * 3);
  });
});
