/**
 * Our ISO/IEC 27001:2022 catalogue as an OSCAL 1.1.3 catalog: a group of clauses 4 to 10 (sub-clauses
 * as controls, nested as in the standard) and a group of the four Annex A themes with their controls.
 * Numbers and titles are facts; the guidance parts are Custodian's own words. No text of the standard.
 */
import type { Catalogue, Clause, Control, Guidance } from '../catalogue.schema.ts';
import { CUSTODIAN_OSCAL_NS, oscalIdFor, uuidV5 } from './oscal-ids.ts';

export const OSCAL_VERSION = '1.1.3';

interface OscalProp {
  name: string;
  value: string;
  ns?: string;
}

interface OscalPart {
  id: string;
  name: string;
  prose: string;
}

export interface ExportedControl {
  id: string;
  class: string;
  title: string;
  props: OscalProp[];
  parts?: OscalPart[];
  controls?: ExportedControl[];
}

export interface ExportedGroup {
  id: string;
  class: string;
  title: string;
  props?: OscalProp[];
  groups?: ExportedGroup[];
  controls?: ExportedControl[];
}

/** The exported document, shaped as OSCAL's JSON schema expects. */
export interface OscalCatalogExport {
  catalog: {
    uuid: string;
    metadata: {
      title: string;
      'last-modified': string;
      version: string;
      'oscal-version': string;
      props: OscalProp[];
      remarks: string;
    };
    groups: ExportedGroup[];
  };
}

export interface CatalogExportOptions {
  /** When the export was made, ISO 8601 with a time zone (e.g. `new Date().toISOString()`). */
  readonly lastModified: string;
}

function guidanceParts(oscalId: string, guidance: Guidance | null): OscalPart[] | undefined {
  if (guidance === null) return undefined;
  const evidence = guidance.evidence.map((e) => `- ${e}`).join('\n');
  return [
    {
      id: `${oscalId}_gdn`,
      name: 'guidance',
      prose: `${guidance.meaning}\n\nEvidence an auditor may ask to see:\n\n${evidence}`,
    },
  ];
}

function ownProps(catalogueId: string, ref: string): OscalProp[] {
  return [
    { name: 'label', value: ref },
    { name: 'catalogue-id', value: catalogueId, ns: CUSTODIAN_OSCAL_NS },
  ];
}

function clauseControl(clause: Clause, children: ReadonlyMap<string, Clause[]>): ExportedControl {
  const id = oscalIdFor(clause.id);
  const props = ownProps(clause.id, clause.ref);
  if (clause.stage !== null) props.push({ name: 'certification-stage', value: String(clause.stage), ns: CUSTODIAN_OSCAL_NS });
  const parts = guidanceParts(id, clause.guidance);
  const nested = (children.get(clause.id) ?? []).map((c) => clauseControl(c, children));
  return {
    id,
    class: 'clause',
    title: clause.title,
    props,
    ...(parts === undefined ? {} : { parts }),
    ...(nested.length === 0 ? {} : { controls: nested }),
  };
}

function annexControl(control: Control): ExportedControl {
  const id = oscalIdFor(control.id);
  const props = ownProps(control.id, control.ref);
  const a = control.attributes;
  const families: [string, readonly string[]][] = [
    ['control-type', a.controlType],
    ['security-property', a.securityProperties],
    ['cybersecurity-concept', a.cybersecurityConcepts],
    ['operational-capability', a.operationalCapabilities],
    ['security-domain', a.securityDomains],
  ];
  for (const [name, values] of families) for (const value of values) props.push({ name, value, ns: CUSTODIAN_OSCAL_NS });
  return { id, class: 'annex-a-control', title: control.title, props, parts: guidanceParts(id, control.guidance) ?? [] };
}

/** The uuid of the catalog export for a catalogue version: stable across exports of the same version. */
export function catalogExportUuid(catalogue: Catalogue): string {
  return uuidV5(`catalog|${catalogue.id}|${catalogue.version}`);
}

/** Builds the OSCAL 1.1.3 catalog for our catalogue. Pure. */
export function exportOscalCatalog(catalogue: Catalogue, options: CatalogExportOptions): OscalCatalogExport {
  const children = new Map<string, Clause[]>();
  for (const clause of catalogue.clauses) {
    if (clause.parent === null) continue;
    children.set(clause.parent, [...(children.get(clause.parent) ?? []), clause]);
  }
  const clauseGroups = catalogue.clauses
    .filter((c) => c.parent === null)
    .map((top): ExportedGroup => ({
      id: oscalIdFor(top.id),
      class: 'clause',
      title: top.title,
      props: ownProps(top.id, top.ref),
      controls: (children.get(top.id) ?? []).map((c) => clauseControl(c, children)),
    }));
  const themeGroups = catalogue.themes.map((theme): ExportedGroup => ({
    id: `theme-${theme.ref}`,
    class: 'annex-a-theme',
    title: theme.title,
    props: [{ name: 'label', value: `A.${theme.ref}` }],
    controls: catalogue.controls.filter((c) => c.theme === theme.id).map(annexControl),
  }));
  return {
    catalog: {
      uuid: catalogExportUuid(catalogue),
      metadata: {
        title: `${catalogue.title} requirements and Annex A controls, with Custodian guidance`,
        'last-modified': options.lastModified,
        version: catalogue.version,
        'oscal-version': OSCAL_VERSION,
        props: [{ name: 'catalogue-id', value: catalogue.id, ns: CUSTODIAN_OSCAL_NS }],
        remarks:
          'Clause and control numbers and titles are those of ISO/IEC 27001:2022. The guidance is written by Custodian for Australian healthcare providers and is not text of the standard; read the standard itself for its requirements.',
      },
      groups: [
        { id: 'clauses', class: 'clauses', title: 'Clauses 4 to 10', groups: clauseGroups },
        { id: 'annex-a', class: 'annex-a', title: 'Annex A controls', groups: themeGroups },
      ],
    },
  };
}

/** A profile that selects every control of the exported catalog, for an SSP's import-profile to name. */
export function exportOscalProfile(
  catalogue: Catalogue,
  options: CatalogExportOptions & { readonly catalogHref: string },
): { profile: { uuid: string; metadata: OscalCatalogExport['catalog']['metadata']; imports: { href: string; 'include-all': Record<string, never> }[] } } {
  const { catalog } = exportOscalCatalog(catalogue, options);
  return {
    profile: {
      uuid: uuidV5(`profile|${catalogue.id}|${catalogue.version}`),
      metadata: { ...catalog.metadata, title: `${catalogue.title}: every clause and Annex A control` },
      imports: [{ href: options.catalogHref, 'include-all': {} }],
    },
  };
}
