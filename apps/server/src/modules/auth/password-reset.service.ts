import type { passwordResetBody } from '@custodian/shared/contracts/account.ts';
import { AppError } from '@custodian/shared/errors.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { StepsCtx, TxCtx } from '../../core/ctx.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { queueMail } from '../mail/mail.service.ts';
import { listMembershipsOfUser } from '../org/org.service.ts';
import {
  consumePasswordReset,
  countPasswordResetsSince,
  deleteSessionsOfUser,
  findPasswordReset,
  insertPasswordReset,
  retirePasswordResets,
  setPassword,
} from './account.repo.ts';
import { findUserById, findUserIdByEmail } from './auth.repo.ts';
import { assertAcceptablePassword, recordForPerson } from './auth.service.ts';
import { hashPassword } from './password-policy.ts';

/** How long a reset link works. */
export const resetLinkMinutes = 30;
/** At most this many links per address in the window below; more requests are answered alike and send nothing. */
export const resetLinksPerAddress = 3;
const resetWindowMinutes = 15;
/**
 * Every reset request takes at least this long, so the time of the answer does not tell whether the
 * address has an account (the work for a known address is a few database statements).
 */
export const resetRequestMinimumMs = 400;

function resetMail(publicUrl: string, name: string, token: string) {
  return {
    subject: 'Reset your Custodian password',
    text:
      `Hello ${name},\n\nSomeone (we hope you) asked to reset the password of your Custodian account.\n` +
      `To choose a new password, open this link:\n\n${publicUrl}/reset-password?token=${token}\n\n` +
      `The link works once, for ${resetLinkMinutes} minutes. Setting a new password signs you out on every device.\n\n` +
      'If you did not ask for this, you can ignore this message: your password stays as it is.\n',
    isPrivate: true,
  };
}

/** Creates a reset link and mails it, when the address has an account and has not had too many links lately. */
async function sendResetLink(ctx: TxCtx, email: string): Promise<void> {
  const userId = await findUserIdByEmail(ctx.tx, email);
  if (!userId) return;
  await ctx.setScope({ orgId: null, userId });
  const user = await findUserById(ctx.tx, userId);
  if (!user) return;
  const orgId = (await listMembershipsOfUser(ctx.tx, user.id))[0]?.org_id;
  if (!orgId) {
    // Mail is queued in an organisation's outbox; a person in none has nowhere to be mailed from.
    ctx.log.warn({ userId: user.id }, 'password reset asked for a person who belongs to no organisation; no link sent');
    return;
  }
  const since = new Date(ctx.now.getTime() - resetWindowMinutes * 60_000);
  if ((await countPasswordResetsSince(ctx.tx, user.id, since)) >= resetLinksPerAddress) {
    ctx.log.warn({ userId: user.id }, 'password reset links for this address are limited; no link sent');
    return;
  }
  const token = randomToken();
  await insertPasswordReset(ctx.tx, {
    token_hash: sha256Hex(token),
    user_id: user.id,
    created_at: ctx.now,
    expires_at: new Date(ctx.now.getTime() + resetLinkMinutes * 60_000),
  });
  await ctx.setScope({ orgId, userId: user.id });
  await queueMail(ctx, orgId, { to: user.email, ...resetMail(ctx.deps.config.publicUrl, user.name, token) });
  await recordForPerson(ctx, user, 'user.password_reset_requested');
}

/**
 * "Forgotten password?": mails a reset link when the address has an account. The answer is the same
 * either way and takes at least resetRequestMinimumMs, so it does not tell who has an account.
 */
export async function requestPasswordReset(ctx: StepsCtx, email: string): Promise<void> {
  const started = performance.now();
  try {
    await ctx.transaction((tx) => sendResetLink(tx, email));
  } finally {
    const left = resetRequestMinimumMs - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}

type LinkProblem = 'unknown' | 'used' | 'expired';

const linkMessages: Record<LinkProblem, string> = {
  unknown: 'This link is not valid. Check that you opened the whole link from the e-mail, or ask for a new one.',
  used: 'This link has already been used. If you still need to reset your password, ask for a new link.',
  expired: `This link has expired; ask for a new one. Reset links work for ${resetLinkMinutes} minutes.`,
};

function linkError(problem: LinkProblem): AppError {
  return new AppError('bad_request', linkMessages[problem], { reason: problem });
}

/**
 * The person a reset link is for, or the plain reason it cannot be used. Scopes the transaction to that
 * person (the link is found by a pre-authentication lookup; their row is then read as their own).
 */
async function usableLink(ctx: TxCtx, tokenHash: string): Promise<{ userId: string; email: string; name: string }> {
  const link = await findPasswordReset(ctx.tx, tokenHash);
  if (!link) throw linkError('unknown');
  if (link.used_at) throw linkError('used');
  if (new Date(link.expires_at) <= ctx.now) throw linkError('expired');
  await ctx.setScope({ orgId: null, userId: link.user_id });
  const user = await findUserById(ctx.tx, link.user_id);
  if (!user) throw linkError('unknown');
  return { userId: link.user_id, email: user.email, name: user.name };
}

/** Whether a reset link can still be used (the page says so before a password is typed). */
export async function checkPasswordReset(ctx: TxCtx, token: string): Promise<{ email: string }> {
  const { email } = await usableLink(ctx, sha256Hex(token));
  return { email };
}

/**
 * Sets a new password from a reset link: the link is used up (of two parallel uses, one wins), the
 * password replaced (hashed outside any transaction), failed attempts and any lockout forgotten, every
 * session of the person ended and the reset recorded. The link proves the mailbox, so an unconfirmed
 * address becomes confirmed. Returns whose password it was.
 */
export async function resetPassword(ctx: StepsCtx, input: z.output<typeof passwordResetBody>): Promise<{ userId: string }> {
  const tokenHash = sha256Hex(input.token);
  const link = await ctx.transaction((tx) => usableLink(tx, tokenHash));
  assertAcceptablePassword(input.password, link);
  const passwordHash = await hashPassword(input.password);
  return ctx.transaction(async (tx) => {
    await tx.setScope({ orgId: null, userId: link.userId });
    const userId = await consumePasswordReset(tx.tx, tokenHash, tx.now);
    if (!userId) {
      await usableLink(tx, tokenHash);
      throw linkError('used');
    }
    await setPassword(tx.tx, userId, passwordHash, { verifiedAt: tx.now });
    await retirePasswordResets(tx.tx, userId, tx.now);
    const sessionsEnded = await deleteSessionsOfUser(tx.tx, userId, null);
    const user = await findUserById(tx.tx, userId);
    if (user) await recordForPerson(tx, user, 'user.password_reset', { sessionsEnded });
    return { userId };
  });
}
