import type { AuditAction } from '@custodian/shared/domain/audit-wording.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { AuditEntity, OrgCtx, TxCtx } from '../../core/ctx.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { platformOrgId } from '../org/org.service.ts';
import { resolveGuestRequest } from './request.repo.ts';

/**
 * Who asks for quotes in this transaction: a member of a requesting organisation, or a guest holding
 * a request's private link. Requester services take this, so one service serves both the organisation's
 * routes and the guest's. Row-level security decides what either sees (migration 0015): the
 * organisation's requests, or the one request the link names.
 */
export type Requester =
  | { kind: 'org'; orgId: string; userId: string; label: string; timeZone: string }
  | { kind: 'guest'; requestId: string; label: string; timeZone: string };

export interface RequesterCtx extends TxCtx {
  requester: Requester;
  /** Records an event: in the organisation's audit trail, or a guest's in the platform organisation's. */
  audit: (action: AuditAction, entity: AuditEntity, before?: unknown, after?: unknown) => Promise<void>;
}

/** A guest's time zone: the marketplace shows Sydney time to people without an organisation. */
export const guestTimeZone = 'Australia/Sydney';

/** The requester view of an organisation member's transaction. */
export function requesterFromOrg(ctx: OrgCtx): RequesterCtx {
  const requester: Requester = { kind: 'org', orgId: ctx.org.id, userId: ctx.actor.userId, label: ctx.actor.userLabel, timeZone: ctx.org.timeZone };
  return { ...ctx, requester, audit: ctx.audit };
}

/** The SHA-256 a guest's private link is stored as. */
export function guestLinkHash(token: string): string {
  return sha256Hex(`marketplace-guest:${token}`);
}

/**
 * The requester view of a guest's transaction, from the private link's token: the request it names is
 * put in scope (custodian_resolve_guest_request). An unknown or malformed token is a 404, the same as a
 * request that does not exist.
 */
export async function requesterFromGuestLink(ctx: TxCtx, token: string): Promise<RequesterCtx> {
  const isWellFormed = /^[A-Za-z0-9_-]{20,100}$/.test(token);
  const requestId = await resolveGuestRequest(ctx.tx, isWellFormed ? guestLinkHash(token) : '');
  if (!requestId) throw new AppError('not_found', 'This link does not match a request for quotes. Check you copied the whole link from the e-mail.');
  const requester: Requester = { kind: 'guest', requestId, label: 'A guest requester', timeZone: guestTimeZone };
  const audit = async (action: AuditAction, entity: AuditEntity, before?: unknown, after?: unknown) => {
    await recordGuestAudit(ctx, requester.label, { action, entity, before, after });
  };
  return { ...ctx, requester, audit };
}

/**
 * Records an event with no organisation of its own (a guest's request, a job's pass-on of a guest's
 * lead) in the platform organisation's audit trail: the scope moves to that organisation for the write
 * and back to none (the guest's request stays in scope: app.request_id is not touched).
 */
export async function recordGuestAudit(ctx: TxCtx, label: string, event: { action: AuditAction; entity: AuditEntity; before?: unknown; after?: unknown }): Promise<void> {
  const platform = await platformOrgId(ctx.tx);
  if (!platform) throw new Error('the platform organisation does not exist (it is created when the server starts)');
  await ctx.setScope({ orgId: platform, userId: null });
  await ctx.recordAudit({ orgId: platform, userId: null, label }, event);
  await ctx.setScope({ orgId: null, userId: null });
}
