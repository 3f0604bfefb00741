/**
 * Whole-catalogue checks that a per-object schema cannot express: unique ids,
 * id/ref agreement, clause parents, control themes and numbering, and the
 * clauses that documents point at.
 */
import { z } from 'zod';
import { ATTRIBUTE_FAMILIES, catalogueSchema, type Catalogue, type Clause } from './catalogue.schema.ts';

/** Error thrown when catalogue data fails its schema or its referential checks. */
export class CatalogueValidationError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      `Catalogue is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}`,
    );
    this.name = 'CatalogueValidationError';
    this.problems = problems;
  }
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dup.add(v);
    seen.add(v);
  }
  return [...dup];
}

function parentRef(ref: string): string | null {
  const cut = ref.lastIndexOf('.');
  return cut === -1 ? null : ref.slice(0, cut);
}

function checkIds(c: Catalogue, problems: string[]): void {
  const themeIds = c.themes.map((t) => t.id);
  for (const d of duplicates(themeIds)) problems.push(`duplicate theme id "${d}"`);
  for (const d of duplicates(c.themes.map((t) => t.ref))) problems.push(`duplicate theme ref "${d}"`);

  const itemIds = [...c.clauses.map((x) => x.id), ...c.controls.map((x) => x.id), ...c.documents.map((x) => x.id)];
  for (const d of duplicates(itemIds)) problems.push(`duplicate item id "${d}"`);

  for (const clause of c.clauses) {
    const expected = `${c.id}:${clause.ref}`;
    if (clause.id !== expected) problems.push(`clause "${clause.id}" should have id "${expected}" to match its ref`);
  }
  for (const control of c.controls) {
    const expected = `${c.id}:${control.ref}`;
    if (control.id !== expected) problems.push(`control "${control.id}" should have id "${expected}" to match its ref`);
  }
  const docPrefix = `${c.id}:doc:`;
  for (const doc of c.documents) {
    const slug = doc.id.startsWith(docPrefix) ? doc.id.slice(docPrefix.length) : '';
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
      problems.push(`document "${doc.id}" should have an id of the form "${docPrefix}<kebab-name>"`);
    }
  }
}

function checkClauses(c: Catalogue, problems: string[]): void {
  const byId = new Map<string, Clause>(c.clauses.map((cl) => [cl.id, cl]));
  const childCount = new Map<string, number>();

  for (const clause of c.clauses) {
    const expectedParentRef = parentRef(clause.ref);
    if (clause.parent === null) {
      if (expectedParentRef !== null) {
        problems.push(`clause "${clause.id}" has no parent but its ref implies parent clause ${expectedParentRef}`);
      }
      continue;
    }
    const parent = byId.get(clause.parent);
    if (parent === undefined) {
      problems.push(`clause "${clause.id}" has parent "${clause.parent}", which is not a clause in the catalogue`);
      continue;
    }
    if (parent.ref !== expectedParentRef) {
      problems.push(
        `clause "${clause.id}" has parent ${parent.ref} but its ref implies ${expectedParentRef ?? 'none'}`,
      );
    }
    childCount.set(parent.id, (childCount.get(parent.id) ?? 0) + 1);
  }

  for (const clause of c.clauses) {
    if (!clause.hasRequirements && (childCount.get(clause.id) ?? 0) === 0) {
      problems.push(`clause "${clause.id}" carries no requirements and has no sub-clauses`);
    }
  }
}

function checkControls(c: Catalogue, problems: string[]): void {
  const themes = new Map(c.themes.map((t) => [t.id, t]));
  const numbersByTheme = new Map<string, number[]>();

  for (const control of c.controls) {
    const theme = themes.get(control.theme);
    if (theme === undefined) {
      problems.push(`control "${control.id}" refers to unknown theme "${control.theme}"`);
    } else {
      const match = /^A\.([0-9]+)\.([0-9]+)$/.exec(control.ref);
      if (match === null || match[1] !== theme.ref) {
        problems.push(
          `control "${control.id}" has ref ${control.ref}, which is outside theme "${theme.id}" (A.${theme.ref}.x)`,
        );
      } else {
        const list = numbersByTheme.get(theme.id) ?? [];
        list.push(Number(match[2]));
        numbersByTheme.set(theme.id, list);
      }
    }
    for (const family of ATTRIBUTE_FAMILIES) {
      for (const d of duplicates(control.attributes[family])) {
        problems.push(`control "${control.id}" repeats attribute value "${d}" in ${family}`);
      }
    }
  }

  for (const theme of c.themes) {
    const numbers = [...(numbersByTheme.get(theme.id) ?? [])].sort((a, b) => a - b);
    if (numbers.length === 0) {
      problems.push(`theme "${theme.id}" has no controls`);
      continue;
    }
    numbers.forEach((n, i) => {
      if (n !== i + 1)
        problems.push(`theme "${theme.id}" control numbering is not contiguous at A.${theme.ref}.${i + 1}`);
    });
  }
}

function checkDocuments(c: Catalogue, problems: string[]): void {
  const clauses = new Map<string, Clause>(c.clauses.map((cl) => [cl.id, cl]));
  for (const doc of c.documents) {
    for (const d of duplicates(doc.clauseRefs)) problems.push(`document "${doc.id}" lists clause "${d}" twice`);
    for (const ref of doc.clauseRefs) {
      const clause = clauses.get(ref);
      if (clause === undefined) {
        problems.push(`document "${doc.id}" refers to unknown clause "${ref}"`);
      } else if (!clause.hasRequirements) {
        problems.push(`document "${doc.id}" refers to clause "${ref}", which carries no requirements`);
      }
    }
  }
}

/**
 * Lists every referential or consistency problem in a schema-valid catalogue.
 * Returns an empty array when the catalogue is sound; never throws.
 */
export function findCatalogueProblems(catalogue: Catalogue): string[] {
  const problems: string[] = [];
  checkIds(catalogue, problems);
  checkClauses(catalogue, problems);
  checkControls(catalogue, problems);
  checkDocuments(catalogue, problems);
  return problems;
}

/**
 * Parses unknown data (e.g. the decoded JSON file) against the catalogue schema,
 * then runs the referential checks.
 * @throws CatalogueValidationError listing every schema issue, or else every referential problem.
 */
export function validateCatalogue(data: unknown): Catalogue {
  const parsed = catalogueSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
      return `${path}: ${issue.message}`;
    });
    throw new CatalogueValidationError(problems.length > 0 ? problems : [z.prettifyError(parsed.error)]);
  }
  const problems = findCatalogueProblems(parsed.data);
  if (problems.length > 0) throw new CatalogueValidationError(problems);
  return parsed.data;
}
