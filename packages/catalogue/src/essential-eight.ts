/**
 * The ASD Essential Eight as a framework Custodian can map to Annex A: the three maturity level
 * catalogs ASD publishes in OSCAL, read through the general importer, arranged by mitigation strategy
 * using our own assignment (data/essential-eight.json). © Commonwealth of Australia, CC BY 4.0.
 */
import { z } from 'zod';
import type { MappedRequirement, RequirementGroup } from '@custodian/shared/domain/framework-coverage.ts';
import type { Catalogue } from './catalogue.schema.ts';
import { DataFileError, readJsonFile } from './load-json-data.ts';
import { readOscalCatalogFile, type Framework } from './oscal/import-catalog.ts';

export const MATURITY_LEVELS = ['ML1', 'ML2', 'ML3'] as const;
export type MaturityLevel = (typeof MATURITY_LEVELS)[number];

const text = z.string().trim().min(1);
const ismId = z.string().regex(/^ism-[0-9]{4}$/, 'an ISM control id looks like "ism-1507"');
const annexId = z.string().regex(/^iso27001:2022:A\.[5-8]\.[0-9]+$/, 'an Annex A control id looks like "iso27001:2022:A.8.8"');

export const essentialEightDataSchema = z.strictObject({
  id: z.literal('asd:essential-eight'),
  version: z.string().regex(/^[0-9]{4}\.[0-9]+\.[0-9]+$/),
  title: text,
  ismRelease: text,
  attribution: text,
  source: text,
  strategies: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z]+(-[a-z]+)*$/),
        title: text,
        summary: text,
        ismControls: z.array(ismId).min(1),
        annexA: z.array(annexId).min(1),
        reasoning: text,
      }),
    )
    .length(8),
  requirementOverrides: z.array(z.strictObject({ ismControls: z.array(ismId).min(1), annexA: z.array(annexId).min(1), reasoning: text })),
});

export type EssentialEightData = z.infer<typeof essentialEightDataSchema>;

/** One ISM control as an Essential Eight requirement. */
export interface EssentialEightRequirement {
  readonly id: string;
  /** ASD's statement of the control, as published (CC BY 4.0). */
  readonly statement: string;
  /** The ISM section (innermost group) it sits in, e.g. "Application control". */
  readonly section: string;
  /** The maturity levels whose catalog lists it, lowest first. */
  readonly levels: readonly MaturityLevel[];
  readonly strategyIds: readonly string[];
  /** Our Annex A mapping: the override for this control if there is one, else its strategies' controls. */
  readonly annexA: readonly string[];
}

export interface EssentialEightStrategy {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly reasoning: string;
  readonly annexA: readonly string[];
  /** Requirement ids per maturity level, in ASD's order. */
  readonly requirementsByLevel: Readonly<Record<MaturityLevel, readonly string[]>>;
}

export interface EssentialEight {
  readonly title: string;
  readonly ismRelease: string;
  readonly attribution: string;
  readonly source: string;
  readonly strategies: readonly EssentialEightStrategy[];
  readonly requirements: readonly EssentialEightRequirement[];
  /** Requirement ids per maturity level, in ASD's order. */
  readonly requirementsByLevel: Readonly<Record<MaturityLevel, readonly string[]>>;
}

export const ESSENTIAL_EIGHT_FILE_URL = new URL('../data/essential-eight.json', import.meta.url);

/** Location of ASD's OSCAL catalog for a maturity level. */
export function ismCatalogUrl(level: MaturityLevel): URL {
  const n = level.slice(2);
  return new URL(`../data/ism-oscal/ISM_E8_ML${n}-baseline-resolved-profile_catalog.json`, import.meta.url);
}

function e8Levels(props: Framework['requirements'][number]['properties']): string[] {
  return props.filter((p) => p.name === 'essential-eight-applicability').map((p) => p.value);
}

/**
 * Joins the three imported maturity level catalogs with our strategy assignment and Annex A mapping.
 * @throws DataFileError listing every inconsistency: a control in no strategy, an assigned id ASD does not
 * list, an Annex A id the catalogue lacks, a level ASD's own properties disagree with.
 */
