import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { MarketplaceRequest, PendingListQuery } from '@custodian/shared/contracts/marketplace-requests.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { OperatorCtx } from '../../core/ctx.ts';
import { queueMail } from '../mail/mail.service.ts';
import { offerLeads } from './matching.service.ts';
import { listPendingRequests, lockRequest, updateRequestStatus, type RequestRow } from './request.repo.ts';
import { toRequest } from './request-view.ts';

/** The operator's queue: requests waiting for approval, oldest first. */
export async function listPendingApproval(ctx: OperatorCtx, query: PendingListQuery): Promise<ListReply<MarketplaceRequest & { isGuest: boolean }>> {
  const page = await listPendingRequests(ctx.tx, query);
  return { ...page, items: page.items.map((row) => ({ ...toRequest(row), isGuest: row.org_id === null })) };
}

/** The locked request, still waiting at the version the operator read; else a clear refusal. */
async function lockPending(ctx: OperatorCtx, requestId: string, version: number): Promise<RequestRow> {
  const row = await lockRequest(ctx.tx, requestId);
  if (!row) throw new AppError('not_found', 'This request for quotes was not found.');
  if (row.status !== 'pending_approval') throw new AppError('edit_conflict', 'This request is no longer waiting for approval (it was dealt with already).', { current: toRequest(row) });
  if (row.version !== version) throw new AppError('edit_conflict', 'This request changed after you opened it. Check it again, then decide.', { current: toRequest(row) });
  return row;
}

/**
 * Approves a request and offers it at once: up to three matched providers per lane, each mailed, with
 * the reasons kept for the requester. The request row is locked throughout.
 */
export async function approveRequest(ctx: OperatorCtx, requestId: string, version: number): Promise<{ request: MarketplaceRequest; offered: number }> {
  await lockPending(ctx, requestId, version);
  const approved = await updateRequestStatus(ctx.tx, requestId, { from: 'pending_approval', to: 'open', now: ctx.now, fields: { approved_at: ctx.now, approved_by: ctx.user.id } });
  if (!approved) throw new Error('a locked pending request could not be approved');
  await ctx.audit('marketplace_request.approved', { type: 'marketplace_request', id: requestId }, { status: 'pending_approval' }, { status: 'open' });
  const restore = { orgId: ctx.platformOrgId, userId: ctx.user.id };
  const offered = await offerLeads(ctx, approved, restore, (action, entity, after) => ctx.audit(action, entity, null, after));
  return { request: toRequest(approved), offered };
}

function rejectionMail(publicUrl: string, request: RequestRow, reason: string) {
  return {
    subject: 'Your request for quotes was not sent',
    text:
      `Hello ${request.contact_name},\n\nThe Custodian marketplace checked your request for quotes and did not send it to providers, for this reason:\n\n` +
      `${reason}\n\nYou are welcome to send a new request with the details changed` +
      (request.org_id ? ` from ${publicUrl}/marketplace/requests.\n` : ` at ${publicUrl}/guest/new-request.\n`),
  };
}

/** Declines to send a request, with the reason, mailed to the requester (from their organisation's outbox, or the platform's). */
export async function rejectRequest(ctx: OperatorCtx, requestId: string, input: { version: number; reason: string }): Promise<MarketplaceRequest> {
  await lockPending(ctx, requestId, input.version);
  const rejected = await updateRequestStatus(ctx.tx, requestId, { from: 'pending_approval', to: 'rejected', now: ctx.now, fields: { rejected_reason: input.reason } });
  if (!rejected) throw new Error('a locked pending request could not be rejected');
  await ctx.audit('marketplace_request.rejected', { type: 'marketplace_request', id: requestId }, { status: 'pending_approval' }, { status: 'rejected', reason: input.reason });
  const mail = { to: rejected.contact_email, ...rejectionMail(ctx.deps.config.publicUrl, rejected, input.reason) };
  if (rejected.org_id) {
    await ctx.setScope({ orgId: rejected.org_id, userId: ctx.user.id });
    await queueMail(ctx, rejected.org_id, mail);
    await ctx.setScope({ orgId: ctx.platformOrgId, userId: ctx.user.id });
  } else {
    await queueMail(ctx, ctx.platformOrgId, mail);
  }
  return toRequest(rejected);
}
