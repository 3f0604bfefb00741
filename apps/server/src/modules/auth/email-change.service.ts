import { AppError } from '@custodian/shared/errors.ts';
import type { SessionCtx, TxCtx } from '../../core/ctx.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { queueMail } from '../mail/mail.service.ts';
import { listMembershipsOfUser } from '../org/org.service.ts';
import { deleteSessionsOfUser, retirePasswordResets } from './account.repo.ts';
import { findAddressHolder, findUserById } from './auth.repo.ts';
import { recordForPerson } from './auth.service.ts';
import { consumeEmailChange, findEmailChange, findEmailChangeOwner, insertEmailChange, lockAddress, lockUserRow, retireEmailChanges, retireVerifications, setUserEmail } from './lifecycle.repo.ts';
import { requireRecentStepUp } from './step-up.service.ts';
import { removeUnconfirmedAccount } from './unconfirmed-accounts.service.ts';

/** How long the link to the new address works (mail to a new mailbox can be slow to arrive). */
export const emailChangeLinkMinutes = 60;

/** Both mails to the new address share this subject, so an outbox listing does not tell them apart. */
const newAddressSubject = 'Confirm your new e-mail address for Custodian';

function linkMail(publicUrl: string, name: string, token: string) {
  return {
    subject: newAddressSubject,
    text:
      `Hello ${name},\n\nYou asked to use this e-mail address for your Custodian account. To confirm it, open this link:\n\n` +
      `${publicUrl}/confirm-email-change?token=${token}\n\n` +
      `The link works once, for ${emailChangeLinkMinutes} minutes. Until then you keep signing in with your current address.\n\n` +
      'If you did not ask for this, ignore this message: nothing changes.\n',
    isPrivate: true,
  };
}

function takenMail(publicUrl: string) {
  return {
    subject: newAddressSubject,
    text:
      'Hello,\n\nSomeone asked to move another Custodian account to this e-mail address. This address already has a Custodian account, ' +
      'so nothing was changed.\n\n' +
      `If that was you, sign in with this address at ${publicUrl}/login instead, or reset its password at ${publicUrl}/forgot-password.\n`,
    isPrivate: true,
  };
}

function oldAddressNotice(publicUrl: string, name: string, newEmail: string) {
  return {
    subject: 'Your Custodian e-mail address is being changed',
    text:
      `Hello ${name},\n\nSomeone signed in to your Custodian account asked to change its e-mail address to ${newEmail}. ` +
      'The change happens only when the link we sent to that address is opened.\n\n' +
      'If this was you, there is nothing more to do here.\n' +
      `If it wasn't you, sign in and change your password straight away (or reset it at ${publicUrl}/forgot-password), ` +
      'choose "Sign out everywhere else", and tell your Custodian owner.\n',
  };
}

/** The organisation whose outbox mails the person: the one they are working in, else their first. */
async function mailingOrg(ctx: SessionCtx): Promise<string> {
  const memberships = await listMembershipsOfUser(ctx.tx, ctx.user.id);
  const orgId = memberships.find((m) => m.org_id === ctx.session.orgId)?.org_id ?? memberships[0]?.org_id;
  if (!orgId) throw new AppError('bad_request', 'Your account belongs to no organisation, so Custodian has nowhere to send e-mail from. Ask an owner to invite you first.');
  return orgId;
}

/**
 * Asks to move the signed-in person's account to a new address. A single-use link (stored hashed,
 * valid for emailChangeLinkMinutes) goes to the new address, privately; any earlier unused link stops
 * working; the current address gets a notice without the link. The answer is the same whether or not
 * the new address already has an account: if it has a confirmed one, the mail there says so instead
 * of carrying a link. The person must have confirmed it's them (password or passkey) in the last few minutes.
 */
