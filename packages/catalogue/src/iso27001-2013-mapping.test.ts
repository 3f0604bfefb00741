import { describe, expect, it } from 'vitest';
import type { GapStatus } from '@custodian/shared/contracts/gap.ts';
import { findLegacyMappingProblems, legacyDomainOf, loadLegacyMapping, type LegacyMapping } from './iso27001-2013-mapping.ts';
import { loadCatalogue } from './load-catalogue.ts';
import { DataFileError } from './load-json-data.ts';
import { buildTransitionView, suggestStatus } from './transition-view.ts';

const { catalogue } = loadCatalogue();
const mapping = loadLegacyMapping(catalogue);
const NEW_IN_2022 = ['5.7', '5.23', '5.30', '7.4', '8.9', '8.10', '8.11', '8.12', '8.16', '8.23', '8.28'].map((ref) => `iso27001:2022:A.${ref}`);
/** Published sizes of the fourteen 2013 Annex A domains. */
const DOMAIN_SIZES: Record<string, number> = {
  'A.5': 2,
  'A.6': 7,
  'A.7': 6,
  'A.8': 10,
  'A.9': 14,
  'A.10': 2,
  'A.11': 15,
  'A.12': 14,
  'A.13': 7,
  'A.14': 13,
  'A.15': 5,
  'A.16': 7,
  'A.17': 4,
  'A.18': 8,
};

function targetsOf(ref: string): string[] {
  const control = mapping.controls.find((c) => c.ref === ref);
  if (control === undefined) throw new Error(`no 2013 control ${ref}`);
  return control.targets.map((t) => t.replace('iso27001:2022:A.', ''));
}

describe('ISO/IEC 27001:2013 → 2022 mapping data', () => {
  it('lists exactly the 114 controls of the 2013 Annex A, each once, with the published domain sizes', () => {
    expect(mapping.controls).toHaveLength(114);
    expect(new Set(mapping.controls.map((c) => c.ref)).size).toBe(114);
    const sizes: Record<string, number> = {};
    for (const c of mapping.controls) sizes[legacyDomainOf(c.ref)] = (sizes[legacyDomainOf(c.ref)] ?? 0) + 1;
    expect(sizes).toEqual(DOMAIN_SIZES);
  });

  it('maps every 2013 control only to controls of the 2022 catalogue', () => {
    expect(findLegacyMappingProblems(mapping, catalogue)).toEqual([]);
    const controlIds = new Set(catalogue.controls.map((c) => c.id));
    for (const c of mapping.controls) for (const t of c.targets) expect(controlIds.has(t), `${c.ref} → ${t}`).toBe(true);
  });

  it('reaches every 2022 control except the eleven new ones', () => {
    const reached = new Set(mapping.controls.flatMap((c) => c.targets));
    const unreached = catalogue.controls.map((c) => c.id).filter((id) => !reached.has(id));
    expect(unreached.sort()).toEqual([...NEW_IN_2022].sort());
    expect(reached.size).toBe(catalogue.controls.length - 11);
  });

  it('records well-known merges and splits of the published correspondence', () => {
    expect(targetsOf('A.5.1.1')).toEqual(['5.1']);
    expect(targetsOf('A.5.1.2')).toEqual(['5.1']);
    for (const ref of ['A.12.4.1', 'A.12.4.2', 'A.12.4.3']) expect(targetsOf(ref)).toEqual(['8.15']);
    for (const ref of ['A.13.2.1', 'A.13.2.2', 'A.13.2.3']) expect(targetsOf(ref)).toEqual(['5.14']);
    expect(targetsOf('A.13.2.4')).toEqual(['6.6']);
    expect(targetsOf('A.9.2.3')).toEqual(['8.2']);
    expect(targetsOf('A.18.2.3')).toEqual(['5.36', '8.8']);
    for (const ref of ['A.17.1.1', 'A.17.1.2', 'A.17.1.3']) expect(targetsOf(ref)).toEqual(['5.29']);
    expect(targetsOf('A.11.2.8')).toEqual(['8.1']);
  });

  it('rejects a mapping that points at a control the catalogue lacks or repeats a 2013 control', () => {
    const broken: LegacyMapping = structuredClone(mapping);
    const [first, second] = broken.controls;
    if (first === undefined || second === undefined) throw new Error('mapping is empty');
    first.targets = ['iso27001:2022:A.5.99'];
    second.ref = first.ref;
    const problems = findLegacyMappingProblems(broken, catalogue);
    expect(problems).toContain('A.5.1.1 maps to "iso27001:2022:A.5.99", which is not a 2022 control');
    expect(problems).toContain('2013 control A.5.1.1 is listed more than once');
  });

  it('names the file and the path of a schema problem', () => {
    const url = new URL('../data/iso27001-2022.json', import.meta.url);
    expect(() => loadLegacyMapping(catalogue, url)).toThrow(DataFileError);
    expect(() => loadLegacyMapping(catalogue, url)).toThrow(/iso27001-2022\.json is invalid[\s\S]*id:/);
  });
});

