import { AppError } from '@custodian/shared/errors.ts';
import type { BaseCtx, TxCtx } from '../../core/ctx.ts';
import type { AppDeps } from '../../core/deps.ts';
import type { Logger } from '../../core/logger.ts';
import { runTransaction, scopedOpen } from '../../core/transaction.ts';
import { leaveAbandonedOrg, listMembershipsOfUser } from '../org/org.service.ts';
import { findUserById } from './auth.repo.ts';
import { deleteStaleClaims, deleteUnconfirmedUser, findExpiredUnconfirmedUsers, lockAddress, lockUnconfirmedUser } from './lifecycle.repo.ts';

/**
 * How long an account whose address was never confirmed is kept: 7 days from sign-up (and while a
 * confirmation link is still usable). Long enough to cover a weekend and a resent link (48 hours);
 * short enough that a squatted address is freed within a week even if its owner never signs up.
 */
export const unconfirmedAccountDays = 7;

/**
 * Removes an account whose address was never confirmed, inside the caller's transaction (which holds
 * the address's lock): the organisation it created is closed when nothing else belongs to it, and the
 * account goes with its sessions, links and password. Never touches a confirmed account: if the
 * address was confirmed meanwhile, this refuses (409) and the caller's transaction rolls back.
 */
export async function removeUnconfirmedAccount(ctx: TxCtx, user: { id: string; name: string; email: string }, reason: 'expired' | 'superseded'): Promise<void> {
  await ctx.setScope({ orgId: null, userId: user.id });
  const confirmedMeanwhile = new AppError('conflict', 'This e-mail address has just been confirmed by its owner. Sign in, or reset the password if it is yours.');
  if (!(await lockUnconfirmedUser(ctx.tx, user.id))) throw confirmedMeanwhile;
  const memberships = await listMembershipsOfUser(ctx.tx, user.id);
  for (const membership of memberships) await leaveAbandonedOrg(ctx, { orgId: membership.org_id, user, reason });
  if (memberships.length === 0) ctx.skipAudit('an unconfirmed account in no organisation has no trail to record its removal in');
  await ctx.setScope({ orgId: null, userId: user.id });
  if (!(await deleteUnconfirmedUser(ctx.tx, user.id))) throw confirmedMeanwhile;
  ctx.log.info({ userId: user.id, reason }, 'unconfirmed account removed');
}

/**
 * The expiry job's work: removes accounts left unconfirmed for more than unconfirmedAccountDays (with
 * no usable confirmation link), each in its own transaction under its address's lock, and deletes
 * sign-up claims that can no longer be used. Returns how many accounts were removed.
 */
export async function sweepUnconfirmedAccounts(deps: AppDeps, log: Logger): Promise<number> {
  const now = deps.clock();
  const before = new Date(now.getTime() - unconfirmedAccountDays * 86_400_000);
  const base: BaseCtx = { deps, now, requestId: 'unconfirmed-sweep', log };
  const candidates = await findExpiredUnconfirmedUsers(deps.database.db, before, now, 200);
  let removed = 0;
  for (const candidate of candidates) {
    const isRemoved = await runTransaction(base, { isReadOnly: false, open: scopedOpen({ orgId: null, userId: candidate.id }) }, async (ctx) => {
      await lockAddress(ctx.tx, candidate.email);
      const user = await findUserById(ctx.tx, candidate.id);
      // Confirmed (or superseded) between the search and the lock: nothing to do.
      if (!user || user.email_verified_at || new Date(user.created_at) >= before) return false;
      await removeUnconfirmedAccount(ctx, user, 'expired');
      return true;
    }).then(
      (outcome) => outcome.result,
      (error: unknown) => {
        log.warn({ err: error, userId: candidate.id }, 'an unconfirmed account could not be removed; the next sweep tries again');
        return false;
      },
    );
    if (isRemoved) removed += 1;
  }
  await deleteStaleClaims(deps.database.db, now);
  return removed;
}
