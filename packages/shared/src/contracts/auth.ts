import { z } from 'zod';
import { roles } from '../permissions.ts';
import { apiRoute } from './api-route.ts';
import { okReply, singleLineName } from './common.ts';

export const email = z
  .email({ message: 'must be a valid e-mail address' })
  .max(254)
  .transform((value) => value.toLowerCase());

/** NIST SP 800-63B: length only, no composition rules; common passwords are refused by the service. */
export const password = z
  .string()
  .min(12, { message: 'must be at least 12 characters' })
  .max(256, { message: 'must be at most 256 characters' });

export const signUpBody = z.strictObject({
  name: singleLineName(1, 120),
  email,
  password,
  organisationName: singleLineName(2, 160),
});
export type SignUpBody = z.input<typeof signUpBody>;

export const loginBody = z.strictObject({
  email,
  password: z.string().min(1).max(256),
});

export const verifyEmailBody = z.strictObject({ token: z.string().min(10).max(200) });
/** alreadyConfirmed: the link was used before and the address is confirmed, so the person can sign in. */
export const verifyEmailReply = z.object({ ok: z.literal(true), alreadyConfirmed: z.boolean() });
export const resendVerificationBody = z.strictObject({ email });

export const mfaCodeBody = z.strictObject({
  code: z
    .string()
    .regex(/^\d{6}$/, { message: 'must be the 6-digit code from your authenticator app' })
    .optional(),
  recoveryCode: z.string().trim().min(8).max(40).optional(),
});

const totpCode = z.string().regex(/^\d{6}$/, { message: 'must be the 6-digit code from your authenticator app' });

export const mfaConfirmBody = z.strictObject({ code: totpCode });

export const mfaSetupReply = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrCodeDataUrl: z.string(),
});

export const recoveryCodesReply = z.object({ recoveryCodes: z.array(z.string()).length(10) });

export const loginReply = z.object({
  status: z.enum(['signed_in', 'mfa_required']),
});

export const membershipSummary = z.object({
  orgId: z.uuid(),
  name: z.string(),
  role: z.enum(roles),
  isDemo: z.boolean(),
});

/** What an organisation is (orgs.kind): a healthcare provider, a marketplace provider, or the platform. */
export const orgKindNames = ['healthcare', 'consultant', 'certification_body', 'trainer', 'platform'] as const;
export type OrgKindName = (typeof orgKindNames)[number];

export const sessionReply = z.object({
  isSignedIn: z.boolean(),
  isMfaPending: z.boolean(),
  user: z
    .object({
      id: z.uuid(),
      name: z.string(),
      email: z.string(),
      hasMfa: z.boolean(),
      recoveryCodesLeft: z.number().int(),
      /** The platform operator (a role outside every organisation): the web app shows the operator console. */
      isPlatformOperator: z.boolean(),
    })
    .nullable(),
  organisation: membershipSummary
    /** kind: a healthcare organisation running its ISMS, or a provider in the marketplace (its pages differ). */
    .extend({ isMfaRequired: z.boolean(), timeZone: z.string(), kind: z.enum(orgKindNames) })
    .nullable(),
  memberships: z.array(membershipSummary),
  mustEnrolMfa: z.boolean(),
  /** The second factors the person has (during the second sign-in step too): an authenticator app, passkeys. */
  mfaMethods: z.object({ hasTotp: z.boolean(), hasPasskey: z.boolean() }),
  permissions: z.array(z.string()),
  csrfToken: z.string(),
  /** The catalogue the server runs with: the web app asks for it by checksum, so it can be cached for long. */
  catalogue: z.object({ version: z.string(), checksum: z.string() }),
});
export type SessionReply = z.infer<typeof sessionReply>;

export const switchOrgBody = z.strictObject({ orgId: z.uuid({ message: 'must be a valid id' }) });

export const acceptInvitationBody = z.strictObject({
  token: z.string().min(10).max(300),
  name: singleLineName(1, 120).optional(),
  password: password.optional(),
});

export const invitationPreviewQuery = z.strictObject({ token: z.string().min(10).max(300) });

/** What an invitation is for. Whether the address has an account is not said: the page offers both paths. */
export const invitationPreviewReply = z.object({ organisationName: z.string(), email: z.string(), role: z.enum(roles) });

export const acceptInvitationReply = z.object({ status: z.literal('signed_in') });

export const signUpReply = z.object({ status: z.literal('verification_sent'), email: z.string() });

const tag = 'auth';

/** Sign-up, e-mail verification, sign-in with MFA, sessions, switching organisation and invitations. */
export const authApi = {
  session: apiRoute({ method: 'GET', path: '/auth/session', access: 'public', tag, summary: 'The current session, with a fresh CSRF token', reply: sessionReply }),
  signUp: apiRoute({ method: 'POST', path: '/auth/signup', access: 'public', tag, summary: 'Create an account and its organisation', body: signUpBody, reply: signUpReply, status: 201 }),
  verifyEmail: apiRoute({ method: 'POST', path: '/auth/verify-email', access: 'public', tag, summary: 'Confirm an e-mail address', body: verifyEmailBody, reply: verifyEmailReply }),
  resendVerification: apiRoute({ method: 'POST', path: '/auth/resend-verification', access: 'public', tag, summary: 'Send a new confirmation link', body: resendVerificationBody, reply: okReply }),
  logIn: apiRoute({ method: 'POST', path: '/auth/login', access: 'public', tag, summary: 'Sign in with e-mail and password', body: loginBody, reply: loginReply }),
  mfaChallenge: apiRoute({
    method: 'POST',
    path: '/auth/mfa/challenge',
    access: 'mfa_pending',
    tag,
    summary: 'Second sign-in step: authenticator or recovery code',
    body: mfaCodeBody,
    reply: loginReply,
  }),
  logOut: apiRoute({ method: 'POST', path: '/auth/logout', access: 'public', tag, summary: 'Sign out', reply: okReply }),
  mfaSetup: apiRoute({ method: 'POST', path: '/auth/mfa/setup', access: 'session', tag, summary: 'Start authenticator app enrolment', reply: mfaSetupReply }),
  mfaConfirm: apiRoute({
    method: 'POST',
    path: '/auth/mfa/confirm',
    access: 'session',
    tag,
    summary: 'Confirm enrolment; returns ten recovery codes once',
    body: mfaConfirmBody,
    reply: recoveryCodesReply,
  }),
  mfaDisable: apiRoute({
    method: 'POST',
    path: '/auth/mfa/disable',
    access: 'session',
    tag,
    summary: 'Turn off the authenticator app (needs a recent step-up)',
    reply: okReply,
  }),
  recoveryCodes: apiRoute({ method: 'POST', path: '/auth/mfa/recovery-codes', access: 'session', tag, summary: 'Replace the recovery codes', body: mfaConfirmBody, reply: recoveryCodesReply }),
  switchOrg: apiRoute({ method: 'POST', path: '/auth/switch-org', access: 'session', tag, summary: 'Work in another organisation you belong to', body: switchOrgBody, reply: sessionReply }),
  invitationPreview: apiRoute({
    method: 'GET',
    path: '/invitations/preview',
    access: 'public',
    tag,
    summary: 'What an invitation link is for',
    query: invitationPreviewQuery,
    reply: invitationPreviewReply,
  }),
  acceptInvitation: apiRoute({
    method: 'POST',
    path: '/auth/accept-invitation',
    access: 'public',
    tag,
    summary: 'Accept an invitation (creating an account if needed)',
    body: acceptInvitationBody,
    reply: acceptInvitationReply,
  }),
};
