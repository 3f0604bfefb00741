import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importOscalCatalog, OscalImportError, readOscalCatalogFile } from './import-catalog.ts';
import { oscalSchemaErrors } from './oscal-schema-validator.ts';

const uuid = 'c6a4b0c1-2a3b-4c5d-8e9f-0a1b2c3d4e5f';

/** A small catalog using nesting, params, labelled sub-parts and props. */
function sample(): { catalog: Record<string, unknown> } {
  return {
    catalog: {
      uuid,
      metadata: { title: 'Sample', 'last-modified': '2026-12-01T00:00:00Z', version: '1.0', 'oscal-version': '1.1.3' },
      controls: [{ id: 'top-1', title: 'Top-level control', parts: [{ name: 'statement', prose: 'Do the top thing.' }] }],
      groups: [
        {
          id: 'g1',
          title: 'Outer',
          groups: [
            {
              title: 'Inner',
              controls: [
                {
                  id: 'ac-1',
                  class: 'SP800-53',
                  title: 'Policy',
                  params: [
                    { id: 'ac-1_prm_1', label: 'organisation-defined frequency' },
                    { id: 'ac-1_prm_2', values: ['yearly'] },
                  ],
                  props: [
                    { name: 'label', value: 'AC-1' },
                    { name: 'sort-id', value: 'ac-01' },
                    { name: 'level', value: 'high', ns: 'https://example.org/ns' },
                  ],
                  parts: [
                    {
                      name: 'statement',
                      prose: 'The organisation:',
                      parts: [
                        { name: 'item', props: [{ name: 'label', value: 'a.' }], prose: 'writes a policy every {{ insert: param, ac-1_prm_1 }};' },
                        { name: 'item', props: [{ name: 'label', value: 'b.' }], prose: 'reviews it {{ insert: param, ac-1_prm_2 }}.' },
                      ],
                    },
                    { name: 'guidance', prose: 'Some advice.' },
                  ],
                  controls: [{ id: 'ac-1.1', title: 'Enhancement' }],
                },
              ],
            },
          ],
        },
      ],
    },
  };
}

function problemsOf(data: unknown): readonly string[] {
  try {
    importOscalCatalog(data, { source: 'sample.json' });
  } catch (err) {
    if (err instanceof OscalImportError) return err.problems;
    throw err;
  }
  throw new Error('expected the import to fail');
}

describe('importOscalCatalog', () => {
  it('the sample is a valid OSCAL 1.1.3 catalog, so the importer is tested on real OSCAL', () => {
    expect(oscalSchemaErrors(sample())).toEqual([]);
  });

  it('reads metadata and every control at every depth in document order', () => {
    const framework = importOscalCatalog(sample());
    expect(framework).toMatchObject({ id: `oscal:${uuid}`, uuid, title: 'Sample', version: '1.0', oscalVersion: '1.1.3' });
    expect(framework.requirements.map((r) => [r.id, r.parentId, r.groupPath])).toEqual([
      ['top-1', null, []],
      ['ac-1', null, ['Outer', 'Inner']],
      ['ac-1.1', 'ac-1', ['Outer', 'Inner']],
    ]);
    expect(importOscalCatalog(sample(), { frameworkId: 'nist:800-53' }).id).toBe('nist:800-53');
  });

  it('keeps label, sort-id, class, group ids and properties, and renders the statement with parameters', () => {
    const ac1 = importOscalCatalog(sample()).requirements[1];
    expect(ac1).toMatchObject({ label: 'AC-1', sortId: 'ac-01', class: 'SP800-53', groupIds: ['g1'], guidance: 'Some advice.' });
    expect(ac1?.statement).toBe('The organisation:\na. writes a policy every [organisation-defined frequency];\nb. reviews it yearly.');
    expect(ac1?.properties).toContainEqual({ name: 'level', value: 'high', ns: 'https://example.org/ns' });
    expect(importOscalCatalog(sample()).requirements[2]).toMatchObject({ statement: null, label: null });
  });

  it("takes label and sort-id only from OSCAL's own namespace", () => {
    const foreign = sample();
    foreign.catalog.controls = [
      { id: 'x-1', title: 'Foreign label', props: [{ name: 'label', value: 'NOT-IT', ns: 'https://example.org/ns' }] },
      { id: 'x-2', title: 'OSCAL label', props: [{ name: 'label', value: 'X-2', ns: 'http://csrc.nist.gov/ns/oscal' }] },
    ];
    const [x1, x2] = importOscalCatalog(foreign).requirements;
    expect(x1?.label).toBeNull();
    expect(x1?.properties).toEqual([{ name: 'label', value: 'NOT-IT', ns: 'https://example.org/ns' }]);
    expect(x2?.label).toBe('X-2');
  });

  it('names the path of each problem in a malformed file', () => {
    const bad = sample();
    const metadata = bad.catalog.metadata as Record<string, unknown>;
    metadata['oscal-version'] = '1.0.4';
    bad.catalog.uuid = 'not-a-uuid';
    const problems = problemsOf(bad);
    expect(problems).toContain('catalog.uuid: must be a version 4 or 5 UUID');
    expect(problems).toContain('catalog.metadata.oscal-version: this importer reads OSCAL 1.1.x; the file declares another version');
  });

  it('rejects a control without a title deep in the tree, a missing catalog, and repeated ids', () => {
    const untitled = sample();
    const groups = untitled.catalog.groups as { groups: { controls: Record<string, unknown>[] }[] }[];
    const control = groups[0]?.groups[0]?.controls[0];
    if (control === undefined) throw new Error('sample changed');
    delete control.title;
    expect(problemsOf(untitled).join('\n')).toMatch(/^catalog\.groups\.0\.groups\.0\.controls\.0\.title: /);
    expect(problemsOf({ profile: {} })).toEqual(['catalog: Invalid input: expected object, received undefined']);
    const repeated = sample();
    (repeated.catalog.controls as { id: string }[]).push({ id: 'ac-1', title: 'Again' } as { id: string });
    expect(problemsOf(repeated)).toEqual(['control id "ac-1" is used more than once']);
  });

  it('says which file is not JSON', () => {
    const url = new URL('../../data/ism-oscal/README.md', import.meta.url);
    expect(() => readOscalCatalogFile(url)).toThrow(OscalImportError);
    expect(() => readOscalCatalogFile(url)).toThrow(/README\.md is invalid[\s\S]*not valid UTF-8 JSON/);
  });

  it('refuses a catalog with no controls', () => {
    const empty = sample();
    delete empty.catalog.controls;
    delete empty.catalog.groups;
    expect(problemsOf(empty)).toEqual(['the catalog has no controls']);
  });
});

describe('the bundled ASD Essential Eight files', () => {
  for (const level of [1, 2, 3]) {
    it(`ML${level} validates against the NIST OSCAL 1.1.3 schema`, () => {
      const url = new URL(`../../data/ism-oscal/ISM_E8_ML${level}-baseline-resolved-profile_catalog.json`, import.meta.url);
      expect(oscalSchemaErrors(JSON.parse(readFileSync(url, 'utf8')))).toEqual([]);
    });
  }

  it('the schema check can fail: a catalog without metadata is rejected', () => {
    const broken = sample();
    delete broken.catalog.metadata;
    expect(oscalSchemaErrors(broken).length).toBeGreaterThan(0);
  });
});
