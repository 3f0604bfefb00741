import type { acceptInvitationBody, SessionReply } from '@custodian/shared/contracts/auth.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { Role } from '@custodian/shared/permissions.ts';
import type { z } from 'zod';
import { ssoRequiredError } from '../../core/auth-state.ts';
import type { SessionCtx, StepsCtx, TxCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { acceptInvitationFor, findPendingInvitation } from '../org/invitation.service.ts';
import { findOwnMembership } from '../org/org.service.ts';
import { deleteSession, findAddressHolder, insertUser, setSessionOrg } from './auth.repo.ts';
import { assertAcceptablePassword } from './auth.service.ts';
import { lockAddress, retireSignupClaims } from './lifecycle.repo.ts';
import { hashPassword } from './password-policy.ts';
import { describeSession, resolveAuth, startSession, type SessionGrant } from './session.service.ts';
import { removeUnconfirmedAccount } from './unconfirmed-accounts.service.ts';

/**
 * What the invitation is for. It does not say whether the address has an account: the acceptance page
 * offers both "sign in" and "set a password", and the server decides when one is chosen.
 */
export async function describeInvitation(ctx: TxCtx, token: string) {
  const { row, org } = await findPendingInvitation(ctx, token);
  return { organisationName: org.name, email: row.email, role: row.role as Role };
}

const signInFirst = (email: string) => new AppError('conflict', `You already have a Custodian account as ${email}. Sign in, then open the invitation link again.`);

/**
 * Accepts an invitation. A signed-in person joins and switches to the organisation. Otherwise the link
 * holder chooses a password (the password is hashed between the two transactions) and, under the
 * address's lock: a free address gets a new, confirmed account; an address held by an unconfirmed
 * account gets the same, superseding that account (the link proves the mailbox, so the squatter's
 * password and sessions end with it); a confirmed account is never opened by a link alone, so its
 * owner is asked to sign in first (the one thing the link holder needs to know).
 */
export async function acceptInvitation(
  ctx: StepsCtx,
  input: z.output<typeof acceptInvitationBody>,
): Promise<{ status: 'signed_in'; grant: SessionGrant | null }> {
  const { session, user } = ctx.auth;
  if (session && !session.isMfaPending && user) {
    await ctx.transaction(async (tx) => {
      const { orgId } = await acceptInvitationFor(tx, input.token, user);
      await setSessionOrg(tx.tx, session.idHash, orgId);
    });
    return { status: 'signed_in', grant: null };
  }
  const preview = await ctx.transaction((tx) => describeInvitation(tx, input.token));
  if (!input.name || !input.password) {
    throw new AppError('validation_failed', 'Enter your name and choose a password, or sign in if you already have a Custodian account.', [
      ...(input.name ? [] : [{ path: 'name', message: 'is required' }]),
      ...(input.password ? [] : [{ path: 'password', message: 'is required' }]),
    ]);
  }
  assertAcceptablePassword(input.password, { email: preview.email, name: input.name });
  const passwordHash = await hashPassword(input.password);
  const newUser = { id: newId(ctx.now.getTime()), email: preview.email, name: input.name };
  const grant = await ctx.transaction(async (tx) => {
    // The browser's previous session is ended under its own scope, before the scope moves to the new person.
    if (session) await deleteSession(tx.tx, session.idHash);
    await lockAddress(tx.tx, preview.email);
    const holder = await findAddressHolder(tx.tx, preview.email);
    if (holder?.email_verified_at) throw signInFirst(preview.email);
    if (holder) await removeUnconfirmedAccount(tx, holder, 'superseded');
    // The account and the membership are created together: both or neither.
    await tx.setScope({ orgId: null, userId: newUser.id });
    if (!(await insertUser(tx.tx, { ...newUser, password_hash: passwordHash, email_verified_at: tx.now, created_at: tx.now }))) throw signInFirst(preview.email);
    await retireSignupClaims(tx.tx, preview.email, tx.now);
    const { orgId } = await acceptInvitationFor(tx, input.token, newUser);
    return startSession(tx, { userId: newUser.id, orgId, isMfaPending: false, replacesIdHash: null });
  });
  return { status: 'signed_in', grant };
}

/**
 * Moves the session to another organisation the person belongs to (any other id is "not found") and
 * describes the session as it now is.
 */
export async function switchOrganisation(ctx: SessionCtx, orgId: string): Promise<Omit<SessionReply, 'csrfToken'>> {
  if (!(await findOwnMembership(ctx, ctx.user.id, orgId))) throw new AppError('not_found', 'The organisation was not found.');
  await setSessionOrg(ctx.tx, ctx.session.idHash, orgId);
  const auth = await resolveAuth(ctx.tx, ctx.deps, ctx.session.idHash, ctx.now);
  if (auth.isSsoBlocked) throw ssoRequiredError();
  if (auth.actor) {
    await ctx.recordAudit(
      { orgId: auth.actor.orgId, userId: auth.actor.userId, label: auth.actor.userLabel },
      { action: 'user.switched_organisation', entity: { type: 'user', id: auth.actor.userId } },
    );
  }
  return describeSession({ ...ctx, auth });
}
