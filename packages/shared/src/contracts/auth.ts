import { z } from 'zod';
import { roles } from '../permissions.ts';

const email = z
  .email({ message: 'must be a valid e-mail address' })
  .max(254)
  .transform((value) => value.toLowerCase());

/** NIST SP 800-63B: length only, no composition rules; common passwords are refused by the service. */
export const password = z
  .string()
  .min(12, { message: 'must be at least 12 characters' })
  .max(256, { message: 'must be at most 256 characters' });

export const signUpBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  email,
  password,
  organisationName: z.string().trim().min(2).max(160),
});
export type SignUpBody = z.input<typeof signUpBody>;

export const loginBody = z.strictObject({
  email,
  password: z.string().min(1).max(256),
});

export const verifyEmailBody = z.strictObject({ token: z.string().min(10).max(200) });
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
    })
    .nullable(),
  organisation: membershipSummary
    .extend({ isMfaRequired: z.boolean(), timeZone: z.string() })
    .nullable(),
  memberships: z.array(membershipSummary),
  mustEnrolMfa: z.boolean(),
  permissions: z.array(z.string()),
  csrfToken: z.string(),
});
export type SessionReply = z.infer<typeof sessionReply>;

export const switchOrgBody = z.strictObject({ orgId: z.uuid({ message: 'must be a valid id' }) });

export const acceptInvitationBody = z.strictObject({
  token: z.string().min(10).max(300),
  name: z.string().trim().min(1).max(120).optional(),
  password: password.optional(),
});

export const invitationPreviewQuery = z.strictObject({ token: z.string().min(10).max(300) });

export const invitationPreviewReply = z.object({ organisationName: z.string(), email: z.string(), role: z.enum(roles), hasAccount: z.boolean() });

export const acceptInvitationReply = z.object({ status: z.literal('signed_in') });

export const signUpReply = z.object({ status: z.literal('verification_sent'), email: z.string() });
