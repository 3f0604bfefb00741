import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../load-catalogue.ts';
import { exportOscalSsp, implementationState, type SspControlInput, type SspInput } from './export-ssp.ts';
import { oscalSchemaErrors } from './oscal-schema-validator.ts';

const { catalogue } = loadCatalogue();
const generatedAt = '2026-12-03T10:30:00+11:00';

function control(ref: string, overrides: Partial<SspControlInput> = {}): SspControlInput {
  return {
    id: `iso27001:2022:${ref}`,
    applicable: true,
    justification: 'Needed to protect patient records.',
    status: 'implemented',
    implementationDescription: 'Described in the practice access policy.',
    ownerName: 'Dr Priya Nair',
    evidenceTitles: ['Access policy v3', 'Quarterly access review (demo)'],
    ...overrides,
  };
}

const input: SspInput = {
  organisationName: 'Harbourside Family Practice (demo)',
  generatedAt,
  catalogue,
  scopeStatement: 'Clinical and administrative services at the Manly clinic, including the practice management system.',
  controls: [
    control('A.5.15'),
    control('A.8.8', { status: 'partial', ownerName: 'Sam Lee', evidenceTitles: ['Patch report', 'Patch report', ' '] }),
    control('A.7.4', { applicable: false, status: 'not_applicable', justification: 'No premises of our own to monitor.', ownerName: null, evidenceTitles: [] }),
    control('A.8.1', { status: 'not_started', implementationDescription: '  ', ownerName: 'Dr Priya Nair', evidenceTitles: [] }),
  ],
};
const ssp = exportOscalSsp(input)['system-security-plan'];
const byControl = new Map(ssp['control-implementation']['implemented-requirements'].map((r) => [r['control-id'], r]));

describe('OSCAL system security plan', () => {
  it('is valid against the NIST OSCAL 1.1.3 schema, with and without optional parts', () => {
    expect(oscalSchemaErrors(exportOscalSsp(input))).toEqual([]);
    const bare = exportOscalSsp({ organisationName: 'Bare Clinic', generatedAt, catalogue, controls: [] });
    expect(oscalSchemaErrors(bare)).toEqual([]);
    expect(bare['system-security-plan']['back-matter']).toBeUndefined();
  });

  it('the schema check catches an id that is not an OSCAL token', () => {
    const broken = exportOscalSsp(input);
    const first = broken['system-security-plan']['control-implementation']['implemented-requirements'][0];
    if (first === undefined) throw new Error('no requirements');
    first['control-id'] = 'iso27001:2022:A.5.1';
    expect(oscalSchemaErrors(broken).join('\n')).toMatch(/control-id/);
  });

  it('lists every Annex A control once, in catalogue order', () => {
    const ids = ssp['control-implementation']['implemented-requirements'].map((r) => r['control-id']);
    expect(ids).toHaveLength(93);
    expect(ids[0]).toBe('a-5.1');
    expect(ids.at(-1)).toBe('a-8.34');
  });

  it('maps our four statuses to OSCAL implementation states', () => {
    const state = (id: string): string | undefined => byControl.get(id)?.['by-components'][0]?.['implementation-status'].state;
    expect(state('a-5.15')).toBe('implemented');
    expect(state('a-8.8')).toBe('partial');
    expect(state('a-8.1')).toBe('planned');
    expect(state('a-7.4')).toBe('not-applicable');
    expect(state('a-5.1')).toBe('planned');
    expect(implementationState({ applicable: false, status: 'implemented' })).toBe('not-applicable');
  });

  it('carries justification, description, owner and evidence', () => {
    const a74 = byControl.get('a-7.4');
    expect(a74?.remarks).toBe('No premises of our own to monitor.');
    expect(a74?.props).toContainEqual({ name: 'applicable', value: 'no', ns: 'urn:custodian:oscal' });
    const a815 = byControl.get('a-5.15')?.['by-components'][0];
    expect(a815?.description).toBe('Described in the practice access policy.');
    const parties = new Map(ssp.metadata.parties.map((p) => [p.uuid, p.name]));
    expect(a815?.['responsible-roles']?.[0]?.['party-uuids'].map((u) => parties.get(u))).toEqual(['Dr Priya Nair']);
    expect(ssp.metadata.parties.filter((p) => p.type === 'person').map((p) => p.name)).toEqual(['Dr Priya Nair', 'Sam Lee']);
    const resources = new Map((ssp['back-matter']?.resources ?? []).map((r) => [`#${r.uuid}`, r.title]));
    expect(a815?.links?.map((l) => resources.get(l.href))).toEqual(['Access policy v3', 'Quarterly access review (demo)']);
    expect(byControl.get('a-8.8')?.['by-components'][0]?.links?.map((l) => l.text)).toEqual(['Patch report']);
  });

  it('says plainly when nothing is recorded, rather than inventing a description', () => {
    expect(byControl.get('a-8.1')?.['by-components'][0]?.description).toBe('No implementation description is recorded.');
    expect(byControl.get('a-5.1')?.['by-components'][0]?.description).toBe('Nothing is recorded for this control yet.');
    expect(byControl.get('a-5.1')?.['by-components'][0]?.['responsible-roles']).toBeUndefined();
  });

  it('describes the ISMS as the system, with the scope as its boundary', () => {
    const sc = ssp['system-characteristics'];
    expect(sc['system-name']).toBe('Harbourside Family Practice (demo) information security management system');
    expect(sc['authorization-boundary'].description).toBe(input.scopeStatement);
    expect(sc.status.state).toBe('other');
    expect(ssp['import-profile'].href).toBe('iso27001-2022-profile.json');
    expect(ssp.metadata['last-modified']).toBe(generatedAt);
  });

  it('keeps uuids stable across exports, except the document uuid when the time changes', () => {
    const again = exportOscalSsp({ ...input, generatedAt: '2026-12-04T09:00:00+11:00' })['system-security-plan'];
    expect(again['control-implementation']['implemented-requirements'][0]?.uuid).toBe(ssp['control-implementation']['implemented-requirements'][0]?.uuid);
    expect(again.uuid).not.toBe(ssp.uuid);
  });

  it('refuses an unknown or repeated control and an empty organisation name', () => {
    expect(() => exportOscalSsp({ ...input, controls: [control('A.9.1')] })).toThrow(/"iso27001:2022:A.9.1" is not an Annex A control/);
    expect(() => exportOscalSsp({ ...input, controls: [control('A.5.1'), control('A.5.1')] })).toThrow(/more than once/);
    expect(() => exportOscalSsp({ ...input, organisationName: '  ' })).toThrow(/organisation name is empty/);
  });
});
