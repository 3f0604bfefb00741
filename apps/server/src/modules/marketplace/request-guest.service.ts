import type { MarketplaceRequestDetail, RequesterLead, RequestFields } from '@custodian/shared/contracts/marketplace-requests.ts';
import { AppError } from '@custodian/shared/errors.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BaseCtx, StepsCtx, TxCtx } from '../../core/ctx.ts';
import type { AppDeps } from '../../core/deps.ts';
import type { Logger } from '../../core/logger.ts';
import { runTransaction, scopedOpen } from '../../core/transaction.ts';
import { randomToken } from '../../lib/crypto.ts';
import { newId } from '../../lib/ids.ts';
import { queueMail } from '../mail/mail.service.ts';
import { platformOrgId, systemActorLabel } from '../org/org.service.ts';
import { setMarketplaceAgent } from './lead.repo.ts';
import { findRequest, insertRequest, setRequestScope, updateRequestStatus, withdrawStaleGuestRequests } from './request.repo.ts';
import { assertBuiltByListed, getRequestDetail, revealIdentity } from './request.service.ts';
import { requestColumns } from './request-view.ts';
import { guestLinkHash, recordGuestAudit, requesterFromGuestLink } from './requester-scope.ts';

/**
 * Every guest request takes at least this long, so the time of the answer does not tell a filled
 * honeypot (nothing stored) from a real request (stored, mailed).
 */
export const guestRequestMinimumMs = 400;

/** A guest request not confirmed within this many days is never confirmed, approved or sent. */
export const guestConfirmDays = 7;

type GuestFields = RequestFields & { contactName: string; email: string; organisationName: string; website?: string | undefined };

function linkMail(publicUrl: string, name: string, token: string) {
  return {
    subject: 'Confirm your request for quotes',
    text:
      `Hello ${name},\n\nThank you for your request for quotes through the Custodian marketplace. ` +
      `Open this private link to confirm your e-mail address; the marketplace then checks the request and sends it to up to three providers per service:\n\n` +
      `${publicUrl}/guest/request?token=${token}\n\n` +
      `Keep this e-mail: the same link shows your request, the providers it went to and their quotes. Anyone with the link can see them, so do not forward it. ` +
      `If you do not confirm within ${guestConfirmDays} days the request is not sent. If you did not ask for quotes, ignore this message.\n`,
  };
}

