/**
 * A cost and timeline estimate, in AUD cents and weeks, for getting from the organisation's readiness to
 * an ISO/IEC 27001 certificate: consulting for what is left, the team's own hours, and the initial
 * certification audit. Every assumption has a default, a plain-English label and a unit, and the result
 * lists each one used so the UI can show it and let the user change it. Covers the initial certification
 * only (year 0); the three-year cost of the cycle comes from the quotes themselves.
 */

/** The unit an assumption is entered in. Money is in integer cents. */
export type EffortUnit = 'days' | 'hours' | 'days_per_week' | 'hours_per_week' | 'cents_per_day' | 'cents' | 'weeks';

/** The assumptions behind the estimate. */
export interface EffortAssumptions {
  consultingDaysPerNotStarted: number;
  consultingDaysPerPartial: number;
  consultantDayRateCents: number;
  consultantDaysPerWeek: number;
  internalHoursPerNotStarted: number;
  internalHoursPerPartial: number;
  internalHoursPerWeek: number;
  /** Stage 1 + Stage 2 days; pass `estimateAuditDays(...).adjustedInitialDays` for this organisation. */
  auditDays: number;
  cbDayRateCents: number;
  cbFixedFeesCents: number;
  stage1ToStage2Weeks: number;
  certificateIssueWeeks: number;
}
export type EffortAssumptionKey = keyof EffortAssumptions;

/**
 * Defaults: typical for a small Australian healthcare provider in 2026 (our estimates, editable). A
 * gap analysis has about 140 requirements (clauses, Annex A controls, mandatory documents); most
 * Annex A controls are light work for a small practice with a consultant's templates, so the time per
 * requirement is an average over many small ones and a few large ones: a clinic starting from nothing
 * comes out near 20 consultant days and five to six months of its own time, as engagements of that
 * size usually run.
 */
export const defaultEffortAssumptions: EffortAssumptions = {
  consultingDaysPerNotStarted: 0.15,
  consultingDaysPerPartial: 0.075,
  consultantDayRateCents: 160_000,
  consultantDaysPerWeek: 2,
  internalHoursPerNotStarted: 1.5,
  internalHoursPerPartial: 0.75,
  internalHoursPerWeek: 8,
  auditDays: 5,
  cbDayRateCents: 180_000,
  cbFixedFeesCents: 100_000,
  stage1ToStage2Weeks: 6,
  certificateIssueWeeks: 4,
};

/** Plain-English label and unit of each assumption, in the order the UI shows them. */
export const effortAssumptionLabels: Record<EffortAssumptionKey, { label: string; unit: EffortUnit }> = {
  consultingDaysPerNotStarted: { label: 'Consultant time for each requirement not started', unit: 'days' },
  consultingDaysPerPartial: { label: 'Consultant time for each requirement partly in place', unit: 'days' },
  consultantDayRateCents: { label: "Consultant's day rate", unit: 'cents_per_day' },
  consultantDaysPerWeek: { label: 'Days a week the consultant works with you', unit: 'days_per_week' },
  internalHoursPerNotStarted: { label: "Your team's time for each requirement not started", unit: 'hours' },
  internalHoursPerPartial: { label: "Your team's time for each requirement partly in place", unit: 'hours' },
  internalHoursPerWeek: { label: 'Hours a week your team can give the ISMS', unit: 'hours_per_week' },
  auditDays: { label: 'Certification audit days (Stage 1 and Stage 2)', unit: 'days' },
  cbDayRateCents: { label: "Certification body's day rate", unit: 'cents_per_day' },
  cbFixedFeesCents: { label: 'Certification body fees (application and certificate)', unit: 'cents' },
  stage1ToStage2Weeks: { label: 'Weeks between Stage 1 and Stage 2', unit: 'weeks' },
  certificateIssueWeeks: { label: 'Weeks from Stage 2 to the certificate', unit: 'weeks' },
};

/** Assumptions that divide and so must be above zero. */
const positiveKeys: ReadonlySet<EffortAssumptionKey> = new Set(['consultantDaysPerWeek', 'internalHoursPerWeek']);
const centsKeys: ReadonlySet<EffortAssumptionKey> = new Set(['consultantDayRateCents', 'cbDayRateCents', 'cbFixedFeesCents']);

export interface EffortInput {
  /** Requirements (clauses, controls, documents) still to do, from the gap analysis. */
  remaining: { notStarted: number; partial: number };
  assumptions?: Partial<EffortAssumptions>;
}

