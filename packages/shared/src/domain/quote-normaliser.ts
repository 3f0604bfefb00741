/**
 * Every quote, whatever its shape, as four years of AUD cents so quotes compare side by side.
 *
 * Year 0 is the initial certification (Stage 1 and Stage 2), years 1 and 2 the surveillance audits, year 3
 * the recertification. Choices (ADR 0018): the application and certificate fees fall in year 0, the
 * certificate fee again in year 3 (a new certificate is issued at recertification); the annual fee falls in
 * years 1, 2 and 3 (the years the certificate is maintained after the one it is issued in); travel is
 * charged once per audit that has days — Stage 1 and Stage 2 are two audits, so year 0 can carry two.
 * Day lines are days × day rate rounded to the cent.
 */

/** A certification body's quote, as the structured quote builder records it. Money in integer cents. */
export interface CbQuoteLines {
  stage1Days: number;
  stage2Days: number;
  surveillance1Days: number;
  surveillance2Days: number;
  recertificationDays: number;
  dayRateCents: number;
  applicationFeeCents: number;
  certificateFeeCents: number;
  annualFeeCents: number;
  travelCentsPerAudit: number;
}

/** The kinds of consulting work package, in the order the quote builder shows them. */
export const workPackageKinds = [
  'gap_analysis',
  'risk_assessment_soa',
  'documentation',
  'training',
  'internal_audit',
  'management_review',
  'audit_support',
] as const;
export type WorkPackageKind = (typeof workPackageKinds)[number];

/** Plain-English names of the work packages. */
export const workPackageLabels: Record<WorkPackageKind, string> = {
  gap_analysis: 'Gap analysis',
  risk_assessment_soa: 'Risk assessment and Statement of Applicability',
  documentation: 'Policies and documentation',
  training: 'Staff training',
  internal_audit: 'Internal audit',
  management_review: 'Management review',
  audit_support: 'Support during the certification audit',
};

/** The year of the cycle a line falls in: 0 initial certification, 1–2 surveillance, 3 recertification. */
export type CycleYear = 0 | 1 | 2 | 3;

export interface WorkPackage {
  kind: WorkPackageKind;
  days: number;
  feeCents: number;
  year: CycleYear;
}

/** A consultant's quote: work packages with days and a fee each. */
export interface ConsultantQuoteLines {
  packages: WorkPackage[];
}

export type QuoteInput = { kind: 'certification'; lines: CbQuoteLines } | { kind: 'consulting'; lines: ConsultantQuoteLines };

export interface NormalisedLine {
  label: string;
  cents: number;
}

export interface NormalisedYear {
  label: string;
  lines: NormalisedLine[];
  totalCents: number;
}

export interface NormalisedQuote {
  years: [NormalisedYear, NormalisedYear, NormalisedYear, NormalisedYear];
  totalCents: number;
  auditDays: { initial: number; surveillance1: number; surveillance2: number; recertification: number } | null;
}

/** The heading of each year of the cycle. */
export const cycleYearLabels: Record<CycleYear, string> = {
  0: 'Year 0 — initial certification',
  1: 'Year 1 — surveillance',
  2: 'Year 2 — surveillance',
  3: 'Year 3 — recertification',
};

function assertCents(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole, non-negative number of cents.`);
}

function assertDays(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be zero or a positive number of days.`);
}

function daysText(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

function auditLines(label: string, days: number, lines: CbQuoteLines): NormalisedLine[] {
  const result = [{ label: `${label}: ${daysText(days)}`, cents: Math.round(days * lines.dayRateCents) }];
  if (days > 0) result.push({ label: `Travel for the ${label.replace(/^(Surveillance|Recertification)/, (word) => word.toLowerCase())}`, cents: lines.travelCentsPerAudit });
  return result;
}

function certificationYears(lines: CbQuoteLines): NormalisedLine[][] {
  for (const key of ['dayRateCents', 'applicationFeeCents', 'certificateFeeCents', 'annualFeeCents', 'travelCentsPerAudit'] as const) {
    assertCents(lines[key], key);
  }
  for (const key of ['stage1Days', 'stage2Days', 'surveillance1Days', 'surveillance2Days', 'recertificationDays'] as const) {
    assertDays(lines[key], key);
  }
  return [
    [
      ...auditLines('Stage 1 audit', lines.stage1Days, lines),
      ...auditLines('Stage 2 audit', lines.stage2Days, lines),
      { label: 'Application fee', cents: lines.applicationFeeCents },
      { label: 'Certificate fee', cents: lines.certificateFeeCents },
    ],
    [...auditLines('Surveillance audit', lines.surveillance1Days, lines), { label: 'Annual fee', cents: lines.annualFeeCents }],
    [...auditLines('Surveillance audit', lines.surveillance2Days, lines), { label: 'Annual fee', cents: lines.annualFeeCents }],
    [
      ...auditLines('Recertification audit', lines.recertificationDays, lines),
      { label: 'Annual fee', cents: lines.annualFeeCents },
      { label: 'Certificate fee (reissued)', cents: lines.certificateFeeCents },
    ],
  ];
}

function consultingYears(lines: ConsultantQuoteLines): NormalisedLine[][] {
  const years: NormalisedLine[][] = [[], [], [], []];
  for (const item of lines.packages) {
    const label = workPackageLabels[item.kind];
    assertCents(item.feeCents, label);
    assertDays(item.days, label);
    const year = years[item.year];
    if (!year) throw new RangeError(`${label}: the year must be 0, 1, 2 or 3.`);
    year.push({ label: `${label}: ${daysText(item.days)}`, cents: item.feeCents });
  }
  return years;
}

function toYear(year: CycleYear, lines: NormalisedLine[]): NormalisedYear {
  return { label: cycleYearLabels[year], lines, totalCents: lines.reduce((sum, line) => sum + line.cents, 0) };
}

/**
 * Normalises a certification or consulting quote to four years of lines and totals (integer cents).
 * Throws a RangeError for negative or fractional cents, negative days or a year outside 0–3.
 */
export function normaliseQuote(quote: QuoteInput): NormalisedQuote {
  const raw = quote.kind === 'certification' ? certificationYears(quote.lines) : consultingYears(quote.lines);
  const years: NormalisedQuote['years'] = [toYear(0, raw[0] ?? []), toYear(1, raw[1] ?? []), toYear(2, raw[2] ?? []), toYear(3, raw[3] ?? [])];
  const totalCents = years.reduce((sum, year) => sum + year.totalCents, 0);
  const auditDays =
    quote.kind === 'certification'
      ? {
          initial: quote.lines.stage1Days + quote.lines.stage2Days,
          surveillance1: quote.lines.surveillance1Days,
          surveillance2: quote.lines.surveillance2Days,
          recertification: quote.lines.recertificationDays,
        }
      : null;
  return { years, totalCents, auditDays };
}

/** Formats integer cents as Australian dollars, e.g. 123456 → "$1,234.56". */
export function formatAud(cents: number): string {
  return new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD' }).format(cents / 100);
}
