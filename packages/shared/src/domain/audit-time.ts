import { z } from 'zod';
import auditTimeTable from './audit-time-27006.json' with { type: 'json' };

/**
 * ISO/IEC 27006 audit time, as an estimate the requester sees beside every certification quote.
 *
 * The days come from the audit time chart copied verbatim into `audit-time-27006.json` (Stage 1 + Stage 2
 * of the initial audit by effective number of persons), adjusted for business and IT complexity, with
 * multi-site sampling per IAF MD 1. Choices (ADR 0018): Stage 1 is 30 % of the initial days; surveillance
 * is ⅓ and recertification ⅔ of the adjusted initial days; days round to the nearest half day; beyond the
 * last band one more day per further 2,200 persons (see {@link initialAuditDays}).
 */

const bandSchema = z.object({
  persons_min: z.number().int().positive(),
  persons_max: z.number().int().positive().nullable(),
  initial_audit_days_stage1_plus_stage2: z.number().positive().nullable(),
});
const rangeText = z.string().regex(/^([+-]?\d+%)( to [+-]?\d+%)?$/);
const tableSchema = z.object({
  initial_audit_time_table: z.array(bandSchema).min(2),
  adjustment_factors: z.object({
    effect_matrix_business_vs_it: z.object({
      business_high: z.object({ it_low: rangeText, it_medium: rangeText, it_high: rangeText }),
      business_medium: z.object({ it_low: rangeText, it_medium: rangeText, it_high: rangeText }),
      business_low: z.object({ it_low: rangeText, it_medium: rangeText, it_high: rangeText }),
    }),
  }),
});

/** One band of the audit time chart: persons from `min` to `max` inclusive take `days` (Stage 1 + Stage 2). */
export interface AuditTimeBand {
  min: number;
  max: number;
  days: number;
}

const parsed = tableSchema.parse(auditTimeTable);

/** The bands of the chart with a number of days (the open-ended last row is handled by the progression rule). */
export const auditTimeBands: readonly AuditTimeBand[] = parsed.initial_audit_time_table.flatMap((band) =>
  band.persons_max === null || band.initial_audit_days_stage1_plus_stage2 === null
    ? []
    : [{ min: band.persons_min, max: band.persons_max, days: band.initial_audit_days_stage1_plus_stage2 }],
);

for (let i = 1; i < auditTimeBands.length; i += 1) {
  const previous = auditTimeBands[i - 1];
  const band = auditTimeBands[i];
  if (!previous || !band || band.min !== previous.max + 1 || band.days <= previous.days) {
    throw new Error('audit-time-27006.json: the bands must be contiguous with rising days.');
  }
}

const lastBand = auditTimeBands[auditTimeBands.length - 1] as AuditTimeBand;
/** Persons per extra day beyond the chart: the width of its last band (8,501–10,700). */
export const personsPerDayBeyondTable = lastBand.max - lastBand.min + 1;

/** Share of the adjusted initial audit days given to Stage 1 (the rest is Stage 2). */
export const stage1Share = 0.3;

/** Rounds days to the nearest half day (halves round up). */
export function roundToHalfDay(days: number): number {
  return Math.round(days * 2 + 1e-9) / 2;
}

