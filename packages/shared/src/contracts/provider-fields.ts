import { z } from 'zod';

/**
 * The words a provider's profile is made of: kinds, services, standards, states, healthcare sectors,
 * each with the label the pages show. Shared by the provider's own pages, the public directory, the
 * operator's console and the request form's matching.
 */

export const providerKinds = ['consultant', 'certification_body', 'trainer'] as const;
export type ProviderKind = (typeof providerKinds)[number];
export const providerKindLabels: Record<ProviderKind, string> = {
  consultant: 'Consultancy',
  certification_body: 'Certification body',
  trainer: 'Trainer',
};

export const providerServices = ['consulting', 'certification_audit', 'training'] as const;
export type ProviderService = (typeof providerServices)[number];
export const providerServiceLabels: Record<ProviderService, string> = {
  consulting: 'Consulting',
  certification_audit: 'Certification audit',
  training: 'Training',
};

export const providerStandards = ['iso27001', 'iso27701', 'iso27017', 'iso27018', 'iso22301', 'iso9001', 'iso42001', 'essential_eight', 'nsqhs'] as const;
export type ProviderStandard = (typeof providerStandards)[number];
export const providerStandardLabels: Record<ProviderStandard, string> = {
  iso27001: 'ISO/IEC 27001',
  iso27701: 'ISO/IEC 27701',
  iso27017: 'ISO/IEC 27017',
  iso27018: 'ISO/IEC 27018',
  iso22301: 'ISO 22301',
  iso9001: 'ISO 9001',
  iso42001: 'ISO/IEC 42001',
  essential_eight: 'Essential Eight',
  nsqhs: 'NSQHS Standards',
};

export const australianStates = ['NSW', 'VIC', 'QLD', 'WA', 'SA', 'TAS', 'ACT', 'NT'] as const;
export type AustralianState = (typeof australianStates)[number];

export const healthcareSectors = [
  'general_practice',
  'hospital',
  'day_surgery',
  'aged_care',
  'allied_health',
  'dental',
  'pathology',
  'diagnostic_imaging',
  'pharmacy',
  'mental_health',
  'disability',
  'telehealth',
  'community_health',
] as const;
export type HealthcareSector = (typeof healthcareSectors)[number];
export const healthcareSectorLabels: Record<HealthcareSector, string> = {
  general_practice: 'General practice',
  hospital: 'Hospital',
  day_surgery: 'Day surgery',
  aged_care: 'Aged care',
  allied_health: 'Allied health',
  dental: 'Dental',
  pathology: 'Pathology',
  diagnostic_imaging: 'Diagnostic imaging',
  pharmacy: 'Pharmacy',
  mental_health: 'Mental health',
  disability: 'Disability services',
  telehealth: 'Telehealth',
  community_health: 'Community health',
};

/** A list of choices from a fixed set, each at most once. */
export function choiceList<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z
    .array(z.enum(values, { message }))
    .max(values.length)
    .refine((list) => new Set(list).size === list.length, { message: 'lists the same choice twice' });
}

/** Money in AUD as whole cents (up to $1,000,000). */
export const audCents = z.number({ message: 'must be an amount in cents' }).int({ message: 'must be whole cents' }).min(0).max(100_000_000);

/** A percentage with at most two decimals. */
export const percent = z
  .number({ message: 'must be a percentage' })
  .min(0, { message: 'must be 0 % or more' })
  .max(100, { message: 'must be 100 % or less' })
  .refine((value) => Math.round(value * 100) === value * 100, { message: 'may have at most two decimals' });

/** Multi-line free text without control characters other than line breaks and tabs. */
export function freeText(max: number) {
  return z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((value) => !/(?![\n\r\t])\p{Cc}/u.test(value), { message: 'must not contain control characters' });
}

/** A dated badge the platform operator gave a claim, as anyone may see it. */
export const providerBadge = z.object({
  verificationId: z.uuid(),
  subject: z.enum(['profile', 'accreditation']),
  subjectId: z.uuid().nullable(),
  verifiedOn: z.string(),
  lapsesOn: z.string().nullable(),
  /** "Accreditation verified by Custodian on 03/12/2026, valid until 30/06/2027". */
  wording: z.string(),
});
export type ProviderBadge = z.infer<typeof providerBadge>;

/** Where a claim stands with the operator: never verified, verified and current, or no longer current. */
export const verificationStates = ['unverified', 'verified', 'changed_since', 'lapsed', 'revoked'] as const;
export type VerificationState = (typeof verificationStates)[number];
export const verificationStateLabels: Record<VerificationState, string> = {
  unverified: 'Not verified yet',
  verified: 'Verified',
  changed_since: 'Changed since it was verified',
  lapsed: 'Verification lapsed',
  revoked: 'Verification withdrawn',
};