export async function requestEmailChange(ctx: SessionCtx, input: { newEmail: string }): Promise<{ newEmail: string; expiresAt: string }> {
  await requireRecentStepUp(ctx);
  const { user } = ctx;
  if (input.newEmail === user.email) {
    throw new AppError('validation_failed', 'This is already your e-mail address. Enter the new address you want to use.', [{ path: 'newEmail', message: 'This is already your e-mail address. Enter the new address you want to use.' }]);
  }
  const expiresAt = new Date(ctx.now.getTime() + emailChangeLinkMinutes * 60_000);
  const orgId = await mailingOrg(ctx);
  // Of two requests at once, the later waits, retires the earlier's link: one usable link at a time.
  await lockUserRow(ctx.tx, user.id);
  await retireEmailChanges(ctx.tx, user.id, ctx.now);
  const holder = await findAddressHolder(ctx.tx, input.newEmail);
  await ctx.setScope({ orgId, userId: user.id });
  const { publicUrl } = ctx.deps.config;
  if (holder?.email_verified_at) {
    await queueMail(ctx, orgId, { to: input.newEmail, ...takenMail(publicUrl) });
  } else {
    const token = randomToken();
    await ctx.setScope({ orgId: null, userId: user.id });
    await insertEmailChange(ctx.tx, { token_hash: sha256Hex(token), user_id: user.id, new_email: input.newEmail, created_at: ctx.now, expires_at: expiresAt });
    await ctx.setScope({ orgId, userId: user.id });
    await queueMail(ctx, orgId, { to: input.newEmail, ...linkMail(publicUrl, user.name, token) });
  }
  await queueMail(ctx, orgId, { to: user.email, ...oldAddressNotice(publicUrl, user.name, input.newEmail) });
  await recordForPerson(ctx, user, 'user.email_change_requested', { email: input.newEmail });
  return { newEmail: input.newEmail, expiresAt: expiresAt.toISOString() };
}

type LinkProblem = 'unknown' | 'used' | 'expired';

const linkMessages: Record<LinkProblem, string> = {
  unknown: 'This link is not valid. Check that you opened the whole link from the e-mail, or ask for the change again from your account page.',
  used: 'This link has already been used. If your address has not changed, ask for the change again from your account page.',
  expired: `This link has expired. Ask for the change again from your account page: links work for ${emailChangeLinkMinutes} minutes.`,
};

function linkError(problem: LinkProblem): AppError {
  return new AppError('bad_request', linkMessages[problem], { reason: problem });
}

/**
 * Finishes an e-mail change from the link sent to the new address (opened in any browser, signed in
 * or not). Under the new address's lock: if a confirmed account took it meanwhile, 409 and nothing
 * changes; an unconfirmed account holding it is superseded (its empty organisation closed). Then the
 * link is used up (of two parallel uses, one wins), the address changed and confirmed, other links
 * (reset, confirmation, change) retired, every other session of the person ended (the one opening the
 * link stays if it is theirs) and the change recorded with the old and new address.
 */
export async function confirmEmailChange(ctx: TxCtx, token: string): Promise<{ email: string }> {
  const tokenHash = sha256Hex(token);
  const userId = await findEmailChangeOwner(ctx.tx, tokenHash);
  if (!userId) throw linkError('unknown');
  await ctx.setScope({ orgId: null, userId });
  const change = await findEmailChange(ctx.tx, tokenHash);
  if (!change) throw linkError('unknown');
  if (change.used_at) throw linkError('used');
  if (new Date(change.expires_at) <= ctx.now) throw linkError('expired');
  await lockAddress(ctx.tx, change.new_email);
  const holder = await findAddressHolder(ctx.tx, change.new_email);
  if (holder && holder.id !== userId) {
    if (holder.email_verified_at) {
      throw new AppError('conflict', `${change.new_email} now belongs to another Custodian account, so your address was not changed. Choose another address from your account page.`);
    }
    await removeUnconfirmedAccount(ctx, holder, 'superseded');
    await ctx.setScope({ orgId: null, userId });
  }
  if (!(await consumeEmailChange(ctx.tx, tokenHash, ctx.now))) throw linkError('used');
  const before = await findUserById(ctx.tx, userId);
  if (!before) throw linkError('unknown');
  await setUserEmail(ctx.tx, userId, change.new_email, ctx.now);
  await retireEmailChanges(ctx.tx, userId, ctx.now);
  await retirePasswordResets(ctx.tx, userId, ctx.now);
  await retireVerifications(ctx.tx, userId, ctx.now);
  const keep = ctx.auth.session?.userId === userId ? ctx.auth.session.idHash : null;
  const sessionsEnded = await deleteSessionsOfUser(ctx.tx, userId, keep);
  await recordForPerson(ctx, { ...before, email: change.new_email }, 'user.email_changed', { email: change.new_email, sessionsEnded }, { email: before.email });
  return { email: change.new_email };
}
