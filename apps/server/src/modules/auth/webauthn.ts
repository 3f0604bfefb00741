import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { z } from 'zod';
import type { authenticationResponse, registrationResponse } from '@custodian/shared/contracts/passkeys.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { Config } from '../../config.ts';
import { sha256Hex } from '../../lib/crypto.ts';

/** How long a browser has to answer a WebAuthn challenge (the challenge row lives as long). */
export const challengeMinutes = 5;
const timeoutMs = challengeMinutes * 60_000;

/** The relying party is the configured public address: its host name is the RP ID, its origin the one expected. */
export function relyingParty(config: Config): { id: string; origin: string; name: string } {
  const url = new URL(config.publicUrl);
  return { id: url.hostname, origin: url.origin, name: 'Custodian' };
}

const knownTransports = new Set<string>(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/** Transports as stored (comma-separated) to the list WebAuthn takes. */
export function toTransports(stored: string): AuthenticatorTransport[] {
  return stored.split(',').filter((t) => knownTransports.has(t)) as AuthenticatorTransport[];
}

/** Registration options: a discoverable credential (for passwordless sign-in) with user verification. */
export async function registrationOptions(config: Config, user: { id: string; email: string; name: string }, existing: Array<{ credential_id: string; transports: string }>) {
  const rp = relyingParty(config);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    timeout: timeoutMs,
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: toTransports(p.transports) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  return {
    challenge: options.challenge,
    rp: { name: rp.name, id: rp.id },
    user: options.user,
    pubKeyCredParams: options.pubKeyCredParams.map((p) => ({ alg: p.alg, type: 'public-key' as const })),
    timeout: options.timeout ?? timeoutMs,
    attestation: 'none' as const,
    excludeCredentials: (options.excludeCredentials ?? []).map(descriptor),
    authenticatorSelection: { residentKey: 'required' as const, userVerification: 'required' as const, requireResidentKey: true },
    extensions: { credProps: true },
    hints: [],
  };
}

function descriptor(credential: { id: string; transports?: string[] | undefined }) {
  return { id: credential.id, type: 'public-key' as const, ...(credential.transports ? { transports: credential.transports } : {}) };
}

/** Authentication options; without `allowed`, the browser offers any passkey it holds for this site. */
export async function authenticationOptions(config: Config, allowed?: Array<{ credential_id: string; transports: string }>) {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(config).id,
    userVerification: 'required',
    timeout: timeoutMs,
    ...(allowed ? { allowCredentials: allowed.map((p) => ({ id: p.credential_id, transports: toTransports(p.transports) })) } : {}),
  });
  return {
    challenge: options.challenge,
    rpId: relyingParty(config).id,
    timeout: options.timeout ?? timeoutMs,
    userVerification: 'required' as const,
    ...(options.allowCredentials ? { allowCredentials: options.allowCredentials.map(descriptor) } : {}),
  };
}

/** The hash a challenge is stored under. */
export function challengeHash(challenge: string): string {
  return sha256Hex(challenge);
}

const notUnderstood = () => new AppError('bad_request', 'The passkey answer could not be read. Try again.');

/** The challenge a browser's answer claims to sign (read from its client data; checked by the verification). */
export function challengeOf(response: { response: { clientDataJSON: string } }): string {
  try {
    const clientData = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    if (typeof clientData.challenge !== 'string' || clientData.challenge.length === 0 || clientData.challenge.length > 200) throw notUnderstood();
    return clientData.challenge;
  } catch {
    throw notUnderstood();
  }
}

/** Checks a new passkey's attestation against the challenge; returns what to store, or null if it fails. */
export async function verifyNewPasskey(config: Config, response: z.output<typeof registrationResponse>, challenge: string) {
  const rp = relyingParty(config);
  try {
    const result = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
    if (!result.verified) return null;
    const { credential } = result.registrationInfo;
    return {
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: (response.response.transports ?? []).filter((t) => knownTransports.has(t)).join(','),
    };
  } catch {
    return null;
  }
}

/** Checks a passkey's signature over the challenge (user verification required); the new counter, or null. */
export async function verifyPasskeyAssertion(
  config: Config,
  response: z.output<typeof authenticationResponse>,
  challenge: string,
  stored: { credential_id: string; public_key: string; counter: string; transports: string },
): Promise<{ newCounter: number } | null> {
  const rp = relyingParty(config);
  try {
    const result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: {
        id: stored.credential_id,
        publicKey: new Uint8Array(Buffer.from(stored.public_key, 'base64url')),
        counter: Number(stored.counter),
        transports: toTransports(stored.transports),
      },
    });
    return result.verified ? { newCounter: result.authenticationInfo.newCounter } : null;
  } catch {
    return null;
  }
}
