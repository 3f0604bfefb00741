import { z } from 'zod';
import { apiRoute } from './api-route.ts';
import { assetKinds } from './risk-vocabulary.ts';

/**
 * One scenario of the healthcare threat library (catalogue data, in our own words): what could go
 * wrong, through which weakness, to which kinds of asset, a suggested starting score on the default
 * 5 × 5 method, and the Annex A controls that usually treat it. Choosing one pre-fills a new risk.
 */
export const threatScenario = z.object({
  /** Stable id, e.g. "threat:ransomware-pms". */
  id: z.string().regex(/^threat:[a-z0-9-]{3,60}$/),
  title: z.string().min(1).max(200),
  category: z.enum(['cyber_attack', 'people', 'privacy', 'third_party', 'physical', 'technology_failure', 'clinical_technology']),
  threat: z.string().min(1).max(1000),
  vulnerability: z.string().min(1).max(1000),
  description: z.string().min(1).max(2000),
  assetKinds: z.array(z.enum(assetKinds)).min(1),
  /** On the default 5 × 5 scales (1–5); carried to an organisation's own scales when it differs. */
  suggestedLikelihood: z.number().int().min(1).max(5),
  suggestedImpact: z.number().int().min(1).max(5),
  /** Catalogue ids of Annex A controls, e.g. "iso27001:2022:A.8.13". */
  suggestedControls: z.array(z.string().regex(/^iso27001:2022:A\.[5-8]\.\d{1,2}$/)).min(1),
});
export type ThreatScenario = z.infer<typeof threatScenario>;

export const threatCategoryLabels: Record<ThreatScenario['category'], string> = {
  cyber_attack: 'Cyber attack',
  people: 'People and mistakes',
  privacy: 'Privacy and misuse of records',
  third_party: 'Suppliers and cloud services',
  physical: 'Physical and environmental',
  technology_failure: 'Technology failure',
  clinical_technology: 'Clinical and medical technology',
};

export const threatLibrary = z.object({
  id: z.literal('custodian:healthcare-threats'),
  version: z.string(),
  scenarios: z.array(threatScenario),
});
export type ThreatLibrary = z.infer<typeof threatLibrary>;

const tag = 'threats';

/** The healthcare threat library. */
export const threatsApi = {
  list: apiRoute({
    method: 'GET',
    path: '/threats',
    access: 'risks.read',
    tag,
    summary: 'The healthcare threat library',
    reply: z.object({ version: z.string(), items: z.array(threatScenario) }),
  }),
};
