import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type {
  MarketplaceRequest,
  MarketplaceRequestDetail,
  RequesterLead,
  RequestFields,
  RequestListQuery,
  RequestReadiness,
} from '@custodian/shared/contracts/marketplace-requests.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import type { requestDraft } from '@custodian/shared/contracts/marketplace-requests.ts';
import type { OrgCtx, TxCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { getReadiness, listAllGapItems } from '../gap/gap.service.ts';
import { findRequestLead, listRequestLeads, revealOnLead } from './lead.repo.ts';
import { findLatestConsultingEngagement, findRequest, insertRequest, isListedProvider, listOrgRequests, orgFacts, type RequestRow } from './request.repo.ts';
import { requestColumns, toRequest, toRequesterLead } from './request-view.ts';
import { requesterFromOrg, type RequesterCtx } from './requester-scope.ts';

const requestNotFound = () => new AppError('not_found', 'This request for quotes was not found.');

/** The organisation's readiness as a request carries it: overall, per clause and per Annex A theme. */
async function readinessOf(ctx: OrgCtx): Promise<{ readiness: RequestReadiness; targetDate: string | null }> {
  const items = await listAllGapItems(ctx);
  const reply = await getReadiness(ctx, items);
  const open = items.filter((item) => item.status !== 'implemented' && item.status !== 'not_applicable');
  const targets = open.map((item) => item.targetDate).filter((date): date is string => typeof date === 'string');
  return {
    readiness: {
      overall: reply.overall.score,
      clauses: reply.clauses.map((c) => ({ ref: c.ref, title: c.title, score: c.score })),
      themes: reply.themes.map((t) => ({ ref: t.ref, title: t.title, score: t.score })),
      notStarted: reply.overall.counts.notStarted,
      partial: reply.overall.counts.partial,
      asOf: reply.asOf,
    },
    targetDate: targets.length > 0 ? targets.reduce((a, b) => (a > b ? a : b)) : null,
  };
}

/**
 * The request form filled in from what Custodian holds: the organisation's name, the person asking,
 * its member count as a first guess at headcount, readiness by clause and theme, and the latest target
 * date of the gap analysis's open items, and the consultancy it last engaged through the marketplace (the
 * impartiality rule keeps certification bodies tied to it out).
 */
export async function getRequestDraft(ctx: OrgCtx): Promise<z.infer<typeof requestDraft>> {
  const facts = await orgFacts(ctx.tx, ctx.org.id);
  const { readiness, targetDate } = await readinessOf(ctx);
  const ismsBuiltBy = await findLatestConsultingEngagement(ctx.tx, ctx.org.id);
  return { organisationName: facts.name, contactName: ctx.user.name, contactEmail: ctx.user.email, headcount: facts.members, readiness, targetDate, ismsBuiltBy };
}

/** Refuses a "built by" that is not a provider in the directory (the field names one by its id). */
export async function assertBuiltByListed(ctx: TxCtx, fields: RequestFields): Promise<void> {
  if (fields.ismsBuiltByProviderId === null) return;
  if (await isListedProvider(ctx.tx, fields.ismsBuiltByProviderId)) return;
  throw new AppError('validation_failed', 'Choose the consultancy from the marketplace’s list, or leave it empty.', [
    { path: 'ismsBuiltByProviderId', message: 'is not a consultancy listed in the marketplace' },
  ]);
}

/** A signed-in organisation's request: stored for the operator's approval, with its readiness attached. */
export async function createOrgRequest(ctx: OrgCtx, fields: RequestFields): Promise<MarketplaceRequest> {
  await assertBuiltByListed(ctx, fields);
  const facts = await orgFacts(ctx.tx, ctx.org.id);
  const { readiness } = await readinessOf(ctx);
  const id = newId(ctx.now.getTime());
  await insertRequest(ctx.tx, {
    id,
    org_id: ctx.org.id,
    status: 'pending_approval',
    contact_name: ctx.user.name,
    contact_email: ctx.user.email,
    organisation_name: facts.name,
    guest_link_sha256: null,
    confirmed_at: ctx.now,
    ...requestColumns(fields),
    readiness,
    estimate: null,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  const row = await findRequest(ctx.tx, id);
  if (!row) throw new Error('the new request is not visible to its organisation');
  await ctx.audit('marketplace_request.created', { type: 'marketplace_request', id }, null, { services: fields.services, sector: fields.sector, headcount: fields.headcount });
  return toRequest(row);
}

/** The organisation's requests, newest first. */
export async function listMyRequests(ctx: OrgCtx, query: RequestListQuery): Promise<ListReply<MarketplaceRequest>> {
  const page = await listOrgRequests(ctx.tx, ctx.org.id, query);
  return { ...page, items: page.items.map(toRequest) };
}

async function visibleRequest(ctx: RequesterCtx, requestId: string): Promise<RequestRow> {
  const row = await findRequest(ctx.tx, requestId);
  const isOwn = row !== undefined && (ctx.requester.kind === 'org' ? row.org_id === ctx.requester.orgId : row.id === ctx.requester.requestId);
  if (!row || !isOwn) throw requestNotFound();
  return row;
}

/** A request with its leads per lane: the provider's public name, the reasons, the commission disclosed, the state. */
export async function getRequestDetail(ctx: RequesterCtx, requestId: string): Promise<MarketplaceRequestDetail> {
  const row = await visibleRequest(ctx, requestId);
  const leads = await listRequestLeads(ctx.tx, row.id);
  return { request: toRequest(row), leads: leads.map(toRequesterLead) };
}

/** The organisation's view of getRequestDetail. */
export async function getOrgRequestDetail(ctx: OrgCtx, requestId: string): Promise<MarketplaceRequestDetail> {
  return getRequestDetail(requesterFromOrg(ctx), requestId);
}

/**
 * Shows who the requester is (contact name, e-mail, organisation) to the provider of one lead: copied
 * into that lead only, audited. Revealing twice changes nothing.
 */
export async function revealIdentity(ctx: RequesterCtx, requestId: string, leadId: string): Promise<RequesterLead> {
  const request = await visibleRequest(ctx, requestId);
  const lead = await findRequestLead(ctx.tx, request.id, leadId);
  if (!lead) throw new AppError('not_found', 'This provider was not offered your request.');
  if (lead.status === 'declined' || lead.status === 'expired' || lead.status === 'withdrawn') {
    throw new AppError('conflict', 'This provider is no longer working on your request, so your details were not shown to them.');
  }
  const identity = { contactName: request.contact_name, contactEmail: request.contact_email, organisationName: request.organisation_name };
  const revealed = await revealOnLead(ctx.tx, lead.id, identity, ctx.now);
  if (revealed) await ctx.audit('marketplace_lead.identity_revealed', { type: 'marketplace_lead', id: lead.id }, null, { requestId: request.id, lane: lead.lane });
  const leads = await listRequestLeads(ctx.tx, request.id);
  const current = leads.find((l) => l.id === lead.id);
  if (!current) throw new Error('the revealed lead disappeared');
  return toRequesterLead(current);
}

/** The organisation's view of revealIdentity. */
export async function revealOrgIdentity(ctx: OrgCtx, requestId: string, leadId: string): Promise<RequesterLead> {
  return revealIdentity(requesterFromOrg(ctx), requestId, leadId);
}
