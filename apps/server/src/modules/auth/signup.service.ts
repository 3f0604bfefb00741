import type { signUpBody } from '@custodian/shared/contracts/auth.ts';
import { AppError } from '@custodian/shared/errors.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { userLabel } from '../../core/auth-state.ts';
import type { StepsCtx, TxCtx } from '../../core/ctx.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { newId } from '../../lib/ids.ts';
import { queueMail } from '../mail/mail.service.ts';
import { createOrgWithOwner, listMembershipsOfUser } from '../org/org.service.ts';
import { consumeVerification, findAddressHolder, findUserById, findEmailVerification, insertUser, insertVerification } from './auth.repo.ts';
import { assertAcceptablePassword, recordForPerson } from './auth.service.ts';
import { consumeSignupClaim, findNewestUsableClaim, findSignupClaim, insertSignupClaim, lockAddress, markEmailVerified, retireSignupClaims } from './lifecycle.repo.ts';
import { hashPassword } from './password-policy.ts';
import { removeUnconfirmedAccount } from './unconfirmed-accounts.service.ts';

const verificationHours = 48;

/**
 * Every sign-up takes at least this long, so the time of the answer does not tell whether the address
 * has an account: a new account (an organisation, its first events, a link) and a notice to an existing
 * owner take different work, all well inside this once the password is hashed (measured in
 * signup-lifecycle.test.ts).
 */
export const signUpMinimumMs = 450;

type SignUp = z.output<typeof signUpBody>;
type Person = { id: string; name: string; email: string };

function verificationMail(publicUrl: string, name: string, token: string, organisationName?: string) {
  return {
    subject: 'Confirm your e-mail address for Custodian',
    text:
      `Hello ${name},\n\nConfirm your e-mail address to finish setting up Custodian` +
      `${organisationName ? ` for ${organisationName}` : ''}:\n\n` +
      `${publicUrl}/verify-email?token=${token}\n\nThe link works for ${verificationHours} hours. ` +
      'If you did not sign up' + (organisationName ? ` for ${organisationName}` : '') + ', do not open the link: ignore this message.\n',
  };
}

function attemptNotice(publicUrl: string, name: string) {
  return {
    subject: 'Someone tried to sign up to Custodian with your address',
    text:
      `Hello ${name},\n\nSomeone just tried to create a Custodian account with this e-mail address, which already has one: yours. ` +
      'Nothing was changed and no new account was made.\n\n' +
      `If it was you, sign in at ${publicUrl}/login, or choose a new password at ${publicUrl}/forgot-password if you have forgotten it.\n` +
      'If it was not you, you can ignore this message.\n',
  };
}

const expiry = (now: Date) => new Date(now.getTime() + verificationHours * 3_600_000);

/** The organisation whose outbox mails a person: the first they belong to (null: none). */
async function mailingOrg(ctx: TxCtx, userId: string): Promise<string | null> {
  await ctx.setScope({ orgId: null, userId });
  const orgId = (await listMembershipsOfUser(ctx.tx, userId))[0]?.org_id ?? null;
  if (orgId) await ctx.setScope({ orgId, userId });
  return orgId;
}

/** A free address: the account (unconfirmed), its organisation and the confirmation link. */
async function createAccount(ctx: TxCtx, input: SignUp, passwordHash: string): Promise<boolean> {
  const userId = newId(ctx.now.getTime());
  const orgId = newId(ctx.now.getTime());
  const token = randomToken();
  await ctx.setScope({ orgId, userId });
  if (!(await insertUser(ctx.tx, { id: userId, email: input.email, name: input.name, password_hash: passwordHash, email_verified_at: null, created_at: ctx.now }))) return false;
  await createOrgWithOwner(ctx, { orgId, name: input.organisationName, owner: { id: userId, name: input.name, email: input.email } });
  await insertVerification(ctx.tx, { token_hash: sha256Hex(token), user_id: userId, expires_at: expiry(ctx.now) });
  await queueMail(ctx, orgId, { to: input.email, ...verificationMail(ctx.deps.config.publicUrl, input.name, token, input.organisationName) });
  return true;
}

