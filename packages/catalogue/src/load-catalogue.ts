/**
 * Loads the bundled ISO/IEC 27001:2022 catalogue, validates it and indexes it by id.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { validateCatalogue } from './catalogue-checks.ts';
import type { Catalogue, CatalogueItem } from './catalogue.schema.ts';

export type { Catalogue, CatalogueItem } from './catalogue.schema.ts';

/** A validated catalogue with the SHA-256 of the file it came from and an id index. */
export interface LoadedCatalogue {
  readonly catalogue: Catalogue;
  /** Lower-case hex SHA-256 of the raw catalogue file bytes. */
  readonly checksum: string;
  /** Every clause, control and document keyed by id. */
  readonly byId: Map<string, CatalogueItem>;
}

/** Location of the catalogue data file, resolved relative to this module. */
export const CATALOGUE_FILE_URL = new URL('../data/iso27001-2022.json', import.meta.url);

let cached: LoadedCatalogue | undefined;

/** Lower-case hex SHA-256 of raw bytes, as used for the catalogue checksum. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every clause, control and document id in catalogue order (clauses, then controls, then documents). */
export function catalogueItemIds(catalogue: Catalogue): string[] {
  return [
    ...catalogue.clauses.map((c) => c.id),
    ...catalogue.controls.map((c) => c.id),
    ...catalogue.documents.map((d) => d.id),
  ];
}

/**
 * Builds an id index of every clause, control and document.
 * @throws Error if two items share an id (a validated catalogue never does).
 */
export function indexCatalogue(catalogue: Catalogue): Map<string, CatalogueItem> {
  const items: CatalogueItem[] = [
    ...catalogue.clauses.map((item): CatalogueItem => ({ kind: 'clause', id: item.id, item })),
    ...catalogue.controls.map((item): CatalogueItem => ({ kind: 'control', id: item.id, item })),
    ...catalogue.documents.map((item): CatalogueItem => ({ kind: 'document', id: item.id, item })),
  ];
  const byId = new Map<string, CatalogueItem>();
  for (const entry of items) {
    if (byId.has(entry.id)) throw new Error(`Catalogue item id "${entry.id}" is used more than once`);
    byId.set(entry.id, entry);
  }
  return byId;
}

/**
 * Decodes, validates and indexes catalogue file bytes. Exposed so tests and
 * tools can run the same pipeline on other bytes than the bundled file.
 * @throws Error if the bytes are not JSON, or CatalogueValidationError if the data is invalid.
 */
export function parseCatalogueBytes(bytes: Uint8Array, source = 'catalogue data'): LoadedCatalogue {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`${source} is not valid UTF-8 JSON: ${reason}`);
  }
  const catalogue = validateCatalogue(data);
  return { catalogue, checksum: sha256Hex(bytes), byId: indexCatalogue(catalogue) };
}

/**
 * Returns the bundled ISO/IEC 27001:2022 catalogue, validated and indexed.
 * The file is read and checked once per process; later calls return the cached result.
 * @throws Error if the file is missing, not JSON, or fails schema or referential checks.
 */
export function loadCatalogue(): LoadedCatalogue {
  if (cached !== undefined) return cached;
  const bytes = readFileSync(CATALOGUE_FILE_URL);
  cached = parseCatalogueBytes(bytes, CATALOGUE_FILE_URL.pathname);
  return cached;
}
