/**
 * An OSCAL 1.1.3 system security plan built from an organisation's Statement of Applicability.
 *
 * Why an SSP and not a component definition: every part OSCAL requires of an SSP can be filled from
 * what Custodian holds without inventing facts. The "system" is the organisation's ISMS; its status is
 * "other" (an ISMS is not an authorised information system), the boundary is the ISMS scope, the one
 * information type is "information within the ISMS scope", and the profile is the whole-catalogue profile
 * from export-catalog.ts. Each Annex A control becomes an implemented requirement with one by-component
 * entry for the ISMS, carrying the status, the implementation description, the owner as a responsible
 * party and the evidence titles as back-matter resources. Pure: the caller supplies the clock.
 */
import type { GapStatus } from '@custodian/shared/contracts/gap.ts';
import type { Catalogue } from '../catalogue.schema.ts';
import { OSCAL_VERSION } from './export-catalog.ts';
import { CUSTODIAN_OSCAL_NS, oscalIdFor, uuidV5 } from './oscal-ids.ts';

/** What the organisation recorded for one Annex A control. */
export interface SspControlInput {
  /** Catalogue id, e.g. "iso27001:2022:A.5.1". */
  readonly id: string;
  readonly applicable: boolean;
  /** Why the control is included or excluded (the SoA justification). */
  readonly justification: string | null;
  readonly status: GapStatus;
  readonly implementationDescription: string | null;
  readonly ownerName: string | null;
  readonly evidenceTitles: readonly string[];
}

export interface SspInput {
  readonly organisationName: string;
  /** ISO 8601 with a time zone. */
  readonly generatedAt: string;
  readonly catalogue: Catalogue;
  /** One entry per control the organisation recorded; controls left out are reported as not started. */
  readonly controls: readonly SspControlInput[];
  /** The ISMS scope statement (clause 4.3), when recorded. */
  readonly scopeStatement?: string | null;
  /** Where the profile from exportOscalProfile will sit beside this file. */
  readonly profileHref?: string;
}

/** OSCAL implementation states, from our four statuses. */
export const IMPLEMENTATION_STATES: Readonly<Record<GapStatus, string>> = {
  implemented: 'implemented',
  partial: 'partial',
  not_started: 'planned',
  not_applicable: 'not-applicable',
};

export const DEFAULT_PROFILE_HREF = 'iso27001-2022-profile.json';

interface Prop {
  name: string;
  value: string;
  ns?: string;
}

interface Party {
  uuid: string;
  type: 'organization' | 'person';
  name: string;
}

interface Resource {
  uuid: string;
  title: string;
  props: Prop[];
}

interface ByComponent {
  'component-uuid': string;
  uuid: string;
  description: string;
  'implementation-status': { state: string; remarks?: string };
  'responsible-roles'?: { 'role-id': string; 'party-uuids': string[] }[];
  links?: { href: string; rel: string; text: string }[];
}

interface ImplementedRequirement {
  uuid: string;
  'control-id': string;
  props: Prop[];
  remarks?: string;
  'by-components': ByComponent[];
}

/** The SSP document, shaped as OSCAL's JSON schema expects. */
export interface OscalSspExport {
  'system-security-plan': {
    uuid: string;
    metadata: {
      title: string;
      'last-modified': string;
      version: string;
      'oscal-version': string;
      roles: { id: string; title: string }[];
      parties: Party[];
      'responsible-parties': { 'role-id': string; 'party-uuids': string[] }[];
      remarks: string;
    };
    'import-profile': { href: string };
    'system-characteristics': {
      'system-ids': { 'identifier-type': string; id: string }[];
      'system-name': string;
      description: string;
      'system-information': { 'information-types': { uuid: string; title: string; description: string }[] };
      status: { state: 'other'; remarks: string };
      'authorization-boundary': { description: string };
    };
    'system-implementation': {
      users: { uuid: string; title: string; 'role-ids': string[]; description: string }[];
      components: {
        uuid: string;
        type: 'this-system';
        title: string;
        description: string;
        status: { state: 'other'; remarks: string };
      }[];
    };
    'control-implementation': { description: string; 'implemented-requirements': ImplementedRequirement[] };
    'back-matter'?: { resources: Resource[] };
  };
}

/** The OSCAL state for a control: not applicable when either the flag or the status says so. */
export function implementationState(control: Pick<SspControlInput, 'applicable' | 'status'>): string {
  if (!control.applicable) return IMPLEMENTATION_STATES.not_applicable;
  return IMPLEMENTATION_STATES[control.status];
}

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * Builds the SSP. Controls are listed in catalogue order; a control with no entry is reported as
 * planned with a description saying nothing is recorded yet.
 * @throws Error when an entry names a control the catalogue lacks or a control appears twice.
 */
