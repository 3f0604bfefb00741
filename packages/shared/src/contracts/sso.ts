import { z } from 'zod';
import { apiRoute } from './api-route.ts';
import { email } from './auth.ts';
import { recordVersion } from './common.ts';

/** Roles a person can get by joining through single sign-on: never owner. */
export const jitRoles = ['isms_manager', 'contributor', 'staff', 'auditor'] as const;
export type JitRole = (typeof jitRoles)[number];

/** An e-mail domain as people type it ("Harbour-GP.com.au"), kept in lower case. */
export const emailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { message: 'must be an e-mail domain such as yourclinic.com.au (the part after the @)' })
  .describe('the e-mail domain');

/** An organisation's single sign-on settings as its owners see them. The client secret is never sent back. */
export const ssoSettings = z.object({
  /** False until the first save: the other fields are empty then. */
  isConfigured: z.boolean(),
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  isRequired: z.boolean(),
  isJitEnabled: z.boolean(),
  jitRole: z.enum(jitRoles),
  domains: z.array(z.object({ domain: z.string(), addedAt: z.string() })),
  /** The address to register at the provider as the sign-in redirect (callback) address. */
  redirectUri: z.string(),
  /** 0 before the first save. */
  version: z.number().int(),
});
export type SsoSettings = z.infer<typeof ssoSettings>;

export const ssoSettingsBody = z.strictObject({
  issuer: z
    .url({ message: "must be the provider's web address, starting with https://", protocol: /^https?$/ })
    .max(500)
    .describe("the provider's address (issuer)"),
  clientId: z.string().trim().min(1).max(300).describe('the client id'),
  /** Leave out to keep the secret already saved. */
  clientSecret: z.string().min(1).max(1000).optional().describe('the client secret'),
  isRequired: z.boolean().describe('whether single sign-on is required'),
  isJitEnabled: z.boolean().describe('whether people join on their first sign-in'),
  jitRole: z.enum(jitRoles).describe('the role of people who join on their first sign-in'),
  version: recordVersion,
});
export type SsoSettingsBody = z.input<typeof ssoSettingsBody>;

export const ssoDomainBody = z.strictObject({ domain: emailDomain });
export const ssoDomainParams = z.strictObject({ domain: emailDomain });

export const ssoStartBody = z.strictObject({ email });
/** Where the browser goes next: the organisation's provider. */
export const ssoStartReply = z.object({ redirectUrl: z.string() });

/** What the provider sent back to /sso/callback, forwarded by the web app. */
export const ssoCompleteBody = z.strictObject({
  state: z.string().min(10).max(200).describe('the sign-in link'),
  code: z.string().min(1).max(2000).describe('the sign-in link'),
  iss: z.string().max(500).optional().describe('the sign-in link'),
});
export const ssoCompleteReply = z.object({ status: z.literal('signed_in') });

const tag = 'sso';

/** Single sign-on with OpenID Connect: an organisation's settings and domains, and signing in. */
export const ssoApi = {
  settings: apiRoute({ method: 'GET', path: '/org/sso', access: 'sso.manage', tag, summary: "The organisation's single sign-on settings", reply: ssoSettings }),
  saveSettings: apiRoute({
    method: 'PUT',
    path: '/org/sso',
    access: 'sso.manage',
    tag,
    summary: "Save the organisation's single sign-on settings (the provider is checked first)",
    body: ssoSettingsBody,
    reply: ssoSettings,
  }),
  addDomain: apiRoute({ method: 'POST', path: '/org/sso/domains', access: 'sso.manage', tag, summary: 'Add an e-mail domain (yours; one organisation each)', body: ssoDomainBody, reply: ssoSettings, status: 201 }),
  removeDomain: apiRoute({ method: 'DELETE', path: '/org/sso/domains/:domain', access: 'sso.manage', tag, summary: 'Remove an e-mail domain', params: ssoDomainParams, reply: ssoSettings }),
  start: apiRoute({
    method: 'POST',
    path: '/auth/sso/start',
    access: 'public',
    tag,
    summary: "Start signing in with your organisation's single sign-on (by your e-mail address's domain)",
    body: ssoStartBody,
    reply: ssoStartReply,
  }),
  complete: apiRoute({ method: 'POST', path: '/auth/sso/complete', access: 'public', tag, summary: 'Finish signing in with what the provider sent back', body: ssoCompleteBody, reply: ssoCompleteReply }),
};
