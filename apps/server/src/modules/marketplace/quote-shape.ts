import { certificationLines, consultingLines, type Quote } from '@custodian/shared/contracts/quotes.ts';
import { normaliseQuote, type NormalisedQuote, type QuoteInput } from '@custodian/shared/domain/quote-normaliser.ts';
import { toIso } from '../../lib/dates.ts';
import type { QuoteRow } from './quote-builder.repo.ts';

/** The structured quote stored in a row, checked against the contract's shapes. */
export function quoteInputOf(row: Pick<QuoteRow, 'kind' | 'lines'>): QuoteInput {
  if (row.kind === 'certification') return { kind: 'certification', lines: certificationLines.parse(row.lines) };
  return { kind: 'consulting', lines: consultingLines.parse(row.lines) };
}

/** The quote's four years (initial certification, two surveillance years, recertification) and total. */
export function normalisedOf(row: Pick<QuoteRow, 'kind' | 'lines'>): NormalisedQuote {
  return normaliseQuote(quoteInputOf(row));
}

/** The form a lead's lane takes: a certification body quotes the audit cycle, everyone else work packages. */
export function quoteKindOfLane(lane: string): 'certification' | 'consulting' {
  return lane === 'certification' ? 'certification' : 'consulting';
}

/** A quote as the API shows it. */
export function toQuote(row: QuoteRow): Quote {
  const input = quoteInputOf(row);
  const normalised = normaliseQuote(input);
  return {
    id: row.id,
    leadId: row.lead_id,
    kind: input.kind,
    lines: input.lines,
    assumptions: row.assumptions,
    validUntil: row.valid_until,
    status: row.status as Quote['status'],
    totalCents: Number(row.total_cents),
    years: normalised.years.map((year) => ({ label: year.label, totalCents: year.totalCents, lines: year.lines })),
    submittedAt: toIso(row.submitted_at),
    version: row.version,
  };
}