/** A confirmed address: nothing changes; its owner is told someone tried (and how to get in). */
async function noticeOwner(ctx: TxCtx, owner: Person): Promise<void> {
  const orgId = await mailingOrg(ctx, owner.id);
  if (orgId) await queueMail(ctx, orgId, { to: owner.email, ...attemptNotice(ctx.deps.config.publicUrl, owner.name) });
  await recordForPerson(ctx, owner, 'user.signup_attempted');
}

/**
 * An address an unconfirmed account holds: nothing is created yet. A claim with this sign-up's name,
 * organisation and password waits for its link. No earlier link is retired here: only the mailbox's
 * owner can open any of them, so whichever they open first wins and retires the rest; retiring on each
 * sign-up would let a squatter's repeated sign-ups cancel the owner's link. The mail is private in the
 * holder's outbox.
 */
async function claimAddress(ctx: TxCtx, holder: Person, input: SignUp, passwordHash: string): Promise<void> {
  const orgId = await mailingOrg(ctx, holder.id);
  if (!orgId) {
    // An unconfirmed account in no organisation has nobody to mail from: it goes now, the sign-up proceeds.
    await removeUnconfirmedAccount(ctx, holder, 'superseded');
    await createAccount(ctx, input, passwordHash);
    return;
  }
  await mailClaimLink(ctx, orgId, { email: input.email, name: input.name, organisation_name: input.organisationName, password_hash: passwordHash });
  await recordForPerson(ctx, holder, 'user.signup_attempted');
}

/** Stores a claim under a new link and mails the link (privately) from the holder's organisation. */
async function mailClaimLink(ctx: TxCtx, orgId: string, claim: { email: string; name: string; organisation_name: string; password_hash: string }): Promise<void> {
  const token = randomToken();
  await insertSignupClaim(ctx.tx, { ...claim, token_hash: sha256Hex(token), created_at: ctx.now, expires_at: expiry(ctx.now) });
  await queueMail(ctx, orgId, { to: claim.email, ...verificationMail(ctx.deps.config.publicUrl, claim.name, token, claim.organisation_name), isPrivate: true });
}

/** What a sign-up does to the address, decided under its lock. */
async function registerSignUp(ctx: TxCtx, input: SignUp, passwordHash: string): Promise<void> {
  await lockAddress(ctx.tx, input.email);
  const holder = await findAddressHolder(ctx.tx, input.email);
  if (!holder && (await createAccount(ctx, input, passwordHash))) return;
  const current = holder ?? (await findAddressHolder(ctx.tx, input.email));
  if (!current) throw new Error('the address was taken and released within one sign-up');
  if (current.email_verified_at) await noticeOwner(ctx, current);
  else await claimAddress(ctx, current, input, passwordHash);
}

/**
 * Sign-up. One answer whether or not the address has an account, in at least signUpMinimumMs: a free
 * address gets an unconfirmed account and its organisation; an address with a confirmed account gets
 * a notice to its owner and nothing else; an address an unconfirmed account holds gets a claim that
 * supersedes that account when its link is opened. The password is hashed first, outside any transaction.
 */
