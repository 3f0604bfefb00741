/**
 * Zod schemas and TypeScript types for the ISO/IEC 27001:2022 catalogue
 * (clauses, Annex A controls and mandatory documented information).
 *
 * The schemas check shape only. Cross-references (parents, themes, clause
 * references, unique ids) are checked by `findCatalogueProblems` in
 * catalogue-checks.ts, because they need the whole catalogue at once.
 */
import { z } from 'zod';

/** ISO/IEC 27002:2022 control type attribute values. */
export const CONTROL_TYPES = ['preventive', 'detective', 'corrective'] as const;

/** ISO/IEC 27002:2022 information security property attribute values. */
export const SECURITY_PROPERTIES = ['confidentiality', 'integrity', 'availability'] as const;

/** ISO/IEC 27002:2022 cybersecurity concept attribute values. */
export const CYBERSECURITY_CONCEPTS = ['identify', 'protect', 'detect', 'respond', 'recover'] as const;

/** ISO/IEC 27002:2022 operational capability attribute values. */
export const OPERATIONAL_CAPABILITIES = [
  'governance',
  'asset_management',
  'information_protection',
  'human_resource_security',
  'physical_security',
  'system_and_network_security',
  'application_security',
  'secure_configuration',
  'identity_and_access_management',
  'threat_and_vulnerability_management',
  'continuity',
  'supplier_relationships_security',
  'legal_and_compliance',
  'information_security_event_management',
  'information_security_assurance',
] as const;

/** ISO/IEC 27002:2022 security domain attribute values. */
export const SECURITY_DOMAINS = ['governance_and_ecosystem', 'protection', 'defence', 'resilience'] as const;

/** The five attribute families every control carries, in display order. */
export const ATTRIBUTE_FAMILIES = [
  'controlType',
  'securityProperties',
  'cybersecurityConcepts',
  'operationalCapabilities',
  'securityDomains',
] as const;

/** Document kinds: "document" is maintained documented information, "record" is retained. */
export const DOCUMENT_KINDS = ['document', 'record'] as const;

/** Fewest and most "evidence" entries a guidance block may hold. */
export const EVIDENCE_MIN = 2;
export const EVIDENCE_MAX = 4;

const text = z
  .string()
  .min(1)
  .refine((s) => s.trim() === s && s.trim().length > 0, {
    message: 'must be non-empty with no leading or trailing whitespace',
  });

const slug = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'must be a lower-case slug');

/** Catalogue item id, e.g. "iso27001:2022:A.5.1" or "iso27001:2022:doc:isms-scope". */
export const itemIdSchema = z.string().regex(/^[a-z0-9]+:[0-9]{4}:[A-Za-z0-9.:-]+$/, 'malformed catalogue item id');

/** Certification stage at which an auditor first expects the item: 1 = design, 2 = operation. */
export const stageSchema = z.union([z.literal(1), z.literal(2)]);

/** Plain-language guidance written for a small Australian healthcare practice. */
export const guidanceSchema = z.strictObject({
  meaning: text,
  evidence: z.array(text).min(EVIDENCE_MIN).max(EVIDENCE_MAX),
});

/** One of the four Annex A themes. */
export const themeSchema = z.strictObject({
  id: slug,
  ref: z.string().regex(/^[0-9]+$/, 'theme ref must be a clause number such as "5"'),
  title: text,
});

const clauseBase = {
  id: itemIdSchema,
  ref: z.string().regex(/^[0-9]+(\.[0-9]+)*$/, 'clause ref must look like "4" or "6.1.2"'),
  title: text,
  parent: itemIdSchema.nullable(),
};

/** A clause of the standard; only clauses that carry requirements have a stage and guidance. */
export const clauseSchema = z.discriminatedUnion('hasRequirements', [
  z.strictObject({
    ...clauseBase,
    hasRequirements: z.literal(true),
    stage: stageSchema,
    guidance: guidanceSchema,
  }),
  z.strictObject({
    ...clauseBase,
    hasRequirements: z.literal(false),
    stage: z.null(),
    guidance: z.null(),
  }),
]);

/** The five ISO/IEC 27002:2022 attribute families of a control; each must be non-empty. */
export const controlAttributesSchema = z.strictObject({
  controlType: z.array(z.enum(CONTROL_TYPES)).min(1),
  securityProperties: z.array(z.enum(SECURITY_PROPERTIES)).min(1),
  cybersecurityConcepts: z.array(z.enum(CYBERSECURITY_CONCEPTS)).min(1),
  operationalCapabilities: z.array(z.enum(OPERATIONAL_CAPABILITIES)).min(1),
  securityDomains: z.array(z.enum(SECURITY_DOMAINS)).min(1),
});

/** An Annex A control. */
export const controlSchema = z.strictObject({
  id: itemIdSchema,
  ref: z.string().regex(/^A\.[0-9]+\.[0-9]+$/, 'control ref must look like "A.5.1"'),
  title: text,
  theme: slug,
  attributes: controlAttributesSchema,
  guidance: guidanceSchema,
});

/** An item of mandatory documented information and the clauses that call for it. */
export const documentSchema = z.strictObject({
  id: itemIdSchema,
  title: text,
  kind: z.enum(DOCUMENT_KINDS),
  clauseRefs: z.array(itemIdSchema).min(1),
  stage: stageSchema,
  guidance: guidanceSchema,
});

/** The whole catalogue file. */
export const catalogueSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+:[0-9]{4}$/, 'catalogue id must look like "iso27001:2022"'),
  version: z.string().regex(/^[0-9]{4}\.[0-9]+\.[0-9]+$/, 'version must look like "2026.11.1"'),
  title: text,
  themes: z.array(themeSchema).min(1),
  clauses: z.array(clauseSchema).min(1),
  controls: z.array(controlSchema).min(1),
  documents: z.array(documentSchema).min(1),
});

export type ControlType = (typeof CONTROL_TYPES)[number];
export type SecurityProperty = (typeof SECURITY_PROPERTIES)[number];
export type CybersecurityConcept = (typeof CYBERSECURITY_CONCEPTS)[number];
export type OperationalCapability = (typeof OPERATIONAL_CAPABILITIES)[number];
export type SecurityDomain = (typeof SECURITY_DOMAINS)[number];
export type AttributeFamily = (typeof ATTRIBUTE_FAMILIES)[number];
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type Stage = z.infer<typeof stageSchema>;
export type Guidance = z.infer<typeof guidanceSchema>;
export type Theme = z.infer<typeof themeSchema>;
export type Clause = z.infer<typeof clauseSchema>;
export type ControlAttributes = z.infer<typeof controlAttributesSchema>;
export type Control = z.infer<typeof controlSchema>;
export type CatalogueDocument = z.infer<typeof documentSchema>;
export type Catalogue = z.infer<typeof catalogueSchema>;

/**
 * Any clause, control or document, tagged by `kind`. The entry is wrapped in
 * `item` because documents already use their own `kind` field (document | record).
 */
export type CatalogueItem =
  | { readonly kind: 'clause'; readonly id: string; readonly item: Clause }
  | { readonly kind: 'control'; readonly id: string; readonly item: Control }
  | { readonly kind: 'document'; readonly id: string; readonly item: CatalogueDocument };
