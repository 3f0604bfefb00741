import type { Comparison, ComparisonQuote } from '@custodian/shared/contracts/quotes.ts';
import { estimateAuditDays, type AuditDaysEstimate } from '@custodian/shared/domain/audit-time.ts';
import { flagQuote, type AccreditationRecord } from '@custodian/shared/domain/quote-flags.ts';
import { AppError } from '@custodian/shared/errors.ts';
import { todayIn } from '../../lib/dates.ts';
import { buildQuoteComparisonModel } from '../../reports/quote-comparison.model.ts';
import { renderQuoteComparisonPdf } from '../../reports/render-quote-comparison-pdf.ts';
import { findRequestInScope, listComparableQuotes, listRequestLeads, listVerifiedAccreditations, providerNames, type ComparisonRequestRow, type VerifiedAccreditationRow } from './comparison.repo.ts';
import { normalisedOf, quoteInputOf } from './quote-shape.ts';
import type { RequesterCtx } from './requester-scope.ts';

/** The lanes in the order the comparison shows them, with their headings. */
export const laneLabels: Record<string, string> = { certification: 'Certification bodies', consulting: 'Consultants', training: 'Training' };
const laneOrder = ['certification', 'consulting', 'training'];

/**
 * The ISO/IEC 27006 estimate for the request: its full-time equivalents as persons (part-timers count by
 * their FTE), medium business and IT complexity (the middle of the allowed range), and the sites other
 * than the central one sampled per IAF MD 1.
 */
export function estimateForRequest(request: Pick<ComparisonRequestRow, 'fte' | 'headcount' | 'sites'>): AuditDaysEstimate {
  const fte = Math.max(1, Number(request.fte) || request.headcount);
  const whole = Math.floor(fte);
  const siteCount = Array.isArray(request.sites) ? Math.max(0, request.sites.length - 1) : 0;
  return estimateAuditDays({
    personnel: { fullTimeHeadcount: whole, partTimeFte: Math.round((fte - whole) * 10) / 10 },
    complexity: { business: [2, 2, 2], it: [2, 2, 2] },
    sites: { count: siteCount },
  });
}

function accreditationOf(rows: VerifiedAccreditationRow[]): AccreditationRecord | null {
  if (rows.length === 0) return null;
  const covering = rows.find((row) => row.standards.includes('iso27001'));
  const chosen = covering ?? rows[0];
  if (!chosen) return null;
  return { expiresOn: chosen.expires_on, scopeIncludes27001: covering !== undefined, body: chosen.accreditation_body, number: chosen.accreditation_number };
}

/** The request in the requester's scope, or 404. */
export async function requestOf(ctx: RequesterCtx, requestId: string, options: { forUpdate?: boolean } = {}): Promise<ComparisonRequestRow> {
  const id = ctx.requester.kind === 'guest' ? ctx.requester.requestId : requestId;
  const request = await findRequestInScope(ctx.tx, id, options);
  if (!request || (ctx.requester.kind === 'org' && request.org_id !== ctx.requester.orgId)) throw new AppError('not_found', 'This request for quotes was not found.');
  return request;
}

/**
 * Every submitted quote of a request, normalised to the three-year cycle year by year, side by side per
 * lane, each with its flags (short audit days, accreditation, missing lines, a consultant auditing its
 * own work), the audit-time estimate and the provider's disclosed commission.
 */
export async function buildComparison(ctx: RequesterCtx, requestId: string): Promise<Comparison> {
  const request = await requestOf(ctx, requestId);
  const asOf = todayIn(ctx.requester.timeZone, ctx.now);
  const estimate = estimateForRequest(request);
  const leads = await listRequestLeads(ctx.tx, request.id);
  const quotes = await listComparableQuotes(ctx.tx, request.id);
  const providerIds = [...new Set(leads.map((lead) => lead.provider_org_id))];
  const names = await providerNames(ctx.tx, providerIds);
  const accreditations = await listVerifiedAccreditations(ctx.tx, providerIds, asOf);
  const leadById = new Map(leads.map((lead) => [lead.id, lead]));
  const lanes = new Map<string, ComparisonQuote[]>();
  const decided = new Map<string, string>();
  for (const lead of leads) if (!lanes.has(lead.lane)) lanes.set(lead.lane, []);
  for (const row of quotes) {
    const lead = leadById.get(row.lead_id);
    if (!lead) continue;
    const input = quoteInputOf(row);
    const normalised = normalisedOf(row);
    const flags = flagQuote({
      quote: input,
      estimate,
      accreditation: accreditationOf(accreditations.filter((a) => a.org_id === row.provider_org_id)),
      consultantBuiltIsms: request.isms_built_by_org_id === row.provider_org_id,
      asOf,
    });
    if (row.status === 'accepted') decided.set(lead.lane, row.id);
    lanes.get(lead.lane)?.push({
      quoteId: row.id,
      leadId: lead.id,
      providerName: names.get(row.provider_org_id) ?? 'A provider no longer listed',
      status: row.status as ComparisonQuote['status'],
      version: row.version,
      totalCents: normalised.totalCents,
      years: normalised.years.map((year) => ({ label: year.label, totalCents: year.totalCents, lines: year.lines })),
      auditDays: normalised.auditDays,
      flags,
      commissionPercent: lead.commission_percent === null ? null : Number(lead.commission_percent),
      assumptions: row.assumptions,
      validUntil: row.valid_until,
    });
  }
  const ordered = [...lanes.keys()].sort((a, b) => laneOrder.indexOf(a) - laneOrder.indexOf(b));
  return {
    requestId: request.id,
    requestStatus: request.status,
    asOf,
    estimate: {
      initialDays: estimate.adjustedInitialDays,
      stage1Days: estimate.stage1Days,
      stage2Days: estimate.stage2Days,
      surveillanceDays: estimate.surveillanceDays,
      recertificationDays: estimate.recertificationDays,
      effectivePersons: estimate.effectivePersons,
    },
    lanes: ordered.map((lane) => ({ lane, label: laneLabels[lane] ?? lane, decidedQuoteId: decided.get(lane) ?? null, quotes: lanes.get(lane) ?? [] })),
  };
}

/** The comparison as a PDF for the board: the plain model first, then pdfkit. */
export async function buildComparisonPdf(ctx: RequesterCtx, requestId: string, requesterName: string): Promise<{ fileName: string; body: Buffer }> {
  const comparison = await buildComparison(ctx, requestId);
  const body = await renderQuoteComparisonPdf(buildQuoteComparisonModel(comparison, requesterName), ctx.now);
  return { fileName: `quote-comparison-${comparison.asOf}.pdf`, body };
}