export async function signUp(ctx: StepsCtx, input: SignUp): Promise<{ email: string }> {
  assertAcceptablePassword(input.password, input);
  const started = performance.now();
  try {
    const passwordHash = await hashPassword(input.password);
    await ctx.transaction((tx) => registerSignUp(tx, input, passwordHash));
  } finally {
    const left = signUpMinimumMs - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
  return { email: input.email };
}

const takenByAnother = () =>
  new AppError('conflict', 'This e-mail address has already been confirmed, for another sign-up. Sign in, or reset the password if the account is yours.');

const invalidLink = () => new AppError('bad_request', 'This confirmation link is not valid any more. Ask for a new one from the sign-in page.');

/** A link from an account's own sign-up: confirms that account (once). */
async function confirmAccount(ctx: TxCtx, userId: string, tokenHash: string): Promise<{ alreadyConfirmed: boolean }> {
  await ctx.setScope({ orgId: null, userId });
  const user = await findUserById(ctx.tx, userId);
  if (!user) throw invalidLink();
  await lockAddress(ctx.tx, user.email);
  const used = await consumeVerification(ctx.tx, tokenHash, ctx.now);
  if (!used) {
    const now = await findUserById(ctx.tx, userId);
    if (now?.email_verified_at) return { alreadyConfirmed: true };
    throw invalidLink();
  }
  if (!(await markEmailVerified(ctx.tx, userId, ctx.now))) return { alreadyConfirmed: true };
  // The address is taken now: every other sign-up's link for it stops working.
  await retireSignupClaims(ctx.tx, user.email, ctx.now);
  await recordForPerson(ctx, user, 'user.email_verified');
  return { alreadyConfirmed: false };
}

/**
 * A link from a sign-up that claimed an address an unconfirmed account held: under the address's lock,
 * the unconfirmed account is removed (its empty organisation closed) and the claim's account created,
 * confirmed, with the password chosen at that sign-up. A confirmed account is never touched: if the
 * address was confirmed meanwhile, the claim is refused.
 */
async function confirmClaim(ctx: TxCtx, found: { token_hash: string; email: string }): Promise<{ alreadyConfirmed: boolean }> {
  await lockAddress(ctx.tx, found.email);
  // Read again under the lock: a parallel confirmation may have used it.
  const claim = await findSignupClaim(ctx.tx, found.token_hash);
  if (!claim) throw invalidLink();
  const holder = await findAddressHolder(ctx.tx, claim.email);
  // Opened again after it made the account: the address is confirmed, by this very link.
  if (claim.confirmed_user_id && holder?.id === claim.confirmed_user_id && holder.email_verified_at) return { alreadyConfirmed: true };
  if (holder?.email_verified_at) throw takenByAnother();
  if (claim.used_at || new Date(claim.expires_at) <= ctx.now) throw invalidLink();
  if (holder) await removeUnconfirmedAccount(ctx, holder, 'superseded');
  const person = { id: newId(ctx.now.getTime()), name: claim.name, email: claim.email };
  const orgId = newId(ctx.now.getTime());
  await ctx.setScope({ orgId, userId: person.id });
  if (!(await insertUser(ctx.tx, { ...person, password_hash: claim.password_hash, email_verified_at: ctx.now, created_at: ctx.now }))) throw invalidLink();
  if (!(await consumeSignupClaim(ctx.tx, claim.token_hash, ctx.now, person.id))) throw invalidLink();
  await retireSignupClaims(ctx.tx, claim.email, ctx.now);
  await createOrgWithOwner(ctx, { orgId, name: claim.organisation_name, owner: person });
  await ctx.recordAudit({ orgId, userId: person.id, label: userLabel(person) }, { action: 'user.email_verified', entity: { type: 'user', id: person.id } });
  return { alreadyConfirmed: false };
}

/**
 * Confirms an e-mail address from the link in the confirmation mail: an account's own link, or a
 * sign-up's claim on an address an unconfirmed account held. A link opened again after the address
 * was confirmed by it says so, so the person knows they can sign in.
 */
export async function verifyEmail(ctx: TxCtx, token: string): Promise<{ alreadyConfirmed: boolean }> {
  const tokenHash = sha256Hex(token);
  const issued = await findEmailVerification(ctx.tx, tokenHash);
  if (issued) return confirmAccount(ctx, issued.user_id, tokenHash);
  const claim = await findSignupClaim(ctx.tx, tokenHash);
  if (claim) return confirmClaim(ctx, claim);
  throw invalidLink();
}

/**
 * Sends a new confirmation link for the newest sign-up of an unconfirmed address (a claim, when one
 * waits; else the account's own); earlier links keep working. Answers the same whether or not the
 * address is registered.
 */
export async function resendVerification(ctx: TxCtx, email: string): Promise<void> {
  await lockAddress(ctx.tx, email);
  const user = await findAddressHolder(ctx.tx, email);
  if (!user || user.email_verified_at) return;
  const orgId = await mailingOrg(ctx, user.id);
  if (!orgId) return;
  const claim = await findNewestUsableClaim(ctx.tx, email, ctx.now);
  if (claim) {
    await mailClaimLink(ctx, orgId, claim);
  } else {
    const token = randomToken();
    await insertVerification(ctx.tx, { token_hash: sha256Hex(token), user_id: user.id, expires_at: expiry(ctx.now) });
    await queueMail(ctx, orgId, { to: user.email, ...verificationMail(ctx.deps.config.publicUrl, user.name, token) });
  }
  await ctx.recordAudit({ orgId, userId: user.id, label: userLabel(user) }, { action: 'user.verification_sent', entity: { type: 'user', id: user.id } });
}
