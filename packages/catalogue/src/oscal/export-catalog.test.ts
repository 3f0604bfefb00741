import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../load-catalogue.ts';
import { exportOscalCatalog, exportOscalProfile, type ExportedControl, type ExportedGroup } from './export-catalog.ts';
import { importOscalCatalog } from './import-catalog.ts';
import { oscalIdFor, uuidV5 } from './oscal-ids.ts';
import { oscalSchemaErrors } from './oscal-schema-validator.ts';

const { catalogue } = loadCatalogue();
const lastModified = '2026-12-03T21:00:00.000Z';
const exported = exportOscalCatalog(catalogue, { lastModified });

function allControls(groups: readonly ExportedGroup[]): ExportedControl[] {
  const walk = (controls: readonly ExportedControl[]): ExportedControl[] => controls.flatMap((c) => [c, ...walk(c.controls ?? [])]);
  return groups.flatMap((g) => [...walk(g.controls ?? []), ...allControls(g.groups ?? [])]);
}

describe('OSCAL catalog export', () => {
  it('is valid against the NIST OSCAL 1.1.3 schema', () => {
    expect(oscalSchemaErrors(exported)).toEqual([]);
  });

  it('carries the metadata OSCAL asks for', () => {
    expect(exported.catalog.metadata).toMatchObject({
      'last-modified': lastModified,
      version: catalogue.version,
      'oscal-version': '1.1.3',
    });
    expect(exported.catalog.uuid).toBe(exportOscalCatalog(catalogue, { lastModified: '2027-01-01T00:00:00Z' }).catalog.uuid);
  });

  it('groups clauses 4 to 10 and the four Annex A themes', () => {
    const [clauses, annex] = exported.catalog.groups;
    expect(clauses?.groups?.map((g) => g.id)).toEqual(['clause-4', 'clause-5', 'clause-6', 'clause-7', 'clause-8', 'clause-9', 'clause-10']);
    expect(annex?.groups?.map((g) => [g.id, g.title, g.controls?.length])).toEqual([
      ['theme-5', 'Organisational controls', 37],
      ['theme-6', 'People controls', 8],
      ['theme-7', 'Physical controls', 14],
      ['theme-8', 'Technological controls', 34],
    ]);
  });

  it('exports every sub-clause and control once, with our guidance and no statement of the standard', () => {
    const controls = allControls(exported.catalog.groups);
    const expectedIds = [
      ...catalogue.clauses.filter((c) => c.parent !== null).map((c) => oscalIdFor(c.id)),
      ...catalogue.controls.map((c) => oscalIdFor(c.id)),
    ];
    expect(controls.map((c) => c.id).sort()).toEqual(expectedIds.sort());
    expect(controls.some((c) => (c.parts ?? []).some((p) => p.name === 'statement'))).toBe(false);
    const a51 = controls.find((c) => c.id === 'a-5.1');
    const meaning = catalogue.controls.find((c) => c.ref === 'A.5.1')?.guidance.meaning ?? 'missing';
    expect(a51?.parts?.[0]?.prose.startsWith(meaning)).toBe(true);
    expect(a51?.props).toContainEqual({ name: 'label', value: 'A.5.1' });
  });

  it('round-trips through the general importer with the same control ids and titles', () => {
    const framework = importOscalCatalog(structuredClone(exported));
    const expected = [
      ...catalogue.clauses.filter((c) => c.parent !== null).map((c) => [oscalIdFor(c.id), c.title, c.ref]),
      ...catalogue.controls.map((c) => [oscalIdFor(c.id), c.title, c.ref]),
    ];
    const got = framework.requirements.map((r) => [r.id, r.title, r.label]);
    expect(got).toEqual(expected);
    const catalogueIds = framework.requirements.map((r) => r.properties.find((p) => p.name === 'catalogue-id')?.value);
    expect(new Set(catalogueIds).size).toBe(expected.length);
    expect(framework.requirements.find((r) => r.id === 'a-8.8')?.groupPath).toEqual(['Annex A controls', 'Technological controls']);
  });

  it('writes a profile selecting the whole catalog, also schema-valid', () => {
    const profile = exportOscalProfile(catalogue, { lastModified, catalogHref: 'iso27001-2022-catalog.json' });
    expect(oscalSchemaErrors(profile)).toEqual([]);
    expect(profile.profile.imports).toEqual([{ href: 'iso27001-2022-catalog.json', 'include-all': {} }]);
  });
});

describe('OSCAL ids', () => {
  it('makes version 5 UUIDs that match the RFC test vector and differ by name', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('a')).not.toBe(uuidV5('b'));
  });

  it('turns catalogue ids into OSCAL tokens and refuses anything else', () => {
    expect(oscalIdFor('iso27001:2022:A.8.15')).toBe('a-8.15');
    expect(oscalIdFor('iso27001:2022:6.1.2')).toBe('clause-6.1.2');
    expect(() => oscalIdFor('iso27001:2022:doc:isms-scope')).toThrow(/neither a clause nor/);
    expect(() => oscalIdFor('A.5.1')).toThrow(/not a catalogue id/);
  });
});
