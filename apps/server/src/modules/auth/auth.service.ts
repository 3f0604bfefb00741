import type { FastifyReply } from 'fastify';
import { AppError } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import type { loginBody, signUpBody } from '@custodian/shared/contracts/auth.ts';
import { withOrg, withUser } from '../../db/with-org.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { newId } from '../../lib/ids.ts';
import type { AuthState, BaseCtx } from '../../http/context.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import { createOrgWithOwner, listMembershipsOfUser } from '../org/org.service.ts';
import { consumeVerification, countUsers, findUserByEmail, findUserById, insertUser, insertVerification, updateUser } from './auth.repo.ts';
import { decoyHash, findPasswordProblem, hashPassword, verifyPassword } from './password-policy.ts';
import { clearSessionCookie, endSession, startSession } from './session.service.ts';

const verificationHours = 48;

function verificationMail(publicUrl: string, name: string, token: string) {
  return {
    subject: 'Confirm your e-mail address for Custodian',
    text:
      `Hello ${name},\n\nConfirm your e-mail address to finish setting up Custodian:\n\n` +
      `${publicUrl}/verify-email?token=${token}\n\nThe link works for ${verificationHours} hours. ` +
      'If you did not sign up, you can ignore this message.\n',
  };
}

/** Refuses a password that NIST SP 800-63B says to refuse, with a message the person can act on. */
export function assertAcceptablePassword(password: string, context: { email: string; name?: string }): void {
  const problem = findPasswordProblem(password, context);
  if (problem) throw new AppError('validation_failed', problem, [{ path: 'password', message: problem }]);
}

/**
 * Sign-up: creates the person, their organisation with them as owner, and queues the verification
 * e-mail, all in one transaction. They can sign in once the address is confirmed.
 */
export async function signUp(ctx: BaseCtx, input: z.output<typeof signUpBody>): Promise<{ email: string }> {
  assertAcceptablePassword(input.password, input);
  const now = ctx.deps.clock();
  const userId = newId(now.getTime());
  const orgId = newId(now.getTime());
  const passwordHash = await hashPassword(input.password);
  const token = randomToken();
  await withOrg(ctx.deps.database.db, { orgId, userId }, async (trx) => {
    if (await findUserByEmail(trx, input.email)) {
      throw new AppError('conflict', 'An account with this e-mail address already exists. Sign in instead, or ask an owner to invite you.', [{ path: 'email', message: 'is already registered' }]);
    }
    await insertUser(trx, { id: userId, email: input.email, name: input.name, password_hash: passwordHash, email_verified_at: null, created_at: now });
    await createOrgWithOwner(trx, { orgId, name: input.organisationName, ownerId: userId, ownerLabel: `${input.name} <${input.email}>`, requestId: ctx.requestId, at: now });
    await insertVerification(trx, { token_hash: sha256Hex(token), user_id: userId, expires_at: new Date(now.getTime() + verificationHours * 3_600_000) });
    await queueMail(trx, orgId, { to: input.email, ...verificationMail(ctx.deps.config.publicUrl, input.name, token) }, now);
  });
  ctx.deps.notifyMail();
  return { email: input.email };
}

/** Confirms an e-mail address from the link in the verification mail. */
export async function verifyEmail(ctx: BaseCtx, token: string): Promise<void> {
  const now = ctx.deps.clock();
  await withUser(ctx.deps.database.db, null, async (trx) => {
    const used = await consumeVerification(trx, sha256Hex(token), now);
    if (!used) throw new AppError('bad_request', 'This confirmation link is not valid any more. Ask for a new one from the sign-in page.');
    await updateUser(trx, used.user_id, { email_verified_at: now });
  });
}

/** Sends a new verification link. Answers the same whether or not the address is registered. */
export async function resendVerification(ctx: BaseCtx, email: string): Promise<void> {
  const now = ctx.deps.clock();
  const user = await withUser(ctx.deps.database.db, null, (trx) => findUserByEmail(trx, email));
  if (!user || user.email_verified_at) return;
  const memberships = await withUser(ctx.deps.database.db, user.id, (trx) => listMembershipsOfUser(trx, user.id));
  const orgId = memberships[0]?.org_id;
  if (!orgId) return;
  const token = randomToken();
  await withOrg(ctx.deps.database.db, { orgId, userId: user.id }, async (trx) => {
    await insertVerification(trx, { token_hash: sha256Hex(token), user_id: user.id, expires_at: new Date(now.getTime() + verificationHours * 3_600_000) });
    await queueMail(trx, orgId, { to: user.email, ...verificationMail(ctx.deps.config.publicUrl, user.name, token) }, now);
  });
  ctx.deps.notifyMail();
}