export function exportOscalSsp(input: SspInput): OscalSspExport {
  const org = input.organisationName.trim();
  if (org === '') throw new Error('The organisation name is empty');
  const key = (kind: string, id = ''): string => uuidV5(`ssp|${org}|${kind}|${id}`);
  const controlIds = new Set(input.catalogue.controls.map((c) => c.id));
  const entries = new Map<string, SspControlInput>();
  for (const entry of input.controls) {
    if (!controlIds.has(entry.id)) throw new Error(`"${entry.id}" is not an Annex A control of the catalogue`);
    if (entries.has(entry.id)) throw new Error(`"${entry.id}" appears more than once`);
    entries.set(entry.id, entry);
  }

  const orgParty: Party = { uuid: key('party'), type: 'organization', name: org };
  const owners = new Map<string, Party>();
  const resources: Resource[] = [];
  const componentUuid = key('component');

  const requirements = input.catalogue.controls.map((control): ImplementedRequirement => {
    const entry = entries.get(control.id);
    const state = entry === undefined ? IMPLEMENTATION_STATES.not_started : implementationState(entry);
    const justification = clean(entry?.justification);
    const description =
      clean(entry?.implementationDescription) ??
      (entry === undefined ? 'Nothing is recorded for this control yet.' : 'No implementation description is recorded.');
    const byComponent: ByComponent = {
      'component-uuid': componentUuid,
      uuid: key('by-component', control.id),
      description,
      'implementation-status': { state, ...(justification === null ? {} : { remarks: justification }) },
    };
    const ownerName = clean(entry?.ownerName);
    if (ownerName !== null) {
      const owner = owners.get(ownerName) ?? { uuid: key('owner', ownerName), type: 'person' as const, name: ownerName };
      owners.set(ownerName, owner);
      byComponent['responsible-roles'] = [{ 'role-id': 'control-owner', 'party-uuids': [owner.uuid] }];
    }
    const evidence = [...new Set((entry?.evidenceTitles ?? []).map((t) => t.trim()).filter((t) => t !== ''))];
    if (evidence.length > 0) {
      byComponent.links = evidence.map((title) => {
        const uuid = key('evidence', `${control.id}|${title}`);
        resources.push({ uuid, title, props: [{ name: 'type', value: 'evidence', ns: CUSTODIAN_OSCAL_NS }] });
        return { href: `#${uuid}`, rel: 'reference', text: title };
      });
    }
    const applicable = entry === undefined ? true : entry.applicable && entry.status !== 'not_applicable';
    return {
      uuid: key('requirement', control.id),
      'control-id': oscalIdFor(control.id),
      props: [
        { name: 'label', value: control.ref },
        { name: 'applicable', value: applicable ? 'yes' : 'no', ns: CUSTODIAN_OSCAL_NS },
      ],
      ...(justification === null ? {} : { remarks: justification }),
      'by-components': [byComponent],
    };
  });

  const scope = clean(input.scopeStatement);
  const systemName = `${org} information security management system`;
  return {
    'system-security-plan': {
      uuid: uuidV5(`ssp|${org}|document|${input.generatedAt}`),
      metadata: {
        title: `${org}: Statement of Applicability as a system security plan`,
        'last-modified': input.generatedAt,
        version: input.generatedAt,
        'oscal-version': OSCAL_VERSION,
        roles: [
          { id: 'isms-owner', title: 'Organisation that runs the ISMS' },
          { id: 'control-owner', title: 'Control owner' },
        ],
        parties: [orgParty, ...owners.values()],
        'responsible-parties': [{ 'role-id': 'isms-owner', 'party-uuids': [orgParty.uuid] }],
        remarks: `Generated by Custodian from the organisation's Statement of Applicability against ${input.catalogue.title} (catalogue ${input.catalogue.version}). Control numbers and titles are those of the standard; descriptions are the organisation's own.`,
      },
      'import-profile': { href: input.profileHref ?? DEFAULT_PROFILE_HREF },
      'system-characteristics': {
        'system-ids': [{ 'identifier-type': CUSTODIAN_OSCAL_NS, id: key('system') }],
        'system-name': systemName,
        description: `The information security management system (ISMS) that ${org} runs under ISO/IEC 27001:2022. This plan describes the ISMS and its Annex A controls, not a single IT system.`,
        'system-information': {
          'information-types': [
            {
              uuid: key('information-type'),
              title: 'Information within the ISMS scope',
              description: 'The information the organisation has placed within the scope of its ISMS, as described in its scope statement.',
            },
          ],
        },
        status: { state: 'other', remarks: 'An ISMS is run and improved continually; it is not an authorised information system.' },
        'authorization-boundary': {
          description: scope ?? "The scope of the ISMS as set out in the organisation's scope statement (clause 4.3), which is not included in this file.",
        },
      },
      'system-implementation': {
        users: [
          {
            uuid: key('users', 'control-owners'),
            title: 'Control owners',
            'role-ids': ['control-owner'],
            description: 'People named as owners of Annex A controls in the Statement of Applicability.',
          },
        ],
        components: [
          {
            uuid: componentUuid,
            type: 'this-system',
            title: systemName,
            description: `The ISMS of ${org} as a whole; every control below is implemented by it.`,
            status: { state: 'other', remarks: 'See the system status.' },
          },
        ],
      },
      'control-implementation': {
        description: `How ${org} applies each Annex A control of ISO/IEC 27001:2022, as recorded in its Statement of Applicability on ${input.generatedAt}.`,
        'implemented-requirements': requirements,
      },
      ...(resources.length === 0 ? {} : { 'back-matter': { resources } }),
    },
  };
}
