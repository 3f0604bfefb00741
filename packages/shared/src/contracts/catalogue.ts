import { z } from 'zod';
import { apiRoute } from './api-route.ts';
import { listOf, listQuery } from './list.ts';

export const guidance = z.object({ meaning: z.string(), evidence: z.array(z.string()) });

export const catalogueItem = z.object({
  id: z.string(),
  kind: z.enum(['clause', 'control', 'document']),
  ref: z.string(),
  title: z.string(),
  parentId: z.string().nullable(),
  theme: z.string().nullable(),
  hasRequirements: z.boolean(),
  stage: z.number().int().nullable(),
  clauseRefs: z.array(z.string()),
  documentKind: z.enum(['document', 'record']).nullable(),
  attributes: z
    .object({
      controlType: z.array(z.string()),
      securityProperties: z.array(z.string()),
      cybersecurityConcepts: z.array(z.string()),
      operationalCapabilities: z.array(z.string()),
      securityDomains: z.array(z.string()),
    })
    .nullable(),
  guidance: guidance.nullable(),
});
export type CatalogueItemDto = z.infer<typeof catalogueItem>;

export const catalogueReply = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  checksum: z.string(),
  themes: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string() })),
  items: z.array(catalogueItem),
});
export type CatalogueReply = z.infer<typeof catalogueReply>;

export const catalogueSearchQuery = listQuery({
  sorts: ['ref'],
  sort: 'ref',
  filters: {
    q: z.string().trim().max(200).default(''),
    kind: z.enum(['clause', 'control', 'document']).optional(),
    theme: z.string().max(40).optional(),
  },
});
export type CatalogueSearchQuery = z.infer<typeof catalogueSearchQuery>;

/** `v` is the checksum the client expects: a reply for the current checksum may be cached for a year. */
export const catalogueQuery = z.strictObject({ v: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a catalogue checksum' }).optional() });

export const catalogueItemParams = z.strictObject({
  itemId: z.string().regex(/^iso27001:2022:[A-Za-z0-9.:-]{1,60}$/, { message: 'must be a catalogue id such as iso27001:2022:A.5.1' }),
});

const tag = 'catalogue';

/** Read-only ISO/IEC 27001:2022 catalogue: clauses, Annex A controls, mandatory documents. */
export const catalogueApi = {
  all: apiRoute({ method: 'GET', path: '/catalogue', access: 'catalogue.read', tag, summary: 'The whole catalogue', query: catalogueQuery, reply: catalogueReply }),
  search: apiRoute({ method: 'GET', path: '/catalogue/search', access: 'catalogue.read', tag, summary: 'Search the catalogue', query: catalogueSearchQuery, reply: listOf(catalogueItem) }),
  item: apiRoute({ method: 'GET', path: '/catalogue/items/:itemId', access: 'catalogue.read', tag, summary: 'One catalogue item', params: catalogueItemParams, reply: catalogueItem }),
};
