import type { z } from 'zod';
import type { Quote, saveQuoteBody } from '@custodian/shared/contracts/quotes.ts';
import { formatAud, normaliseQuote } from '@custodian/shared/domain/quote-normaliser.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { formatAuDate, todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { findProviderKind } from '../org/org.service.ts';
import { findProviderLead, findQuoteOfLead, insertQuote, moveLead, providerDisplayName, updateQuoteAtVersion, type LeadRow, type QuoteRow } from './quote-builder.repo.ts';
import { mailOtherSide, marketplaceSignature } from './quote-mail.ts';
import { quoteKindOfLane, toQuote } from './quote-shape.ts';

/** Lead statuses on which the provider may work on its quote. */
const quotableLeadStatuses = ['accepted', 'quoted'] as const;

/** The provider's lead, or 404 (not a provider, or not its lead). */
export async function providerLead(ctx: OrgCtx, leadId: string): Promise<LeadRow> {
  if ((await findProviderKind(ctx)) === null) throw new AppError('not_found', 'This organisation is not a provider in the marketplace.');
  const lead = await findProviderLead(ctx.tx, ctx.org.id, leadId);
  if (!lead) throw new AppError('not_found', 'This lead was not found. It may have passed to another provider.');
  return lead;
}

function conflict(row: QuoteRow, what: string): AppError {
  return new AppError('edit_conflict', `Someone else ${what} this quote after you opened it. Check their change, then apply yours again.`, { current: toQuote(row) });
}

/** The quote builder: the lead's lane decides the form (certification cycle or work packages). */
export async function getQuoteBuilder(ctx: OrgCtx, leadId: string) {
  const lead = await providerLead(ctx, leadId);
  const row = await findQuoteOfLead(ctx.tx, lead.id);
  const isLeadOpen = (quotableLeadStatuses as readonly string[]).includes(lead.status);
  return {
    leadId: lead.id,
    lane: lead.lane,
    leadStatus: lead.status,
    kind: quoteKindOfLane(lead.lane),
    canEdit: isLeadOpen && (!row || row.status === 'draft' || row.status === 'withdrawn'),
    quote: row ? toQuote(row) : null,
  };
}

/**
 * Saves the draft quote on an accepted lead: version 0 creates it, otherwise the version read must be
 * current (409 with the current quote). A withdrawn quote becomes a draft again; a submitted one must be
 * withdrawn first. The total is the normaliser's three-year total.
 */
export async function saveQuote(ctx: OrgCtx, leadId: string, body: z.output<typeof saveQuoteBody>): Promise<Quote> {
  const lead = await providerLead(ctx, leadId);
  if (!(quotableLeadStatuses as readonly string[]).includes(lead.status)) {
    throw new AppError('conflict', 'Accept the lead before you quote on it. A declined, passed-on or decided lead cannot take a quote.');
  }
  const expected = quoteKindOfLane(lead.lane);
  if (body.kind !== expected) {
    throw new AppError('validation_failed', expected === 'certification' ? 'This lead asks for a certification audit: fill in the audit days and fees.' : 'This lead asks for consulting: list the work packages.', {
      fields: [{ path: 'kind', message: `must be ${expected} for this lead` }],
    });
  }
  const total = normaliseQuote(body.kind === 'certification' ? { kind: 'certification', lines: body.lines } : { kind: 'consulting', lines: body.lines }).totalCents;
  const fields = { kind: body.kind, lines: JSON.stringify(body.lines), assumptions: body.assumptions, valid_until: body.validUntil, total_cents: String(total) };
  const existing = await findQuoteOfLead(ctx.tx, lead.id);
  if (!existing) {
    if (body.version !== 0) throw new AppError('not_found', 'This quote was not found: it may not have been saved yet. Save it again as a new quote.');
    const created = await insertQuote(ctx.tx, { id: newId(ctx.now.getTime()), lead_id: lead.id, request_id: lead.request_id, provider_org_id: ctx.org.id, status: 'draft', created_at: ctx.now, updated_at: ctx.now, ...fields });
    if (!created) {
      const current = await findQuoteOfLead(ctx.tx, lead.id);
      if (current) throw conflict(current, 'started');
      throw new AppError('conflict', 'The quote could not be saved. Try again.');
    }
    await ctx.audit('marketplace.quote_saved', { type: 'marketplace_quote', id: created.id }, null, { totalCents: total, validUntil: body.validUntil });
    return toQuote(created);
  }
  if (existing.version !== body.version) throw conflict(existing, 'changed');
  if (existing.status !== 'draft' && existing.status !== 'withdrawn') {
    throw new AppError('conflict', 'This quote has been submitted. Withdraw it first if you need to change it.', { current: toQuote(existing) });
  }
  const updated = await updateQuoteAtVersion(ctx.tx, existing.id, body.version, { ...fields, status: 'draft', updated_at: ctx.now });
  if (!updated) throw conflict((await findQuoteOfLead(ctx.tx, lead.id)) ?? existing, 'changed');
  await ctx.audit('marketplace.quote_saved', { type: 'marketplace_quote', id: updated.id }, { totalCents: Number(existing.total_cents), validUntil: existing.valid_until }, { totalCents: total, validUntil: body.validUntil });
  return toQuote(updated);
}

