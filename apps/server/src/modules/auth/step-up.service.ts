import type { stepUpBody } from '@custodian/shared/contracts/passkeys.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import type { SessionCtx, StepsCtx, TxCtx } from '../../core/ctx.ts';
import { findOwnCredentials, findUserById } from './auth.repo.ts';
import { countFailure, lockedError } from './auth.service.ts';
import { issuePasskeyChallenge, usePasskey } from './passkey-assertion.ts';
import { findSteppedUpAt, listPasskeys, markSteppedUp } from './passkey.repo.ts';
import { verifyPassword } from './password-policy.ts';
import { authenticationOptions } from './webauthn.ts';

/**
 * The one guard of sensitive actions (turning MFA on or off, new recovery codes, adding or removing a
 * passkey, changing the e-mail address, deleting the account): the person must have proved who they
 * are again, with their password or a passkey, in this session within the last five minutes (`STEP_UP_SECONDS`). A fresh
 * sign-in counts. Otherwise refuses with `step_up_required`, on which the web app asks for the password
 * or passkey (POST /auth/step-up) and retries the action. Call it inside the action's transaction.
 */
export async function requireRecentStepUp(ctx: TxCtx): Promise<void> {
  const session = ctx.auth.session;
  if (!session || session.isMfaPending) throw new AppError('unauthenticated', 'Sign in first.');
  const at = await findSteppedUpAt(ctx.tx, session.idHash);
  if (!at || ctx.now.getTime() - at.getTime() > ctx.deps.config.stepUpSeconds * 1000) {
    throw new AppError('step_up_required', "Confirm it's you: enter your password or use your passkey, then try again.");
  }
}

/** Passkey options for a step-up: one of the person's own passkeys, tied to this session. */
export async function startPasskeyStepUp(ctx: SessionCtx) {
  const passkeys = await listPasskeys(ctx.tx, ctx.user.id);
  if (passkeys.length === 0) throw new AppError('bad_request', 'You have no passkey yet. Confirm with your password instead.');
  const options = await authenticationOptions(ctx.deps.config, passkeys);
  await issuePasskeyChallenge(ctx, options.challenge, { purpose: 'step_up', userId: ctx.user.id, sessionIdHash: ctx.session.idHash });
  return options;
}

function passwordError(message: string): AppError {
  return new AppError('validation_failed', message, [{ path: 'password', message }]);
}

/**
 * Step-up: the password (checked outside any transaction; a wrong one counts towards the lockout like a
 * failed sign-in) or a passkey's signature over a step-up challenge of this session. Success marks the
 * session as stepped up now.
 */
export async function stepUp(ctx: StepsCtx, input: z.output<typeof stepUpBody>): Promise<void> {
  const { session, user: me } = ctx.auth;
  if (!session || !me || session.isMfaPending) throw new AppError('unauthenticated', 'Sign in first.');
  if ((input.password === undefined) === (input.passkey === undefined)) {
    throw passwordError('Enter your password, or use your passkey.');
  }
  if (input.passkey) {
    const used = await usePasskey(ctx, input.passkey, { purpose: 'step_up', userId: me.id, sessionIdHash: session.idHash });
    await ctx.transaction(async (tx) => {
      await used.markUsed(tx);
      await markSteppedUp(tx.tx, session.idHash, tx.now);
      tx.skipAudit("confirming it's you with a passkey changes only the passkey's use counter and this session");
    });
    return;
  }
  const user = await ctx.transaction(async (tx) => {
    const row = await findUserById(tx.tx, me.id);
    const credentials = row ? await findOwnCredentials(tx.tx) : undefined;
    return row && credentials ? { ...row, password_hash: credentials.password_hash } : undefined;
  });
  if (!user) throw new AppError('unauthenticated', 'Sign in first.');
  const locked = lockedError(user, ctx.now);
  if (locked) throw locked;
  if (!(await verifyPassword(user.password_hash, input.password ?? ''))) {
    throw (await ctx.transaction((tx) => countFailure(tx, user.id))) ?? passwordError('Your password is not right. Check it and try again.');
  }
  await ctx.transaction((tx) => markSteppedUp(tx.tx, session.idHash, tx.now));
}
