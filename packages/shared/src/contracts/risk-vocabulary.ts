import { z } from 'zod';

/**
 * The words the asset register and the risk register share with their import, export, reports and
 * charts: every list of choices once, each with the label a practice manager reads.
 */

export const assetKinds = ['information', 'software', 'system', 'device', 'medical_device', 'person_role', 'service', 'supplier', 'site'] as const;
export type AssetKind = (typeof assetKinds)[number];
export const assetKindLabels: Record<AssetKind, string> = {
  information: 'Information',
  software: 'Software',
  system: 'System',
  device: 'Device',
  medical_device: 'Medical or IoT device',
  person_role: 'People role',
  service: 'Service',
  supplier: 'Supplier',
  site: 'Site',
};

export const assetRelations = ['depends_on', 'runs_on', 'stores', 'connects_to', 'located_at', 'supplied_by'] as const;
export type AssetRelation = (typeof assetRelations)[number];
export const assetRelationLabels: Record<AssetRelation, string> = {
  depends_on: 'depends on',
  runs_on: 'runs on',
  stores: 'stores',
  connects_to: 'connects to',
  located_at: 'is located at',
  supplied_by: 'is supplied by',
};

/** Confidentiality, integrity and availability are each valued 1 to 5. */
export const ciaValue = z.number({ message: 'must be a whole number from 1 to 5' }).int().min(1).max(5);
export const ciaLabels: Record<number, string> = { 1: 'Very low', 2: 'Low', 3: 'Moderate', 4: 'High', 5: 'Very high' };

/** One level of an organisation's classification scheme; `key` is what an asset stores. */
export const classificationLevel = z.object({
  key: z.string().regex(/^[a-z0-9_]{1,40}$/, { message: 'must be 1 to 40 lower-case letters, digits or underscores' }),
  label: z.string().trim().min(1).max(60),
  description: z.string().max(500),
});
export type ClassificationLevel = z.infer<typeof classificationLevel>;

/** The scheme an organisation has until it defines its own (lowest first). */
export const defaultClassificationLevels: readonly ClassificationLevel[] = [
  { key: 'public', label: 'Public', description: 'Meant for anyone: the website, opening hours, published brochures.' },
  { key: 'internal', label: 'Internal', description: 'For staff and contractors: rosters, procedures, internal notices.' },
  { key: 'confidential', label: 'Confidential', description: 'For named people only: contracts, finances, staff records, security settings.' },
  {
    key: 'sensitive_health',
    label: 'Sensitive health information',
    description: 'Health information about identifiable people, as the Privacy Act 1988 defines it: clinical notes, results, referrals, Medicare numbers.',
  },
];

export const treatmentOptions = ['modify', 'retain', 'avoid', 'share'] as const;
export type TreatmentOption = (typeof treatmentOptions)[number];
export const treatmentLabels: Record<TreatmentOption, string> = {
  modify: 'Reduce (add or improve controls)',
  retain: 'Accept (retain as it is)',
  avoid: 'Avoid (stop the activity)',
  share: 'Share (insurance or a supplier)',
};

export const riskStatuses = ['identified', 'assessed', 'treatment_planned', 'in_treatment', 'accepted', 'closed'] as const;
export type RiskStatus = (typeof riskStatuses)[number];
export const riskStatusLabels: Record<RiskStatus, string> = {
  identified: 'Identified',
  assessed: 'Assessed',
  treatment_planned: 'Treatment planned',
  in_treatment: 'Treatment under way',
  accepted: 'Residual risk accepted',
  closed: 'Closed',
};

export const taskStatuses = ['not_started', 'in_progress', 'done'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const taskStatusLabels: Record<TaskStatus, string> = { not_started: 'Not started', in_progress: 'In progress', done: 'Done' };

/** A short reference a person quotes and an import matches on: "A-0001", "R-12", "PMS". */
export const recordRef = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, { message: 'must be 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit' });
