import type { AuthenticationResponse } from '@custodian/shared/contracts/passkeys.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { StepsCtx, TxCtx } from '../../core/ctx.ts';
import { listMembershipsOfUser } from '../org/org.service.ts';
import { findUserById } from './auth.repo.ts';
import { lockedError, recordSignIn } from './auth.service.ts';
import { issuePasskeyChallenge, usePasskey } from './passkey-assertion.ts';
import { listPasskeys } from './passkey.repo.ts';
import { startSession, type SessionGrant } from './session.service.ts';
import { authenticationOptions } from './webauthn.ts';

/** Passwordless sign-in options: no list of passkeys (the browser offers those it holds for this site). */
export async function startPasskeySignIn(ctx: TxCtx) {
  const options = await authenticationOptions(ctx.deps.config);
  await issuePasskeyChallenge(ctx, options.challenge, { purpose: 'sign_in', userId: null, sessionIdHash: null });
  return options;
}

/**
 * Passwordless sign-in with a passkey: possession of the passkey and the person's verification on the
 * device (PIN, fingerprint) are two factors, so the new session is complete at once (no MFA step) and
 * counts as a fresh step-up.
 */
export async function signInWithPasskey(ctx: StepsCtx, response: AuthenticationResponse): Promise<{ status: 'signed_in'; grant: SessionGrant }> {
  const used = await usePasskey(ctx, response, { purpose: 'sign_in', userId: null, sessionIdHash: null });
  const grant = await ctx.transaction(async (tx) => {
    await tx.setScope({ orgId: null, userId: used.userId });
    const user = await findUserById(tx.tx, used.userId);
    if (!user?.email_verified_at) throw new AppError('email_not_verified', 'Confirm your e-mail address first: open the link we sent you.');
    await used.markUsed(tx);
    const memberships = await listMembershipsOfUser(tx.tx, user.id);
    const chosen = memberships.find((m) => !m.is_demo)?.org_id ?? memberships[0]?.org_id ?? null;
    const started = await startSession(tx, { userId: user.id, orgId: chosen, isMfaPending: false, replacesIdHash: ctx.auth.session?.idHash ?? null });
    if (chosen) await recordSignIn(tx, chosen, user, 'passkey');
    else tx.skipAudit('a person with no organisation signed in');
    return started;
  });
  return { status: 'signed_in', grant };
}

function pendingOf(ctx: TxCtx | StepsCtx) {
  const { session, user } = ctx.auth;
  if (!session?.isMfaPending || !user) throw new AppError('unauthenticated', 'Sign in with your password first.');
  return { session, user };
}

/** The second sign-in step with a passkey: options listing the person's passkeys, tied to this waiting session. */
export async function startMfaWithPasskey(ctx: TxCtx) {
  const { session, user } = pendingOf(ctx);
  const passkeys = await listPasskeys(ctx.tx, user.id);
  if (passkeys.length === 0) throw new AppError('bad_request', 'You have no passkey. Use the code from your authenticator app or a recovery code.');
  const options = await authenticationOptions(ctx.deps.config, passkeys);
  await issuePasskeyChallenge(ctx, options.challenge, { purpose: 'second_factor', userId: user.id, sessionIdHash: session.idHash });
  return options;
}

/** The second sign-in step with a passkey instead of the authenticator code: starts the complete session. */
export async function completeMfaWithPasskey(ctx: StepsCtx, response: AuthenticationResponse): Promise<{ status: 'signed_in'; grant: SessionGrant }> {
  const { session, user } = pendingOf(ctx);
  const used = await usePasskey(ctx, response, { purpose: 'second_factor', userId: user.id, sessionIdHash: session.idHash });
  const grant = await ctx.transaction(async (tx) => {
    const account = await findUserById(tx.tx, user.id);
    const locked = account ? lockedError(account, tx.now) : null;
    if (locked) throw locked;
    await used.markUsed(tx);
    const started = await startSession(tx, { userId: user.id, orgId: session.orgId, isMfaPending: false, replacesIdHash: session.idHash });
    if (session.orgId) await recordSignIn(tx, session.orgId, user, 'password_passkey');
    else tx.skipAudit('a person with no organisation signed in');
    return started;
  });
  return { status: 'signed_in', grant };
}
