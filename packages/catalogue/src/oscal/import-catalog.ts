/**
 * A general OSCAL 1.1.x catalog importer: any catalog (groups and controls nested to any depth, params,
 * parts with prose, props such as label and sort-id) becomes a neutral framework model that the rest
 * of Custodian can map to Annex A without knowing OSCAL.
 */
import { readFileSync } from 'node:fs';
import { DataFileError, decodeJson, describeIssues } from '../load-json-data.ts';
import { oscalCatalogDocumentSchema, type OscalControl, type OscalGroup, type OscalParam, type OscalPart, type OscalProperty } from './oscal-catalog.schema.ts';

/** A property as the framework model keeps it. */
export interface FrameworkProperty {
  readonly name: string;
  readonly value: string;
  readonly ns: string | null;
}

/** One control of the imported catalog (an enhancement is a requirement too, with its parent's id). */
export interface FrameworkRequirement {
  readonly id: string;
  readonly class: string | null;
  /** The `label` property when present ("AC-1", "A.5.1"), else null. */
  readonly label: string | null;
  readonly title: string;
  /** The statement part's prose, sub-items on their own lines, parameters shown by label; null if none. */
  readonly statement: string | null;
  /** The guidance part's prose, when the catalog has one. */
  readonly guidance: string | null;
  /** Titles of the enclosing groups, outermost first (empty for a control at the top). */
  readonly groupPath: readonly string[];
  /** Ids of the enclosing groups that have one, outermost first. */
  readonly groupIds: readonly string[];
  readonly parentId: string | null;
  readonly sortId: string | null;
  readonly properties: readonly FrameworkProperty[];
}

/** A framework read from an OSCAL catalog. */
export interface Framework {
  /** Caller-chosen id, else `oscal:<catalog uuid>`. */
  readonly id: string;
  readonly uuid: string;
  readonly title: string;
  readonly version: string;
  readonly lastModified: string;
  readonly oscalVersion: string;
  /** Every control at every depth, in document order (a parent before its enhancements). */
  readonly requirements: readonly FrameworkRequirement[];
}

export interface ImportOptions {
  readonly frameworkId?: string;
  /** Named in error messages, e.g. the file path. */
  readonly source?: string;
}

/** Error thrown when a file is not an OSCAL 1.1.x catalog the importer can read. */
export class OscalImportError extends DataFileError {
  constructor(source: string, problems: readonly string[]) {
    super(source, problems);
    this.name = 'OscalImportError';
  }
}

function toProperty(p: OscalProperty): FrameworkProperty {
  return { name: p.name, value: p.value, ns: p.ns ?? null };
}

/** OSCAL's own namespace: a property in it (or with no ns) has the meaning OSCAL defines. */
const OSCAL_NS = 'http://csrc.nist.gov/ns/oscal';

function propValue(props: readonly OscalProperty[] | undefined, name: string): string | null {
  return props?.find((p) => p.name === name && (p.ns === undefined || p.ns === OSCAL_NS))?.value ?? null;
}

/** Replaces `{{ insert: param, id }}` with the parameter's value, else its label in brackets, else its id. */
function insertParams(prose: string, params: ReadonlyMap<string, OscalParam>): string {
  return prose.replace(/\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}/g, (_m, id: string) => {
    const param = params.get(id);
    const value = param?.values?.join(', ');
    if (value !== undefined && value !== '') return value;
    return `[${param?.label ?? id}]`;
  });
}

function partText(part: OscalPart, params: ReadonlyMap<string, OscalParam>): string {
  const label = propValue(part.props, 'label');
  const own = part.prose === undefined ? '' : insertParams(part.prose.trim(), params);
  const head = [label, own].filter((s) => s !== null && s !== '').join(' ');
  const children = (part.parts ?? []).map((child) => partText(child, params)).filter((s) => s !== '');
  return [head, ...children].filter((s) => s !== '').join('\n');
}

function namedPartText(control: OscalControl, name: string, params: ReadonlyMap<string, OscalParam>): string | null {
  const parts = (control.parts ?? []).filter((p) => p.name === name);
  const text = parts
    .map((p) => partText(p, params))
    .filter((s) => s !== '')
    .join('\n');
  return text === '' ? null : text;
}

interface Walk {
  readonly requirements: FrameworkRequirement[];
  readonly params: Map<string, OscalParam>;
}

function addParams(walk: Walk, params: readonly OscalParam[] | undefined): void {
  for (const p of params ?? []) walk.params.set(p.id, p);
}

function walkControl(walk: Walk, control: OscalControl, groups: readonly OscalGroup[], parentId: string | null): void {
  addParams(walk, control.params);
  walk.requirements.push({
    id: control.id,
    class: control.class ?? null,
    label: propValue(control.props, 'label'),
    title: control.title,
    statement: namedPartText(control, 'statement', walk.params),
    guidance: namedPartText(control, 'guidance', walk.params),
    groupPath: groups.map((g) => g.title),
    groupIds: groups.flatMap((g) => (g.id === undefined ? [] : [g.id])),
    parentId,
    sortId: propValue(control.props, 'sort-id'),
    properties: (control.props ?? []).map(toProperty),
  });
  for (const child of control.controls ?? []) walkControl(walk, child, groups, control.id);
}

function walkGroup(walk: Walk, group: OscalGroup, outer: readonly OscalGroup[]): void {
  addParams(walk, group.params);
  const path = [...outer, group];
  for (const control of group.controls ?? []) walkControl(walk, control, path, null);
  for (const inner of group.groups ?? []) walkGroup(walk, inner, path);
}

/**
 * Reads a decoded OSCAL 1.1.x catalog document (`{ "catalog": … }`) into the framework model.
 * @throws OscalImportError listing each problem by its path in the document.
 */
export function importOscalCatalog(data: unknown, options: ImportOptions = {}): Framework {
  const source = options.source ?? 'OSCAL catalog';
  const parsed = oscalCatalogDocumentSchema.safeParse(data);
  if (!parsed.success) throw new OscalImportError(source, describeIssues(parsed.error));
  const { catalog } = parsed.data;
  const walk: Walk = { requirements: [], params: new Map() };
  addParams(walk, catalog.params);
  for (const control of catalog.controls ?? []) walkControl(walk, control, [], null);
  for (const group of catalog.groups ?? []) walkGroup(walk, group, []);

  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const r of walk.requirements) {
    if (seen.has(r.id)) repeated.add(r.id);
    seen.add(r.id);
  }
  if (repeated.size > 0) {
    throw new OscalImportError(
      source,
      [...repeated].map((id) => `control id "${id}" is used more than once`),
    );
  }
  if (walk.requirements.length === 0) throw new OscalImportError(source, ['the catalog has no controls']);
  return {
    id: options.frameworkId ?? `oscal:${catalog.uuid}`,
    uuid: catalog.uuid,
    title: catalog.metadata.title,
    version: catalog.metadata.version,
    lastModified: catalog.metadata['last-modified'],
    oscalVersion: catalog.metadata['oscal-version'],
    requirements: walk.requirements,
  };
}

/**
 * Reads an OSCAL catalog JSON file into the framework model.
 * @throws OscalImportError (a DataFileError) when the file is not JSON or not a readable catalog.
 */
export function readOscalCatalogFile(url: URL, options: Omit<ImportOptions, 'source'> = {}): Framework {
  let data: unknown;
  try {
    data = decodeJson(readFileSync(url), url.pathname);
  } catch (err) {
    if (err instanceof DataFileError) throw new OscalImportError(url.pathname, err.problems);
    throw err;
  }
  return importOscalCatalog(data, { ...options, source: url.pathname });
}
