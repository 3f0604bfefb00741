import type { FastifyReply } from 'fastify';
import { AppError } from '@custodian/shared/errors.ts';
import { withUser } from '../../db/with-org.ts';
import type { AuthState, BaseCtx } from '../../http/context.ts';
import { newId } from '../../lib/ids.ts';
import { acceptInvitationFor, previewInvitation } from '../org/invitation.service.ts';
import { findOwnMembership } from '../org/org.service.ts';
import { findUserByEmail, insertUser, setSessionOrg } from './auth.repo.ts';
import { assertAcceptablePassword } from './auth.service.ts';
import { hashPassword } from './password-policy.ts';
import { startSession } from './session.service.ts';

async function hasAccount(ctx: BaseCtx, email: string): Promise<boolean> {
  return (await withUser(ctx.deps.database.db, null, (trx) => findUserByEmail(trx, email))) !== undefined;
}

/** What the invitation is for, and whether the invited address already has an account. */
export function describeInvitation(ctx: BaseCtx, token: string) {
  return previewInvitation(ctx, token, (email) => hasAccount(ctx, email));
}

/**
 * Accepts an invitation. A signed-in person joins and switches to the organisation. Someone without an
 * account creates one (the link proves they own the address) and is signed in; someone with an
 * account must sign in first, so an invitation link alone never opens an existing account.
 */
export async function acceptInvitation(
  ctx: BaseCtx,
  reply: FastifyReply,
  auth: AuthState,
  input: { token: string; name?: string | undefined; password?: string | undefined },
): Promise<{ status: 'signed_in' }> {
  if (auth.session && !auth.session.isMfaPending && auth.user) {
    const user = auth.user;
    const { orgId } = await acceptInvitationFor(ctx, input.token, user);
    await withUser(ctx.deps.database.db, user.id, (trx) => setSessionOrg(trx, auth.session?.idHash ?? '', orgId));
    return { status: 'signed_in' };
  }
  const preview = await describeInvitation(ctx, input.token);
  if (preview.hasAccount) {
    throw new AppError('conflict', `You already have a Custodian account as ${preview.email}. Sign in, then open the invitation link again.`);
  }
  if (!input.name || !input.password) {
    throw new AppError('validation_failed', 'Enter your name and choose a password to create your account.', [
      ...(input.name ? [] : [{ path: 'name', message: 'is required' }]),
      ...(input.password ? [] : [{ path: 'password', message: 'is required' }]),
    ]);
  }
  assertAcceptablePassword(input.password, { email: preview.email, name: input.name });
  const now = ctx.deps.clock();
  const user = { id: newId(now.getTime()), email: preview.email, name: input.name };
  const passwordHash = await hashPassword(input.password);
  const { orgId } = await acceptInvitationFor(ctx, input.token, user, (trx) => insertUser(trx, { ...user, password_hash: passwordHash, email_verified_at: now, created_at: now }));
  await withUser(ctx.deps.database.db, user.id, (trx) => startSession(trx, ctx.deps, reply, { userId: user.id, orgId, isMfaPending: false, replacesIdHash: auth.session?.idHash ?? null }));
  return { status: 'signed_in' };
}

/** Moves the session to another organisation the person belongs to; any other id is "not found". */
export async function switchOrganisation(ctx: BaseCtx, auth: AuthState, orgId: string): Promise<void> {
  if (!auth.session || !auth.user) throw new AppError('unauthenticated', 'Sign in first.');
  if (!(await findOwnMembership(ctx.deps.database.db, auth.user.id, orgId))) throw new AppError('not_found', 'The organisation was not found.');
  const idHash = auth.session.idHash;
  await withUser(ctx.deps.database.db, auth.user.id, (trx) => setSessionOrg(trx, idHash, orgId));
}
