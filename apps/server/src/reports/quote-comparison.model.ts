import type { Comparison } from '@custodian/shared/contracts/quotes.ts';
import { formatAud } from '@custodian/shared/domain/quote-normaliser.ts';
import { formatCalendarDate } from '@custodian/shared/domain/quote-flags.ts';

/** The board's comparison as plain text cells: everything the PDF prints, nothing it computes. */
export interface QuoteComparisonModel {
  title: string;
  subtitle: string;
  estimate: string;
  lanes: Array<{
    heading: string;
    yearLabels: string[];
    quotes: Array<{
      provider: string;
      status: string;
      years: string[];
      total: string;
      auditDays: string | null;
      commission: string;
      validUntil: string;
      flags: string[];
    }>;
  }>;
  footnote: string;
}

const statusWords: Record<string, string> = { submitted: 'Submitted', accepted: 'Accepted', not_chosen: 'Not chosen' };

/** Builds the model from the comparison: money in AUD, dates dd/mm/yyyy (the comparison's own day). */
export function buildQuoteComparisonModel(comparison: Comparison, requesterName: string): QuoteComparisonModel {
  const e = comparison.estimate;
  return {
    title: 'Quote comparison for the board',
    subtitle: `${requesterName} · prepared ${formatCalendarDate(comparison.asOf)}`,
    estimate: `Audit time estimate (ISO/IEC 27006) for ${e.effectivePersons} effective persons: initial certification ${e.initialDays} days (Stage 1 ${e.stage1Days}, Stage 2 ${e.stage2Days}), each surveillance ${e.surveillanceDays} days, recertification ${e.recertificationDays} days.`,
    lanes: comparison.lanes.map((lane) => ({
      heading: lane.label,
      yearLabels: lane.quotes[0]?.years.map((year) => year.label) ?? [],
      quotes: lane.quotes.map((quote) => ({
        provider: quote.providerName,
        status: statusWords[quote.status] ?? quote.status,
        years: quote.years.map((year) => formatAud(year.totalCents)),
        total: formatAud(quote.totalCents),
        auditDays: quote.auditDays
          ? `Audit days: initial ${quote.auditDays.initial}, surveillance ${quote.auditDays.surveillance1} and ${quote.auditDays.surveillance2}, recertification ${quote.auditDays.recertification} (estimate ${e.initialDays}, ${e.surveillanceDays}, ${e.surveillanceDays}, ${e.recertificationDays})`
          : null,
        commission: quote.commissionPercent === null ? 'No referral commission disclosed' : `Referral commission disclosed: ${quote.commissionPercent} %`,
        validUntil: `Valid until ${formatCalendarDate(quote.validUntil)}`,
        flags: quote.flags.map((flag) => `${flag.severity === 'serious' ? 'Warning' : 'Note'}: ${flag.message}`),
      })),
    })),
    footnote: 'Totals are in Australian dollars over the three-year certification cycle (initial certification, two surveillance years and recertification), as quoted; Custodian normalises each quote the same way so they compare side by side.',
  };
}
