import type { CatalogueItem, LoadedCatalogue } from '@custodian/catalogue/load-catalogue.ts';
import { recordCatalogueVersion } from './catalogue.repo.ts';
import { catalogueReply, type CatalogueItemDto, type CatalogueReply, type CatalogueSearchQuery } from '@custodian/shared/contracts/catalogue.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import { notFound } from '@custodian/shared/errors.ts';
import { pageArray, tupleComparer } from '../../lib/list-array.ts';

/** The display reference of a mandatory document: "Doc" and the first clause that calls for it. */
function documentRef(loaded: LoadedCatalogue, clauseIds: string[]): string {
  const first = clauseIds[0] ? loaded.byId.get(clauseIds[0]) : undefined;
  return first?.kind === 'clause' ? `Doc ${first.item.ref}` : 'Doc';
}

/** Flattens a catalogue entry into the shape the API and the gap analysis use. */
export function toCatalogueDto(loaded: LoadedCatalogue, entry: CatalogueItem): CatalogueItemDto {
  const base = { id: entry.id, kind: entry.kind, title: entry.item.title, guidance: entry.item.guidance };
  if (entry.kind === 'clause') {
    const c = entry.item;
    return { ...base, ref: c.ref, parentId: c.parent, theme: null, hasRequirements: c.hasRequirements, stage: c.stage, clauseRefs: [], documentKind: null, attributes: null };
  }
  if (entry.kind === 'control') {
    const c = entry.item;
    return { ...base, ref: c.ref, parentId: null, theme: c.theme, hasRequirements: true, stage: 2, clauseRefs: [], documentKind: null, attributes: c.attributes };
  }
  const d = entry.item;
  return { ...base, ref: documentRef(loaded, d.clauseRefs), parentId: null, theme: null, hasRequirements: true, stage: d.stage, clauseRefs: d.clauseRefs, documentKind: d.kind, attributes: null };
}

let cachedReply: { checksum: string; reply: CatalogueReply } | null = null;

/** The whole catalogue (about 150 items), built once per checksum. */
export function getCatalogue(loaded: LoadedCatalogue): CatalogueReply {
  if (cachedReply?.checksum === loaded.checksum) return cachedReply.reply;
  const c = loaded.catalogue;
  const reply: CatalogueReply = {
    id: c.id,
    title: c.title,
    version: c.version,
    checksum: loaded.checksum,
    themes: c.themes,
    items: [...loaded.byId.values()].map((entry) => toCatalogueDto(loaded, entry)),
  };
  cachedReply = { checksum: loaded.checksum, reply };
  return reply;
}

let cachedJson: { checksum: string; json: string } | null = null;

/**
 * The whole catalogue as the JSON the route sends: checked against the reply contract and serialised
 * once per checksum (the same bytes the response serialiser would produce on every request).
 */
export function getCatalogueJson(loaded: LoadedCatalogue): string {
  if (cachedJson?.checksum === loaded.checksum) return cachedJson.json;
  const json = JSON.stringify(catalogueReply.parse(getCatalogue(loaded)));
  cachedJson = { checksum: loaded.checksum, json };
  return json;
}

/**
 * How the whole catalogue may be cached: by its checksum (the ETag). A request that names the current
 * checksum (`?v=`) may be kept for a year, since that content never changes; without it, the client
 * revalidates each time and gets 304 when nothing changed.
 */
export function describeCatalogueCache(loaded: LoadedCatalogue, requested: string | undefined) {
  const isVersioned = requested === loaded.checksum;
  return {
    loaded,
    etag: `"${loaded.checksum}"`,
    cacheControl: isVersioned ? 'private, max-age=31536000, immutable' : 'private, no-cache',
  };
}

export function getCatalogueItem(loaded: LoadedCatalogue, id: string): CatalogueItemDto {
  const entry = loaded.byId.get(id);
  if (!entry) throw notFound('The catalogue item');
  return toCatalogueDto(loaded, entry);
}

const refCollator = new Intl.Collator('en', { numeric: true });
const byRef = tupleComparer([refCollator, null]);

/** Case-insensitive search over ids, references, titles and guidance, by reference; the list convention. */
export function searchCatalogue(loaded: LoadedCatalogue, query: CatalogueSearchQuery): ListReply<CatalogueItemDto> {
  const needle = query.q.toLowerCase();
  const matches = getCatalogue(loaded).items.filter((item) => {
    if (query.kind && item.kind !== query.kind) return false;
    if (query.theme && item.theme !== query.theme) return false;
    if (!needle) return true;
    const haystack = [item.ref, item.title, item.guidance?.meaning ?? '', ...(item.guidance?.evidence ?? [])].join(' ').toLowerCase();
    return haystack.includes(needle);
  });
  return pageArray(matches, { keyOf: (item) => [item.ref, item.id], compareKeys: byRef, sortTag: `ref:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor });
}

/** Records the loaded catalogue's checksum at start, so organisation data can be traced to the catalogue it used. */
export async function registerCatalogue(db: Parameters<typeof recordCatalogueVersion>[0], loaded: LoadedCatalogue): Promise<void> {
  await recordCatalogueVersion(db, { checksum: loaded.checksum, catalogue_id: loaded.catalogue.id, version: loaded.catalogue.version });
}
