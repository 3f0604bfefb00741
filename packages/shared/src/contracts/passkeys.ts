import { z } from 'zod';
import { apiRoute } from './api-route.ts';
import { loginReply } from './auth.ts';
import { okReply, recordVersion, singleLineName, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';

/**
 * Passkeys (WebAuthn): enrolling, naming and removing them; signing in with one (passwordless, or as
 * the second step after the password); and step-up (confirming it's you again before a sensitive action).
 */

const base64url = z.string().max(16_384).regex(/^[A-Za-z0-9_-]*$/, { message: 'is not what a passkey sends' });
const clientExtensionResults = z.record(z.string(), z.unknown());

/** What the browser's `startRegistration` returns (a new passkey, attestation "none"). */
export const registrationResponse = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    authenticatorData: base64url.optional(),
    /** How the browser reaches the authenticator ("internal", "usb", …); unknown ones are not stored. */
    transports: z.array(z.string().max(20)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults,
});

/** What the browser's `startAuthentication` returns (a signed challenge). */
export const authenticationResponse = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults,
});
export type AuthenticationResponse = z.infer<typeof authenticationResponse>;

const credentialDescriptor = z.object({ id: z.string(), type: z.literal('public-key'), transports: z.array(z.string()).optional() });

/** The options the browser's `startRegistration` takes (PublicKeyCredentialCreationOptionsJSON). */
export const registrationOptionsReply = z.object({
  challenge: z.string(),
  rp: z.object({ name: z.string(), id: z.string() }),
  user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
  pubKeyCredParams: z.array(z.object({ alg: z.number(), type: z.literal('public-key') })),
  timeout: z.number(),
  attestation: z.enum(['none', 'direct', 'enterprise', 'indirect']),
  excludeCredentials: z.array(credentialDescriptor),
  authenticatorSelection: z.object({
    residentKey: z.enum(['discouraged', 'preferred', 'required']),
    userVerification: z.enum(['discouraged', 'preferred', 'required']),
    requireResidentKey: z.boolean(),
  }),
  extensions: z.object({ credProps: z.boolean() }),
  hints: z.array(z.string()),
});

/** The options the browser's `startAuthentication` takes (PublicKeyCredentialRequestOptionsJSON). */
export const authenticationOptionsReply = z.object({
  challenge: z.string(),
  rpId: z.string(),
  timeout: z.number(),
  userVerification: z.enum(['discouraged', 'preferred', 'required']),
  /** Absent for a passwordless sign-in: the browser offers the passkeys it holds for this site. */
  allowCredentials: z.array(credentialDescriptor).optional(),
});

export const passkeyName = singleLineName(1, 60);

/** One of the signed-in person's passkeys. */
export const passkeySummary = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  version: z.number().int(),
});
export type PasskeySummary = z.infer<typeof passkeySummary>;

export const passkeyListQuery = listQuery({ filters: {}, sorts: ['createdAt'], sort: 'createdAt', order: 'asc' });
export const passkeyParams = z.strictObject({ passkeyId: uuidParam });
export const passkeyRegisterBody = z.strictObject({ name: passkeyName, response: registrationResponse });
export const passkeyRenameBody = z.strictObject({ name: passkeyName, version: recordVersion });
export const passkeyAssertionBody = z.strictObject({ response: authenticationResponse });

/** Step-up: the password again, or a passkey's signed challenge (exactly one of them). */
export const stepUpBody = z.strictObject({
  password: z.string().min(1, { message: 'enter your password' }).max(256).optional(),
  passkey: authenticationResponse.optional(),
});

const tag = 'passkeys';

/** Passkeys, passwordless sign-in, the passkey as a second sign-in step, and step-up. */
export const passkeyApi = {
  list: apiRoute({ method: 'GET', path: '/auth/passkeys', access: 'session', tag, summary: 'Your passkeys', query: passkeyListQuery, reply: listOf(passkeySummary) }),
  registrationOptions: apiRoute({
    method: 'POST',
    path: '/auth/passkeys/options',
    access: 'session',
    tag,
    summary: 'Start adding a passkey (needs a recent step-up)',
    reply: registrationOptionsReply,
  }),
  register: apiRoute({
    method: 'POST',
    path: '/auth/passkeys',
    access: 'session',
    tag,
    summary: 'Add a passkey (needs a recent step-up)',
    body: passkeyRegisterBody,
    reply: passkeySummary,
    status: 201,
  }),
  rename: apiRoute({ method: 'PATCH', path: '/auth/passkeys/:passkeyId', access: 'session', tag, summary: 'Rename a passkey', params: passkeyParams, body: passkeyRenameBody, reply: passkeySummary }),
  remove: apiRoute({ method: 'DELETE', path: '/auth/passkeys/:passkeyId', access: 'session', tag, summary: 'Remove a passkey (needs a recent step-up)', params: passkeyParams, reply: okReply }),
  signInOptions: apiRoute({ method: 'POST', path: '/auth/passkey-sign-in/options', access: 'public', tag, summary: 'Start signing in with a passkey', reply: authenticationOptionsReply }),
  signIn: apiRoute({ method: 'POST', path: '/auth/passkey-sign-in', access: 'public', tag, summary: 'Sign in with a passkey (no password)', body: passkeyAssertionBody, reply: loginReply }),
  mfaOptions: apiRoute({
    method: 'POST',
    path: '/auth/mfa/passkey/options',
    access: 'mfa_pending',
    tag,
    summary: 'Second sign-in step: start using a passkey',
    reply: authenticationOptionsReply,
  }),
  mfaPasskey: apiRoute({ method: 'POST', path: '/auth/mfa/passkey', access: 'mfa_pending', tag, summary: 'Second sign-in step: a passkey', body: passkeyAssertionBody, reply: loginReply }),
  stepUpOptions: apiRoute({
    method: 'POST',
    path: '/auth/step-up/options',
    access: 'session',
    tag,
    summary: "Start confirming it's you with a passkey",
    reply: authenticationOptionsReply,
  }),
  stepUp: apiRoute({ method: 'POST', path: '/auth/step-up', access: 'session', tag, summary: "Confirm it's you (password or passkey) before a sensitive action", body: stepUpBody, reply: okReply }),
};
