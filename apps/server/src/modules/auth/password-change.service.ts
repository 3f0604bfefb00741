import type { passwordChangeBody } from '@custodian/shared/contracts/account.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import type { StepsCtx, TxCtx } from '../../core/ctx.ts';
import { queueMail } from '../mail/mail.service.ts';
import { listMembershipsOfUser } from '../org/org.service.ts';
import { deleteSessionsOfUser, retirePasswordResets, setPassword } from './account.repo.ts';
import { findOwnCredentials, findUserById } from './auth.repo.ts';
import { countFailure, lockedError, recordForPerson } from './auth.service.ts';
import { findPasswordProblem, hashPassword, verifyPassword } from './password-policy.ts';
import { startSession, type SessionGrant } from './session.service.ts';

function changedMail(publicUrl: string, name: string) {
  return {
    subject: 'Your Custodian password was changed',
    text:
      `Hello ${name},\n\nThe password of your Custodian account was just changed, and every other device ` +
      'signed in to your account was signed out.\n\n' +
      `If this wasn't you, reset your password straight away at ${publicUrl}/forgot-password ` +
      'and tell your Custodian owner.\n',
  };
}

function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path, message }]);
}

/** Mails the person that their password changed, from the organisation they are working in (or their first). */
async function mailPasswordChanged(ctx: TxCtx, user: { id: string; name: string; email: string }, orgId: string | null): Promise<void> {
  await ctx.setScope({ orgId: null, userId: user.id });
  const memberships = await listMembershipsOfUser(ctx.tx, user.id);
  const from = memberships.find((m) => m.org_id === orgId)?.org_id ?? memberships[0]?.org_id;
  if (!from) return;
  await ctx.setScope({ orgId: from, userId: user.id });
  await queueMail(ctx, from, { to: user.email, ...changedMail(ctx.deps.config.publicUrl, user.name) });
}

/**
 * Changes the signed-in person's password: the current password is checked (a wrong one counts towards
 * the lockout like a failed sign-in), the new one hashed outside any transaction, then in one
 * transaction the password is replaced (only if it is still the one checked), every other session
 * ended, this one replaced by a fresh session id, the change recorded and a confirmation mailed.
 */
export async function changePassword(ctx: StepsCtx, input: z.output<typeof passwordChangeBody>): Promise<SessionGrant> {
  const { session, user: me } = ctx.auth;
  if (!session || !me) throw new AppError('unauthenticated', 'Sign in first.');
  const found = await ctx.transaction(async (tx) => {
    const row = await findUserById(tx.tx, me.id);
    const credentials = row ? await findOwnCredentials(tx.tx) : undefined;
    return row && credentials ? { ...row, password_hash: credentials.password_hash } : undefined;
  });
  const user = found;
  if (!user) throw new AppError('unauthenticated', 'Sign in first.');
  const locked = lockedError(user, ctx.now);
  if (locked) throw locked;
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw (
      (await ctx.transaction((tx) => countFailure(tx, user.id))) ?? fieldError('currentPassword', 'Your current password is not right. Check it and try again.')
    );
  }
  if (input.newPassword === input.currentPassword) throw fieldError('newPassword', 'Choose a new password that is different from your current one.');
  const problem = findPasswordProblem(input.newPassword, user);
  if (problem) throw fieldError('newPassword', problem);
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.transaction(async (tx) => {
    if (!(await setPassword(tx.tx, user.id, passwordHash, { expectedHash: user.password_hash }))) {
      throw new AppError('conflict', 'Your password was changed by another request a moment ago. Sign in again with the new password.');
    }
    await retirePasswordResets(tx.tx, user.id, tx.now);
    const otherSessionsEnded = await deleteSessionsOfUser(tx.tx, user.id, session.idHash);
    const grant = await startSession(tx, { userId: user.id, orgId: session.orgId, isMfaPending: false, replacesIdHash: session.idHash, ssoOrgId: session.ssoOrgId ?? null });
    await mailPasswordChanged(tx, user, session.orgId);
    await recordForPerson(tx, user, 'user.password_changed', { otherSessionsEnded });
    return grant;
  });
}