function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Too many failed sign-in attempts. This account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}. Try again later, or contact your Custodian owner.`;
}

/** Counts a failed password or MFA code; locks the account after the configured number of failures. */
export async function countFailure(ctx: BaseCtx, userId: string): Promise<AppError | null> {
  const now = ctx.deps.clock();
  const locked = await withUser(ctx.deps.database.db, userId, async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) return null;
    const failures = user.failed_logins + 1;
    if (failures < ctx.deps.config.loginMaxFailures) {
      await updateUser(trx, userId, { failed_logins: failures });
      return null;
    }
    const until = new Date(now.getTime() + ctx.deps.config.loginLockoutMinutes * 60_000);
    await updateUser(trx, userId, { failed_logins: 0, locked_until: until });
    return { user, until, orgIds: (await listMembershipsOfUser(trx, userId)).map((m) => m.org_id) };
  });
  if (!locked) return null;
  const { user, until } = locked;
  for (const orgId of locked.orgIds) {
    await withOrg(ctx.deps.database.db, { orgId, userId }, (trx) =>
      recordAudit(trx, { orgId, userId, label: `${user.name} <${user.email}>`, requestId: ctx.requestId, at: now }, { action: 'user.locked', entityType: 'user', entityId: userId, after: { lockedUntil: until.toISOString() } }),
    );
  }
  ctx.log.warn({ userId }, 'account locked after repeated failures');
  return new AppError('account_locked', lockedMessage(until, now));
}

/**
 * Password sign-in. Starts a fresh session; when the person has MFA the session waits for the code.
 * Unknown e-mail and wrong password answer alike and take as long.
 */
export async function logIn(ctx: BaseCtx, reply: FastifyReply, input: z.output<typeof loginBody>, current: AuthState): Promise<{ status: 'signed_in' | 'mfa_required' }> {
  const now = ctx.deps.clock();
  const user = await withUser(ctx.deps.database.db, null, (trx) => findUserByEmail(trx, input.email));
  const invalid = new AppError('invalid_credentials', 'The e-mail address or password is not right.');
  if (!user) {
    await verifyPassword(decoyHash, input.password);
    throw invalid;
  }
  if (user.locked_until && new Date(user.locked_until) > now) throw new AppError('account_locked', lockedMessage(new Date(user.locked_until), now));
  if (!(await verifyPassword(user.password_hash, input.password))) {
    throw (await countFailure(ctx, user.id)) ?? invalid;
  }
  if (!user.email_verified_at) {
    throw new AppError('email_not_verified', 'Confirm your e-mail address first: open the link we sent you. You can ask for a new link below.');
  }
  const hasMfa = user.mfa_enabled_at !== null;
  const orgId = await withUser(ctx.deps.database.db, user.id, async (trx) => {
    await updateUser(trx, user.id, { failed_logins: 0, locked_until: null });
    const memberships = await listMembershipsOfUser(trx, user.id);
    const chosen = memberships.find((m) => !m.is_demo)?.org_id ?? memberships[0]?.org_id ?? null;
    await startSession(trx, ctx.deps, reply, { userId: user.id, orgId: chosen, isMfaPending: hasMfa, replacesIdHash: current.session?.idHash ?? null });
    return chosen;
  });
  if (orgId && !hasMfa) await recordSignIn(ctx, orgId, user, now);
  return { status: hasMfa ? 'mfa_required' : 'signed_in' };
}

/** Records a completed sign-in in the organisation's audit trail. */
export async function recordSignIn(ctx: BaseCtx, orgId: string, user: { id: string; name: string; email: string }, at: Date): Promise<void> {
  await withOrg(ctx.deps.database.db, { orgId, userId: user.id }, (trx) =>
    recordAudit(trx, { orgId, userId: user.id, label: `${user.name} <${user.email}>`, requestId: ctx.requestId, at }, { action: 'user.signed_in', entityType: 'user', entityId: user.id }),
  );
}

/** Ends the session on the server and clears the cookie. */
export async function logOut(ctx: BaseCtx, reply: FastifyReply, auth: AuthState): Promise<void> {
  if (auth.session) await endSession(ctx.deps, auth.session.idHash);
  clearSessionCookie(ctx.deps, reply);
}

/** True on a brand-new database (no account at all). */
export async function hasAnyUser(db: BaseCtx['deps']['database']['db']): Promise<boolean> {
  return (await withUser(db, null, (trx) => countUsers(trx))) > 0;
}

/** Creates an account whose e-mail address is already confirmed (demo data, invitations). */
export async function createVerifiedUser(trx: Parameters<typeof insertUser>[0], input: { id: string; name: string; email: string; password: string; at: Date }): Promise<void> {
  await insertUser(trx, { id: input.id, email: input.email, name: input.name, password_hash: await hashPassword(input.password), email_verified_at: input.at, created_at: input.at });
}
