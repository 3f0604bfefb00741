import type { Engagement } from '@custodian/shared/contracts/quotes.ts';
import { formatAud } from '@custodian/shared/domain/quote-normaliser.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { laneLabels, requestOf } from './comparison.service.ts';
import { providerNames } from './comparison.repo.ts';
import {
  acceptQuoteRow,
  findEngagement,
  findLaneEngagement,
  findRequestQuote,
  insertEngagement,
  laneProgress,
  listOrgEngagements,
  markOthersNotChosen,
  markRequestDecided,
  settleLeads,
  type EngagementRow,
} from './engagement.repo.ts';
import { mailOtherSide, marketplaceSignature } from './quote-mail.ts';
import { normalisedOf, toQuote } from './quote-shape.ts';
import type { RequesterCtx } from './requester-scope.ts';

function toEngagement(row: EngagementRow, providerName: string, hasReview: boolean): Engagement {
  return {
    id: row.id,
    requestId: row.request_id,
    providerName,
    lane: row.lane,
    valueCents: Number(row.value_cents),
    summary: row.summary,
    engagedAt: new Date(row.engaged_at).toISOString(),
    hasReview,
  };
}

/**
 * Accepts one submitted quote in its lane: the quote is accepted, the lane's other quotes not chosen,
 * leads won and lost, the engagement recorded, the request decided once every lane with leads is. The
 * request row is locked first, so two accepts at once are decided one after the other: the second finds
 * the lane decided (409). The winner is told "You have been engaged"; the others are thanked.
 */
export async function acceptQuote(ctx: RequesterCtx, requestId: string, quoteId: string, version: number): Promise<Engagement> {
  const request = await requestOf(ctx, requestId, { forUpdate: true });
  if (request.status !== 'open') throw new AppError('conflict', request.status === 'decided' ? 'You have already chosen a provider for every part of this request.' : 'This request is not open for a decision.');
  const quote = await findRequestQuote(ctx.tx, request.id, quoteId);
  if (!quote) throw new AppError('not_found', 'This quote was not found on your request.');
  if (await findLaneEngagement(ctx.tx, request.id, quote.lane)) throw new AppError('conflict', 'You have already accepted a quote for this part of the request.', { current: toQuote(quote) });
  if (quote.status !== 'submitted') throw new AppError('conflict', quote.status === 'withdrawn' ? 'The provider withdrew this quote.' : 'This quote can no longer be accepted.', { current: toQuote(quote) });
  if (quote.version !== version) throw new AppError('edit_conflict', 'The provider changed this quote after you opened it. Check the new quote, then accept it again.', { current: toQuote(quote) });
  if (!(await acceptQuoteRow(ctx.tx, quote.id, version, ctx.now))) throw new AppError('conflict', 'This quote can no longer be accepted.');
  const losers = await markOthersNotChosen(ctx.tx, request.id, quote.lane, quote.id, ctx.now);
  await settleLeads(ctx.tx, request.id, quote.lane, quote.lead_id);
  const providerName = (await providerNames(ctx.tx, [quote.provider_org_id])).get(quote.provider_org_id) ?? 'The provider';
  const row: EngagementRow = {
    id: newId(ctx.now.getTime()),
    request_id: request.id,
    requester_org_id: request.org_id,
    provider_org_id: quote.provider_org_id,
    quote_id: quote.id,
    lane: quote.lane,
    value_cents: quote.total_cents,
    summary: `${laneLabels[quote.lane] ?? quote.lane}: ${providerName}, ${formatAud(Number(quote.total_cents))} over the three-year cycle`,
    engaged_at: ctx.now,
  };
  await insertEngagement(ctx.tx, row);
  const progress = await laneProgress(ctx.tx, request.id);
  if (progress.wanted.every((lane) => progress.decided.includes(lane))) await markRequestDecided(ctx.tx, request.id, ctx.now);
  await ctx.audit('marketplace.quote_accepted', { type: 'marketplace_engagement', id: row.id }, null, { providerName, valueCents: Number(quote.total_cents) });
  await mailOtherSide(ctx, quote.lead_id, 'provider', {
    subject: 'You have been engaged',
    text: `Good news: the requester accepted your quote of ${formatAud(Number(quote.total_cents))} over the three-year cycle and has engaged ${providerName}.\n\nOpen the lead in Custodian to message them and agree the next steps.${marketplaceSignature}`,
  });
  for (const leadId of losers) {
    await mailOtherSide(ctx, leadId, 'provider', {
      subject: 'Thank you for your quote',
      text: `Thank you for quoting. The requester has chosen another provider this time. Quotes like yours help healthcare organisations compare fairly.${marketplaceSignature}`,
    });
  }
  return toEngagement(row, providerName, false);
}

/** The organisation's engagements, newest first (who, what, when, value). */
export async function listEngagements(ctx: OrgCtx): Promise<{ items: Engagement[] }> {
  const rows = await listOrgEngagements(ctx.tx, ctx.org.id);
  const names = await providerNames(ctx.tx, [...new Set(rows.map((row) => row.provider_org_id))]);
  return { items: rows.map((row) => toEngagement(row, names.get(row.provider_org_id) ?? 'A provider no longer listed', row.has_review)) };
}

/**
 * One engagement of this organisation with the cycle its accepted quote priced, year by year (the
 * certification module links a certificate to it); null when there is none or it is another's.
 */
export async function findOrgEngagement(ctx: OrgCtx, engagementId: string): Promise<(Engagement & { years: Array<{ label: string; totalCents: number }> }) | null> {
  const row = await findEngagement(ctx.tx, engagementId);
  if (!row || row.requester_org_id !== ctx.org.id) return null;
  const quote = await findRequestQuote(ctx.tx, row.request_id, row.quote_id);
  const names = await providerNames(ctx.tx, [row.provider_org_id]);
  const years = quote ? normalisedOf(quote).years.map((year) => ({ label: year.label, totalCents: year.totalCents })) : [];
  return { ...toEngagement(row, names.get(row.provider_org_id) ?? 'A provider no longer listed', false), years };
}
