import { z } from 'zod';
import { apiRoute } from './api-route.ts';
import { email, password } from './auth.ts';
import { okReply } from './common.ts';
import { listOf, listQuery } from './list.ts';

const resetToken = z.string().min(10, { message: 'is not a complete link: copy the whole link from the e-mail' }).max(200);

export const passwordResetRequestBody = z.strictObject({ email });
export const passwordResetCheckBody = z.strictObject({ token: resetToken });
export const passwordResetBody = z.strictObject({ token: resetToken, password });
export const passwordChangeBody = z.strictObject({
  currentPassword: z.string().min(1, { message: 'enter your current password' }).max(256),
  newPassword: password,
});

/** Moving the account to a new address: a link goes to the new address; the change happens when it is opened. */
export const emailChangeBody = z.strictObject({ newEmail: email });
/** The same reply whether or not the new address already has an account (the mail there says which). */
export const emailChangeReply = z.object({ newEmail: z.string(), expiresAt: z.string() });
export const emailChangeConfirmBody = z.strictObject({ token: resetToken });
/** The address the account now has. */
export const emailChangeConfirmReply = z.object({ email: z.string() });

/** What a reset link is for: the address, so a password manager can save the new password with it. */
export const passwordResetCheckReply = z.object({ email: z.string() });

/** One of the signed-in person's own sessions. */
export const sessionSummary = z.object({
  id: z.uuid(),
  /** A coarse description from the browser's user agent, e.g. "Chrome on Windows". */
  device: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  isCurrent: z.boolean(),
  /** Signed in with the password but waiting for the two-step code. */
  isMfaPending: z.boolean(),
});
export type SessionSummary = z.infer<typeof sessionSummary>;

/** A person has a handful of sessions; the list convention still applies (most recently used first). */
export const sessionListQuery = listQuery({ filters: {}, sorts: ['lastSeenAt'], sort: 'lastSeenAt', order: 'desc' });
export const sessionListReply = listOf(sessionSummary);
export const sessionParams = z.strictObject({ sessionId: z.uuid({ message: 'must be a valid id' }) });
export const endedSessionsReply = z.object({ ended: z.number().int().min(0) });

/** Deleting one's account: the address typed again, to confirm. */
export const deleteAccountBody = z.strictObject({ email });

/** An organisation the person belongs to, as the deletion treats it. */
const deletionOrganisation = z.object({ orgId: z.uuid(), name: z.string() });

/**
 * What deleting the account would do: organisations it leaves, organisations it closes (the person is
 * their only member: kept read-only, with the person de-identified in them), and organisations that
 * stop it (the person is their only owner and others belong to them).
 */
export const deletionPreview = z.object({
  leaves: z.array(deletionOrganisation),
  closes: z.array(deletionOrganisation),
  blockedBy: z.array(deletionOrganisation),
});
export type DeletionPreview = z.infer<typeof deletionPreview>;

export const deletedAccountReply = z.object({ ok: z.literal(true), closedOrganisations: z.array(z.string()) });

const tag = 'account';

/** Password reset by e-mail, password change, e-mail address change, and a person's own sessions. */
export const accountApi = {
  requestPasswordReset: apiRoute({
    method: 'POST',
    path: '/auth/password-reset/request',
    access: 'public',
    tag,
    summary: 'Send a password-reset link (the same answer whether or not the address has an account)',
    body: passwordResetRequestBody,
    reply: okReply,
  }),
  checkPasswordReset: apiRoute({
    method: 'POST',
    path: '/auth/password-reset/check',
    access: 'public',
    tag,
    summary: 'Whether a password-reset link can still be used',
    body: passwordResetCheckBody,
    reply: passwordResetCheckReply,
  }),
  resetPassword: apiRoute({ method: 'POST', path: '/auth/password-reset', access: 'public', tag, summary: 'Set a new password from a reset link', body: passwordResetBody, reply: okReply }),
  changePassword: apiRoute({ method: 'POST', path: '/auth/password', access: 'session', tag, summary: 'Change your password', body: passwordChangeBody, reply: okReply }),
  requestEmailChange: apiRoute({
    method: 'POST',
    path: '/auth/email-change',
    access: 'session',
    tag,
    summary: 'Change your e-mail address: sends a confirmation link to the new address',
    body: emailChangeBody,
    reply: emailChangeReply,
  }),
  confirmEmailChange: apiRoute({
    method: 'POST',
    path: '/auth/email-change/confirm',
    access: 'public',
    tag,
    summary: 'Finish an e-mail address change from the link sent to the new address',
    body: emailChangeConfirmBody,
    reply: emailChangeConfirmReply,
  }),
  listSessions: apiRoute({ method: 'GET', path: '/auth/sessions', access: 'session', tag, summary: 'Your sessions', query: sessionListQuery, reply: sessionListReply }),
  endOtherSessions: apiRoute({ method: 'POST', path: '/auth/sessions/end-others', access: 'session', tag, summary: 'Sign out everywhere else', reply: endedSessionsReply }),
  endSession: apiRoute({ method: 'DELETE', path: '/auth/sessions/:sessionId', access: 'session', tag, summary: 'Sign out one of your other sessions', params: sessionParams, reply: okReply }),
  deletionPreview: apiRoute({ method: 'GET', path: '/auth/account/deletion', access: 'session', tag, summary: 'What deleting your account would do', reply: deletionPreview }),
  deleteAccount: apiRoute({
    method: 'POST',
    path: '/auth/account/delete',
    access: 'session',
    tag,
    summary: 'Delete your account (type its e-mail address to confirm)',
    body: deleteAccountBody,
    reply: deletedAccountReply,
  }),
};
