import { z } from 'zod';

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

export const catalogueSearchQuery = z.strictObject({
  q: z.string().trim().max(200).default(''),
  kind: z.enum(['clause', 'control', 'document']).optional(),
  theme: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const catalogueItemParams = z.strictObject({
  itemId: z.string().regex(/^iso27001:2022:[A-Za-z0-9.:-]{1,60}$/, { message: 'must be a catalogue id such as iso27001:2022:A.5.1' }),
});
