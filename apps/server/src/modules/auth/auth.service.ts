import type { loginBody } from '@custodian/shared/contracts/auth.ts';
import type { AuditAction } from '@custodian/shared/domain/audit-wording.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import { isEnterableWithPassword, ssoRequiredError, userLabel } from '../../core/auth-state.ts';
import type { StepsCtx, TxCtx } from '../../core/ctx.ts';
import { hmacHex } from '../../lib/crypto.ts';
import { listMembershipsOfUser } from '../org/org.service.ts';
import { addFailedLogin, clearFailedLogins, findOwnCredentials, findUserById, findUserIdByEmail, hasAnyAccount, insertUser, reserveLoginAttempt, reserveUnknownSignIn, settleUnknownSignIn, updateUser } from './auth.repo.ts';
import { decoyHash, findPasswordProblem, hashPassword, verifyPassword } from './password-policy.ts';
import { endSession, startSession, type SessionGrant } from './session.service.ts';

/** Refuses a password that NIST SP 800-63B says to refuse, with a message the person can act on. */
export function assertAcceptablePassword(password: string, context: { email: string; name?: string }): void {
  const problem = findPasswordProblem(password, context);
  if (problem) throw new AppError('validation_failed', problem, [{ path: 'password', message: problem }]);
}

/** Only the demo's accounts are created with a known address here; sign-up never answers this. */
const alreadyRegistered = () =>
  new AppError('conflict', 'An account with this e-mail address already exists. Sign in instead, or ask an owner to invite you.', [
    { path: 'email', message: 'is already registered' },
  ]);

/**
 * Records an event about a person in every organisation they belong to (a person-level event such as
 * a lockout has no one organisation).
 */
export async function recordForPerson(ctx: TxCtx, user: { id: string; name: string; email: string }, action: AuditAction, after?: unknown, before?: unknown): Promise<number> {
  await ctx.setScope({ orgId: null, userId: user.id });
  const orgIds = (await listMembershipsOfUser(ctx.tx, user.id)).map((m) => m.org_id);
  for (const orgId of orgIds) {
    await ctx.setScope({ orgId, userId: user.id });
    await ctx.recordAudit({ orgId, userId: user.id, label: userLabel(user) }, { action, entity: { type: 'user', id: user.id }, before, after });
  }
  if (orgIds.length === 0) ctx.skipAudit('the person belongs to no organisation whose trail could record it');
  return orgIds.length;
}

