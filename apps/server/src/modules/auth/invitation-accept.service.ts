import type { acceptInvitationBody, SessionReply } from '@custodian/shared/contracts/auth.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { Role } from '@custodian/shared/permissions.ts';
import type { z } from 'zod';
import type { SessionCtx, StepsCtx, TxCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { acceptInvitationFor, findPendingInvitation } from '../org/invitation.service.ts';
import { findOwnMembership } from '../org/org.service.ts';
import { deleteSession, findUserIdByEmail, insertUser, setSessionOrg } from './auth.repo.ts';
import { assertAcceptablePassword } from './auth.service.ts';
import { hashPassword } from './password-policy.ts';
import { describeSession, resolveAuth, startSession, type SessionGrant } from './session.service.ts';

/** What the invitation is for, and whether the invited address already has an account. */
export async function describeInvitation(ctx: TxCtx, token: string) {
  const { row, org } = await findPendingInvitation(ctx, token);
  const hasAccount = (await findUserIdByEmail(ctx.tx, row.email)) !== null;
  return { organisationName: org.name, email: row.email, role: row.role as Role, hasAccount };
}

/**
 * Accepts an invitation. A signed-in person joins and switches to the organisation. Someone without an
 * account creates one (the link proves they own the address; the password is hashed between the two
 * transactions) and is signed in; someone with an account must sign in first, so an invitation link
 * alone never opens an existing account.
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
  if (preview.hasAccount)
    throw new AppError('conflict', `You already have a Custodian account as ${preview.email}. Sign in, then open the invitation link again.`);
  if (!input.name || !input.password) {
    throw new AppError('validation_failed', 'Enter your name and choose a password to create your account.', [
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
    await tx.setScope({ orgId: null, userId: newUser.id });
    // The account and the membership are created together: both or neither.
    if (!(await insertUser(tx.tx, { ...newUser, password_hash: passwordHash, email_verified_at: tx.now, created_at: tx.now }))) {
      throw new AppError('conflict', `You already have a Custodian account as ${preview.email}. Sign in, then open the invitation link again.`);
    }
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
  if (auth.actor) {
    await ctx.recordAudit(
      { orgId: auth.actor.orgId, userId: auth.actor.userId, label: auth.actor.userLabel },
      { action: 'user.switched_organisation', entity: { type: 'user', id: auth.actor.userId } },
    );
  }
  return describeSession({ ...ctx, auth });
}