/** Submits the draft: the lead becomes `quoted` and the requester is told by e-mail. */
export async function submitQuote(ctx: OrgCtx, leadId: string, version: number): Promise<Quote> {
  const lead = await providerLead(ctx, leadId);
  const existing = await findQuoteOfLead(ctx.tx, lead.id);
  if (!existing) throw new AppError('not_found', 'There is no quote on this lead yet. Save a draft first.');
  if (existing.version !== version) throw conflict(existing, 'changed');
  if (existing.status !== 'draft') throw new AppError('conflict', existing.status === 'submitted' ? 'This quote has already been submitted.' : 'Only a draft quote can be submitted. Save your changes as a draft first.', { current: toQuote(existing) });
  if (existing.valid_until < todayIn(ctx.org.timeZone, ctx.now)) {
    throw new AppError('validation_failed', 'The quote’s validity date has passed. Choose a date from today onwards.', { fields: [{ path: 'validUntil', message: 'must be today or later' }] });
  }
  const updated = await updateQuoteAtVersion(ctx.tx, existing.id, version, { status: 'submitted', submitted_at: ctx.now, updated_at: ctx.now });
  if (!updated) throw conflict((await findQuoteOfLead(ctx.tx, lead.id)) ?? existing, 'changed');
  if (!(await moveLead(ctx.tx, lead.id, quotableLeadStatuses, 'quoted'))) throw new AppError('conflict', 'This lead is no longer open for quotes.');
  await ctx.audit('marketplace.quote_submitted', { type: 'marketplace_quote', id: updated.id }, { status: 'draft' }, { status: 'submitted', totalCents: Number(updated.total_cents) });
  const name = (await providerDisplayName(ctx.tx, ctx.org.id)) ?? ctx.org.name;
  await mailOtherSide(ctx, lead.id, 'requester', {
    subject: `New quote from ${name}`,
    text: `${name} has sent you a quote: ${formatAud(Number(updated.total_cents))} over the three-year certification cycle, valid until ${formatAuDate(updated.valid_until)}.\n\nOpen your request in Custodian to compare it with the other quotes.${marketplaceSignature}`,
  });
  return toQuote(updated);
}

/** Withdraws a submitted quote: the lead is open for a new quote again. */
export async function withdrawQuote(ctx: OrgCtx, leadId: string, version: number): Promise<Quote> {
  const lead = await providerLead(ctx, leadId);
  const existing = await findQuoteOfLead(ctx.tx, lead.id);
  if (!existing) throw new AppError('not_found', 'There is no quote on this lead.');
  if (existing.version !== version) throw conflict(existing, 'changed');
  if (existing.status !== 'submitted') throw new AppError('conflict', 'Only a submitted quote that has not been decided can be withdrawn.', { current: toQuote(existing) });
  const updated = await updateQuoteAtVersion(ctx.tx, existing.id, version, { status: 'withdrawn', updated_at: ctx.now });
  if (!updated) throw conflict((await findQuoteOfLead(ctx.tx, lead.id)) ?? existing, 'changed');
  await moveLead(ctx.tx, lead.id, ['quoted'], 'accepted');
  await ctx.audit('marketplace.quote_withdrawn', { type: 'marketplace_quote', id: updated.id }, { status: 'submitted' }, { status: 'withdrawn' });
  return toQuote(updated);
}