function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Too many failed sign-in attempts. This account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}. Try again later, or contact your Custodian owner.`;
}

/**
 * Counts a failed password or MFA code (atomically) and records it; after the configured number of
 * failures locks the account. Returns the error to answer with when the account is now locked.
 */
export async function countFailure(ctx: TxCtx, userId: string): Promise<AppError | null> {
  await ctx.setScope({ orgId: null, userId });
  return settleFailure(ctx, userId, await addFailedLogin(ctx.tx, userId, ctx.now));
}

/** The lock's end when a failure just reached the limit. */
function lockEnd(ctx: TxCtx): Date {
  return new Date(ctx.now.getTime() + ctx.deps.config.loginLockoutMinutes * 60_000);
}

/** Records a failure already counted (`failures` on record); at the limit, locks the account. */
async function settleFailure(ctx: TxCtx, userId: string, failures: number): Promise<AppError | null> {
  await ctx.setScope({ orgId: null, userId });
  const user = await findUserById(ctx.tx, userId);
  if (!user) return null;
  if (failures < ctx.deps.config.loginMaxFailures) {
    await recordForPerson(ctx, user, 'user.sign_in_failed', { failures });
    return null;
  }
  const until = lockEnd(ctx);
  await updateUser(ctx.tx, userId, { failed_logins: 0, locked_until: until });
  await recordForPerson(ctx, user, 'user.locked', { lockedUntil: until.toISOString() });
  ctx.log.warn({ userId }, 'account locked after repeated failures');
  return new AppError('account_locked', lockedMessage(until, ctx.now));
}

/** The lockout error when the account is locked now, or null. */
export function lockedError(user: { locked_until: Date | null }, now: Date): AppError | null {
  return user.locked_until && new Date(user.locked_until) > now ? new AppError('account_locked', lockedMessage(new Date(user.locked_until), now)) : null;
}

const tooManyAtOnce = () => new AppError('rate_limited', 'Too many sign-in attempts at the same time. Wait a minute and try again.');

/**
 * Reserves one of the allowed attempts before the slow password check, so that parallel guesses are
 * counted before any of them is checked: at most `LOGIN_MAX_FAILURES` passwords are ever checked
 * between lockouts, however many arrive at once. Throws the lockout error when none is left; otherwise
 * returns the attempt and the account with its password hash (read in the same transaction, scoped to
 * the person).
 */
async function reserveAttempt(ctx: StepsCtx, userId: string) {
  const { loginMaxFailures } = ctx.deps.config;
  const reserved = await ctx.transaction(async (tx) => {
    tx.skipAudit('an attempt is reserved here; its outcome is recorded when the password has been checked');
    await tx.setScope({ orgId: null, userId });
    const attempt = await reserveLoginAttempt(tx.tx, userId, loginMaxFailures, tx.now);
    const user = await findUserById(tx.tx, userId);
    const credentials = attempt === null ? undefined : await findOwnCredentials(tx.tx);
    return { attempt, user, passwordHash: credentials?.password_hash };
  });
  const { attempt, user, passwordHash } = reserved;
  if (attempt !== null && user && passwordHash) return { attempt, user, passwordHash };
  throw (user ? lockedError(user, ctx.now) : null) ?? tooManyAtOnce();
}

/** The key failed sign-ins of an address without an account are counted under (an HMAC: no address list at rest). */
function unknownAddressKey(ctx: StepsCtx, email: string): string {
  return hmacHex(ctx.deps.keys.addressHash, `sign-in:${email}`);
}

/**
 * A sign-in for an address without an account goes through the same steps as a wrong password: an
 * attempt reserved (counted per address), a password hashed, the failure settled, and at the limit the
 * same lockout answer, so neither the reply nor its timing tells whether the address has an account.
 */
async function refuseUnknownAddress(ctx: StepsCtx, email: string, password: string, invalid: AppError): Promise<never> {
  const { loginMaxFailures } = ctx.deps.config;
  const key = unknownAddressKey(ctx, email);
  const reserved = await ctx.transaction(async (tx) => {
    tx.skipAudit('a failed sign-in for an address without an account belongs to no organisation');
    return reserveUnknownSignIn(tx.tx, key, loginMaxFailures, tx.now);
  });
  if (reserved.attempt === null) throw (reserved.lockedUntil ? lockedError({ locked_until: reserved.lockedUntil }, ctx.now) : null) ?? tooManyAtOnce();
  await verifyPassword(decoyHash, password);
  const attempt = reserved.attempt;
  throw (
    (await ctx.transaction(async (tx) => {
      tx.skipAudit('a failed sign-in for an address without an account belongs to no organisation');
      if (attempt < loginMaxFailures) return null;
      const until = lockEnd(tx);
      await settleUnknownSignIn(tx.tx, key, attempt, loginMaxFailures, until);
      return new AppError('account_locked', lockedMessage(until, tx.now));
    })) ?? invalid
  );
}

/**
 * Password sign-in: find the account (a pre-authentication lookup), reserve an attempt, check the
 * password outside any transaction (argon2 is slow), then either count the failure or start a fresh
 * session; with MFA the session waits for the code. Unknown e-mail and wrong password answer alike,
 * lockout included, and take as long.
 */
export async function logIn(ctx: StepsCtx, input: z.output<typeof loginBody>): Promise<{ status: 'signed_in' | 'mfa_required'; grant: SessionGrant }> {
  const userId = await ctx.transaction((tx) => findUserIdByEmail(tx.tx, input.email));
  const invalid = new AppError('invalid_credentials', 'The e-mail address or password is not right.');
  if (!userId) return refuseUnknownAddress(ctx, input.email, input.password, invalid);
  const { attempt, user, passwordHash } = await reserveAttempt(ctx, userId);
  if (!(await verifyPassword(passwordHash, input.password))) {
    throw (await ctx.transaction((tx) => settleFailure(tx, user.id, attempt))) ?? invalid;
  }
  if (!user.email_verified_at) {
    await ctx.transaction(async (tx) => {
      tx.skipAudit('a right password for an unconfirmed address gives back the attempt it reserved');
      await tx.setScope({ orgId: null, userId: user.id });
      await clearFailedLogins(tx.tx, user.id);
    });
    throw new AppError('email_not_verified', 'Confirm your e-mail address first: open the link we sent you. You can ask for a new link below.');
  }
  const hasMfa = user.mfa_enabled_at !== null;
  const replaced = ctx.auth.session?.idHash ?? null;
  const outcome = await ctx.transaction(async (tx) => {
    // The browser's previous session (perhaps another person's) is ended under its own scope, before
    // the transaction moves to the person signing in.
    if (replaced) await endSession(tx, replaced);
    await tx.setScope({ orgId: null, userId: user.id });
    await clearFailedLogins(tx.tx, user.id);
    const memberships = await listMembershipsOfUser(tx.tx, user.id);
    // "SSO required": a password session starts only in an organisation it may work in.
    const enterable = memberships.filter((m) => isEnterableWithPassword(m, hasMfa));
    if (memberships.length > 0 && enterable.length === 0) {
      tx.skipAudit('a right password of a member whose organisations all require single sign-on gives back the attempt it reserved');
      return null;
    }
    const chosen = enterable.find((m) => !m.is_demo)?.org_id ?? enterable[0]?.org_id ?? null;
    const grant = await startSession(tx, { userId: user.id, orgId: chosen, isMfaPending: hasMfa, replacesIdHash: null });
    if (chosen && !hasMfa) await recordSignIn(tx, chosen, user, 'password');
    else
      tx.skipAudit(
        hasMfa ? 'the password step of an MFA sign-in; the sign-in is recorded when the code is accepted' : 'a person with no organisation signed in',
      );
    return { status: hasMfa ? ('mfa_required' as const) : ('signed_in' as const), grant };
  });
  if (!outcome) throw ssoRequiredError('sign_in');
  return outcome;
}

/** Records a completed sign-in in the organisation's audit trail (and how the person proved who they are). */
export async function recordSignIn(ctx: TxCtx, orgId: string, user: { id: string; name: string; email: string }, method: 'password' | 'totp' | 'recovery_code' | 'passkey' | 'password_passkey' | 'sso'): Promise<void> {
  await ctx.setScope({ orgId, userId: user.id });
  await ctx.recordAudit(
    { orgId, userId: user.id, label: userLabel(user) },
    { action: 'user.signed_in', entity: { type: 'user', id: user.id }, after: { method } },
  );
}

/** Ends the session on the server (the route clears the cookie). */
export async function logOut(ctx: TxCtx): Promise<void> {
  const { session, actor } = ctx.auth;
  if (!session) return;
  await endSession(ctx, session.idHash);
  if (actor)
    await ctx.recordAudit(
      { orgId: actor.orgId, userId: actor.userId, label: actor.userLabel },
      { action: 'user.signed_out', entity: { type: 'user', id: actor.userId } },
    );
}

/** True on a brand-new database (no account at all). */
export async function hasAnyUser(ctx: TxCtx): Promise<boolean> {
  return hasAnyAccount(ctx.tx);
}

/** Creates an account whose e-mail address is already confirmed (demo data); hash the password first. */
export async function createVerifiedUser(ctx: TxCtx, input: { id: string; name: string; email: string; passwordHash: string }): Promise<void> {
  await ctx.setScope({ orgId: null, userId: input.id });
  if (
    !(await insertUser(ctx.tx, {
      id: input.id,
      email: input.email,
      name: input.name,
      password_hash: input.passwordHash,
      email_verified_at: ctx.now,
      created_at: ctx.now,
    }))
  )
    throw alreadyRegistered();
}

export { hashPassword };
