/**
 * The Australian Privacy Principles (Privacy Act 1988 (Cth), Schedule 1) mapped to Annex A controls.
 * Numbers and titles are facts; summaries, the mapping and its reasons are our own judgement.
 */
import { z } from 'zod';
import type { MappedRequirement } from '@custodian/shared/domain/framework-coverage.ts';
import type { Catalogue } from './catalogue.schema.ts';
import { DataFileError, readJsonFile } from './load-json-data.ts';

const text = z.string().trim().min(1);

export const privacyPrincipleSchema = z.strictObject({
  number: z.number().int().min(1).max(13),
  title: text,
  summary: text,
  annexA: z.array(z.string().regex(/^iso27001:2022:A\.[5-8]\.[0-9]+$/, 'an Annex A control id')).min(1),
  reasoning: text,
});

export const privacyPrinciplesSchema = z.strictObject({
  id: z.literal('oaic:app'),
  version: z.string().regex(/^[0-9]{4}\.[0-9]+\.[0-9]+$/),
  title: text,
  legalBasis: text,
  source: text,
  principles: z.array(privacyPrincipleSchema).length(13),
});

export type PrivacyPrinciple = z.infer<typeof privacyPrincipleSchema>;
export type PrivacyPrinciples = z.infer<typeof privacyPrinciplesSchema>;

export const PRIVACY_PRINCIPLES_FILE_URL = new URL('../data/app-to-annex-a.json', import.meta.url);

/** The requirement id of a principle, as coverage results carry it: "APP 11". */
export function principleId(number: number): string {
  return `APP ${number}`;
}

/**
 * Problems a schema cannot see: principles out of order or repeated, repeated or unknown controls.
 * Returns an empty array when the mapping is sound.
 */
export function findPrivacyMappingProblems(data: PrivacyPrinciples, catalogue: Catalogue): string[] {
  const problems: string[] = [];
  const controlIds = new Set(catalogue.controls.map((c) => c.id));
  data.principles.forEach((p, i) => {
    if (p.number !== i + 1) problems.push(`principle ${i + 1} is numbered ${p.number}`);
    if (new Set(p.annexA).size !== p.annexA.length) problems.push(`APP ${p.number} lists a control twice`);
    for (const id of p.annexA) if (!controlIds.has(id)) problems.push(`APP ${p.number} maps to "${id}", which is not a control`);
  });
  return problems;
}

/**
 * Reads and checks the bundled APP → Annex A mapping.
 * @throws DataFileError when the file fails its schema or refers to controls the catalogue lacks.
 */
export function loadPrivacyPrinciples(catalogue: Catalogue): PrivacyPrinciples {
  const data = readJsonFile(privacyPrinciplesSchema, PRIVACY_PRINCIPLES_FILE_URL);
  const problems = findPrivacyMappingProblems(data, catalogue);
  if (problems.length > 0) throw new DataFileError(PRIVACY_PRINCIPLES_FILE_URL.pathname, problems);
  return data;
}

/** Every principle with its Annex A controls, for assessFrameworkCoverage. */
export function privacyPrinciplesMapping(data: PrivacyPrinciples): MappedRequirement[] {
  return data.principles.map((p) => ({ id: principleId(p.number), controlIds: p.annexA }));
}