export function buildEssentialEight(levels: Readonly<Record<MaturityLevel, Framework>>, data: EssentialEightData, catalogue: Catalogue): EssentialEight {
  const problems: string[] = [];
  const seen = new Map<string, { statement: string; section: string; levels: MaturityLevel[] }>();
  const byLevel = { ML1: [], ML2: [], ML3: [] } as Record<MaturityLevel, string[]>;
  for (const level of MATURITY_LEVELS) {
    for (const r of levels[level].requirements) {
      if (!e8Levels(r.properties).includes(level)) problems.push(`${r.id} is in the ${level} catalog but not marked ${level}`);
      byLevel[level].push(r.id);
      const entry = seen.get(r.id) ?? { statement: r.statement ?? r.title, section: r.groupPath.at(-1) ?? '', levels: [] };
      entry.levels.push(level);
      seen.set(r.id, entry);
    }
  }
  const controlIds = new Set(catalogue.controls.map((c) => c.id));
  const strategiesOf = new Map<string, string[]>();
  for (const s of data.strategies) {
    for (const id of s.ismControls) {
      if (!seen.has(id)) problems.push(`strategy ${s.id} lists ${id}, which no maturity level catalog contains`);
      strategiesOf.set(id, [...(strategiesOf.get(id) ?? []), s.id]);
    }
    if (new Set(s.ismControls).size !== s.ismControls.length) problems.push(`strategy ${s.id} lists a control twice`);
  }
  const overrides = new Map<string, readonly string[]>();
  for (const o of data.requirementOverrides) {
    for (const id of o.ismControls) {
      if (!strategiesOf.has(id)) problems.push(`an override names ${id}, which no strategy holds`);
      if (overrides.has(id)) problems.push(`${id} has more than one override`);
      overrides.set(id, o.annexA);
    }
  }
  const annexIds = [...data.strategies.flatMap((s) => s.annexA), ...data.requirementOverrides.flatMap((o) => o.annexA)];
  for (const id of new Set(annexIds)) if (!controlIds.has(id)) problems.push(`"${id}" is not an Annex A control of the catalogue`);
  for (const id of seen.keys()) if (!strategiesOf.has(id)) problems.push(`${id} is in no strategy`);
  if (problems.length > 0) throw new DataFileError('Essential Eight data', problems);

  const strategyById = new Map(data.strategies.map((s) => [s.id, s]));
  const requirements = [...seen].map(([id, r]): EssentialEightRequirement => {
    const strategyIds = strategiesOf.get(id) ?? [];
    const fromStrategies = strategyIds.flatMap((s) => strategyById.get(s)?.annexA ?? []);
    return { id, ...r, strategyIds, annexA: [...new Set(overrides.get(id) ?? fromStrategies)] };
  });
  return {
    title: data.title,
    ismRelease: data.ismRelease,
    attribution: data.attribution,
    source: data.source,
    requirements,
    requirementsByLevel: byLevel,
    strategies: data.strategies.map((s) => {
      const own = new Set(s.ismControls);
      const pick = (level: MaturityLevel): string[] => byLevel[level].filter((id) => own.has(id));
      return {
        id: s.id,
        title: s.title,
        summary: s.summary,
        reasoning: s.reasoning,
        annexA: s.annexA,
        requirementsByLevel: { ML1: pick('ML1'), ML2: pick('ML2'), ML3: pick('ML3') },
      };
    }),
  };
}

/**
 * Reads ASD's three bundled maturity level catalogs and our assignment, and builds the Essential Eight.
 * @throws DataFileError (or its OscalImportError subclass) when any file is unreadable or inconsistent.
 */
export function loadEssentialEight(catalogue: Catalogue): EssentialEight {
  const read = (level: MaturityLevel): Framework => readOscalCatalogFile(ismCatalogUrl(level), { frameworkId: `asd:essential-eight:${level.toLowerCase()}` });
  const levels = { ML1: read('ML1'), ML2: read('ML2'), ML3: read('ML3') };
  return buildEssentialEight(levels, readJsonFile(essentialEightDataSchema, ESSENTIAL_EIGHT_FILE_URL), catalogue);
}

/** Every requirement with its Annex A controls, for assessFrameworkCoverage. */
export function essentialEightMapping(e8: EssentialEight): MappedRequirement[] {
  return e8.requirements.map((r) => ({ id: r.id, controlIds: r.annexA }));
}

/**
 * Coverage groups: one per maturity level ("ML2"), and one per strategy and level
 * ("application-control:ML2"), so a page can total either way.
 */
export function essentialEightGroups(e8: EssentialEight): RequirementGroup[] {
  const levelGroups = MATURITY_LEVELS.map((level) => ({ id: level, requirementIds: e8.requirementsByLevel[level] }));
  const strategyGroups = e8.strategies.flatMap((s) =>
    MATURITY_LEVELS.map((level) => ({ id: `${s.id}:${level}`, requirementIds: s.requirementsByLevel[level] })),
  );
  return [...levelGroups, ...strategyGroups];
}