export interface UsedAssumption {
  key: EffortAssumptionKey;
  label: string;
  unit: EffortUnit;
  value: number;
  isDefault: boolean;
}

export interface EffortEstimate {
  consultingDays: number;
  consultingCents: number;
  internalHours: number;
  certificationCents: number;
  totalCents: number;
  weeks: { implementation: number; stage1ToStage2: number; certificateIssue: number; total: number };
  assumptions: UsedAssumption[];
  explanation: string[];
}

function assertCount(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0 || !Number.isInteger(value)) throw new RangeError(`${name} must be a whole number, zero or more.`);
}

function resolveAssumptions(overrides: Partial<EffortAssumptions>): EffortAssumptions {
  const resolved: EffortAssumptions = { ...defaultEffortAssumptions };
  for (const key of Object.keys(defaultEffortAssumptions) as EffortAssumptionKey[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    const label = effortAssumptionLabels[key].label;
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${label} must be zero or a positive number.`);
    if (positiveKeys.has(key) && value === 0) throw new RangeError(`${label} must be more than zero.`);
    if (centsKeys.has(key) && !Number.isInteger(value)) throw new RangeError(`${label} must be a whole number of cents.`);
    resolved[key] = value;
  }
  return resolved;
}

function dollars(cents: number): string {
  return new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD', maximumFractionDigits: 0 }).format(cents / 100);
}

/**
 * Estimates consulting days and cost, the team's hours, the initial certification cost and the weeks to a
 * certificate. Implementation takes as long as the slower of the consultant (days ÷ days a week) and the
 * team (hours ÷ hours a week), rounded up to whole weeks; then Stage 1 to Stage 2, then the certificate.
 */
export function estimateEffort(input: EffortInput): EffortEstimate {
  assertCount(input.remaining.notStarted, 'Requirements not started');
  assertCount(input.remaining.partial, 'Requirements partly in place');
  const overrides = input.assumptions ?? {};
  const a = resolveAssumptions(overrides);
  const { notStarted, partial } = input.remaining;

  const consultingDays = Math.round((notStarted * a.consultingDaysPerNotStarted + partial * a.consultingDaysPerPartial) * 2) / 2;
  const consultingCents = Math.round(consultingDays * a.consultantDayRateCents);
  const internalHours = Math.ceil(notStarted * a.internalHoursPerNotStarted + partial * a.internalHoursPerPartial);
  const certificationCents = Math.round(a.auditDays * a.cbDayRateCents) + a.cbFixedFeesCents;
  const totalCents = consultingCents + certificationCents;

  const implementation = Math.max(0, Math.ceil(Math.max(consultingDays / a.consultantDaysPerWeek, internalHours / a.internalHoursPerWeek) - 1e-9));
  const weeks = {
    implementation,
    stage1ToStage2: a.stage1ToStage2Weeks,
    certificateIssue: a.certificateIssueWeeks,
    total: implementation + a.stage1ToStage2Weeks + a.certificateIssueWeeks,
  };

  const assumptions = (Object.keys(effortAssumptionLabels) as EffortAssumptionKey[]).map((key) => ({
    key,
    label: effortAssumptionLabels[key].label,
    unit: effortAssumptionLabels[key].unit,
    value: a[key],
    isDefault: overrides[key] === undefined || overrides[key] === defaultEffortAssumptions[key],
  }));

  const explanation = [
    `${notStarted} requirements not started and ${partial} partly in place remain.`,
    `Consulting: about ${consultingDays} days at ${dollars(a.consultantDayRateCents)} a day, ${dollars(consultingCents)}.`,
    `Your team: about ${internalHours} hours, at ${a.internalHoursPerWeek} hours a week.`,
    `Certification audit: ${a.auditDays} days at ${dollars(a.cbDayRateCents)} a day plus ${dollars(a.cbFixedFeesCents)} in fees, ${dollars(certificationCents)}.`,
    `Timeline: ${implementation} weeks to put the rest in place, ${a.stage1ToStage2Weeks} weeks from Stage 1 to Stage 2 and ${a.certificateIssueWeeks} weeks to the certificate — about ${weeks.total} weeks in all.`,
  ];
  return { consultingDays, consultingCents, internalHours, certificationCents, totalCents, weeks, assumptions, explanation };
}
