import { z } from 'zod';
import { roles } from '../permissions.ts';

export const organisation = z.object({
  orgId: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  isMfaRequired: z.boolean(),
  isDemo: z.boolean(),
  createdAt: z.string(),
});

export const updateOrgBody = z.strictObject({
  name: z.string().trim().min(2).max(160).optional(),
  timeZone: z
    .string()
    .max(64)
    .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz), { message: 'must be an IANA time zone such as Australia/Sydney' })
    .optional(),
  isMfaRequired: z.boolean().optional(),
});

export const createOrgBody = z.strictObject({ name: z.string().trim().min(2).max(160) });

export const member = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  hasMfa: z.boolean(),
  joinedAt: z.string(),
});

export const updateMemberBody = z.strictObject({ role: z.enum(roles) });

export const invitation = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(roles),
  expiresAt: z.string(),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  createdAt: z.string(),
});

export const createInvitationBody = z.strictObject({
  email: z.email({ message: 'must be a valid e-mail address' }).max(254).transform((v) => v.toLowerCase()),
  role: z.enum(roles),
});

export const outboxMessage = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(['pending', 'sent', 'logged', 'failed']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
