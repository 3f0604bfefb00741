/**
 * The ISO/IEC 27001:2013 Annex A controls and the 2022 controls each one became, as published in
 * ISO/IEC 27002:2022 Annex B (table B.2). Ids and titles are facts; no text of either standard is kept.
 */
import { z } from 'zod';
import type { Catalogue } from './catalogue.schema.ts';
import { DataFileError, readJsonFile } from './load-json-data.ts';

const text = z.string().trim().min(1);

/** One 2013 Annex A control and the 2022 catalogue control ids it maps to. */
export const legacyControlSchema = z.strictObject({
  ref: z.string().regex(/^A\.[0-9]+\.[0-9]+\.[0-9]+$/, 'a 2013 control ref looks like "A.5.1.1"'),
  title: text,
  targets: z.array(z.string().regex(/^iso27001:2022:A\.[5-8]\.[0-9]+$/, 'a target is a 2022 control id')).min(1),
});

/** The whole 2013 → 2022 mapping file. */
export const legacyMappingSchema = z.strictObject({
  id: z.literal('iso27001:2013-to-2022'),
  version: z.string().regex(/^[0-9]{4}\.[0-9]+\.[0-9]+$/),
  title: text,
  source: text,
  domains: z.array(z.strictObject({ ref: z.string().regex(/^A\.[0-9]+$/), title: text })).length(14),
  controls: z.array(legacyControlSchema).min(1),
});

export type LegacyControl = z.infer<typeof legacyControlSchema>;
export type LegacyMapping = z.infer<typeof legacyMappingSchema>;

/** Location of the mapping file, resolved relative to this module. */
export const LEGACY_MAPPING_FILE_URL = new URL('../data/iso27001-2013-to-2022.json', import.meta.url);

/** The 2013 domain ("A.9") a control ref ("A.9.2.3") belongs to. */
export function legacyDomainOf(ref: string): string {
  return ref.split('.').slice(0, 2).join('.');
}

/**
 * Lists problems a schema cannot see: repeated refs or targets, unknown domains, and targets that are
 * not controls of the given 2022 catalogue. Returns an empty array when the mapping is sound.
 */
export function findLegacyMappingProblems(mapping: LegacyMapping, catalogue: Catalogue): string[] {
  const problems: string[] = [];
  const controlIds = new Set(catalogue.controls.map((c) => c.id));
  const domainRefs = new Set(mapping.domains.map((d) => d.ref));
  const seen = new Set<string>();
  for (const control of mapping.controls) {
    if (seen.has(control.ref)) problems.push(`2013 control ${control.ref} is listed more than once`);
    seen.add(control.ref);
    if (!domainRefs.has(legacyDomainOf(control.ref))) problems.push(`2013 control ${control.ref} has no domain`);
    if (new Set(control.targets).size !== control.targets.length) problems.push(`${control.ref} repeats a target`);
    for (const target of control.targets) {
      if (!controlIds.has(target)) problems.push(`${control.ref} maps to "${target}", which is not a 2022 control`);
    }
  }
  return problems;
}

/**
 * Reads and checks the bundled 2013 → 2022 mapping against the 2022 catalogue.
 * @throws DataFileError when the file fails its schema or refers to controls the catalogue lacks.
 */
export function loadLegacyMapping(catalogue: Catalogue, url: URL = LEGACY_MAPPING_FILE_URL): LegacyMapping {
  const mapping = readJsonFile(legacyMappingSchema, url);
  const problems = findLegacyMappingProblems(mapping, catalogue);
  if (problems.length > 0) throw new DataFileError(url.pathname, problems);
  return mapping;
}