function assertCount(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be zero or a positive number.`);
}

/** Who counts for audit time: full-time people, part-timers as FTE, and groups doing identical low-risk work. */
export interface PersonnelInput {
  fullTimeHeadcount: number;
  partTimeFte: number;
  /** People (already counted in fullTimeHeadcount) doing identical low-risk work, e.g. a call centre. */
  identicalRoleGroups?: { label: string; headcount: number }[];
}

/**
 * The effective number of persons: full-time headcount plus part-time FTE, with each identical-role group
 * reduced to ⌈√headcount⌉ (the largest reduction allowed), rounded up to a whole person and at least 1.
 * `steps` explain the working in plain English.
 */
export function effectivePersonnel(input: PersonnelInput): { effective: number; steps: string[] } {
  assertCount(input.fullTimeHeadcount, 'Full-time headcount');
  assertCount(input.partTimeFte, 'Part-time FTE');
  const groups = input.identicalRoleGroups ?? [];
  let grouped = 0;
  for (const group of groups) {
    assertCount(group.headcount, `The headcount of "${group.label}"`);
    grouped += group.headcount;
  }
  if (grouped > input.fullTimeHeadcount) {
    throw new RangeError('The identical-role groups hold more people than the full-time headcount.');
  }
  const steps = [`${input.fullTimeHeadcount} full-time staff count as ${input.fullTimeHeadcount} persons.`];
  let total = input.fullTimeHeadcount;
  if (input.partTimeFte > 0) {
    steps.push(`Part-time staff add their full-time equivalent: ${input.partTimeFte}.`);
    total += input.partTimeFte;
  }
  for (const group of groups) {
    const reduced = Math.ceil(Math.sqrt(group.headcount));
    if (reduced >= group.headcount) continue;
    steps.push(
      `${group.headcount} people doing the same low-risk work (${group.label}) count as ${reduced}, the square root rounded up — the most the standard allows.`,
    );
    total -= group.headcount - reduced;
  }
  const effective = Math.max(1, Math.ceil(total - 1e-9));
  steps.push(`Effective number of persons: ${effective}${effective !== total ? ' (rounded up to a whole person)' : ''}.`);
  return { effective, steps };
}

/**
 * Stage 1 + Stage 2 days for an effective number of persons, from the chart. Beyond the last band
 * (10,700 persons) the progression continues at one more day for every further 2,200 persons or part of
 * it (the last band's width): 10,701–12,900 → 29 days, 12,901–15,100 → 30 days, and so on.
 */
export function initialAuditDays(persons: number): number {
  const whole = Math.max(1, Math.ceil(persons));
  for (const band of auditTimeBands) {
    if (whole <= band.max) return band.days;
  }
  return lastBand.days + Math.ceil((whole - lastBand.max) / personsPerDayBeyondTable);
}

/** A complexity level from the sum of three factors rated 1–3 (3–4 low, 5–6 medium, 7–9 high). */
export type ComplexityLevel = 'low' | 'medium' | 'high';
/** Three factor ratings, each 1 (low) to 3 (high). */
export type FactorRatings = [1 | 2 | 3, 1 | 2 | 3, 1 | 2 | 3];

export interface ComplexityInput {
  /** Type of business and regulation; processes and tasks; how established the management system is. */
  business: FactorRatings;
  /** IT infrastructure; dependency on outsourcing and cloud; in-house development. */
  it: FactorRatings;
  /** The adjustment the requester or CB chose, clamped into the allowed range. */
  chosenPercent?: number;
}

export interface ComplexityAdjustment {
  businessLevel: ComplexityLevel;
  itLevel: ComplexityLevel;
  rangePercent: [number, number];
  appliedPercent: number;
}

function levelOf(ratings: FactorRatings): ComplexityLevel {
  const sum = ratings[0] + ratings[1] + ratings[2];
  if (sum <= 4) return 'low';
  return sum <= 6 ? 'medium' : 'high';
}

function parseRange(text: string): [number, number] {
  const numbers = [...text.matchAll(/[+-]?\d+/g)].map((m) => Number(m[0]));
  const first = numbers[0] ?? 0;
  const second = numbers[1] ?? first;
  return [Math.min(first, second), Math.max(first, second)];
}

const matrix = parsed.adjustment_factors.effect_matrix_business_vs_it;
const effectRanges: Record<ComplexityLevel, Record<ComplexityLevel, [number, number]>> = {
  low: { low: parseRange(matrix.business_low.it_low), medium: parseRange(matrix.business_low.it_medium), high: parseRange(matrix.business_low.it_high) },
  medium: { low: parseRange(matrix.business_medium.it_low), medium: parseRange(matrix.business_medium.it_medium), high: parseRange(matrix.business_medium.it_high) },
  high: { low: parseRange(matrix.business_high.it_low), medium: parseRange(matrix.business_high.it_medium), high: parseRange(matrix.business_high.it_high) },
};

/**
 * The allowed adjustment for business × IT complexity (range as [min, max] percent, e.g. [−10, −5] for
 * medium business with low IT) and the applied percent: the chosen one clamped into the range, or the
 * middle of the range when none is chosen.
 */
export function complexityAdjustment(input: ComplexityInput): ComplexityAdjustment {
  const businessLevel = levelOf(input.business);
  const itLevel = levelOf(input.it);
  const [min, max] = effectRanges[businessLevel][itLevel];
  const chosen = input.chosenPercent;
  const appliedPercent = chosen === undefined || !Number.isFinite(chosen) ? (min + max) / 2 : Math.min(max, Math.max(min, chosen));
  return { businessLevel, itLevel, rangePercent: [min, max], appliedPercent };
}

/** The three audits of a certification cycle. */
export type AuditKind = 'initial' | 'surveillance' | 'recertification';
/** IAF MD 1 sampling coefficient per audit: √n, 0.6√n, 0.8√n. */
export const samplingCoefficients: Record<AuditKind, number> = { initial: 1, surveillance: 0.6, recertification: 0.8 };

export interface SiteSample {
  /** Sites other than the central function. */
  siteCount: number;
  /** How many of those sites the audit visits. */
  sampled: number;
  /** The central function is always audited, on top of `sampled`. */
  includesCentralFunction: true;
  /** sampled + 1 (the central function). */
  locationsAudited: number;
}

/**
 * Multi-site sampling per IAF MD 1. `siteCount` (n) is every site OTHER than the central function; the
 * audit visits ⌈k·√n⌉ of them (k = 1 initial, 0.6 surveillance, 0.8 recertification), at least 1 and at
 * most n (0 when there are no other sites), plus the central function, which is always audited.
 */
export function sampledSites(siteCount: number, audit: AuditKind): SiteSample {
  assertCount(siteCount, 'The number of sites');
  const n = Math.floor(siteCount);
  const raw = Math.ceil(samplingCoefficients[audit] * Math.sqrt(n) - 1e-9);
  const sampled = n === 0 ? 0 : Math.min(n, Math.max(1, raw));
  return { siteCount: n, sampled, includesCentralFunction: true, locationsAudited: sampled + 1 };
}

export interface AuditDaysInput {
  personnel: PersonnelInput;
  complexity: ComplexityInput;
  /** Sites other than the central function (0 or absent for a single-site organisation). */
  sites?: { count: number };
}

export interface AuditDaysEstimate {
  effectivePersons: number;
  tableDays: number;
  complexity: ComplexityAdjustment;
  adjustedInitialDays: number;
  stage1Days: number;
  stage2Days: number;
  /** Days of each surveillance audit (year 1 and year 2). */
  surveillanceDays: number;
  recertificationDays: number;
  sitesSampled: Record<AuditKind, SiteSample>;
  explanation: string[];
}

function formatDays(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * The full estimate: effective persons → chart days → complexity adjustment (rounded to half days, at
 * least one day) → Stage 1 (30 %) and Stage 2, surveillance (⅓) and recertification (⅔), with the sites
 * each audit samples. Sampling decides where the auditors go; it does not change the days here.
 */
export function estimateAuditDays(input: AuditDaysInput): AuditDaysEstimate {
  const personnel = effectivePersonnel(input.personnel);
  const tableDays = initialAuditDays(personnel.effective);
  const complexity = complexityAdjustment(input.complexity);
  const adjustedInitialDays = Math.max(1, roundToHalfDay(tableDays * (1 + complexity.appliedPercent / 100)));
  const stage1Days = Math.max(0.5, roundToHalfDay(adjustedInitialDays * stage1Share));
  const stage2Days = adjustedInitialDays - stage1Days;
  const surveillanceDays = Math.max(0.5, roundToHalfDay(adjustedInitialDays / 3));
  const recertificationDays = Math.max(0.5, roundToHalfDay((adjustedInitialDays * 2) / 3));
  const siteCount = input.sites?.count ?? 0;
  const sitesSampled: Record<AuditKind, SiteSample> = {
    initial: sampledSites(siteCount, 'initial'),
    surveillance: sampledSites(siteCount, 'surveillance'),
    recertification: sampledSites(siteCount, 'recertification'),
  };
  const [min, max] = complexity.rangePercent;
  const explanation = [
    ...personnel.steps,
    `The ISO/IEC 27006 audit time chart gives ${formatDays(tableDays)} for ${personnel.effective} ${personnel.effective === 1 ? 'person' : 'persons'} (Stage 1 and Stage 2 together).`,
    min === max
      ? `Business complexity is ${complexity.businessLevel} and IT complexity ${complexity.itLevel}: no adjustment applies.`
      : `Business complexity is ${complexity.businessLevel} and IT complexity ${complexity.itLevel}, which allows ${min} % to ${max} %; ${complexity.appliedPercent} % is applied.`,
    `Initial certification: ${formatDays(adjustedInitialDays)}, rounded to the half day — Stage 1 ${formatDays(stage1Days)}, Stage 2 ${formatDays(stage2Days)}.`,
    `Each surveillance audit (years 1 and 2): about a third, ${formatDays(surveillanceDays)}. Recertification (year 3): about two thirds, ${formatDays(recertificationDays)}.`,
  ];
  if (siteCount > 0) {
    explanation.push(
      `With ${siteCount} other ${siteCount === 1 ? 'site' : 'sites'}, auditors visit ${sitesSampled.initial.sampled} at the initial audit, ${sitesSampled.surveillance.sampled} at each surveillance and ${sitesSampled.recertification.sampled} at recertification, plus the central office every time.`,
    );
  }
  return {
    effectivePersons: personnel.effective,
    tableDays,
    complexity,
    adjustedInitialDays,
    stage1Days,
    stage2Days,
    surveillanceDays,
    recertificationDays,
    sitesSampled,
    explanation,
  };
}