/** Stores the guest's request (unconfirmed) and mails the private link from the platform's outbox. */
async function storeGuestRequest(ctx: TxCtx, body: GuestFields): Promise<void> {
  await assertBuiltByListed(ctx, body);
  const platform = await platformOrgId(ctx.tx);
  if (!platform) throw new Error('the platform organisation does not exist (it is created when the server starts)');
  const token = randomToken();
  const id = newId(ctx.now.getTime());
  // The request is the guest's own: in scope by its id while it is written (the policy checks it).
  await ctx.setScope({ orgId: null, userId: null });
  await setRequestScope(ctx.tx, id);
  await insertRequest(ctx.tx, {
    id,
    org_id: null,
    status: 'unconfirmed',
    contact_name: body.contactName,
    contact_email: body.email,
    organisation_name: body.organisationName,
    guest_link_sha256: guestLinkHash(token),
    confirmed_at: null,
    ...requestColumns(body),
    readiness: null,
    estimate: null,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await recordGuestAudit(ctx, 'A guest requester', { action: 'marketplace_request.guest_created', entity: { type: 'marketplace_request', id }, after: { services: body.services, sector: body.sector } });
  await ctx.setScope({ orgId: platform, userId: null });
  await queueMail(ctx, platform, { to: body.email, ...linkMail(ctx.deps.config.publicUrl, body.contactName, token), isPrivate: true });
  await ctx.setScope({ orgId: null, userId: null });
}

const expiredLink = () => new AppError('not_found', `This link was not opened within ${guestConfirmDays} days, so the request was not sent. Please send a new request.`);

/**
 * Withdraws guest requests left unconfirmed for more than guestConfirmDays, as the marketplace agent:
 * they are never sent, and who sent them is removed (their name, address and organisation), recorded in
 * the platform organisation's trail. Returns how many.
 */
export async function withdrawStaleGuests(deps: AppDeps, log: Logger): Promise<number> {
  const now = deps.clock();
  const base: BaseCtx = { deps, now, requestId: 'guest-request-sweep', log };
  const outcome = await runTransaction(base, { isReadOnly: false, open: scopedOpen({ orgId: null, userId: null }) }, async (ctx) => {
    await setMarketplaceAgent(ctx.tx, true);
    const ids = await withdrawStaleGuestRequests(ctx.tx, new Date(now.getTime() - guestConfirmDays * 86_400_000), now);
    if (ids.length === 0) return 0;
    const platform = await platformOrgId(ctx.tx);
    if (!platform) throw new Error('the platform organisation does not exist (it is created when the server starts)');
    await ctx.setScope({ orgId: platform, userId: null });
    for (const id of ids) {
      await ctx.recordAudit({ orgId: platform, userId: null, label: systemActorLabel }, { action: 'marketplace_request.guest_withdrawn', entity: { type: 'marketplace_request', id }, after: { status: 'withdrawn' } });
    }
    return ids.length;
  });
  return outcome.result;
}

/**
 * A guest's request, in at least guestRequestMinimumMs whatever happens: stored unconfirmed and the
 * private link mailed; or, when the hidden "website" field is filled in (a program, not a person),
 * nothing stored or sent, with the same answer.
 */
export async function submitGuestRequest(ctx: StepsCtx, body: GuestFields): Promise<void> {
  const started = Date.now();
  try {
    if (body.website === undefined || body.website.trim() === '') await ctx.transaction((tx) => storeGuestRequest(tx, body));
  } finally {
    const left = guestRequestMinimumMs - (Date.now() - started);
    if (left > 0) await sleep(left);
  }
}

/**
 * Opens a guest's private link: the first visit confirms the address (the request then waits for the
 * operator's approval); every visit shows the request and its leads. A request left unconfirmed for
 * more than guestConfirmDays is never confirmed (it stays stored, unconfirmed, and is never sent).
 */
export async function openGuestRequest(ctx: StepsCtx, token: string): Promise<MarketplaceRequestDetail> {
  return ctx.transaction(async (tx) => {
    const requester = await requesterFromGuestLink(tx, token);
    if (requester.requester.kind !== 'guest') throw new Error('a guest link gave an organisation requester');
    const row = await findRequest(tx.tx, requester.requester.requestId);
    if (!row) throw new AppError('not_found', 'This link does not match a request for quotes.');
    if (row.status === 'withdrawn' && row.confirmed_at === null) throw expiredLink();
    if (row.status === 'unconfirmed') {
      const age = tx.now.getTime() - new Date(row.created_at).getTime();
      if (age > guestConfirmDays * 86_400_000) {
        throw expiredLink();
      }
      const confirmed = await updateRequestStatus(tx.tx, row.id, { from: 'unconfirmed', to: 'pending_approval', now: tx.now, fields: { confirmed_at: tx.now } });
      if (confirmed) await requester.audit('marketplace_request.confirmed', { type: 'marketplace_request', id: row.id }, { status: 'unconfirmed' }, { status: 'pending_approval' });
    } else {
      tx.skipAudit('reading a confirmed guest request');
    }
    return getRequestDetail(requester, row.id);
  });
}

/** A guest shows who they are to the provider of one lead (over the private link). */
export async function revealAsGuest(ctx: TxCtx, token: string, leadId: string): Promise<RequesterLead> {
  const requester = await requesterFromGuestLink(ctx, token);
  if (requester.requester.kind !== 'guest') throw new Error('a guest link gave an organisation requester');
  return revealIdentity(requester, requester.requester.requestId, leadId);
}
