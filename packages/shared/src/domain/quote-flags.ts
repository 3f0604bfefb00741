import type { QuoteInput } from './quote-normaliser.ts';
import { workPackageLabels } from './quote-normaliser.ts';

/** What the comparison warns a requester about, beside a quote. */
export const quoteFlagCodes = [
  'audit_days_below_estimate',
  'accreditation_missing',
  'accreditation_expired',
  'accreditation_scope_without_27001',
  'missing_line_items',
  'consultant_audits_own_work',
] as const;
export type QuoteFlagCode = (typeof quoteFlagCodes)[number];

export interface QuoteFlag {
  code: QuoteFlagCode;
  severity: 'warning' | 'serious';
  /** Plain English for a practice manager. */
  message: string;
}

/** A CB's accreditation as the platform operator verified it. */
export interface AccreditationRecord {
  /** YYYY-MM-DD; the accreditation is valid up to and including this day. */
  expiresOn: string | null;
  scopeIncludes27001: boolean;
  body?: string;
  number?: string;
}

export interface FlagQuoteInput {
  quote: QuoteInput;
  /** The ISO/IEC 27006 estimate for this organisation (from estimateAuditDays). */
  estimate?: { adjustedInitialDays: number; surveillanceDays: number; recertificationDays: number } | null;
  /** For certification quotes: the CB's accreditation; null or left out means none on record (flagged). */
  accreditation?: AccreditationRecord | null;
  /** For consulting quotes: the consultant is recorded as having built this organisation's ISMS. */
  consultantBuiltIsms?: boolean;
  /** Today in the organisation's time zone, YYYY-MM-DD. */
  asOf: string;
}

/** A quoted audit more than this share below the estimate is flagged (ISO/IEC 27006 allows at most 30 % less). */
export const auditDaysTolerance = 0.3;

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → 'dd/mm/yyyy'. */
export function formatCalendarDate(date: string): string {
  const match = isoDate.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a date written YYYY-MM-DD.`);
  return `${match[3]}/${match[2]}/${match[1]}`;
}

function assertDate(date: string): void {
  formatCalendarDate(date);
}

function daysText(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

function certificationFlags(input: FlagQuoteInput & { quote: { kind: 'certification' } }): QuoteFlag[] {
  const flags: QuoteFlag[] = [];
  const lines = input.quote.lines;
  const estimate = input.estimate;
  if (estimate) {
    const audits: Array<[string, number, number]> = [
      ['initial certification audit (Stage 1 and Stage 2)', lines.stage1Days + lines.stage2Days, estimate.adjustedInitialDays],
      ['first surveillance audit', lines.surveillance1Days, estimate.surveillanceDays],
      ['second surveillance audit', lines.surveillance2Days, estimate.surveillanceDays],
      ['recertification audit', lines.recertificationDays, estimate.recertificationDays],
    ];
    for (const [name, quoted, expected] of audits) {
      if (quoted <= 0 || quoted >= expected * (1 - auditDaysTolerance) - 1e-9) continue;
      const percent = Math.round((1 - quoted / expected) * 100);
      flags.push({
        code: 'audit_days_below_estimate',
        severity: 'serious',
        message: `The ${name} is quoted at ${daysText(quoted)}, ${percent} % below the ${daysText(expected)} the ISO/IEC 27006 audit time rules suggest for your organisation. An audit this short may not be accepted by the accreditation body; ask the certification body how it arrived at it.`,
      });
    }
  }
  const accreditation = input.accreditation ?? null;
  if (accreditation === null) {
    flags.push({
      code: 'accreditation_missing',
      severity: 'serious',
      message: 'We hold no verified accreditation for this certification body. A certificate from an unaccredited body may not be recognised by your partners or insurers.',
    });
  } else {
    if (accreditation.expiresOn === null) {
      flags.push({
        code: 'accreditation_missing',
        severity: 'serious',
        message: 'This certification body has not shown when its accreditation runs until, so we cannot confirm it is current.',
      });
    } else {
      assertDate(accreditation.expiresOn);
      if (accreditation.expiresOn < input.asOf) {
        flags.push({
          code: 'accreditation_expired',
          severity: 'serious',
          message: `This certification body's accreditation expired on ${formatCalendarDate(accreditation.expiresOn)}. Until it is renewed, the certificate it issues may not be accredited.`,
        });
      }
    }
    if (!accreditation.scopeIncludes27001) {
      flags.push({
        code: 'accreditation_scope_without_27001',
        severity: 'serious',
        message: "This certification body's accreditation does not cover ISO/IEC 27001, so it cannot issue an accredited ISO/IEC 27001 certificate.",
      });
    }
  }
  const missing: string[] = [];
  const dayLines: Array<[string, number]> = [
    ['Stage 1', lines.stage1Days],
    ['Stage 2', lines.stage2Days],
    ['surveillance year 1', lines.surveillance1Days],
    ['surveillance year 2', lines.surveillance2Days],
    ['recertification', lines.recertificationDays],
  ];
  for (const [name, days] of dayLines) if (!(days > 0)) missing.push(`${name} audit days`);
  if (!(lines.dayRateCents > 0)) missing.push('the day rate');
  if (missing.length > 0) {
    flags.push({
      code: 'missing_line_items',
      severity: 'warning',
      message: `This quote leaves out ${joinList(missing)}, so its three-year total may be understated. Ask for the full cycle before comparing.`,
    });
  }
  return flags;
}

function consultingFlags(input: FlagQuoteInput & { quote: { kind: 'consulting' } }): QuoteFlag[] {
  const flags: QuoteFlag[] = [];
  const kinds = new Set(input.quote.lines.packages.map((p) => p.kind));
  if (kinds.size === 0) {
    flags.push({
      code: 'missing_line_items',
      severity: 'warning',
      message: 'This quote lists no work packages, so there is nothing to compare. Ask the consultant to itemise the work.',
    });
  }
  if (kinds.has('internal_audit')) {
    const audited = (['documentation', 'risk_assessment_soa'] as const).filter((kind) => kinds.has(kind));
    if (audited.length > 0) {
      flags.push({
        code: 'consultant_audits_own_work',
        severity: 'serious',
        message: `This consultant offers to internally audit work it would also do (${audited.map((k) => workPackageLabels[k].toLowerCase()).join('; ')}). An internal auditor must be independent of what they audit; use another consultant for the internal audit.`,
      });
    } else if (input.consultantBuiltIsms) {
      flags.push({
        code: 'consultant_audits_own_work',
        severity: 'serious',
        message: 'This consultant built your ISMS and now offers to internally audit it. An internal auditor must be independent of what they audit; use another consultant for the internal audit.',
      });
    }
  }
  return flags;
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The flags the comparison shows beside a quote: audit days more than 30 % below the ISO/IEC 27006
 * estimate (initial, each surveillance, recertification), a CB's missing, expired (before `asOf`,
 * comparing calendar dates) or non-27001 accreditation, missing line items, and a consultant offering to
 * internally audit its own work.
 */
export function flagQuote(input: FlagQuoteInput): QuoteFlag[] {
  assertDate(input.asOf);
  return input.quote.kind === 'certification'
    ? certificationFlags({ ...input, quote: input.quote })
    : consultingFlags({ ...input, quote: input.quote });
}
