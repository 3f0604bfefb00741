import type { LeadListQuery, ProviderLead } from '@custodian/shared/contracts/leads.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { BaseCtx, OrgCtx, TxCtx } from '../../core/ctx.ts';
import type { AppDeps } from '../../core/deps.ts';
import type { Logger } from '../../core/logger.ts';
import { runTransaction, scopedOpen } from '../../core/transaction.ts';
import { findProviderKind } from '../org/org.service.ts';
import { answerLead, expireLead, findProviderLead, listOverdueLeads, listProviderLeads, setMarketplaceAgent, type LeadRow } from './lead.repo.ts';
import { offerLeads, platformRecorder, type Scope } from './matching.service.ts';
import { lockRequest } from './request.repo.ts';
import { toProviderLead } from './request-view.ts';

const notAProvider = () => new AppError('not_found', 'This organisation is not a provider in the marketplace.');
const leadNotFound = () => new AppError('not_found', 'This lead was not found.');

async function assertProvider(ctx: OrgCtx): Promise<void> {
  if (!(await findProviderKind(ctx))) throw notAProvider();
}

/** The provider's lead inbox, newest first. */
export async function listLeads(ctx: OrgCtx, query: LeadListQuery): Promise<ListReply<ProviderLead>> {
  await assertProvider(ctx);
  const page = await listProviderLeads(ctx.tx, ctx.org.id, query);
  return { ...page, items: page.items.map(toProviderLead) };
}

/** One lead: the anonymised request, and who asks only once they showed this provider. */
export async function getLead(ctx: OrgCtx, leadId: string): Promise<ProviderLead> {
  await assertProvider(ctx);
  const row = await findProviderLead(ctx.tx, ctx.org.id, leadId);
  if (!row) throw leadNotFound();
  return toProviderLead(row);
}

/** Why an answer was refused, read after the conditional update found nothing to change. */
function answerRefusal(current: LeadRow, version: number, now: Date): AppError {
  const lead = toProviderLead(current);
  if (current.status !== 'offered') return new AppError('edit_conflict', 'This lead was already answered (or passed on); its current state is shown.', { current: lead });
  if (new Date(current.respond_by).getTime() <= now.getTime()) return new AppError('conflict', 'The time to answer this lead has passed, so it goes to the next provider.', { current: lead });
  if (current.version !== version) return new AppError('edit_conflict', 'This lead changed after you opened it; its current state is shown.', { current: lead });
  return new AppError('conflict', 'This lead cannot be answered now.');
}

async function answer(ctx: OrgCtx, leadId: string, input: { version: number; status: 'accepted' | 'declined'; reason: string | null }): Promise<LeadRow> {
  await assertProvider(ctx);
  const saved = await answerLead(ctx.tx, { providerOrgId: ctx.org.id, leadId, version: input.version, now: ctx.now, status: input.status, reason: input.reason });
  if (saved) return saved;
  const current = await findProviderLead(ctx.tx, ctx.org.id, leadId);
  if (!current) throw leadNotFound();
  throw answerRefusal(current, input.version, ctx.now);
}

/** Accepts a lead: the provider will quote. */
export async function acceptLead(ctx: OrgCtx, leadId: string, version: number): Promise<ProviderLead> {
  const saved = await answer(ctx, leadId, { version, status: 'accepted', reason: null });
  await ctx.audit('marketplace_lead.accepted', { type: 'marketplace_lead', id: leadId }, { status: 'offered' }, { status: 'accepted', lane: saved.lane });
  return toProviderLead(saved);
}

/**
 * Refills the lane of a request after one of its leads left it, as the marketplace agent (the request is
 * out of a provider's sight by construction), under the request's lock; recorded in the platform trail.
 */
async function refillAsAgent(ctx: TxCtx, requestId: string, restore: Scope): Promise<number> {
  await setMarketplaceAgent(ctx.tx, true);
  try {
    const request = await lockRequest(ctx.tx, requestId);
    if (!request || request.status !== 'open') return 0;
    return await offerLeads(ctx, request, restore, platformRecorder(ctx, restore));
  } finally {
    await setMarketplaceAgent(ctx.tx, false);
  }
}

/** Declines a lead with the reason; the lane passes to the next-ranked provider at once. */
export async function declineLead(ctx: OrgCtx, leadId: string, input: { version: number; reason: string }): Promise<ProviderLead> {
  const saved = await answer(ctx, leadId, { version: input.version, status: 'declined', reason: input.reason });
  await ctx.audit('marketplace_lead.declined', { type: 'marketplace_lead', id: leadId }, { status: 'offered' }, { status: 'declined', lane: saved.lane, reason: input.reason });
  await refillAsAgent(ctx, saved.request_id, { orgId: ctx.org.id, userId: ctx.actor.userId });
  return toProviderLead(saved);
}

/**
 * One pass of the pass-on job, in one transaction per overdue lead: the lead (still offered after its
 * time) expires and its lane is offered to the next-ranked provider, all as the marketplace agent and
 * recorded in the platform organisation's trail (also for an organisation's request: the job acts for
 * the marketplace, not for the requester). Another sweep at the same moment finds the lead expired
 * already, or waits on the request's lock. Returns the number of leads passed on.
 */
export async function passOnOverdueLeads(deps: AppDeps, log: Logger, limit = 100): Promise<number> {
  const now = deps.clock();
  const base: BaseCtx = { deps, now, requestId: 'lead-pass-on', log };
  const none: Scope = { orgId: null, userId: null };
  const overdue = await runTransaction(base, { isReadOnly: true, open: scopedOpen(none) }, async (ctx) => {
    await setMarketplaceAgent(ctx.tx, true);
    return listOverdueLeads(ctx.tx, now, limit);
  });
  let passed = 0;
  for (const lead of overdue.result) {
    const outcome = await runTransaction(base, { isReadOnly: false, open: scopedOpen(none) }, async (ctx) => {
      await setMarketplaceAgent(ctx.tx, true);
      // The lead first, then the request (as a decline does): two sweeps or a sweep and a decline never wait on each other in a cycle.
      const expired = await expireLead(ctx.tx, lead.id, now);
      if (!expired) {
        ctx.skipAudit('another sweep or the provider dealt with this lead first');
        return false;
      }
      const request = await lockRequest(ctx.tx, lead.request_id);
      const record = platformRecorder(ctx, none);
      await record('marketplace_lead.expired', { type: 'marketplace_lead', id: lead.id }, { requestId: lead.request_id, lane: expired.lane, providerOrgId: expired.provider_org_id });
      if (request?.status === 'open') await offerLeads(ctx, request, none, record);
      return true;
    });
    if (outcome.result) passed += 1;
  }
  return passed;
}
