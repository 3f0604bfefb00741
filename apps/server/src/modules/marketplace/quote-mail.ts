import { permissions, type Action } from '@custodian/shared/permissions.ts';
import type { TxCtx } from '../../core/ctx.ts';
import { queueLeadMail } from './quote-mail.repo.ts';

/** The permission whose holders hear about their organisation's requests (a template literal: not an audit code). */
const requestAction: Action = `marketplace.request`;
/** Who of a provider organisation hears about its leads: its owners and ISMS managers. */
const providerRecipients = ['owner', 'isms_manager'] as const;

/**
 * Mails the other side of a lead, inside the caller's transaction (the mail worker wakes after the
 * commit). To the requester: the request's contact address (a guest) or the members who may act on
 * marketplace requests; to the provider: its owners and ISMS managers.
 */
export async function mailOtherSide(ctx: TxCtx, leadId: string, toSide: 'requester' | 'provider', message: { subject: string; text: string }): Promise<number> {
  const roles = toSide === 'requester' ? permissions[requestAction] : providerRecipients;
  const queued = await queueLeadMail(ctx.tx, { leadId, toSide, roles, subject: message.subject, text: message.text, now: ctx.now });
  if (queued > 0) ctx.afterCommit(ctx.deps.notifyMail);
  return queued;
}

/** The line every marketplace e-mail ends with. */
export const marketplaceSignature = '\n\n— Custodian marketplace';