describe('transition view', () => {
  const statement = new Map<string, GapStatus>([
    ['A.12.4.1', 'implemented'],
    ['A.12.4.2', 'implemented'],
    ['A.12.4.3', 'not_started'],
    ['A.5.1.1', 'implemented'],
    ['A.5.1.2', 'implemented'],
    ['A.18.1.4', 'not_applicable'],
    ['A.99.1.1', 'implemented'],
  ]);
  const view = buildTransitionView(catalogue, mapping, statement);
  const byRef = new Map(view.controls.map((c) => [c.ref, c]));

  it('lists every 2022 control once, in catalogue order, with the eleven new ones flagged', () => {
    expect(view.controls.map((c) => c.id)).toEqual(catalogue.controls.map((c) => c.id));
    expect([...view.newControlIds].sort()).toEqual([...NEW_IN_2022].sort());
    expect(byRef.get('A.5.7')).toMatchObject({ isNew: true, sources: [], suggestedStatus: null });
  });

  it('shows which 2013 controls feed a 2022 control, with their statuses', () => {
    const logging = byRef.get('A.8.15');
    expect(logging?.sources.map((s) => [s.ref, s.status])).toEqual([
      ['A.12.4.1', 'implemented'],
      ['A.12.4.2', 'implemented'],
      ['A.12.4.3', 'not_started'],
    ]);
    expect(logging?.suggestedStatus).toBe('partial');
    expect(byRef.get('A.5.1')?.suggestedStatus).toBe('implemented');
    expect(byRef.get('A.5.34')?.suggestedStatus).toBe('not_applicable');
    expect(byRef.get('A.5.2')).toMatchObject({ isNew: false, suggestedStatus: null });
  });

  it('counts a feeding 2013 control without a status as not started once another has one', () => {
    const partial = buildTransitionView(catalogue, mapping, new Map<string, GapStatus>([['A.12.4.1', 'implemented']]));
    const logging = partial.controls.find((c) => c.ref === 'A.8.15');
    expect(logging?.sources.map((s) => s.status)).toEqual(['implemented', null, null]);
    expect(logging?.suggestedStatus).toBe('partial');
  });

  it('feeds both 2022 controls from a 2013 control that split', () => {
    expect(byRef.get('A.5.36')?.sources.map((s) => s.ref)).toEqual(['A.18.2.2', 'A.18.2.3']);
    expect(byRef.get('A.8.8')?.sources.map((s) => s.ref)).toEqual(['A.12.6.1', 'A.18.2.3']);
  });

  it('reports refs in the statement that the mapping does not know', () => {
    expect(view.unknownLegacyRefs).toEqual(['A.99.1.1']);
  });

  it('suggests a status only from the statuses given', () => {
    expect(suggestStatus([])).toBeNull();
    expect(suggestStatus(['not_applicable', 'implemented'])).toBe('implemented');
    expect(suggestStatus(['not_started', 'not_applicable'])).toBe('not_started');
    expect(suggestStatus(['not_started', 'partial'])).toBe('partial');
    expect(suggestStatus(['not_applicable', 'not_applicable'])).toBe('not_applicable');
  });
});
